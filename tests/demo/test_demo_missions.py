"""The demo's missions (missions.toml): the Lille delegation to Oujda with full
logistics, Oujda's delegation to Lille with a trainer still without his visa, a past
mission whose report left commitments, a red-zone mission waiting for the approver; and
the pre-departure sheet of a demo participant (must-show 3)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from maillage.accounts.models import User
from maillage.demo.build import create_users, link_users_to_people
from maillage.demo.build_actors import build_actors
from maillage.demo.build_missions import build_missions
from maillage.demo.build_partnerships import build_partnerships
from maillage.demo.build_projects import build_projects
from maillage.demo.dataset import load_dataset
from maillage.missions.models import Mission, MissionCost, MissionStatus, PerDiemRate
from maillage.missions.selectors.missions import missing_visas, participants_of
from maillage.missions.services.missions import MissionService
from tests.demo.partial import partial_demo

pytestmark = pytest.mark.django_db
DATA = load_dataset()


def _build() -> tuple[dict[str, User], dict[str, int]]:
    users = create_users(DATA)
    actors = build_actors(DATA, users)
    link_users_to_people(DATA, users, actors)
    projects, _counts = build_projects(DATA, users, actors)
    build_partnerships(DATA, users, actors, projects)
    counts = build_missions(DATA, users, actors, projects)
    return users, counts


_demo, demo = partial_demo(_build)


def test_the_demo_has_four_missions_and_the_rate_table(demo):
    _users, counts = demo
    assert counts == {"missions": 4, "participants": 8, "legs": 8}
    assert set(PerDiemRate.objects.values_list("country", flat=True)) == {"MA", "SN", "FR", "ML"}


def test_the_lille_delegation_to_oujda_is_confirmed_with_its_per_diem_from_the_table(demo):
    mission = Mission.objects.get(direction="outgoing", status=MissionStatus.CONFIRMED)
    per_diem = MissionCost.objects.get(mission=mission, kind="per_diem")
    assert per_diem.rate.country == "MA" and str(per_diem.amount) == "1425.00"  # 15 × 95
    assert mission.legs.count() == 4 and mission.emergency_contacts.count() == 3


def test_one_participant_of_the_oujda_delegation_is_missing_a_visa(demo):
    mission = Mission.objects.get(direction="incoming")
    assert [str(p) for p in missing_visas(participants_of(mission))] == ["Mustapha Rifi"]


def test_the_past_missions_report_left_commitments(demo):
    mission = Mission.objects.get(status=MissionStatus.DONE)
    assert mission.follow_ups.filter(commitment__isnull=False).count() == 2
    assert mission.follow_ups.get(kind="action").action_item.owner_user.username == "youssef"


def test_the_red_zone_mission_waits_for_the_approver_and_cannot_be_confirmed(demo):
    users, _counts = demo
    mission = Mission.objects.get(risk_level="red")
    assert mission.status == MissionStatus.APPROVAL_REQUESTED
    with pytest.raises(ValidationError) as refused:
        MissionService.move(mission=mission, to="confirmed", by=users["camille"])
    assert "status" in refused.value.message_dict


def test_the_oujda_partner_sees_the_delegations_of_its_projects_not_the_network_one(demo, client):
    users, _counts = demo
    seen = set(Mission.objects.visible_to(users["oujda"]).values_list("city", flat=True))
    assert seen == {"Oujda", "Lille"}
    hidden = Mission.objects.get(risk_level="red")
    client.force_login(users["oujda"])
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_the_pre_departure_sheet_of_a_demo_participant_holds_itinerary_and_contacts(demo, client):
    users, _counts = demo
    mission = Mission.objects.get(direction="outgoing", status=MissionStatus.CONFIRMED)
    participant = next(p for p in participants_of(mission) if "Verhaeghe" in str(p))
    client.force_login(users["youssef"])
    response = client.get(reverse("missions:participant_sheet", args=[mission.pk, participant.pk]))
    assert response.status_code == 200
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Martine Verhaeghe" in text
    assert "Aéroport Paris-Charles-de-Gaulle -> Aéroport Oujda-Angads" in text
    assert "12/10/2026 10:35 (Europe/Paris" in text
    assert "12/10/2026 12:30 (Africa/Casablanca" in text
    assert "Consulat général de France à Fès" in text and "+212 5 35 94 94 00" in text
    assert "Salma El Idrissi" in text
