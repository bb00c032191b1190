"""Who may open what: every URL of the site and every API route, for every role.

The matrix is generated from the URL configuration: a route without a declared rule
fails `test_every_route_has_a_rule`, so a new page cannot ship without saying who may
see it. Each rule gives the expected status per role; denials are checked as carefully
as grants.

Roles: anonymous; `outsider`, a partner of another project; `partner`, member of the
shared project; `viewer`; `officer`; `admin`.
"""

from __future__ import annotations

import html
import importlib
import re
from http.cookies import SimpleCookie
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from maillage.accounts.models import Role
from maillage.core.models import Job, SavedFilter
from tests.dbtemplate import fresh_module_data, module_data
from tests.factories import (
    PASSWORD,
    GroupFactory,
    GroupMemberFactory,
    InteractionFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    UserFactory,
)
from tests.permissions import (
    ADMIN_ONLY,
    ADMIN_RECORD,
    API_HIDDEN,
    API_LIST,
    API_SHARED,
    API_WRITE,
    PUBLIC,
    ROLES,
    SIGNED_IN,
    Rule,
    crud,
    expect,
)
from tests.test_crawler import plain_templates  # noqa: F401 (the fixture)

# The matrix reads status codes and HTML, never `response.context`: the test client's
# copy of every template's context (a third of a page's rendering) is skipped.
pytestmark = pytest.mark.usefixtures("plain_templates")

RULES: list[Rule] = [
    Rule("healthz", PUBLIC),
    Rule("core:job_list", SIGNED_IN),
    Rule("core:country_choices", SIGNED_IN),  # type-ahead matches among the countries
    Rule("core:job_detail", expect(outsider=404, partner=404, viewer=404, admin=200), ("job",)),
    Rule("core:job_download", expect(outsider=404, partner=404, viewer=404), ("job",)),
    # Run a failed job again: whoever started it (the officer), or an administrator.
    Rule(
        "core:job_retry",
        expect(outsider=404, partner=404, viewer=404, officer=302, admin=302),
        ("failed_job",),
        method="post",
    ),
    Rule("core:trash", expect(outsider=403, partner=403, viewer=403)),
    Rule(
        "core:trash_purge",
        expect(outsider=403, partner=403, viewer=403, officer=403, admin=302),
        ("trashed_model", "trashed"),
        method="post",
    ),
    Rule(
        "core:trash_restore",
        expect(outsider=403, partner=403, viewer=403, officer=302, admin=302),
        ("trashed_model", "trashed"),
        method="post",
    ),
    Rule("accounts:login", expect(200, 302, 302, 302, 302, 302)),
    Rule("accounts:logout", expect(302, 302, 302, 302, 302, 302), method="post"),
    Rule("accounts:password_change", SIGNED_IN),
    Rule("accounts:two_factor", SIGNED_IN),
    # API tokens: one's own page; revoking someone else's token is a 404 (admins may);
    # an account's tokens are for administrators only.
    Rule("accounts:token_list", SIGNED_IN),
    Rule(
        "accounts:token_list",
        SIGNED_IN,
        method="post",
        data={"name": "Script", "password": PASSWORD},
    ),
    Rule(
        "accounts:token_revoke",
        expect(outsider=404, partner=404, viewer=404, officer=302, admin=302),
        ("officer_token",),
        method="post",
    ),
    Rule("accounts:user_tokens", ADMIN_ONLY, ("self_user",)),
    Rule("accounts:audit_list", ADMIN_ONLY),
    # The code step only makes sense after a correct password: without one, back to login.
    Rule("accounts:login_code", expect(302, 302, 302, 302, 302, 302)),
    Rule("accounts:password_reset", PUBLIC),
    Rule("accounts:password_reset_done", PUBLIC),
    Rule("accounts:password_reset_confirm", PUBLIC, ("uid", "token"), allowed=frozenset({302})),
    Rule("accounts:password_reset_complete", PUBLIC),
    Rule(
        "accounts:set_language",
        expect(302, 302, 302, 302, 302, 302),
        method="post",
        data={"language": "en"},
    ),
    *crud(
        "accounts",
        "user",
        "self_user",
        None,
        read=ADMIN_RECORD,
        create=ADMIN_ONLY,
        write=ADMIN_RECORD,
        listing=ADMIN_ONLY,
    ),
    *crud("projects", "project", "project_shared", "project_other"),
    Rule(
        "core:saved_filter_create",
        expect(outsider=302, partner=302, viewer=302, officer=302, admin=302),
        method="post",
        data={"name": "Mes filtres", "list_name": "actors:organisation_list", "query": "q=eau"},
    ),
    Rule(
        "core:saved_filter_delete",
        expect(outsider=404, partner=404, viewer=404, officer=302, admin=404),  # personal
        ("saved_filter",),
        method="post",
    ),
    # API
    Rule("api_token", expect(400, 400, 400, 400, 400, 400), method="post"),
    # With a session and no token there is no token to revoke: 400.
    Rule(
        "api_logout",
        expect(anonymous=401, outsider=400, partner=400, viewer=400, officer=400, admin=400),
        method="post",
        path="/api/auth/logout",
    ),
    Rule("api_me", API_LIST),
    # Only sign-in and /healthz are public (docs/security.md).
    Rule("api_schema", API_LIST),
    Rule("api_docs", SIGNED_IN),
]

API_RESOURCES = {
    # basename: (URL segment, shared record, hidden record)
    "project": ("projects", "project_shared", "project_other"),
}
# Each area declares its own pages, API resources and records in tests/<area>/matrix.py.
AREAS = [
    importlib.import_module(name)
    for name in (
        "tests.actors.matrix",
        "tests.projects.matrix",
        "tests.projects.matrix_risks_updates",
        "tests.projects.matrix_plan_io",
        "tests.projects.matrix_planning",
        "tests.partnerships.matrix",
        "tests.funding.matrix_calls",
        "tests.funding.matrix_plans",
        "tests.finance.matrix",
        "tests.results.matrix",
        "tests.missions.matrix",
        "tests.team.matrix",
        "tests.reporting.matrix",
    )
]
for area in AREAS:
    RULES.extend(area.RULES)
    API_RESOURCES.update(area.API_RESOURCES)
for basename, (segment, shared, hidden) in API_RESOURCES.items():
    RULES.append(Rule(f"{basename}-list", API_LIST, path=f"/api/{segment}"))
    RULES.append(
        Rule(
            f"{basename}-list",
            API_WRITE,
            method="post",
            path=f"/api/{segment}",
            allowed=frozenset({201, 400}),
        )
    )
    for key, see in ((shared, API_SHARED), (hidden, API_HIDDEN)):
        if key:
            RULES.append(Rule(f"{basename}-detail", see, (key,), path=f"/api/{segment}/{{{key}}}"))
    RULES.append(
        Rule(
            f"{basename}-detail",
            expect(anonymous=401, outsider=404, partner=404, viewer=403, officer=204, admin=204),
            (hidden,),
            method="delete",
            path=f"/api/{segment}/{{{hidden}}}",
        )
    )


def _route_names() -> set[str]:
    def walk(patterns: list[Any], namespace: str | None) -> Any:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = (
                    namespace
                    if p.namespace is None
                    else ":".join(filter(None, [namespace, p.namespace]))
                )
                yield from walk(p.url_patterns, ns)
            elif isinstance(p, URLPattern) and p.name:
                yield f"{namespace}:{p.name}" if namespace else p.name

    return set(walk(get_resolver().url_patterns, None))


def test_every_route_has_a_rule():
    declared = {rule.name for rule in RULES}
    missing = sorted(_route_names() - declared)
    assert not missing, f"routes without a permission rule in {__file__}: {missing}"


@pytest.fixture(scope="module")
def _world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The matrix's records, made once for the module (about a second each time, for
    nearly a thousand rules); each test runs in a savepoint of it."""
    with module_data(django_db_blocker, tmp_path_factory, _build_world) as data:
        yield data


@pytest.fixture
def world(db, _world):
    return fresh_module_data(_world)


def _sign_in(client: Any, world: dict[str, Any], role: str) -> None:
    """`client` as `role` (no cookie but its session's): the session its sign-in made when
    the world was built. A `force_login` and a `logout` for each role of each rule were
    a quarter of the module's time (the sign-in's signals: last login, audit, axes)."""
    client.cookies = SimpleCookie()
    if role != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = world["sessions"][role]


def _build_world() -> dict[str, Any]:
    shared = ProjectFactory(code="SHARED", title="Projet partagé")
    other = ProjectFactory(code="OTHER", title="Projet réservé")
    users: dict[str, Any] = {
        "outsider": UserFactory(username="outsider", role=Role.PARTNER),
        "partner": UserFactory(username="partner", role=Role.PARTNER),
        "viewer": UserFactory(username="viewer", role=Role.VIEWER),
        "officer": UserFactory(username="officer", role=Role.OFFICER),
        "admin": UserFactory(username="admin", role=Role.ADMIN),
    }
    sessions = {}
    for role, user in users.items():  # a real sign-in each, its session kept for the module
        signed_in = Client()
        signed_in.force_login(user)
        sessions[role] = signed_in.cookies[settings.SESSION_COOKIE_NAME].value
    MembershipFactory(project=shared, user=users["partner"])
    MembershipFactory(project=ProjectFactory(code="ELSEWHERE"), user=users["outsider"])
    shared_role = ProjectPartnerFactory(project=shared)
    other_role = ProjectPartnerFactory(project=other)
    person_shared, person_other = PersonFactory(), PersonFactory()
    shared_role.contacts.add(person_shared)
    other_role.contacts.add(person_other)
    group = GroupFactory()
    trashed = OrganisationFactory(name="Dans la corbeille")
    from maillage.core.trash import move_to_trash

    move_to_trash(trashed)
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from maillage.actors.models import OrganisationLink

    world = {
        "users": users,
        "sessions": sessions,
        "project_shared": shared.pk,
        "project_other": other.pk,
        "org_shared": shared_role.organisation.pk,
        "org_other": other_role.organisation.pk,
        "person_shared": person_shared.pk,
        "person_other": person_other.pk,
        "interaction_shared": InteractionFactory(project=shared).pk,
        "interaction_other": InteractionFactory(project=other).pk,
        "group": group.pk,
        "group_member": GroupMemberFactory(group=group).pk,
        "position": PositionFactory(person=person_other).pk,
        "link": OrganisationLink.objects.create(
            source=other_role.organisation, kind="member_of", target=OrganisationFactory()
        ).pk,
        "job": _finished_job(users["officer"]).pk,
        "failed_job": _failed_job(users["officer"]).pk,
        "organisation_import": _import_session("organisations", users["officer"]).pk,
        "person_import": _import_session("people", users["officer"]).pk,
        "saved_filter": SavedFilter.objects.create(
            user=users["officer"], list_name="actors:organisation_list", name="Mes filtres"
        ).pk,
        "self_user": users["viewer"].pk,
        "officer_token": _token_of(users["officer"]).pk,
        "trashed_model": "actors.organisation",
        "trashed": trashed.pk,
        "uid": urlsafe_base64_encode(force_bytes(users["viewer"].pk)),
        "token": default_token_generator.make_token(users["viewer"]),
    }
    for area in AREAS:
        world.update(area.extend_world(world))
    return world


def _token_of(user: Any) -> Any:
    from maillage.accounts.services import ApiTokenService

    token, _key = ApiTokenService.issue(user=user, name="Script", by=user)
    return token


def _finished_job(user: Any) -> Job:
    from django.core.files.base import ContentFile

    job = Job.objects.create(
        title="Export", handler="maillage.core.crud.run_export", created_by=user
    )
    job.result_file.save("export.csv", ContentFile(b"a,b\n"), save=True)
    return job


def _failed_job(user: Any) -> Job:
    """An export whose process died: it may run again."""
    return Job.objects.create(
        title="Export",
        handler="maillage.core.crud.run_export",
        params={"views": "maillage.actors.views.organisations.OrganisationViews", "format": "csv"},
        created_by=user,
        state="failed",
    )


def _import_session(importer: str, user: Any) -> Any:
    from django.core.files.base import ContentFile

    from maillage.core.models_imports import ImportSession

    session = ImportSession.objects.create(
        importer=importer, original_name="liste.csv", file_format="csv", created_by=user
    )
    session.file.save("liste.csv", ContentFile("nom;prénom\nDurand;Anne\n".encode()))
    return session


def _url(rule: Rule, world: dict[str, Any]) -> str:
    values = [world[a] for a in rule.args]
    if rule.path:
        return rule.path.format(**{a: world[a] for a in rule.args})
    return reverse(rule.name, args=values)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_each_role_gets_the_declared_answer(client, world, rule):
    failures = []
    for role in ROLES:
        sid = transaction.savepoint()  # what a role's request changes is undone
        _sign_in(client, world, role)
        url = _url(rule, world)
        call = getattr(client, rule.method)
        if rule.method == "get":
            response = call(url, rule.data)
        else:
            response = (
                call(url, rule.data, content_type="application/json")
                if rule.path or rule.name == "api_token"
                else call(url, rule.data)
            )
        wanted = rule.expected[role]
        ok = response.status_code == wanted or (
            wanted in (200, 201, 204) and response.status_code in rule.allowed
        )
        if not ok:
            failures.append(f"{role}: {response.status_code} (expected {wanted})")
        transaction.savepoint_rollback(sid)
    assert not failures, f"{rule.id} {url}: " + "; ".join(failures)


# --- What a partner's pages name (rendered-page checks) ---------------------------------


def _refused_names(user: Any) -> list[tuple[re.Pattern[str], str]]:
    """The names of the organisations, people, projects and interactions `user` may not
    open, each as a whole-word pattern ("Réunion 1" is not "Réunion 12")."""
    from maillage.actors.models import Interaction, Organisation, Person
    from maillage.projects.models import Project

    patterns = []
    for model in (Organisation, Person, Project, Interaction):
        seen = model.objects.visible_to(user).values("pk")
        for obj in model.objects.exclude(pk__in=seen):
            names = {obj.subject} if model is Interaction else {str(obj)}
            if model is Project:
                names = {obj.title, obj.code}
            for name in names:
                pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
                patterns.append((pattern, f"{model.__name__} {obj.pk} {name!r}"))
    return patterns


def test_partner_pages_name_nothing_refused(client, world):
    """Every page and API answer a partner may open names no record whose own page is
    refused to it: no hidden parent, link, position, party, signatory or internal
    exchange of its own project among the related lists."""
    partner = world["users"]["partner"]
    refused = _refused_names(partner)
    assert any("Réunion interne sur le bailleur" in what for _p, what in refused)
    client.force_login(partner)
    leaks, opened = [], 0
    for rule in RULES:
        if rule.method != "get" or rule.expected["partner"] != 200:
            continue
        url = _url(rule, world)
        response = client.get(url, rule.data)
        if response.status_code != 200 or response.streaming:
            continue  # files (downloads) are checked by their own tests
        opened += 1
        body = html.unescape(response.content.decode(errors="replace"))
        leaks += [f"{url}: {what}" for pattern, what in refused if pattern.search(body)]
    assert opened > 40
    assert not leaks, "\n".join(leaks)
