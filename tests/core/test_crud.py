"""The generic CRUD pages, exercised through projects and organisations."""

import pytest
from django.urls import reverse

from maillage.projects.models import Project, ProjectStatus
from tests.factories import OrganisationFactory, ProjectFactory

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


def test_a_protected_organisation_is_not_deleted_and_says_why(client, officer):
    from tests.factories import ProjectPartnerFactory

    organisation = ProjectPartnerFactory().organisation
    client.force_login(officer)
    response = client.post(
        reverse("actors:organisation_delete", args=[organisation.pk]), follow=True
    )
    assert organisation.__class__.objects.filter(pk=organisation.pk).exists()
    assert "message-error" in response.content.decode()


def test_deleting_keeps_the_history(client, officer):
    organisation = OrganisationFactory(name="Éphémère")
    client.force_login(officer)
    client.post(reverse("actors:organisation_delete", args=[organisation.pk]))
    assert not organisation.__class__.objects.filter(pk=organisation.pk).exists()
    assert organisation.history.model.objects.filter(id=organisation.pk, history_type="-").exists()


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url", ["/projects/", "/actors/organisations/", "/api/projects", "/api/organisations", "/"]
)
def test_pages_keep_a_constant_number_of_queries(client, officer, url):
    from tests.factories import ProjectPartnerFactory

    def grow(n):
        for _ in range(n):
            ProjectPartnerFactory(project=ProjectFactory(owner=officer))

    client.force_login(officer)
    grow(2)
    small = _queries(client, url)
    grow(30)
    large = _queries(client, url)
    assert small == large


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
