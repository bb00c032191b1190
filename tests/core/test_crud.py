"""The generic CRUD pages, exercised through projects and organisations."""

import pytest
from django.urls import reverse

from maillage.projects.models import Project, ProjectStatus
from tests.factories import OrganisationFactory, ProjectFactory
from tests.querycount import assert_constant_queries
from tests.querycount import page_queries as _queries

pytestmark = pytest.mark.django_db


def test_an_officer_creates_a_project_and_finds_it_in_the_history(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("projects:project_create"),
        {
            "code": "LIL-OUJ-4",
            "title": "Jardins partagés",
            "status": ProjectStatus.IDENTIFICATION,
            "country": "MA",
            "currency": "MAD",
            "budget": "125000.50",
            "start_on": "2026-01-01",
            "end_on": "2027-06-30",
        },
    )
    project = Project.objects.get(code="LIL-OUJ-4")
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    detail = client.get(project.get_absolute_url()).content.decode()
    assert "125\u202f000,50\xa0MAD" in detail  # French money format
    client.post(
        reverse("projects:project_update", args=[project.pk]),
        {
            "code": "LIL-OUJ-4",
            "title": "Jardins partagés d'Oujda",
            "status": ProjectStatus.IN_PROGRESS,
            "country": "MA",
            "currency": "MAD",
            "budget": "125000.50",
            "version": project.version,
        },
    )
    history = client.get(reverse("projects:project_history", args=[project.pk])).content.decode()
    assert "Identification" in history and "En cours" in history
    assert officer.username in history or str(officer) in history


def test_dates_in_the_wrong_order_are_refused_with_a_message(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("projects:project_create"),
        {
            "code": "X-1",
            "title": "Dates",
            "status": "idea",
            "country": "MA",
            "currency": "EUR",
            "start_on": "2026-05-01",
            "end_on": "2026-01-01",
        },
    )
    assert response.status_code == 422
    assert not Project.objects.filter(code="X-1").exists()
    assert 'role="alert"' in response.content.decode()


def test_the_list_pages_in_the_database_and_sorts(client, officer):
    for i in range(30):
        ProjectFactory(code=f"P-{i:03d}", title=f"Projet {i}")
    client.force_login(officer)
    first = client.get(reverse("projects:project_list"), {"sort": "-code"}).content.decode()
    assert "P-029" in first and "P-000" not in first
    second = client.get(
        reverse("projects:project_list"), {"sort": "-code", "page": 2}
    ).content.decode()
    assert "P-000" in second and "P-029" not in second


def test_the_list_filters_and_searches_without_accents(client, officer):
    ProjectFactory(code="A-1", title="Énergie durable", country="MA")
    ProjectFactory(code="B-1", title="Eau potable", country="SN")
    client.force_login(officer)
    body = client.get(reverse("projects:project_list"), {"q": "energie"}).content.decode()
    assert "A-1" in body and "B-1" not in body
    body = client.get(reverse("projects:project_list"), {"country": "SN"}).content.decode()
    assert "B-1" in body and "A-1" not in body


def test_an_htmx_request_gets_only_the_results(client, officer):
    ProjectFactory(code="A-1")
    client.force_login(officer)
    response = client.get(reverse("projects:project_list"), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "A-1" in body and "<html" not in body


def test_deleting_moves_to_the_trash_and_restoring_brings_everything_back(client, officer):
    from maillage.actors.models import Organisation
    from tests.factories import ProjectPartnerFactory

    link = ProjectPartnerFactory(organisation=OrganisationFactory(name="Éphémère"))
    organisation = link.organisation
    client.force_login(officer)
    response = client.post(reverse("actors:organisation_delete", args=[organisation.pk]))
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert Organisation.all_objects.get(pk=organisation.pk).is_deleted
    client.get(reverse("actors:organisation_list"))  # shows, and so uses up, the flash message
    assert "Éphémère" not in client.get(reverse("actors:organisation_list")).content.decode()
    assert client.get(organisation.get_absolute_url()).status_code == 404
    assert client.get(f"/api/organisations/{organisation.pk}").status_code == 404
    trash = client.get(reverse("core:trash")).content.decode()
    assert "Éphémère" in trash
    restore = reverse("core:trash_restore", args=["actors.organisation", organisation.pk])
    assert client.post(restore).status_code == 302
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert link.project.partners.filter(organisation=organisation).exists()
    history = client.get(reverse("actors:organisation_history", args=[organisation.pk]))
    text = history.content.decode()
    assert "Placée dans la corbeille" in text and "Restaurée depuis la corbeille" in text


def test_the_trash_is_closed_to_viewers_and_partners(client, viewer, partner):
    for user in (viewer, partner):
        client.force_login(user)
        assert client.get(reverse("core:trash")).status_code == 403


def test_deleting_through_the_api_moves_to_the_trash(client, officer):
    from maillage.projects.models import Project

    project = ProjectFactory()
    client.force_login(officer)
    assert client.delete(f"/api/projects/{project.pk}").status_code == 204
    assert Project.all_objects.get(pk=project.pk).is_deleted


@pytest.mark.parametrize(
    "url", ["/projects/", "/actors/organisations/", "/api/projects", "/api/organisations", "/"]
)
def test_pages_keep_a_constant_number_of_queries(client, officer, url):
    from tests.factories import ProjectPartnerFactory

    def grow(n):
        for _ in range(n):
            ProjectPartnerFactory(project=ProjectFactory(owner=officer))

    client.force_login(officer)
    assert_constant_queries(client, url, grow=grow, rows=(2, 32))


def test_project_detail_queries_do_not_grow_with_partners(client, officer):
    from tests.factories import MembershipFactory, ProjectPartnerFactory

    project = ProjectFactory()
    client.force_login(officer)
    ProjectPartnerFactory(project=project)
    url = project.get_absolute_url()
    small = _queries(client, url)
    for _ in range(15):
        ProjectPartnerFactory(project=project)
        MembershipFactory(project=project)
    assert _queries(client, url) == small


def test_projects_filter_by_a_partner_name_typed_without_accents(client, officer):
    from tests.factories import ProjectPartnerFactory

    ProjectPartnerFactory(
        project=ProjectFactory(code="WITH-1"), organisation=OrganisationFactory(name="Région Sud")
    )
    ProjectFactory(code="WITHOUT-1")
    client.force_login(officer)
    body = client.get(reverse("projects:project_list"), {"partner": "region"}).content.decode()
    assert "WITH-1" in body and "WITHOUT-1" not in body
