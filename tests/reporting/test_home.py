"""The home page, the global search and the navigation: reporting names no app, each app
contributes through the hooks (core.hooks), within what the user may see."""

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from maillage.core import hooks
from maillage.core.hooks import SearchProvider, Section
from maillage.core.models import Codelist, Job
from tests.factories import (
    ActivityFactory,
    OrganisationFactory,
    ProjectFactory,
    TaskFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def probe_templates(settings):
    """A template of the tests' own for the sections they register."""
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [Path(__file__).parent / "templates"]},
    ]


def only(monkeypatch, name, *fns):
    """Hook `name` holds only `fns` for this test (the registry is process-wide)."""
    monkeypatch.setitem(hooks._HOOKS, name, [(0, fn) for fn in fns])


def test_the_home_page_renders_each_registered_section_in_order_with_its_context(
    client, officer, monkeypatch, probe_templates
):
    seen = []

    def later(user, today):
        seen.append((user, today))
        return [Section("reporting_tests/_probe.html", {"word": "second"}, order=20)]

    def sooner(user, today):
        return [Section("reporting_tests/_probe.html", {"word": "<b>first</b>"}, order=10)]

    only(monkeypatch, hooks.HOME_ITEMS, later, sooner)
    client.force_login(officer)
    body = client.get(reverse("reporting:home")).content.decode()
    today = timezone.localdate()
    assert seen == [(officer, today)]
    first = f"&lt;b&gt;first&lt;/b&gt; · {today:%Y-%m-%d} · {officer.username}"
    assert first in body and "<b>first" not in body
    assert body.index(first) < body.index(f"second · {today:%Y-%m-%d}")


def test_the_sections_of_one_home_page_share_what_they_read_and_the_next_page_reads_it_again(
    client, officer, monkeypatch, probe_templates
):
    reads = []

    def my_ids():
        reads.append(1)
        return [1, 2]

    def section(word):
        def items(user, today):
            ids = hooks.shared(("ids", user.pk), my_ids)
            return [Section("reporting_tests/_probe.html", {"word": f"{word} {ids}"})]

        return items

    only(monkeypatch, hooks.HOME_ITEMS, section("first"), section("second"))
    client.force_login(officer)
    body = client.get(reverse("reporting:home")).content.decode()
    assert "first [1, 2]" in body and "second [1, 2]" in body
    assert len(reads) == 1
    client.get(reverse("reporting:home"))
    assert len(reads) == 2
    # Outside a page (a selector called alone), nothing is kept from one call to the next.
    hooks.shared(("ids", officer.pk), my_ids)
    hooks.shared(("ids", officer.pk), my_ids)
    assert len(reads) == 4


def test_the_home_page_gathers_what_each_app_contributes(client, partner, partner_project):
    from tests.partnerships.factories import AgreementFactory, CommitmentFactory

    today = timezone.localdate()
    activity = ActivityFactory(
        project=partner_project, start_on=today - dt.timedelta(60), end_on=today + dt.timedelta(60)
    )
    TaskFactory(
        parent=activity,
        title="Envoyer les devis",
        assignees=[partner],
        start_on=today - dt.timedelta(20),
        end_on=today - dt.timedelta(2),
    )
    AgreementFactory(title="Convention bientôt échue", end_on=today + dt.timedelta(30))
    CommitmentFactory(text="Livrer le rapport", due_on=today - dt.timedelta(3))
    client.force_login(partner)
    body = client.get(reverse("reporting:home")).content.decode()
    assert reverse("actors:organisation_list") in body  # key figures (actors)
    assert partner_project.title in body  # my projects (projects)
    assert "Envoyer les devis" in body  # my tasks (projects)
    assert reverse("projects:project_board", args=[partner_project.pk]) in body
    sections = [
        body.index(reverse("actors:organisation_list")),
        body.index(partner_project.title),
        body.index("Envoyer les devis"),
    ]
    assert sections == sorted(sections)


def test_the_home_page_asks_an_administrator_to_load_the_codelists(client, admin_user, officer):
    client.force_login(admin_user)
    assert "maillage codelists" in client.get(reverse("reporting:home")).content.decode()
    client.force_login(officer)
    assert "maillage codelists" not in client.get(reverse("reporting:home")).content.decode()
    Codelist.objects.create(name="Sector")
    client.force_login(admin_user)
    assert "maillage codelists" not in client.get(reverse("reporting:home")).content.decode()


def test_the_home_page_lists_my_recent_jobs_only(client, officer):
    Job.objects.create(title="Mon export", handler="x", created_by=officer)
    Job.objects.create(title="Export d'un autre", handler="x", created_by=UserFactory())
    client.force_login(officer)
    body = client.get(reverse("reporting:home")).content.decode()
    assert "Mon export" in body and "Export d" not in body


def test_the_search_groups_results_under_each_provider_label(client, officer, monkeypatch):
    OrganisationFactory(name="Ondine vive")
    OrganisationFactory(name="Ondine claire")
    OrganisationFactory(name="Xylorocher")  # no user's name (faker's) holds it
    from maillage.actors.models import Organisation

    def providers():
        return [
            SearchProvider("Sources", lambda user: Organisation.objects.filter(name="Ondine vive")),
            SearchProvider(
                "Sources", lambda user: Organisation.objects.filter(name="Ondine claire")
            ),
            SearchProvider("Sols", lambda user: Organisation.objects.filter(name="Xylorocher"), 2),
        ]

    only(monkeypatch, hooks.SEARCH_PROVIDERS, providers)
    client.force_login(officer)
    body = client.get(reverse("reporting:search"), {"q": "ondine"}).content.decode()
    assert body.count('">Sources <span class="count">2</span></h2>') == 1
    assert body.index("Ondine vive") < body.index("Ondine claire")
    # A kind without a match is left out (the user's own name, faker's, may be "Rocher").
    assert ">Sols <span" not in body and "Xylorocher" not in body


def test_the_global_search_finds_only_what_the_user_may_see(
    client, partner, partner_project, other_project
):
    client.force_login(partner)
    body = client.get(reverse("reporting:search"), {"q": "projet"}).content.decode()
    assert partner_project.code in body
    assert other_project.code not in body


def test_the_search_page_without_a_word_says_what_to_type(client, officer):
    client.force_login(officer)
    body = client.get(reverse("reporting:search")).content.decode()
    assert 'name="q"' in body and "<h2>" not in body


def test_the_navigation_lists_each_area_in_order_and_marks_the_current_one(client, officer):
    client.force_login(officer)
    response = client.get(reverse("reporting:observatory"))
    urls = [item["url"] for item in response.context["nav"]]
    assert urls == [
        reverse("reporting:home"),
        reverse("actors:organisation_list"),
        reverse("actors:person_list"),
        reverse("actors:interaction_list"),
        reverse("actors:group_list"),
        reverse("reporting:observatory"),
        reverse("projects:project_list"),
        reverse("results:dashboards"),
        reverse("partnerships:partnership_list"),
        reverse("funding:financingplan_list"),
        reverse("funding:application_board"),
        reverse("finance:budget_list"),
        reverse("missions:mission_list"),
        reverse("missions:meeting_list"),
        reverse("team:staffmember_list"),
        reverse("core:job_list"),
    ]
    current = [item["url"] for item in response.context["nav"] if item["current"]]
    assert current == [reverse("reporting:observatory")]


def test_only_administrators_see_the_users_entry(client, officer, admin_user):
    client.force_login(admin_user)
    nav = client.get(reverse("core:job_list")).context["nav"]
    assert nav[-1]["url"] == reverse("accounts:user_list")
    client.force_login(officer)
    nav = client.get(reverse("core:job_list")).context["nav"]
    assert reverse("accounts:user_list") not in [item["url"] for item in nav]


def test_the_home_entry_is_current_on_the_home_page_only(client, officer):
    client.force_login(officer)
    nav = client.get(reverse("reporting:home")).context["nav"]
    assert [item["url"] for item in nav if item["current"]] == [reverse("reporting:home")]
    nav = client.get(reverse("core:job_list")).context["nav"]
    assert [item["url"] for item in nav if item["current"]] == [reverse("core:job_list")]


def test_a_project_the_user_cannot_see_is_not_counted_on_the_home_page(client, partner):
    ProjectFactory(code="CACHE-1", title="Projet caché")
    client.force_login(partner)
    assert "Projet caché" not in client.get(reverse("reporting:home")).content.decode()
