"""Search everything (issue 11, Must show #2): one search over every kind of record,
accent- and case-insensitive, ranked, grouped by kind, and never a record the user may
not open. Runs on SQLite and, with DATABASE_URL, on PostgreSQL: the same assertions over
the two engines (FTS5 and tsvector)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.actors.models import Organisation, Person
from maillage.core import search
from maillage.core.models import SearchEntry
from maillage.core.services import service_for
from maillage.core.trash import purge, restore_from_trash
from maillage.projects.models import Project, Task
from tests.factories import (
    FieldUpdateFactory,
    InteractionFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
    RiskFactory,
    StrategyFactory,
    TaskFactory,
    UserFactory,
)
from tests.partnerships.factories import AgreementFactory, CommitmentFactory

pytestmark = pytest.mark.django_db


def page(client, query, **params):
    response = client.get(reverse("reporting:search"), {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def found(user, query, **kwargs):
    return {
        group.key: [str(obj) for obj in group.results]
        for group in search.search(user, query, **kwargs)
    }


@pytest.fixture
def records(db):
    """One record of each kind the demo's searches are about."""
    return {
        "person": PersonFactory(first_name="Martine", last_name="Verhaeghe", email=""),
        "agreement": AgreementFactory(reference="CP-2024-GASTRO", title="Convention cadre"),
        "project": ProjectFactory(
            code="PAEDC",
            title="Plan climat d'Oujda",
            summary="Pilier de sa politique de développement durable.",
        ),
        "interaction": InteractionFactory(
            subject="Atelier ODD", notes="Les objectifs de Développement Durable à l'école."
        ),
        "unrelated": ProjectFactory(code="EAU-1", title="Développement économique local"),
    }


def test_the_header_box_finds_a_person_an_agreement_and_accented_words(client, officer, records):
    client.force_login(officer)
    assert "Martine Verhaeghe" in page(client, "Verhaeghe")
    assert "CP-2024-GASTRO — Convention cadre" in page(client, "CP-2024")
    body = page(client, "developpement durable")
    assert "PAEDC — Plan climat" in body and "Atelier ODD" in body
    assert "Développement économique local" not in body  # every word must match
    same = found(officer, "developpement durable")
    assert found(officer, "DÉVELOPPEMENT   Durable") == same
    assert found(officer, "Développement durable") == same


def test_every_word_is_a_prefix_for_type_ahead(officer, records):
    assert found(officer, "verhae") == {"actors.person": ["Martine Verhaeghe"]}
    assert found(officer, "mart verh") == {"actors.person": ["Martine Verhaeghe"]}
    assert found(officer, "haeghe") == {}  # the start of a word, not anywhere in it


def test_every_kind_registered_by_an_app_is_found(officer):
    project = ProjectFactory(title="Projet Tamarin")
    TaskFactory(title="Tâche Tamarin", project=project, parent__project=project)
    RiskFactory(title="Risque Tamarin", project=project)
    FieldUpdateFactory(title="Nouvelles Tamarin", project=project)
    OrganisationFactory(name="Association Tamarin")
    PersonFactory(last_name="Tamarin")
    InteractionFactory(subject="Réunion Tamarin")
    StrategyFactory(title="Stratégie Tamarin")
    AgreementFactory(title="Convention Tamarin")
    CommitmentFactory(text="Engagement Tamarin")
    assert set(found(officer, "tamarin")) == {
        "projects.project",
        "projects.task",
        "projects.risk",
        "projects.fieldupdate",
        "projects.strategy",
        "actors.organisation",
        "actors.person",
        "actors.interaction",
        "partnerships.agreement",
        "partnerships.commitment",
    }


def test_the_plan_kinds_are_told_apart(officer):
    task = TaskFactory(title="Forage du puits")
    assert found(officer, "forage") == {"projects.task": ["Forage du puits"]}
    assert found(officer, "forage", kinds=["projects.activity"]) == {}
    assert task.parent.title not in str(found(officer, "forage"))


def test_a_word_in_the_name_ranks_before_the_same_word_in_notes(officer):
    InteractionFactory(subject="Compte rendu", notes="Il a été question de la lagune.")
    InteractionFactory(subject="Visite de la lagune", notes="")
    assert found(officer, "lagune")["actors.interaction"][0].endswith("Visite de la lagune")


def test_results_are_grouped_by_kind_with_counts_and_a_link_to_see_more(client, officer):
    for n in range(7):
        OrganisationFactory(name=f"Comité de jumelage {n}")
    PersonFactory(last_name="Jumelage")
    client.force_login(officer)
    body = page(client, "jumelage")
    assert '">Organisations <span class="count">7</span></h2>' in body
    assert '">Personnes <span class="count">1</span></h2>' in body
    assert body.count("Comité de jumelage") == 5  # the first five, then a link
    assert '<a href="?q=jumelage&amp;kind=actors.organisation">' in body
    assert "kind=actors.person" not in body  # all of that kind is shown already
    one_kind = page(client, "jumelage", kind="actors.organisation")
    assert one_kind.count("Comité de jumelage") == 7
    assert "Jumelage</a>" not in one_kind  # the person is another kind


def test_one_kind_pages_through_its_results(client, officer):
    for n in range(55):
        OrganisationFactory(name=f"Maison de quartier {n}")
    client.force_login(officer)
    first = page(client, "maison", kind="actors.organisation")
    second = page(client, "maison", kind="actors.organisation", page=2)
    assert first.count("Maison de quartier") == 50 and 'rel="next"' in first
    assert second.count("Maison de quartier") == 5 and 'rel="prev"' in second


def test_a_partner_never_finds_a_record_of_another_project(client, partner, partner_project):
    other = ProjectFactory(code="OTHER-9", title="Projet Zanzibar interdit")
    TaskFactory(title="Tâche Zanzibar interdite", project=other, parent__project=other)
    RiskFactory(title="Risque Zanzibar interdit", project=other)
    AgreementFactory(title="Convention Zanzibar interdite", projects=[other])
    InteractionFactory(subject="Réunion Zanzibar interdite", project=other)
    TaskFactory(
        title="Tâche Zanzibar permise", project=partner_project, parent__project=partner_project
    )
    RiskFactory(title="Risque Zanzibar permis", project=partner_project)
    AgreementFactory(title="Convention Zanzibar permise", projects=[partner_project])

    client.force_login(partner)
    body = page(client, "zanzibar")
    assert "Tâche Zanzibar permise" in body and "Risque Zanzibar permis" in body
    assert "Convention Zanzibar permise" in body
    assert "interdit" not in body.lower()
    assert '">Tâches <span class="count">1</span></h2>' in body  # counts too
    for kind in ("projects.project", "projects.task", "partnerships.agreement"):
        assert "interdit" not in page(client, "zanzibar", kind=kind).lower()
    assert "interdit" not in str(found(partner, "zanzibar interdit")).lower()
    # The API's lists search with the same queryset method.
    for resource in ("projects", "tasks", "risks", "agreements", "interactions"):
        response = client.get(f"/api/{resource}", {"search": "zanzibar"})
        assert response.status_code == 200
        assert "interdit" not in response.content.decode().lower(), resource
    assert not Task.objects.visible_to(partner).search("interdite").exists()
    assert Task.objects.visible_to(partner).search("permise").count() == 1


def test_list_pages_search_through_the_same_index(client, officer, records):
    client.force_login(officer)
    body = client.get(reverse("projects:project_list"), {"q": "developpement durable"})
    assert "PAEDC" in body.content.decode() and "EAU-1" not in body.content.decode()
    assert list(Project.objects.search("plan oujda")) == [records["project"]]
    assert not Project.objects.search("'").exists()  # no word: nothing, not everything
    assert Project.objects.search("  ").count() == 2  # blank: no search


def test_the_index_follows_the_write_path(officer):
    service = service_for(Organisation)
    org = service.create(data={"name": "Ondine vive", "type": "association"}, by=officer)
    assert found(officer, "ondine") == {"actors.organisation": ["Ondine vive"]}
    service.update(obj=org, data={"name": "Rivière claire"}, by=officer)
    assert found(officer, "ondine") == {}
    assert found(officer, "riviere") == {"actors.organisation": ["Rivière claire"]}
    service.delete(obj=org, by=officer)  # to the trash: out of the search
    assert found(officer, "riviere") == {}
    restore_from_trash(Organisation.all_objects.get(pk=org.pk), by=officer)
    assert found(officer, "riviere") == {"actors.organisation": ["Rivière claire"]}
    org.refresh_from_db()
    service.delete(obj=org, by=officer)
    purge(Organisation.all_objects.get(pk=org.pk))
    assert not SearchEntry.objects.filter(object_id=org.pk, title__contains="riviere").exists()


def test_a_trashed_project_takes_its_records_out_of_a_partners_search(
    officer, partner, partner_project
):
    TaskFactory(title="Tâche Capucine", project=partner_project, parent__project=partner_project)
    assert found(partner, "capucine") == {"projects.task": ["Tâche Capucine"]}
    service_for(Project).delete(obj=partner_project, by=officer)
    assert found(partner, "capucine") == {}


def test_bulk_creation_of_an_import_is_indexed(officer):
    rows = [Organisation(name=f"Coopérative Aubépine {n}", type="association") for n in range(3)]
    service_for(Organisation).create_many(rows, by=officer)
    assert len(found(officer, "aubepine")["actors.organisation"]) == 3


def test_the_rebuild_command_indexes_what_was_written_past_the_application(officer, records):
    Person.objects.filter(pk=records["person"].pk).update(last_name="Verhaegen")
    SearchEntry.objects.all().delete()
    assert found(officer, "verhaeghe") == {}
    call_command("search_index", "--rebuild", stdout=io.StringIO())
    # The stored search text is what is indexed: a raw update() did not change it.
    assert found(officer, "verhaeghe") == {"actors.person": ["Martine Verhaegen"]}
    assert found(officer, "cp 2024") == {
        "partnerships.agreement": ["CP-2024-GASTRO — Convention cadre"]
    }


def test_a_project_scoped_search_keeps_to_the_project(officer):
    one, two = ProjectFactory(), ProjectFactory()
    RiskFactory(title="Crue du fleuve", project=one)
    RiskFactory(title="Crue annoncée", project=two)
    assert found(officer, "crue", project_id=one.pk) == {"projects.risk": ["Crue du fleuve"]}


@pytest.mark.parametrize(
    "query",
    ['"', 'a"b*', "NEAR(a b)", "-", ") OR (", "a:*", "'", "\\", "*", "x" * 300, "é" * 50],
)
def test_hostile_queries_answer_a_page(client, officer, query):
    # (A NUL is refused with a 400 before any view: tests/core/test_null_characters.py.)
    OrganisationFactory(name="Association des Amis")
    client.force_login(officer)
    response = client.get(reverse("reporting:search"), {"q": query})
    assert response.status_code == 200
    assert client.get("/actors/organisations/", {"q": query}).status_code == 200


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=40))
def test_any_text_is_a_query(officer, text):
    search.search(officer, text)  # no engine syntax error, whatever the text
    Organisation.objects.search(text).count()


def test_anonymous_or_inactive_users_find_nothing(records):
    inactive = UserFactory(is_active=False)
    assert found(inactive, "verhaeghe") == {}


def test_a_partner_of_two_projects_finds_both(partner, partner_project):
    second = ProjectFactory(title="Projet Zanzibar second")
    MembershipFactory(project=second, user=partner)
    ProjectFactory(title="Projet Zanzibar tiers")
    assert sorted(found(partner, "zanzibar")["projects.project"]) == [
        f"{second.code} — Projet Zanzibar second"
    ]
