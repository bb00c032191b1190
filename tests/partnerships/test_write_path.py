"""One write path: the page, the API and a direct service call (what an import or a
command does) refuse with the same message and set off the same effects."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from maillage.accounts.models import Role
from maillage.core.dates import END_BEFORE_START
from maillage.core.services import error_dict, service_for
from maillage.partnerships.models import (
    Agreement,
    AgreementFile,
    AgreementParty,
    Amendment,
    Commitment,
    CouncilDecision,
    Partnership,
)
from maillage.partnerships.services import (
    CommitmentService,
    claim_reminder,
    send_commitment_reminders,
)
from tests.factories import OrganisationFactory, PersonFactory, UserFactory
from tests.partnerships.factories import (
    PDF,
    AgreementFactory,
    AgreementFileFactory,
    AgreementPartyFactory,
    AmendmentFactory,
    CommitmentFactory,
    CouncilDecisionFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 9, 1)
FOREIGN_IS_FRENCH = "La collectivité étrangère doit être différente de la collectivité française."


@pytest.fixture
def follower(db):
    return UserFactory(username="youssef", role=Role.OFFICER, language="en")


def _commitment_form(commitment, **changes):
    data = {
        "party": commitment.party_id,
        "text": commitment.text,
        "due_on": commitment.due_on.isoformat(),
        "status": commitment.status,
        "remind_days_before": commitment.remind_days_before,
        "follow_up_user": commitment.follow_up_user_id or "",
        "version": commitment.version,
    }
    return data | changes


def _change_commitment(client, door, commitment, **changes):
    """Change the commitment through the page or the API, as a user would."""
    if door == "page":
        url = reverse("partnerships:commitment_update", args=[commitment.pk])
        response = client.post(url, _commitment_form(commitment, **changes))
        assert response.status_code == 302, response.content.decode()[:2000]
    else:
        response = client.patch(f"/api/commitments/{commitment.pk}", changes, "application/json")
        assert response.status_code == 200, response.content.decode()[:2000]


# -- commitments: the reminder is re-armed whatever the door -----------------------------


@pytest.mark.parametrize("door", ["page", "api"])
def test_a_due_date_change_re_arms_the_reminder_through_the_page_and_the_api(
    client, officer, follower, door
):
    commitment = CommitmentFactory(
        follow_up_user=follower, due_on=dt.date(2026, 9, 11), remind_days_before=14
    )
    assert send_commitment_reminders(today=TODAY).emails == 1
    assert send_commitment_reminders(today=TODAY).emails == 0  # once only
    client.force_login(officer)

    _change_commitment(client, door, Commitment.objects.get(), due_on="2026-09-13")

    commitment.refresh_from_db()
    assert commitment.due_on == dt.date(2026, 9, 13)
    assert commitment.reminded_at is None
    again = send_commitment_reminders(today=TODAY)
    assert again.emails == 1
    assert [c.pk for c in again.commitments] == [commitment.pk]
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("door", ["page", "api"])
def test_a_new_follow_up_user_gets_their_own_reminder(client, officer, follower, door):
    CommitmentFactory(follow_up_user=follower, due_on=dt.date(2026, 9, 11))
    send_commitment_reminders(today=TODAY)
    newcomer = UserFactory(username="camille", role=Role.OFFICER)
    client.force_login(officer)

    _change_commitment(client, door, Commitment.objects.get(), follow_up_user=newcomer.pk)

    assert send_commitment_reminders(today=TODAY).emails == 1
    assert mail.outbox[-1].to == [newcomer.email]


@pytest.mark.parametrize("door", ["page", "api"])
def test_other_changes_keep_the_reminder_sent(client, officer, follower, door):
    CommitmentFactory(follow_up_user=follower, due_on=dt.date(2026, 9, 11))
    send_commitment_reminders(today=TODAY)
    client.force_login(officer)

    _change_commitment(client, door, Commitment.objects.get(), text="Accueillir deux stagiaires")

    assert Commitment.objects.get().reminded_at is not None
    assert send_commitment_reminders(today=TODAY).emails == 0


def test_the_reminder_mark_is_not_for_the_api_to_set(client, officer):
    commitment = CommitmentFactory()
    client.force_login(officer)
    response = client.patch(
        f"/api/commitments/{commitment.pk}",
        {"reminded_at": "2026-01-01T10:00:00Z"},
        "application/json",
    )
    assert response.status_code == 200
    assert Commitment.objects.get().reminded_at is None
    assert "reminded_at" in CommitmentService.protected_fields


def test_marking_a_commitment_reminded_is_done_once_and_leaves_its_version(follower):
    commitment = CommitmentFactory(follow_up_user=follower)
    version = commitment.version
    now = timezone.now()
    assert claim_reminder(commitment=commitment, at=now) is True
    assert claim_reminder(commitment=Commitment.objects.get(), at=now) is False
    stored = Commitment.objects.get()
    assert stored.reminded_at == now
    assert stored.version == version  # an officer editing it meanwhile is not refused


# -- partnerships and agreements: the same refusal from every door ------------------------


def test_a_partnership_with_the_same_authority_twice_is_refused_alike_by_page_api_and_service(
    client, officer
):
    lille = OrganisationFactory(name="Ville de Lille")
    client.force_login(officer)
    page = client.post(
        reverse("partnerships:partnership_create"),
        {
            "name": "Jumelage",
            "french_authority": lille.pk,
            "foreign_authority": lille.pk,
            "status": "active",
        },
    )
    assert page.status_code == 422
    assert FOREIGN_IS_FRENCH in page.content.decode()
    api = client.post(
        "/api/partnerships",
        {"name": "Jumelage", "french_authority": lille.pk, "foreign_authority": lille.pk},
        content_type="application/json",
    )
    assert api.status_code == 400
    assert api.json() == {"foreign_authority": [FOREIGN_IS_FRENCH]}
    with pytest.raises(ValidationError) as refused:
        service_for(Partnership).create(
            data={"name": "Jumelage", "french_authority": lille, "foreign_authority": lille},
            by=officer,
        )
    assert error_dict(refused.value) == {"foreign_authority": [FOREIGN_IS_FRENCH]}
    assert not Partnership.all_objects.exists()


def test_a_partnership_moved_onto_its_own_authority_by_the_api_is_refused(client, officer):
    partnership = PartnershipFactory()
    client.force_login(officer)
    response = client.patch(
        f"/api/partnerships/{partnership.pk}",
        {"foreign_authority": partnership.french_authority_id},
        "application/json",
    )
    assert response.status_code == 400
    assert response.json() == {"foreign_authority": [FOREIGN_IS_FRENCH]}


def test_an_agreement_ending_before_it_starts_is_refused_alike_by_page_api_and_service(
    client, officer
):
    client.force_login(officer)
    fields = {
        "title": "Convention",
        "kind": "project",
        "status": "draft",
        "currency": "EUR",
        "start_on": "2026-01-01",
        "end_on": "2025-12-31",
    }
    page = client.post(reverse("partnerships:agreement_create"), fields)
    assert page.status_code == 422
    assert page.content.decode().count(str(END_BEFORE_START)) == 1  # said once, on the end date
    api = client.post("/api/agreements", fields, content_type="application/json")
    assert api.json() == {"end_on": [str(END_BEFORE_START)]}
    with pytest.raises(ValidationError) as refused:
        service_for(Agreement).create(
            data={
                "title": "Convention",
                "start_on": dt.date(2026, 1, 1),
                "end_on": dt.date(2025, 12, 31),
            },
            by=officer,
        )
    assert error_dict(refused.value) == {"end_on": [str(END_BEFORE_START)]}
    assert not Agreement.all_objects.exists()


def test_an_amendment_ending_before_the_agreement_starts_is_refused_by_its_service_too(officer):
    agreement = AgreementFactory(start_on=dt.date(2025, 1, 1))
    with pytest.raises(ValidationError) as refused:
        service_for(Amendment).create(
            data={
                "agreement": agreement,
                "number": 1,
                "signed_on": dt.date(2025, 6, 1),
                "new_end_on": dt.date(2024, 12, 31),
            },
            by=officer,
        )
    assert "new_end_on" in error_dict(refused.value)
    assert not Amendment.objects.exists()


# -- the agreement's rows: added, edited and removed from its page ------------------------


def test_the_agreement_page_offers_to_edit_each_row(client, officer):
    agreement = AgreementFactory()
    rows = {
        "agreementparty": AgreementPartyFactory(agreement=agreement),
        "councildecision": CouncilDecisionFactory(agreement=agreement),
        "amendment": AmendmentFactory(agreement=agreement),
        "agreementfile": AgreementFileFactory(agreement=agreement),
    }
    client.force_login(officer)
    page = client.get(agreement.get_absolute_url()).content.decode()
    for name, row in rows.items():
        assert reverse(f"partnerships:{name}_update", args=[agreement.pk, row.pk]) in page
        assert reverse(f"partnerships:{name}_delete", args=[agreement.pk, row.pk]) in page


def test_a_partys_signatory_is_edited_from_the_agreement_page(client, officer):
    party = AgreementPartyFactory(signatory_title="Maire")
    mayor = PersonFactory(first_name="Martine", last_name="Aubry")
    client.force_login(officer)
    url = reverse("partnerships:agreementparty_update", args=[party.agreement_id, party.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "organisation": party.organisation_id,
            "signatory": mayor.pk,
            "signatory_title": "Maire de Lille",
            "signed_on": "2025-02-03",
        },
    )
    assert response.status_code == 302
    party.refresh_from_db()
    assert (party.signatory, party.signatory_title) == (mayor, "Maire de Lille")
    assert party.signed_on == dt.date(2025, 2, 3)
    assert party.history.first().history_user == officer


def test_a_second_party_for_the_same_organisation_is_refused_with_a_message(client, officer):
    party = AgreementPartyFactory()
    client.force_login(officer)
    response = client.post(
        reverse("partnerships:agreementparty_add", args=[party.agreement_id]),
        {"organisation": party.organisation_id},
    )
    assert response.status_code == 422
    assert "déjà partie" in response.content.decode()
    assert AgreementParty.objects.count() == 1


def test_a_council_decision_is_edited_from_the_agreement_page(client, officer):
    decision = CouncilDecisionFactory(number="25/001")
    client.force_login(officer)
    url = reverse("partnerships:councildecision_update", args=[decision.agreement_id, decision.pk])
    response = client.post(
        url,
        {
            "organisation": decision.organisation_id,
            "number": "25/014",
            "decided_on": "2024-11-18",
            "title": "Approbation de la convention",
        },
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.number, decision.title) == ("25/014", "Approbation de la convention")


def test_an_edited_amendment_keeps_the_rule_on_its_end_date(client, officer):
    agreement = AgreementFactory(start_on=dt.date(2025, 1, 1))
    amendment = AmendmentFactory(agreement=agreement, number=1, new_end_on=dt.date(2028, 1, 1))
    client.force_login(officer)
    url = reverse("partnerships:amendment_update", args=[agreement.pk, amendment.pk])
    response = client.post(
        url, {"number": "1", "signed_on": "2026-01-15", "new_end_on": "2024-12-31"}
    )
    assert response.status_code == 422
    assert "date de début de la convention" in response.content.decode()
    amendment.refresh_from_db()
    assert amendment.new_end_on == dt.date(2028, 1, 1)
    response = client.post(
        url, {"number": "1", "signed_on": "2026-01-15", "new_end_on": "2029-06-30"}
    )
    assert response.status_code == 302
    assert Agreement.objects.get().effective_end_on == dt.date(2029, 6, 30)


def test_an_agreement_file_keeps_its_file_and_type_when_only_its_title_changes(client, officer):
    agreement = AgreementFactory()
    client.force_login(officer)
    client.post(
        reverse("partnerships:agreementfile_add", args=[agreement.pk]),
        {"title": "Signée", "kind": "signed", "file": SimpleUploadedFile("c.pdf", PDF)},
    )
    row = AgreementFile.objects.get()
    assert row.content_type == "application/pdf"
    name = row.file.name
    url = reverse("partnerships:agreementfile_update", args=[agreement.pk, row.pk])
    response = client.post(url, {"title": "Convention signée", "kind": "signed"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.title, row.file.name, row.content_type) == (
        "Convention signée",
        name,
        "application/pdf",
    )


def test_a_row_of_another_agreement_is_not_found(client, officer):
    decision = CouncilDecisionFactory()
    elsewhere = AgreementFactory()
    client.force_login(officer)
    url = reverse("partnerships:councildecision_update", args=[elsewhere.pk, decision.pk])
    assert client.get(url).status_code == 404
    assert CouncilDecision.objects.get().agreement_id == decision.agreement_id


def test_evidence_uploaded_through_the_page_is_served_with_the_type_found_in_it(client, officer):
    commitment = CommitmentFactory()
    client.force_login(officer)
    response = client.post(
        reverse("partnerships:commitment_update", args=[commitment.pk]),
        _commitment_form(
            commitment,
            status="fulfilled",
            evidence_file=SimpleUploadedFile("preuve.bin", PDF),
        ),
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.evidence_content_type == "application/pdf"
    evidence = client.get(reverse("partnerships:commitment_evidence", args=[commitment.pk]))
    assert evidence["Content-Type"] == "application/pdf"


def test_a_commitment_under_an_agreement_is_refused_on_a_project_the_agreement_does_not_cover(
    client,
):
    from tests.factories import ProjectFactory

    officer = UserFactory(role=Role.OFFICER)
    covered, other = ProjectFactory(), ProjectFactory()
    agreement = AgreementFactory()
    agreement.projects.set([covered])
    data = {
        "agreement": agreement,
        "party": OrganisationFactory(),
        "text": "Accueil d'une délégation",
        "due_on": dt.date(2026, 10, 1),
        "project": other,
    }
    with pytest.raises(ValidationError) as refused:
        CommitmentService.create(data=data, by=officer)
    assert "project" in error_dict(refused.value)
    assert not Commitment.objects.filter(text="Accueil d'une délégation").exists()
    data["project"] = covered
    commitment = CommitmentService.create(data=data, by=officer)
    assert commitment.project == covered
