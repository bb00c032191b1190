"""Type-ahead choices (core/typeahead.py): the cross-project lists render only the chosen
project, not a select of every project; the matches come from an endpoint that reads only
what the user may see; without JavaScript the field still works by plain form submits."""

import re

import pytest
from django import forms
from django.urls import reverse
from lxml import html

from maillage.core.typeahead import LIMIT, TypeaheadSelect
from maillage.projects.models import Project
from tests.factories import (
    FieldUpdateFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
    RiskFactory,
    TaskFactory,
)
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

LISTS = {
    "projects:task_list": TaskFactory,
    "projects:risk_list": RiskFactory,
    "projects:fieldupdate_list": FieldUpdateFactory,
}


def project_options(response) -> list[str]:
    page = html.fromstring(response.content)
    return [o.get("value") for o in page.xpath("//select[@name='project']/option")]


@pytest.mark.parametrize("name", LISTS)
def test_a_cross_project_list_renders_the_chosen_project_not_every_project(client, officer, name):
    projects = [ProjectFactory(title=f"Forage {i}") for i in range(30)]
    chosen = projects[7]
    LISTS[name](project=chosen)
    LISTS[name](project=projects[8])
    client.force_login(officer)
    assert project_options(client.get(reverse(name))) == [""]
    response = client.get(reverse(name), {"project": chosen.pk})
    assert project_options(response) == ["", str(chosen.pk)]
    body = response.content.decode()
    assert str(chosen) in body and str(projects[8]) not in body
    assert 'data-typeahead="/projects/choices/"' in body


def test_without_javascript_a_search_lists_the_matches_to_choose_and_submit(client, officer):
    wells = [ProjectFactory(title=f"Puits de Kayes {i}") for i in range(3)]
    ProjectFactory(title="Cantine scolaire")
    RiskFactory(project=wells[1], title="Crue")
    RiskFactory(project=ProjectFactory(title="École"), title="Incendie")
    client.force_login(officer)
    url = reverse("projects:risk_list")
    # 1. The user types words in the "Find" box and submits the filter form.
    response = client.get(url, {"project": "", "project_search": "puits kayes"})
    assert sorted(project_options(response)) == sorted(["", *(str(p.pk) for p in wells)])
    assert 'value="puits kayes"' in response.content.decode()
    assert "3 résultats listés ci-dessus" in response.content.decode()  # French by default
    # 2. The user chooses one of them and submits again: the list is filtered.
    body = client.get(url, {"project": wells[1].pk}).content.decode()
    assert "Crue" in body and "Incendie" not in body


def test_a_malformed_project_in_the_url_is_a_filter_error_not_a_crash(client, officer):
    client.force_login(officer)
    response = client.get(reverse("projects:risk_list"), {"project": "abc"})
    assert response.status_code == 200
    assert project_options(response) == [""]


def test_the_endpoint_lists_matches_among_the_projects_the_user_sees(client, partner):
    mine = ProjectFactory(code="MINE-1", title="Adduction d'eau Ségou")
    MembershipFactory(project=mine, user=partner)
    ProjectFactory(code="SECRET-1", title="Adduction d'eau Tombouctou")
    client.force_login(partner)
    url = reverse("projects:project_choices")
    data = client.get(url, {"q": "adduction"}).json()
    assert [r["text"] for r in data["results"]] == [str(mine)]
    # Another project's name never reaches a partner, whatever it types.
    for words in ("tombouctou", "SECRET", "adduction eau"):
        texts = [r["text"] for r in client.get(url, {"q": words}).json()["results"]]
        assert all("Tombouctou" not in t for t in texts), words
    # Without words: the first of its own projects.
    assert [r["id"] for r in client.get(url).json()["results"]] == [mine.pk]


def test_staff_get_every_match_up_to_the_limit_and_know_there_are_more(client, officer):
    for i in range(LIMIT + 5):
        ProjectFactory(code=f"PUITS-{i:03d}", title=f"Puits {i}")
    client.force_login(officer)
    data = client.get(reverse("projects:project_choices"), {"q": "puits"}).json()
    assert len(data["results"]) == LIMIT and data["more"] is True
    assert data["results"][0] == {
        "id": Project.objects.get(code="PUITS-000").pk,
        "text": "PUITS-000 — Puits 0",
    }


def test_organisation_and_person_endpoints_apply_visibility(client, partner, partner_project):
    from tests.factories import PositionFactory, ProjectPartnerFactory

    seen = ProjectPartnerFactory(
        project=partner_project, organisation__name="Mairie de Kayes"
    ).organisation
    OrganisationFactory(name="Mairie de Bamako")
    hidden_person = PersonFactory(last_name="Traoré")
    PositionFactory(person=hidden_person, organisation__name="Autre")
    client.force_login(partner)
    organisations = client.get(reverse("actors:organisation_choices"), {"q": "mairie"}).json()
    assert [r["id"] for r in organisations["results"]] == [seen.pk]
    people = client.get(reverse("actors:person_choices"), {"q": "traore"}).json()
    assert people["results"] == []


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("projects:project_choices"), {"q": "a"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", LISTS)
def test_cross_project_lists_make_as_many_queries_for_3_or_30_projects(client, officer, name):
    client.force_login(officer)
    assert_constant_queries(
        client,
        reverse(name),
        data={"project_search": "forage"},
        grow=lambda n: [LISTS[name](project__title=f"Forage {i}") for i in range(n)],
        rows=(3, 30),
    )


def test_the_widget_serves_any_form_with_the_label_and_combobox_hooks():
    class PickForm(forms.Form):
        project = forms.ModelChoiceField(
            queryset=Project.objects.all(), widget=TypeaheadSelect("projects:project_choices")
        )

    chosen = ProjectFactory(code="K-1", title="Kayes")
    ProjectFactory.create_batch(5)
    form = PickForm(data={"project": str(chosen.pk)})
    assert form.is_valid() and form.cleaned_data["project"] == chosen
    markup = str(form["project"])
    assert re.findall(r'<option value="([^"]*)"', markup) == ["", str(chosen.pk)]
    assert 'id="id_project_search"' in markup and 'role="listbox"' in markup
    assert 'role="status"' in markup
    assert PickForm(data={"project": "999999"}).is_valid() is False


def test_an_item_page_offers_its_dependencies_by_type_ahead_not_one_option_per_item(
    client, officer
):
    project = ProjectFactory()
    item = TaskFactory(project=project, title="Former les cuisiniers")
    for i in range(40):
        TaskFactory(project=project, title=f"Étape {i}")
    TaskFactory(title="Étape d'un autre projet")
    client.force_login(officer)
    page = html.fromstring(client.get(item.get_absolute_url()).content)
    assert page.xpath("//select[@name='other']/option/@value") == [""]
    root = page.xpath("//select[@name='other']/ancestor::span[@data-typeahead]")[0]
    assert root.get("data-typeahead") == f"/projects/plan/choices/?project={project.pk}"


def test_the_plan_items_endpoint_answers_only_the_asked_project(client, officer):
    project = ProjectFactory()
    TaskFactory(project=project, title="Étape locale")
    TaskFactory(title="Étape lointaine")
    client.force_login(officer)
    url = reverse("projects:planitem_choices")
    found = client.get(url, {"q": "étape", "project": project.pk}).json()["results"]
    assert [row["text"] for row in found] == ["Étape locale"]
    assert len(client.get(url, {"q": "étape"}).json()["results"]) == 2
    for bad in ("x", "-1", str(2**64)):
        response = client.get(url, {"q": "étape", "project": bad})
        assert response.status_code == 400
        assert "project" in response.json()["error"]


def test_a_partner_finds_no_plan_item_of_a_project_it_does_not_follow(
    client, partner, partner_project, other_project
):
    TaskFactory(project=other_project, title="Étape confidentielle")
    client.force_login(partner)
    url = reverse("projects:planitem_choices")
    assert client.get(url, {"q": "étape", "project": other_project.pk}).json()["results"] == []


def test_without_javascript_a_dependency_search_lists_this_projects_items_and_saves_nothing(
    client, officer
):
    project = ProjectFactory()
    item = TaskFactory(project=project, title="Former les cuisiniers")
    mine = TaskFactory(project=project, title="Recruter les formateurs")
    TaskFactory(title="Recruter ailleurs")
    client.force_login(officer)
    url = reverse("projects:dependency_add", args=[item.pk])
    data = {"direction": "predecessor", "other": "", "other_search": "recruter", "lag_days": 0}
    response = client.post(url, data)
    assert response.status_code == 422
    offered = html.fromstring(response.content).xpath("//select[@name='other']/option/@value")
    assert offered == ["", str(mine.pk)]
    assert not item.predecessor_links.exists()
    data |= {"other": mine.pk, "other_searched": "recruter"}
    assert client.post(url, data).status_code == 302
    assert item.predecessor_links.get().predecessor == mine
