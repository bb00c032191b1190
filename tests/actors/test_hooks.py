"""What the actors area offers the apps above (sections of its pages, GDPR export) and
adds to the shell (navigation, search, home page), through maillage.core.hooks only."""

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

import maillage.actors
from maillage.actors.hooks import home_items
from maillage.actors.models import Group, Interaction, Organisation, Person
from maillage.actors.services import person_data_export
from maillage.core import hooks
from maillage.core.hooks import Section
from tests.factories import (
    GroupFactory,
    InteractionFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectPartnerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def extra_hook(monkeypatch):
    """Register a function into a hook for one test only."""

    def add(name, fn, order=99):
        monkeypatch.setitem(hooks._HOOKS, name, [*hooks._HOOKS[name], (order, fn)])

    return add


def test_the_organisation_page_shows_the_sections_other_apps_add(client, officer, extra_hook):
    org = OrganisationFactory()
    seen = []

    def section(organisation, user):
        seen.append((organisation, user))
        return [Section("actors/_home_organisations.html", {"organisation_count": 98765})]

    extra_hook(hooks.ORGANISATION_SECTIONS, section)
    client.force_login(officer)
    body = client.get(org.get_absolute_url()).content.decode()
    assert "98\u202f765" in body or "98 765" in body or "98765" in body
    assert seen == [(org, officer)]


def test_the_person_page_shows_the_sections_other_apps_add(client, officer, extra_hook):
    person = PersonFactory()
    extra_hook(
        hooks.PERSON_SECTIONS,
        lambda p, user: [Section("actors/_home_organisations.html", {"organisation_count": 4321})],
    )
    client.force_login(officer)
    body = client.get(person.get_absolute_url()).content.decode()
    assert "4\u202f321" in body or "4 321" in body or "4321" in body


def test_the_gdpr_export_merges_what_other_apps_hold_on_the_person(extra_hook):
    person = PersonFactory()
    extra_hook(hooks.GDPR_EXPORT, lambda p: {"signatures": [{"person": p.pk}]})
    assert person_data_export(person=person)["signatures"] == [{"person": person.pk}]


def test_the_navigation_lists_the_actors_areas_in_order(client, officer):
    client.force_login(officer)
    nav = client.get(reverse("actors:person_list")).context["nav"]
    urls = [entry["url"] for entry in nav]
    expected = [
        reverse("actors:organisation_list"),
        reverse("actors:person_list"),
        reverse("actors:interaction_list"),
        reverse("actors:group_list"),
    ]
    assert [url for url in urls if url in expected] == expected
    assert [e["current"] for e in nav if e["url"] == reverse("actors:person_list")] == [True]


def test_the_search_providers_find_the_actors_the_user_may_see(partner, partner_project):
    shared = ProjectPartnerFactory(project=partner_project, organisation__name="Eau Vive")
    OrganisationFactory(name="Eau Trouble")
    InteractionFactory(subject="Eau potable")
    GroupFactory(name="Eau et assainissement")
    found = {
        p.queryset(partner).model: list(p.queryset(partner).search("eau"))
        for p in hooks.collect(hooks.SEARCH_PROVIDERS)
    }
    assert found[Organisation] == [shared.organisation]
    assert found[Interaction] == [] and found[Group] == [] and found[Person] == []


def test_the_home_page_item_counts_the_organisations_the_user_sees(officer, partner):
    OrganisationFactory.create_batch(3)
    today = timezone.localdate()
    assert home_items in hooks.get_hooks(hooks.HOME_ITEMS)
    (mine,) = home_items(officer, today)
    assert mine.template == "actors/_home_organisations.html" and mine.order == 10
    assert mine.context == {"organisation_count": 3}
    assert home_items(partner, today)[0].context == {"organisation_count": 0}


def test_the_actors_name_no_app_above_them():
    root = Path(maillage.actors.__file__).parent
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for above in ("maillage.projects", "maillage.partnerships", "maillage.reporting"):
            assert above not in text, f"{path.relative_to(root)} names {above}"
