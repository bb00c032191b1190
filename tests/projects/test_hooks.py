"""What projects add to other pages through core.hooks, without those pages naming
projects: the navigation, the project's tab bar (open to higher apps), an organisation's
and a person's project roles, a person's GDPR export, the search and the home page."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from maillage.core import hooks
from maillage.core.hooks import Tab
from tests.factories import (
    ActivityFactory,
    FieldUpdateFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    RiskFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db


def test_the_navigation_has_a_projects_entry(client, officer):
    client.force_login(officer)
    nav = client.get(reverse("projects:project_list")).context["nav"]
    entry = next(e for e in nav if e["url"] == reverse("projects:project_list"))
    assert entry["current"] is True and str(entry["label"]) == "Projets"


@pytest.fixture
def extra_tab():
    """A tab a higher app would add (its agreements, its budget…)."""

    def agreements(project, user):
        return [Tab("agreements", "Conventions", f"/agreements/?project={project.pk}", order=60)]

    hooks.register(hooks.PROJECT_TABS)(agreements)
    yield
    hooks._HOOKS[hooks.PROJECT_TABS] = [
        entry for entry in hooks._HOOKS[hooks.PROJECT_TABS] if entry[1] is not agreements
    ]


def test_the_project_tab_bar_shows_the_tabs_higher_apps_add(client, officer, extra_tab):
    project = ProjectFactory()
    client.force_login(officer)
    for name in ("project_detail", "project_gantt", "project_risks"):
        body = client.get(reverse(f"projects:{name}", args=[project.pk])).content.decode()
        assert f"/agreements/?project={project.pk}" in body
    body = client.get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    # Overview first, History last, the added tab between.
    assert body.index("Vue d") < body.index("Conventions") < body.rindex("Historique")


def test_an_organisation_page_lists_the_project_roles_its_reader_may_see(
    client, partner, partner_project, other_project
):
    organisation = OrganisationFactory()
    ProjectPartnerFactory(project=partner_project, organisation=organisation)
    ProjectPartnerFactory(project=other_project, organisation=organisation)
    client.force_login(partner)
    page = client.get(reverse("actors:organisation_detail", args=[organisation.pk]))
    body = page.content.decode()
    assert partner_project.code in body and other_project.code not in body


def test_a_person_page_lists_the_projects_they_are_a_contact_for(client, officer):
    person = PersonFactory()
    role = ProjectPartnerFactory(project=ProjectFactory(code="EAU-7"))
    role.contacts.add(person)
    client.force_login(officer)
    body = client.get(reverse("actors:person_detail", args=[person.pk])).content.decode()
    assert "EAU-7" in body
    sections = hooks.collect(hooks.PERSON_SECTIONS, PersonFactory(), officer)
    assert "projects/_person_projects.html" not in [s.template for s in sections]


def test_a_persons_gdpr_export_lists_their_project_contact_roles(officer):
    from maillage.actors.services import person_data_export

    person = PersonFactory()
    role = ProjectPartnerFactory(project=ProjectFactory(code="EAU-8"))
    role.contacts.add(person)
    rows = person_data_export(person=person)["project_contact_roles"]
    assert rows == [
        {"project": str(role.project), "organisation": str(role.organisation), "role": role.role}
    ]


def test_the_search_finds_projects_plan_items_risks_and_updates_the_user_sees(
    client, partner, partner_project, other_project
):
    activity = ActivityFactory(project=partner_project, title="Forage du puits")
    TaskFactory(parent=activity, title="Forage des fondations")
    RiskFactory(project=partner_project, title="Forage en saison des pluies")
    FieldUpdateFactory(project=partner_project, title="Forage terminé")
    RiskFactory(project=other_project, title="Forage confidentiel")
    client.force_login(partner)
    body = client.get(reverse("reporting:search"), {"q": "forage"}).content.decode()
    for title in ("Forage du puits", "Forage des fondations", "Forage en saison", "terminé"):
        assert title in body
    assert "confidentiel" not in body


def test_the_home_page_shows_my_projects_and_my_open_tasks(client, partner, partner_project):
    today = timezone.localdate()
    activity = ActivityFactory(
        project=partner_project,
        start_on=today - datetime.timedelta(30),
        end_on=today + datetime.timedelta(30),
    )
    TaskFactory(
        parent=activity,
        title="Envoyer le rapport",
        assignees=[partner],
        start_on=today - datetime.timedelta(10),
        end_on=today - datetime.timedelta(1),
    )
    client.force_login(partner)
    body = client.get(reverse("reporting:home")).content.decode()
    assert partner_project.code in body  # my projects, in progress
    assert "Envoyer le rapport" in body
    assert reverse("projects:project_board", args=[partner_project.pk]) in body
