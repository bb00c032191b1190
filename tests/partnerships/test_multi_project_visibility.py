"""An agreement shared by several projects shows a partner only its own projects' parts.

The probe that found it: an officer links an agreement to the partner's project and to
another, then records a commitment on the other project. The partner read it on the API,
the commitment pages and "commitments by partner", and the agreement listed the other
project. A record that belongs to a project is seen by that project's members only,
whatever its parent; the records of a project in the trash leave a partner's view with it.
"""

import datetime as dt
import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from maillage.core.history import HIDDEN_VALUE
from maillage.core.models import Job
from maillage.core.services import service_for
from maillage.core.trash import restore_from_trash
from maillage.partnerships.models import Agreement, Commitment
from maillage.projects.models import Project
from tests.factories import InteractionFactory, OrganisationFactory, ProjectPartnerFactory
from tests.partnerships.factories import PDF, AgreementFactory, CommitmentFactory

pytestmark = pytest.mark.django_db

# What of the other project must never reach the partner (see conftest: other_project).
SECRETS = ("OTHER-1", "Projet confidentiel", "Engagement confidentiel", "Fondation discrète")


def _late() -> dt.date:
    # Overdue as of the day the test runs: the home page's "To watch" lists it.
    return timezone.localdate() - dt.timedelta(days=10)


@pytest.fixture
def shared(officer, partner_project, other_project):
    """An agreement first of the partner's project, then an officer adds the other
    project; a commitment on each project, one on none (first recorded on the other
    project, then moved to the agreement as a whole)."""
    agreement = AgreementFactory(title="Convention cadre commune", projects=[partner_project])
    service_for(Agreement).update(
        obj=agreement, data={"projects": [partner_project, other_project]}, by=officer
    )
    theirs_party = OrganisationFactory(name="Fondation discrète")
    ProjectPartnerFactory(project=other_project, organisation=theirs_party)
    mine = CommitmentFactory(
        agreement=agreement,
        project=partner_project,
        text="Engagement de notre projet",
        due_on=_late(),
    )
    theirs = CommitmentFactory(
        agreement=agreement,
        project=other_project,
        party=theirs_party,
        text="Engagement confidentiel de l'autre projet",
        due_on=_late(),
    )
    theirs.evidence_file.save("preuve.pdf", ContentFile(PDF), save=True)
    common = CommitmentFactory(
        agreement=agreement, project=other_project, text="Engagement commun de la convention"
    )
    service_for(Commitment).update(obj=common, data={"project": None}, by=officer)
    return {"agreement": agreement, "mine": mine, "theirs": theirs, "common": common}


def test_the_rule_in_the_querysets(partner, partner_project, shared):
    assert set(Commitment.objects.visible_to(partner)) == {shared["mine"], shared["common"]}
    assert list(Agreement.objects.visible_to(partner)) == [shared["agreement"]]
    assert list(Project.objects.visible_to(partner).filter(agreements=shared["agreement"])) == [
        partner_project
    ]


def test_staff_still_see_every_part(viewer, shared):
    assert set(Commitment.objects.visible_to(viewer)) == {
        shared["mine"],
        shared["theirs"],
        shared["common"],
    }


def test_the_other_projects_commitment_is_not_found_on_the_pages(client, partner, shared):
    client.force_login(partner)
    pk = shared["theirs"].pk
    for name in ("detail", "history", "update", "delete", "evidence"):
        url = reverse(f"partnerships:commitment_{name}", args=[pk])
        assert client.get(url).status_code == 404, name
    assert client.post(reverse("partnerships:commitment_delete", args=[pk])).status_code == 404
    assert client.get(shared["mine"].get_absolute_url()).status_code == 200
    assert Commitment.objects.filter(pk=pk).exists()


def test_the_other_projects_commitment_is_not_found_on_the_api(client, partner, shared):
    client.force_login(partner)
    pk = shared["theirs"].pk
    assert client.get(f"/api/commitments/{pk}").status_code == 404
    patch = client.patch(f"/api/commitments/{pk}", {"status": "cancelled"}, "application/json")
    assert patch.status_code in (403, 404)
    assert client.delete(f"/api/commitments/{pk}").status_code in (403, 404)
    rows = client.get("/api/commitments").json()["results"]
    assert {row["id"] for row in rows} == {shared["mine"].pk, shared["common"].pk}
    agreement = shared["agreement"].pk
    rows = client.get("/api/commitments", {"agreement": agreement}).json()["results"]
    assert pk not in {row["id"] for row in rows}
    shared["theirs"].refresh_from_db()
    assert shared["theirs"].status == "planned"


def test_the_agreement_lists_only_the_partners_projects_on_the_api(
    client, partner, officer, partner_project, other_project, shared
):
    url = f"/api/agreements/{shared['agreement'].pk}"
    client.force_login(partner)
    assert client.get(url).json()["projects"] == [partner_project.pk]
    [row] = client.get("/api/agreements").json()["results"]
    assert row["projects"] == [partner_project.pk]
    assert "OTHER-1" not in client.get(url).content.decode()
    # Staff see both, and an officer's save keeps both.
    client.force_login(officer)
    assert set(client.get(url).json()["projects"]) == {partner_project.pk, other_project.pk}


def test_commitments_by_partner_and_its_export_leave_the_other_project_out(client, partner, shared):
    client.force_login(partner)
    url = reverse("partnerships:commitments_by_partner")
    for query in ({}, {"agreement": shared["agreement"].pk}):
        page = client.get(url, query).content.decode()
        assert "Engagement de notre projet" in page
        for secret in SECRETS:
            assert secret not in page, (query, secret)
        export = client.get(url, {**query, "format": "xlsx"})
        cells = [
            str(cell)
            for row in load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        ]
        assert "Engagement de notre projet" in cells
        assert not [c for c in cells for s in SECRETS if s in c], query


def test_the_commitment_list_export_leaves_the_other_project_out(client, partner, shared):
    client.force_login(partner)
    response = client.post(reverse("partnerships:commitment_export"), {"format": "csv"})
    assert response.status_code == 302
    job = Job.objects.filter(created_by=partner).latest("pk")
    content = job.result_file.read().decode("utf-8-sig")
    assert "Engagement de notre projet" in content
    for secret in SECRETS:
        assert secret not in content


def test_no_page_the_partner_opens_names_the_other_project(
    client, partner, partner_project, shared
):
    client.force_login(partner)
    agreement = shared["agreement"]
    common = shared["common"]
    pages = {
        "agreement": agreement.get_absolute_url(),
        "agreement history": reverse("partnerships:agreement_history", args=[agreement.pk]),
        "agreements": reverse("partnerships:agreement_list"),
        "commitments": reverse("partnerships:commitment_list"),
        "project's commitments": reverse("partnerships:commitment_list")
        + f"?project={partner_project.pk}",
        "agreement's commitments": reverse("partnerships:commitment_list")
        + f"?agreement={agreement.pk}",
        "common commitment": common.get_absolute_url(),
        "common commitment history": reverse("partnerships:commitment_history", args=[common.pk]),
        "my commitment": shared["mine"].get_absolute_url(),
        "home": reverse("reporting:home"),
        "search": reverse("reporting:search") + "?q=engagement",
        "search by the other's title": reverse("reporting:search") + "?q=confidentiel",
        "search by the other's code": reverse("reporting:search") + "?q=OTHER",
        "project": partner_project.get_absolute_url(),
    }
    for what, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, what
        page = response.content.decode()
        for secret in SECRETS:
            assert secret not in page, f"{what} ({url}) shows {secret!r}"
    # The pages do show the partner's own parts: the checks above can fail.
    detail = client.get(agreement.get_absolute_url()).content.decode()
    assert "SHARED-1" in detail and "Engagement de notre projet" in detail
    assert "Engagement commun de la convention" in detail
    home = client.get(reverse("reporting:home")).content.decode()
    assert "Engagement de notre projet" in home
    found = client.get(reverse("reporting:search") + "?q=engagement").content.decode()
    assert "Engagement de notre projet" in found


def test_the_history_names_only_what_the_reader_may_see(
    client, partner, officer, partner_project, shared
):
    common = shared["common"]
    history = reverse("partnerships:commitment_history", args=[common.pk])
    agreement_history = reverse("partnerships:agreement_history", args=[shared["agreement"].pk])
    client.force_login(officer)
    assert "OTHER-1" in client.get(history).content.decode()
    staff_view = client.get(agreement_history).content.decode()
    assert "OTHER-1" in staff_view and "SHARED-1" in staff_view
    client.force_login(partner)
    page = client.get(history).content.decode()
    assert "OTHER-1" not in page
    assert str(HIDDEN_VALUE) in page  # the change is there, the name is not
    # The partner reads its project joining the agreement; the other project joining it
    # changed nothing the partner may read: that change shows no row.
    page = client.get(agreement_history).content.decode()
    assert "SHARED-1 — Projet partagé" in page
    assert "OTHER-1" not in page
    mine = "<td>SHARED-1 — Projet partagé</td>"
    assert mine + mine not in page


@pytest.fixture
def trashed(officer, partner_project):
    """The partner's project, with an interaction, a commitment of its own and one
    through an agreement of this project only, moved to the trash."""
    agreement = AgreementFactory(projects=[partner_project])
    records = {
        "interaction": InteractionFactory(project=partner_project, subject="Réunion du projet"),
        "commitment": CommitmentFactory(project=partner_project),
        "through": CommitmentFactory(agreement=agreement),
        "agreement": agreement,
    }
    service_for(Project).delete(obj=partner_project, by=officer)
    return records


def _status(client, records):
    pages = {
        "interaction page": records["interaction"].get_absolute_url(),
        "commitment page": records["commitment"].get_absolute_url(),
        "through page": records["through"].get_absolute_url(),
        "agreement page": records["agreement"].get_absolute_url(),
        "interaction api": f"/api/interactions/{records['interaction'].pk}",
        "commitment api": f"/api/commitments/{records['commitment'].pk}",
        "through api": f"/api/commitments/{records['through'].pk}",
        "agreement api": f"/api/agreements/{records['agreement'].pk}",
    }
    return {what: client.get(url).status_code for what, url in pages.items()}


def test_a_trashed_project_takes_its_records_out_of_the_partners_view(
    client, partner, officer, partner_project, trashed
):
    client.force_login(partner)
    assert set(_status(client, trashed).values()) == {404}
    assert client.get("/api/commitments").json()["results"] == []
    assert client.get("/api/interactions").json()["results"] == []
    listing = client.get(reverse("actors:interaction_list")).content.decode()
    assert "Réunion du projet" not in listing
    # Staff still read them (the project is only in the trash).
    client.force_login(officer)
    assert set(_status(client, trashed).values()) == {200}
    # Restored, the project brings them back to its members.
    restore_from_trash(Project.all_objects.get(pk=partner_project.pk), by=officer)
    client.force_login(partner)
    assert set(_status(client, trashed).values()) == {200}
