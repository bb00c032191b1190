"""Who sees what: partners see the agreements and commitments of their projects only,
and write nothing; partnerships are the service's own records."""

import pytest
from django.urls import reverse

from maillage.partnerships.models import Agreement, Commitment
from tests.partnerships.factories import AgreementFactory, CommitmentFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(partner_project, other_project):
    shared = AgreementFactory(title="Convention partagée", projects=[partner_project])
    hidden = AgreementFactory(title="Convention réservée", projects=[other_project])
    return {
        "shared": shared,
        "hidden": hidden,
        "direct": CommitmentFactory(text="Engagement du projet", project=partner_project),
        "through": CommitmentFactory(text="Engagement de la convention", agreement=shared),
        "other": CommitmentFactory(text="Engagement réservé", agreement=hidden),
        "partnership": PartnershipFactory(name="Jumelage interne"),
    }


def test_a_partner_sees_the_agreements_of_its_projects_only(client, partner, records):
    assert list(Agreement.objects.visible_to(partner)) == [records["shared"]]
    client.force_login(partner)
    page = client.get(reverse("partnerships:agreement_list")).content.decode()
    assert "Convention partagée" in page and "Convention réservée" not in page
    assert client.get(records["shared"].get_absolute_url()).status_code == 200
    assert client.get(records["hidden"].get_absolute_url()).status_code == 404
    api = client.get("/api/agreements").json()
    assert [row["id"] for row in api["results"]] == [records["shared"].pk]
    assert client.get(f"/api/agreements/{records['hidden'].pk}").status_code == 404


def test_a_partner_sees_the_commitments_of_its_projects_directly_or_by_agreement(
    client, partner, records
):
    visible = set(Commitment.objects.visible_to(partner))
    assert visible == {records["direct"], records["through"]}
    client.force_login(partner)
    page = client.get(reverse("partnerships:commitment_list")).content.decode()
    assert "Engagement du projet" in page and "Engagement réservé" not in page
    by_partner = client.get(reverse("partnerships:commitments_by_partner")).content.decode()
    assert "Engagement de la convention" in by_partner and "Engagement réservé" not in by_partner
    api = client.get("/api/commitments").json()
    assert {row["id"] for row in api["results"]} == {records["direct"].pk, records["through"].pk}
    assert client.get(records["other"].get_absolute_url()).status_code == 404


def test_a_partner_cannot_write(client, partner, records):
    client.force_login(partner)
    shared = records["shared"]
    assert client.post(reverse("partnerships:agreement_create"), {}).status_code == 403
    assert (
        client.post(reverse("partnerships:agreement_update", args=[shared.pk])).status_code == 403
    )
    assert client.post(reverse("partnerships:amendment_add", args=[shared.pk])).status_code == 403
    response = client.patch(f"/api/agreements/{shared.pk}", {"title": "x"}, "application/json")
    assert response.status_code == 403
    assert client.post("/api/commitments", {}, content_type="application/json").status_code == 403
    shared.refresh_from_db()
    assert shared.title == "Convention partagée"


def test_partnerships_are_hidden_from_partners(client, partner, records):
    client.force_login(partner)
    page = client.get(reverse("partnerships:partnership_list")).content.decode()
    assert "Jumelage interne" not in page
    assert client.get(records["partnership"].get_absolute_url()).status_code == 404
    assert client.get("/api/partnerships").json()["results"] == []


def test_a_viewer_reads_everything_but_writes_nothing(client, viewer, records):
    client.force_login(viewer)
    assert client.get(records["hidden"].get_absolute_url()).status_code == 200
    assert client.get(records["partnership"].get_absolute_url()).status_code == 200
    assert client.get(reverse("partnerships:commitment_create")).status_code == 403
