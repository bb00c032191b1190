"""Missions (G1): the rules, each named as a sentence — dates, passports, overlapping
missions, per-diem from the rate table, the approval of orange and red zones (page and
API), follow-ups landing as commitments, the pre-departure sheet and who sees what."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from maillage.missions.models import (
    ChecklistEntry,
    ChecklistKind,
    Mission,
    MissionApproval,
    MissionStatus,
)
from maillage.missions.services.mission_rows import (
    MissionCostService,
    MissionFollowUpService,
    MissionParticipantService,
)
from maillage.missions.services.missions import MissionService
from maillage.partnerships.models import Commitment
from tests.factories import OrganisationFactory, PersonFactory, UserFactory
from tests.missions.factories_missions import (
    START,
    EmergencyContactFactory,
    ItineraryLegFactory,
    MissionApproverFactory,
    MissionFactory,
    MissionParticipantFactory,
    PerDiemRateFactory,
)

pytestmark = pytest.mark.django_db


def _mission_data(**extra):
    return {
        "title": "Délégation à Oujda",
        "direction": "outgoing",
        "departure_on": START,
        "return_on": START + dt.timedelta(days=4),
        "country": "MA",
        "city": "Oujda",
        "timezone": "Africa/Casablanca",
        **extra,
    }


def _red_mission(officer, **extra):
    mission = MissionService.create(
        data=_mission_data(
            risk_level="red",
            risk_assessed_on=dt.date(2026, 8, 20),
            risk_source="France Diplomatie – Conseils aux voyageurs",
            **extra,
        ),
        by=officer,
    )
    MissionService.move(mission=mission, to="planned", by=officer)
    return mission


# -- bad input -----------------------------------------------------------------------


def test_a_return_before_the_departure_is_refused_naming_the_return_date(officer):
    with pytest.raises(ValidationError) as refused:
        MissionService.create(
            data=_mission_data(return_on=START - dt.timedelta(days=1)), by=officer
        )
    assert "return_on" in refused.value.message_dict


def test_a_return_before_the_departure_is_a_400_naming_the_field_in_the_api(client, officer):
    client.force_login(officer)
    body = {**_mission_data(return_on=START - dt.timedelta(days=1))}
    body = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in body.items()}
    response = client.post("/api/missions", body, content_type="application/json")
    assert response.status_code == 400
    assert "return_on" in response.json()


def test_a_passport_expiring_before_the_return_is_refused_naming_the_field(officer):
    mission = MissionFactory()
    with pytest.raises(ValidationError) as refused:
        MissionParticipantService.create(
            data={
                "mission": mission,
                "person": PersonFactory(),
                "role": "elected",
                "passport_expires_on": mission.return_on - dt.timedelta(days=1),
            },
            by=officer,
        )
    assert "passport_expires_on" in refused.value.message_dict


def test_a_participant_on_two_overlapping_missions_is_refused_naming_the_person(officer):
    person = PersonFactory()
    first = MissionFactory()
    MissionParticipantService.create(data={"mission": first, "person": person}, by=officer)
    second = MissionFactory(
        departure_on=first.return_on, return_on=first.return_on + dt.timedelta(days=3)
    )
    with pytest.raises(ValidationError) as refused:
        MissionParticipantService.create(data={"mission": second, "person": person}, by=officer)
    assert "person" in refused.value.message_dict
    later = MissionFactory(
        departure_on=first.return_on + dt.timedelta(days=1),
        return_on=first.return_on + dt.timedelta(days=3),
    )
    MissionParticipantService.create(data={"mission": later, "person": person}, by=officer)


def test_a_participant_of_a_cancelled_mission_may_travel_elsewhere_meanwhile(officer):
    person = PersonFactory()
    first = MissionFactory(status=MissionStatus.CANCELLED)
    MissionParticipantFactory(mission=first, person=person)
    MissionParticipantService.create(
        data={"mission": MissionFactory(), "person": person}, by=officer
    )


def test_moving_the_return_past_a_participants_passport_is_refused(officer):
    mission = MissionFactory()
    MissionParticipantFactory(mission=mission, passport_expires_on=mission.return_on)
    with pytest.raises(ValidationError) as refused:
        MissionService.update(
            obj=mission, data={"return_on": mission.return_on + dt.timedelta(days=2)}, by=officer
        )
    assert "return_on" in refused.value.message_dict


def test_a_new_participant_gets_the_whole_logistics_checklist(officer):
    participant = MissionParticipantService.create(
        data={"mission": MissionFactory(), "person": PersonFactory()}, by=officer
    )
    kinds = set(
        ChecklistEntry.objects.filter(participant=participant).values_list("kind", flat=True)
    )
    assert kinds == set(ChecklistKind.values)


def test_a_missing_visa_is_shown_prominently_on_the_mission_page(client, officer):
    participant = MissionParticipantService.create(
        data={"mission": MissionFactory(), "person": PersonFactory(last_name="Sansvisa")},
        by=officer,
    )
    client.force_login(officer)
    page = client.get(participant.mission.get_absolute_url()).content.decode()
    assert 'role="alert"' in page and "Visa manquant" in page and "Sansvisa" in page


# -- the budget ------------------------------------------------------------------------


def test_a_per_diem_line_takes_the_countrys_rate_valid_on_the_departure(officer):
    mission = MissionFactory()  # 4 nights: 5 days
    PerDiemRateFactory(country="MA", amount=Decimal("80.00"), valid_from=dt.date(2020, 1, 1))
    PerDiemRateFactory(country="MA", amount=Decimal("95.50"), valid_from=dt.date(2026, 1, 1))
    PerDiemRateFactory(country="MA", amount=Decimal("120"), valid_from=dt.date(2027, 1, 1))
    line = MissionCostService.create(data={"mission": mission, "kind": "per_diem"}, by=officer)
    assert line.unit_amount == Decimal("95.50")
    assert line.quantity == Decimal(5)
    assert line.amount == Decimal("477.50")


def test_a_per_diem_line_without_a_rate_asks_for_the_amount(officer):
    with pytest.raises(ValidationError) as refused:
        MissionCostService.create(
            data={"mission": MissionFactory(country="SN"), "kind": "per_diem"}, by=officer
        )
    assert "unit_amount" in refused.value.message_dict


def test_amounts_are_rounded_by_the_currency(officer):
    line = MissionCostService.create(
        data={
            "mission": MissionFactory(),
            "kind": "lodging",
            "quantity": Decimal("3"),
            "unit_amount": Decimal("333.33"),
            "currency": "XOF",
        },
        by=officer,
    )
    assert line.amount == Decimal("1000")


def test_only_administrators_write_the_per_diem_rates(client, officer, admin_user):
    data = {"country": "SN", "amount": "70", "currency": "EUR", "valid_from": "2026-01-01"}
    client.force_login(officer)
    assert client.post(reverse("missions:perdiemrate_create"), data).status_code == 403
    client.force_login(admin_user)
    assert client.post(reverse("missions:perdiemrate_create"), data).status_code == 302


# -- approval (must-show 4) ------------------------------------------------------------


def test_a_mission_to_a_red_zone_cannot_be_confirmed_without_approval(officer):
    mission = _red_mission(officer)
    with pytest.raises(ValidationError) as refused:
        MissionService.move(mission=mission, to="confirmed", by=officer)
    assert "status" in refused.value.message_dict
    mission.refresh_from_db()
    assert mission.status == MissionStatus.PLANNED


def test_a_red_zone_mission_is_refused_confirmation_on_the_page(client, officer):
    mission = _red_mission(officer)
    client.force_login(officer)
    url = reverse("missions:mission_status", args=[mission.pk])
    response = client.post(url, {"status": "confirmed"})
    assert response.status_code == 422
    assert "approbat" in response.content.decode()  # approbateur / approbation
    mission.refresh_from_db()
    assert mission.status == MissionStatus.PLANNED


def test_a_red_zone_mission_is_refused_confirmation_in_the_api(client, officer):
    mission = _red_mission(officer)
    client.force_login(officer)
    response = client.post(
        f"/api/missions/{mission.pk}/status",
        {"status": "confirmed"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "status" in response.json()
    mission.refresh_from_db()
    assert mission.status == MissionStatus.PLANNED


def test_an_approver_approves_then_the_mission_is_confirmed_with_the_reason_in_history(
    client, officer
):
    approver = MissionApproverFactory().user
    mission = _red_mission(officer)
    MissionService.move(mission=mission, to="approval_requested", by=officer)
    client.force_login(approver)
    response = client.post(
        f"/api/missions/{mission.pk}/approval",
        {"decision": "approved", "reason": "Escorte assurée par la wilaya"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "approved"
    MissionService.move(mission=mission, to="confirmed", by=officer)
    reasons = list(mission.history.values_list("history_change_reason", flat=True))
    assert any("Escorte assurée par la wilaya" in (r or "") for r in reasons)
    assert MissionApproval.objects.get(mission=mission).decided_by == approver


def test_someone_not_designated_approver_cannot_approve(client, officer, admin_user):
    mission = _red_mission(officer)
    MissionService.move(mission=mission, to="approval_requested", by=officer)
    for user in (officer, admin_user):  # even an administrator must be designated
        client.force_login(user)
        url = reverse("missions:mission_approval", args=[mission.pk])
        response = client.post(url, {"decision": "approved", "reason": "OK"})
        assert response.status_code == 422
    assert not MissionApproval.objects.exists()


def test_a_refusal_sends_the_mission_back_to_planned(officer):
    approver = MissionApproverFactory().user
    mission = _red_mission(officer)
    MissionService.move(mission=mission, to="approval_requested", by=officer)
    MissionService.decide_approval(
        mission=mission, decision="refused", reason="Zone rouge", by=approver
    )
    mission.refresh_from_db()
    assert mission.status == MissionStatus.PLANNED
    with pytest.raises(ValidationError):
        MissionService.move(mission=mission, to="confirmed", by=officer)


def test_an_approval_for_orange_does_not_cover_a_zone_raised_to_red(officer):
    approver = MissionApproverFactory().user
    mission = _red_mission(officer)
    Mission.objects.filter(pk=mission.pk).update(risk_level="orange")
    mission.refresh_from_db()
    MissionService.move(mission=mission, to="approval_requested", by=officer)
    MissionService.decide_approval(mission=mission, decision="approved", reason="OK", by=approver)
    Mission.objects.filter(pk=mission.pk).update(risk_level="red")
    mission.refresh_from_db()
    with pytest.raises(ValidationError):
        MissionService.move(mission=mission, to="confirmed", by=officer)


def test_a_green_zone_mission_is_confirmed_directly(officer):
    mission = MissionService.create(data=_mission_data(), by=officer)
    MissionService.move(mission=mission, to="planned", by=officer)
    MissionService.move(mission=mission, to="confirmed", by=officer)
    assert mission.status == MissionStatus.CONFIRMED


def test_the_status_is_not_written_through_the_edit_doors(client, officer):
    mission = MissionService.create(data=_mission_data(), by=officer)
    MissionService.update(obj=mission, data={"status": "confirmed"}, by=officer)
    mission.refresh_from_db()
    assert mission.status == MissionStatus.DRAFT


# -- follow-ups ------------------------------------------------------------------------


def test_a_commitment_of_the_report_lands_in_the_partnerships_commitments(officer):
    mission = MissionFactory()
    party = OrganisationFactory(name="Commune d'Oujda")
    follow_up = MissionFollowUpService.create(
        data={
            "mission": mission,
            "kind": "commitment",
            "text": "Transmettre le plan de la station",
            "party": party,
            "due_on": dt.date(2026, 12, 1),
        },
        by=officer,
    )
    commitment = Commitment.objects.get()
    assert follow_up.commitment == commitment
    assert commitment.party == party and commitment.due_on == dt.date(2026, 12, 1)
    MissionFollowUpService.update(obj=follow_up, data={"due_on": dt.date(2027, 1, 15)}, by=officer)
    commitment.refresh_from_db()
    assert commitment.due_on == dt.date(2027, 1, 15)


def test_a_commitment_follow_up_needs_its_party(officer):
    with pytest.raises(ValidationError) as refused:
        MissionFollowUpService.create(
            data={"mission": MissionFactory(), "kind": "commitment", "text": "X"}, by=officer
        )
    assert "party" in refused.value.message_dict


# -- the pre-departure sheet (must-show 3) ----------------------------------------------


def test_the_pre_departure_sheet_holds_the_itinerary_and_the_emergency_contacts(client, officer):
    mission = MissionFactory(risk_level="yellow", risk_assessed_on=dt.date(2026, 8, 20))
    participant = MissionParticipantService.create(
        data={"mission": mission, "person": PersonFactory(first_name="Anne", last_name="Roux")},
        by=officer,
    )
    ItineraryLegFactory(mission=mission).full_clean()
    for leg in mission.legs.all():
        leg.full_clean()
        leg.save()
    EmergencyContactFactory(mission=mission)
    client.force_login(officer)
    response = client.get(reverse("missions:participant_sheet", args=[mission.pk, participant.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Lille -> Oujda" in text
    assert "07:30" in text and "Europe/Paris" in text
    assert "11:45" in text and "Africa/Casablanca" in text
    assert "Consulat général de France à Fès" in text and "+212 5 35 94 94 00" in text
    assert "Roux" in text


# -- access ------------------------------------------------------------------------------


def test_a_partner_sees_only_missions_it_takes_part_in_or_of_its_projects(
    client, partner, partner_project, other_project
):
    own_project = MissionFactory(title="Mission du projet", projects=[partner_project])
    person = PersonFactory(user=partner)
    taking_part = MissionFactory(
        title="Mission avec le partenaire",
        departure_on=dt.date(2027, 3, 1),
        return_on=dt.date(2027, 3, 5),
    )
    MissionParticipantFactory(mission=taking_part, person=person)
    as_user = MissionFactory(title="Mission du compte", projects=[other_project])
    MissionParticipantFactory(mission=as_user, person=None, user=partner)
    hidden = MissionFactory(title="Mission interne", projects=[other_project])
    assert set(Mission.objects.visible_to(partner)) == {own_project, taking_part, as_user}
    client.force_login(partner)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(f"/api/missions/{hidden.pk}").status_code == 404
    assert client.get(own_project.get_absolute_url()).status_code == 200
    listing = client.get(reverse("missions:mission_list")).content.decode()
    assert "Mission interne" not in listing


def test_a_partner_does_not_move_a_mission_it_sees(client, partner, partner_project):
    mission = MissionFactory(projects=[partner_project])
    client.force_login(partner)
    response = client.post(
        f"/api/missions/{mission.pk}/status", {"status": "planned"}, content_type="application/json"
    )
    assert response.status_code == 403


# -- calendar ----------------------------------------------------------------------------


def _mission_events(user):
    from maillage.core import hooks

    events = hooks.collect(hooks.CALENDAR_EVENTS, user, START)
    return [e for e in events if e.uid.startswith("mission-")]


def test_a_participants_missions_are_in_their_calendar_events(officer):
    mission = MissionFactory()
    MissionParticipantFactory(mission=mission, person=None, user=officer)
    events = _mission_events(officer)
    assert [(e.start, e.end) for e in events] == [
        (mission.departure_on, mission.return_on + dt.timedelta(days=1))
    ]
    assert events[0].categories == ("Mission",)
    assert not _mission_events(UserFactory(role="officer"))


def test_an_action_of_the_report_lands_on_its_owners_action_items(officer):
    from maillage.missions.models import ActionItem

    mission = MissionFactory()
    follow_up = MissionFollowUpService.create(
        data={
            "mission": mission,
            "kind": "action",
            "text": "Relancer le consulat pour les visas",
            "owner": officer,
            "due_on": dt.date(2026, 11, 2),
        },
        by=officer,
    )
    item = ActionItem.objects.get()
    assert follow_up.action_item == item
    assert (item.owner_user, item.due_on, item.mission) == (officer, dt.date(2026, 11, 2), mission)


def test_an_action_follow_up_needs_its_owner(officer):
    with pytest.raises(ValidationError) as refused:
        MissionFollowUpService.create(
            data={"mission": MissionFactory(), "kind": "action", "text": "X"}, by=officer
        )
    assert "owner" in refused.value.message_dict
