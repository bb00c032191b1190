"""The trash: a deleted commitment, agreement or partnership can be restored, with what
went with it; partners never see what is in the trash; files stay until the purge."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from maillage.core.trash import purge
from maillage.partnerships.models import Agreement, AgreementFile, Commitment, Partnership
from maillage.partnerships.services import send_commitment_reminders
from tests.partnerships.factories import (
    AgreementFactory,
    AgreementFileFactory,
    CommitmentFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 9, 1)


def _restore(client, obj):
    label = obj._meta.label_lower
    return client.post(reverse("core:trash_restore", args=[label, obj.pk]))


@pytest.mark.parametrize("door", ["page", "api"])
def test_a_deleted_commitment_goes_to_the_trash_and_comes_back(client, officer, door):
    commitment = CommitmentFactory(text="Former deux agents")
    client.force_login(officer)
    if door == "page":
        response = client.post(reverse("partnerships:commitment_delete", args=[commitment.pk]))
        assert response.status_code == 302
    else:
        assert client.delete(f"/api/commitments/{commitment.pk}").status_code == 204

    assert not Commitment.objects.exists()
    trashed = Commitment.all_objects.get()
    assert trashed.deleted_at is not None
    assert client.get(commitment.get_absolute_url()).status_code == 404
    assert "Former deux agents" in client.get(reverse("core:trash")).content.decode()

    assert _restore(client, trashed).status_code == 302
    assert Commitment.objects.get().text == "Former deux agents"
    assert client.get(commitment.get_absolute_url()).status_code == 200


def test_a_partner_never_sees_a_trashed_commitment(client, officer, partner, partner_project):
    agreement = AgreementFactory(projects=[partner_project])
    kept = CommitmentFactory(agreement=agreement, text="Engagement maintenu")
    gone = CommitmentFactory(agreement=agreement, text="Engagement supprimé")
    direct = CommitmentFactory(project=partner_project, text="Engagement direct supprimé")
    staff = Client()  # the officer's own browser: its messages stay there
    staff.force_login(officer)
    for commitment in (gone, direct):
        staff.post(reverse("partnerships:commitment_delete", args=[commitment.pk]))

    client.force_login(partner)
    assert list(Commitment.objects.visible_to(partner)) == [kept]
    for url in (
        reverse("partnerships:commitment_list"),
        reverse("partnerships:commitments_by_partner"),
        agreement.get_absolute_url(),
    ):
        page = client.get(url).content.decode()
        assert "Engagement maintenu" in page
        assert "supprimé" not in page
    assert [row["id"] for row in client.get("/api/commitments").json()["results"]] == [kept.pk]
    for commitment in (gone, direct):
        assert client.get(commitment.get_absolute_url()).status_code == 404
        assert client.get(f"/api/commitments/{commitment.pk}").status_code == 404
        evidence = reverse("partnerships:commitment_evidence", args=[commitment.pk])
        assert client.get(evidence).status_code == 404


def test_a_trashed_commitment_gets_no_reminder(client, officer):
    commitment = CommitmentFactory(follow_up_user=officer, due_on=TODAY + dt.timedelta(days=3))
    client.force_login(officer)
    client.post(reverse("partnerships:commitment_delete", args=[commitment.pk]))
    assert send_commitment_reminders(today=TODAY).emails == 0
    assert not mail.outbox


def test_a_trashed_agreement_takes_its_commitments_and_brings_back_only_those(client, officer):
    agreement = AgreementFactory()
    first, second = CommitmentFactory(agreement=agreement), CommitmentFactory(agreement=agreement)
    earlier = CommitmentFactory(agreement=agreement, text="Retiré avant")
    client.force_login(officer)
    client.post(reverse("partnerships:commitment_delete", args=[earlier.pk]))

    response = client.post(reverse("partnerships:agreement_delete", args=[agreement.pk]))
    assert response.status_code == 302
    assert not Agreement.objects.exists()
    assert not Commitment.objects.exists()

    _restore(client, Agreement.all_objects.get())
    assert set(Commitment.objects.all()) == {first, second}
    assert Commitment.all_objects.get(pk=earlier.pk).deleted_at is not None


def test_a_trashed_partnership_takes_its_agreements_and_their_commitments(client, officer):
    partnership = PartnershipFactory()
    agreement = AgreementFactory(partnership=partnership)
    commitment = CommitmentFactory(agreement=agreement)
    client.force_login(officer)
    client.delete(f"/api/partnerships/{partnership.pk}")
    assert not Partnership.objects.exists()
    assert not Agreement.objects.exists()
    assert not Commitment.objects.exists()

    _restore(client, Partnership.all_objects.get())
    assert Agreement.objects.get() == agreement
    assert Commitment.objects.get() == commitment


def test_an_agreements_files_stay_on_disk_in_the_trash_and_go_with_the_purge(
    client, officer, django_capture_on_commit_callbacks
):
    row = AgreementFileFactory()
    storage, name = row.file.storage, row.file.name
    client.force_login(officer)
    client.post(reverse("partnerships:agreement_delete", args=[row.agreement_id]))
    assert AgreementFile.objects.filter(pk=row.pk).exists()
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        purge(Agreement.all_objects.get())
    assert not AgreementFile.objects.exists()
    assert not storage.exists(name)
