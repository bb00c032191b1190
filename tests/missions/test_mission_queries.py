"""The mission pages and API answer with as many queries however many rows a mission or
the list holds: the detail page (participants with checklists, legs, agenda, contacts,
budget, follow-ups), the checklist page, the pre-departure sheet, the API list with its
nested rows, and a partner's view of a mission with hidden people."""

import datetime as dt

import pytest
from django.urls import reverse

from maillage.missions.services.mission_rows import MissionParticipantService
from tests.factories import PersonFactory
from tests.missions.factories_missions import (
    AgendaItemFactory,
    EmergencyContactFactory,
    ItineraryLegFactory,
    MissionCostFactory,
    MissionFactory,
    MissionParticipantFactory,
)
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


def _grow(mission, officer):
    def grow(n):
        for i in range(n):
            MissionParticipantService.create(
                data={"mission": mission, "person": PersonFactory()}, by=officer
            )
            ItineraryLegFactory(mission=mission, reference=f"AT {i}").save()
            AgendaItemFactory(mission=mission)
            EmergencyContactFactory(mission=mission)
            MissionCostFactory(mission=mission)

    return grow


def test_the_mission_page_makes_as_many_queries_with_many_rows(client, officer):
    mission = MissionFactory()
    client.force_login(officer)
    assert_constant_queries(client, mission.get_absolute_url(), grow=_grow(mission, officer))


def test_a_partners_mission_page_makes_as_many_queries_with_many_people(
    client, partner, partner_project, officer
):
    mission = MissionFactory(projects=[partner_project])
    client.force_login(partner)
    assert_constant_queries(client, mission.get_absolute_url(), grow=_grow(mission, officer))


def test_the_sheet_makes_as_many_queries_with_a_long_itinerary(client, officer):
    mission = MissionFactory()
    participant = MissionParticipantService.create(
        data={"mission": mission, "person": PersonFactory()}, by=officer
    )
    client.force_login(officer)
    url = reverse("missions:participant_sheet", args=[mission.pk, participant.pk])
    assert_constant_queries(client, url, grow=_grow(mission, officer))


def test_the_checklist_page_makes_a_fixed_number_of_queries(client, officer):
    mission = MissionFactory()
    participant = MissionParticipantService.create(
        data={"mission": mission, "person": PersonFactory()}, by=officer
    )
    client.force_login(officer)
    url = reverse("missions:participant_checklist", args=[mission.pk, participant.pk])
    assert_constant_queries(client, url, grow=_grow(mission, officer))


def test_the_api_list_makes_as_many_queries_with_many_missions(client, officer):
    def grow(n):
        for i in range(n):
            mission = MissionFactory(
                departure_on=dt.date(2027, 1, 1) + dt.timedelta(days=10 * i),
                return_on=dt.date(2027, 1, 3) + dt.timedelta(days=10 * i),
            )
            MissionParticipantFactory(mission=mission)
            ItineraryLegFactory(mission=mission)
            AgendaItemFactory(mission=mission, starts_on=mission.departure_on)
            EmergencyContactFactory(mission=mission)

    client.force_login(officer)
    assert_constant_queries(client, "/api/missions", grow=grow)


def test_the_api_status_action_makes_a_fixed_number_of_queries(client, officer):
    mission = MissionFactory()
    client.force_login(officer)
    assert_constant_queries(
        client,
        f"/api/missions/{mission.pk}/status",
        grow=_grow(mission, officer),
        method="post",
        data={"status": "done"},
        status=400,
        content_type="application/json",
    )
