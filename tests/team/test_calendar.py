"""The team calendar: a month of everyone's leave and of the missions the
CALENDAR_EVENTS hook gives (the missions app registers them there; the team app never
imports it), missions with their own label; constant queries."""

import datetime as dt

import pytest
from django.urls import reverse

from maillage.core import hooks
from maillage.core.hooks import CalendarEvent
from maillage.team.models import LeaveStatus
from maillage.team.selectors.staff import team_calendar
from tests.querycount import assert_constant_queries
from tests.team.factories import LeaveFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def missions():
    """A mission as the missions app registers it, and an event of another kind."""

    def events(user, since):
        return [
            CalendarEvent(
                uid="mission-7@maillage",
                title="Mission technique à Oujda",
                start=dt.date(2026, 9, 14),
                end=dt.date(2026, 9, 19),
                url="/missions/7/",
                categories=("Mission",),
            ),
            CalendarEvent(uid="call-3@maillage", title="Date limite", start=dt.date(2026, 9, 20)),
        ]

    hooks.register(hooks.CALENDAR_EVENTS)(events)
    yield
    hooks._HOOKS[hooks.CALENDAR_EVENTS][:] = [
        entry for entry in hooks._HOOKS[hooks.CALENDAR_EVENTS] if entry[1] is not events
    ]


def test_the_month_shows_leave_and_missions_with_their_own_label(officer, missions):
    LeaveFactory(start_on=dt.date(2026, 8, 28), end_on=dt.date(2026, 9, 4))
    LeaveFactory(start_on=dt.date(2026, 10, 1), end_on=dt.date(2026, 10, 2))  # next month
    context = team_calendar(user=officer, month=dt.date(2026, 9, 1))
    kinds = [(row.kind, str(row.label), row.start) for row in context["rows"]]
    assert kinds == [
        ("leave", "Congé", dt.date(2026, 8, 28)),
        ("mission", "Mission", dt.date(2026, 9, 14)),
    ]
    mission = context["rows"][1]
    # An all-day event's end is exclusive: the mission's last day is the 18th.
    assert mission.end == dt.date(2026, 9, 18)


def test_refused_leave_leaves_the_calendar(officer):
    LeaveFactory(
        start_on=dt.date(2026, 9, 2), end_on=dt.date(2026, 9, 4), status=LeaveStatus.REFUSED
    )
    assert team_calendar(user=officer, month=dt.date(2026, 9, 1))["rows"] == []


def test_the_calendar_page_labels_missions(client, officer, missions):
    LeaveFactory(start_on=dt.date(2026, 9, 7), end_on=dt.date(2026, 9, 11))
    client.force_login(officer)
    response = client.get(reverse("team:calendar"), {"month": "2026-09"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mission technique à Oujda" in html
    assert "Date limite" not in html
    assert "septembre 2026" in html


def test_a_bad_month_falls_back_to_the_current_one(client, officer):
    client.force_login(officer)
    response = client.get(reverse("team:calendar"), {"month": "2026-13"})
    assert response.status_code == 200


def test_the_calendar_makes_as_many_queries_with_many_leaves(client, officer):
    client.force_login(officer)

    def grow(n):
        for i in range(n):
            LeaveFactory(
                staff=StaffMemberFactory(),
                start_on=dt.date(2026, 9, 1) + dt.timedelta(days=i % 20),
                end_on=dt.date(2026, 9, 25),
            )

    assert_constant_queries(client, reverse("team:calendar"), grow=grow, data={"month": "2026-09"})
