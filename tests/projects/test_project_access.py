"""A partner sees only the projects it is a member of, on the pages and in the API."""

import pytest
from django.urls import reverse

from maillage.projects.models import Project
from tests.factories import OrganisationFactory, ProjectPartnerFactory

pytestmark = pytest.mark.django_db


def test_a_partner_lists_only_its_own_projects(client, partner, partner_project, other_project):
    client.force_login(partner)
    body = client.get(reverse("projects:project_list")).content.decode()
    assert partner_project.code in body
    assert other_project.code not in body


@pytest.mark.parametrize("page", ["detail", "history", "update", "delete"])
def test_a_partner_gets_404_on_every_page_of_another_project(client, partner, other_project, page):
    client.force_login(partner)
    response = client.get(reverse(f"projects:project_{page}", args=[other_project.pk]))
    assert response.status_code == 404


def test_a_partner_gets_404_on_another_project_in_the_api(
    client, partner, partner_project, other_project
):
    client.force_login(partner)
    assert client.get(f"/api/projects/{other_project.pk}").status_code == 404
    assert client.get(f"/api/projects/{partner_project.pk}").status_code == 200
    codes = [p["code"] for p in client.get("/api/projects").json()["results"]]
    assert codes == [partner_project.code]


def test_a_partner_cannot_change_even_its_own_project(client, partner, partner_project):
    client.force_login(partner)
    assert (
        client.get(reverse("projects:project_update", args=[partner_project.pk])).status_code == 403
    )
    response = client.patch(
        f"/api/projects/{partner_project.pk}", {"title": "Piraté"}, content_type="application/json"
    )
    assert response.status_code == 403
    partner_project.refresh_from_db()
    assert partner_project.title != "Piraté"


def test_a_partner_sees_only_organisations_of_its_projects(
    client, partner, partner_project, other_project
):
    mine = ProjectPartnerFactory(
        project=partner_project, organisation=OrganisationFactory(name="Commune d'Oujda")
    ).organisation
    hidden = ProjectPartnerFactory(
        project=other_project, organisation=OrganisationFactory(name="Secret asso")
    ).organisation
    unlinked = OrganisationFactory(name="Sans projet")
    client.force_login(partner)
    body = client.get(reverse("actors:organisation_list")).content.decode()
    assert mine.name in body.replace("&#x27;", "'")
    assert hidden.name not in body and unlinked.name not in body
    assert client.get(reverse("actors:organisation_detail", args=[hidden.pk])).status_code == 404
    assert client.get(f"/api/organisations/{hidden.pk}").status_code == 404
    names = [o["name"] for o in client.get("/api/organisations").json()["results"]]
    assert names == [mine.name]


def test_the_global_search_obeys_the_same_rule(client, partner, partner_project, other_project):
    client.force_login(partner)
    body = client.get(reverse("reporting:search"), {"q": "projet"}).content.decode()
    assert partner_project.code in body
    assert other_project.code not in body


def test_a_viewer_reads_everything_but_changes_nothing(client, viewer, other_project):
    client.force_login(viewer)
    assert (
        client.get(reverse("projects:project_detail", args=[other_project.pk])).status_code == 200
    )
    assert (
        client.get(reverse("projects:project_update", args=[other_project.pk])).status_code == 403
    )
    assert (
        client.post(reverse("projects:project_delete", args=[other_project.pk])).status_code == 403
    )
    assert client.get(reverse("projects:project_create")).status_code == 403
    assert client.delete(f"/api/projects/{other_project.pk}").status_code == 403
    assert Project.objects.filter(pk=other_project.pk).exists()


def test_an_inactive_account_sees_nothing(client, officer, other_project):
    officer.is_active = False
    officer.save()
    assert Project.objects.visible_to(officer).count() == 0
