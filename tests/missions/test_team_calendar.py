"""The team calendar shows every staff member's missions, not only the viewer's: the
missions app gives each participant of the missions the viewer may see through the
TEAM_EVENTS hook, and the page's queries do not grow with the missions."""

import datetime as dt

import pytest
from django.urls import reverse

from maillage.core import hooks
from maillage.missions.models import MissionStatus
from tests.factories import PersonFactory
from tests.missions.factories_missions import MissionFactory, MissionParticipantFactory
from tests.querycount import assert_constant_queries
from tests.team.factories import StaffMemberFactory

pytestmark = pytest.mark.django_db

MONTH = {"month": "2026-10"}


@pytest.fixture
def colleague_on_mission(partner_project):
    """A staff member on a mission of a project the `partner` fixture is not a member
    of, and another on a mission of the partner's project."""
    colleague = StaffMemberFactory(
        person=PersonFactory(first_name="Aïcha", last_name="Benali"), post="Chargée Maroc"
    )
    hidden = MissionFactory(title="Mission eau à Oujda")
    MissionParticipantFactory(mission=hidden, person=colleague.person)
    shared = MissionFactory(
        title="Mission partagée à Nador",
        departure_on=dt.date(2026, 10, 20),
        return_on=dt.date(2026, 10, 22),
        projects=[partner_project],
    )
    MissionParticipantFactory(mission=shared, person=colleague.person)
    return colleague, hidden, shared


@pytest.mark.parametrize("role", ["officer", "viewer", "admin_user"])
def test_a_colleagues_mission_is_on_the_team_calendar(client, request, role, colleague_on_mission):
    colleague, hidden, _shared = colleague_on_mission
    client.force_login(request.getfixturevalue(role))  # not a participant
    response = client.get(reverse("team:calendar"), MONTH)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{colleague.person} — Mission eau à Oujda" in html
    assert hidden.get_absolute_url() in html
    assert "Mission partagée à Nador" in html


def test_a_cancelled_mission_and_one_of_another_month_are_not_on_it(
    client, officer, colleague_on_mission
):
    _colleague, hidden, shared = colleague_on_mission
    hidden.status = MissionStatus.CANCELLED
    hidden.save()
    shared.departure_on, shared.return_on = dt.date(2026, 11, 2), dt.date(2026, 11, 5)
    shared.save()
    client.force_login(officer)
    html = client.get(reverse("team:calendar"), MONTH).content.decode()
    assert "Mission eau à Oujda" not in html
    assert "Mission partagée à Nador" not in html


def test_a_partner_gets_no_mission_it_may_not_see(client, partner, colleague_on_mission):
    _colleague, _hidden, shared = colleague_on_mission
    events = hooks.collect(hooks.TEAM_EVENTS, partner, dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    # Only the mission of its project; the other never leaves the missions app.
    assert {event.title for event in events} == {"Mission partagée à Nador"}
    assert {event.url for event in events} == {shared.get_absolute_url()}
    # The team calendar itself is internal.
    client.force_login(partner)
    response = client.get(reverse("team:calendar"), MONTH)
    assert response.status_code == 403
    assert b"Oujda" not in response.content


def test_the_team_calendar_makes_as_many_queries_with_many_missions(client, officer):
    client.force_login(officer)

    def grow(n):
        for i in range(n):
            mission = MissionFactory(
                departure_on=dt.date(2026, 10, 1) + dt.timedelta(days=i % 25),
                return_on=dt.date(2026, 10, 28),
            )
            MissionParticipantFactory(mission=mission, person=StaffMemberFactory().person)
            MissionParticipantFactory(mission=mission)  # not on the team

    count = assert_constant_queries(client, reverse("team:calendar"), grow=grow, data=MONTH)
    response = client.get(reverse("team:calendar"), MONTH)
    assert response.content.decode().count('class="badge badge-done"') == 20
    assert count < 20
