"""The team calendar: a month of everyone's leave and of the staff's travel the
TEAM_EVENTS hook gives (the missions app registers every participant there; the team app
never imports it and keeps the events of its staff under contract), missions with their
own label; constant queries."""

import datetime as dt

import pytest
from django.urls import reverse

from maillage.core import hooks
from maillage.core.hooks import TeamEvent
from maillage.team.models import LeaveStatus
from maillage.team.selectors.staff import team_calendar
from tests.factories import PersonFactory, UserFactory
from tests.querycount import assert_constant_queries
from tests.team.factories import LeaveFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def travel():
    """Register TEAM_EVENTS events as the missions app does; yields the list to fill."""
    given: list[TeamEvent] = []

    def events(viewer, since, until):
        return list(given)

    hooks.register(hooks.TEAM_EVENTS)(events)
    yield given
    hooks._HOOKS[hooks.TEAM_EVENTS][:] = [
        entry for entry in hooks._HOOKS[hooks.TEAM_EVENTS] if entry[1] is not events
    ]


def trip(*, person_id=None, user_id=None, start=dt.date(2026, 9, 14), end=dt.date(2026, 9, 18)):
    return TeamEvent(
        uid=f"mission-7-{person_id}-{user_id}@maillage",
        kind="mission",
        label="Mission",
        title="Mission technique à Oujda",
        start=start,
        end=end,
        person_id=person_id,
        user_id=user_id,
        url="/missions/7/",
    )


def test_the_month_shows_leave_and_missions_with_their_own_label(officer, travel):
    LeaveFactory(start_on=dt.date(2026, 8, 28), end_on=dt.date(2026, 9, 4))
    LeaveFactory(start_on=dt.date(2026, 10, 1), end_on=dt.date(2026, 10, 2))  # next month
    colleague = StaffMemberFactory(person=PersonFactory(first_name="Aïcha", last_name="Benali"))
    travel.append(trip(person_id=colleague.person_id))
    context = team_calendar(user=officer, month=dt.date(2026, 9, 1))
    kinds = [(row.kind, str(row.label), row.start) for row in context["rows"]]
    assert kinds == [
        ("leave", "Congé", dt.date(2026, 8, 28)),
        ("mission", "Mission", dt.date(2026, 9, 14)),
    ]
    mission = context["rows"][1]
    # The event's end is the return day, included.
    assert mission.end == dt.date(2026, 9, 18)
    assert mission.title == f"{colleague.person} — Mission technique à Oujda"


def test_only_staff_under_contract_travel_on_the_team_calendar(officer, travel):
    outsider = PersonFactory()  # a participant who is not on the team
    former = StaffMemberFactory(end_on=dt.date(2026, 8, 31))  # left before the trip
    by_account = StaffMemberFactory(user=UserFactory())  # named by its user account
    travel.extend(
        [
            trip(person_id=outsider.pk),
            trip(person_id=former.person_id),
            trip(user_id=by_account.user_id),
            trip(person_id=by_account.person_id),  # the same person twice: one row
            trip(
                person_id=by_account.person_id, start=dt.date(2026, 10, 5), end=dt.date(2026, 10, 9)
            ),
        ]
    )
    rows = team_calendar(user=officer, month=dt.date(2026, 9, 1))["rows"]
    assert [row.title for row in rows] == [f"{by_account.person} — Mission technique à Oujda"]


def test_refused_leave_leaves_the_calendar(officer):
    LeaveFactory(
        start_on=dt.date(2026, 9, 2), end_on=dt.date(2026, 9, 4), status=LeaveStatus.REFUSED
    )
    assert team_calendar(user=officer, month=dt.date(2026, 9, 1))["rows"] == []


def test_the_calendar_page_labels_missions(client, officer, travel):
    LeaveFactory(start_on=dt.date(2026, 9, 7), end_on=dt.date(2026, 9, 11))
    travel.append(trip(person_id=StaffMemberFactory().person_id))
    client.force_login(officer)
    response = client.get(reverse("team:calendar"), {"month": "2026-09"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mission technique à Oujda" in html
    assert 'href="/missions/7/"' in html
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
