"""Who may open what: every URL of the site and every API route, for every role.

The matrix is generated from the URL configuration: a route without a declared rule
fails `test_every_route_has_a_rule`, so a new page cannot ship without saying who may
see it. Each rule gives the expected status per role; denials are checked as carefully
as grants.

Roles: anonymous; `outsider`, a partner of another project; `partner`, member of the
shared project; `viewer`; `officer`; `admin`.
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from maillage.accounts.models import Role
from maillage.core.models import Job, SavedFilter
from tests.factories import (
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
    HIDDEN,
    PUBLIC,
    ROLES,
    SHARED,
    SIGNED_IN,
    WRITE,
    WRITE_HIDDEN,
    WRITE_SHARED,
    Rule,
    crud,
    expect,
)

RULES: list[Rule] = [
    Rule("healthz", PUBLIC),
    Rule("core:home", SIGNED_IN),
    Rule("core:search", SIGNED_IN, data={"q": "projet"}),
    Rule("core:job_list", SIGNED_IN),
    Rule("core:job_detail", expect(outsider=404, partner=404, viewer=404, admin=200), ("job",)),
    Rule("core:job_download", expect(outsider=404, partner=404, viewer=404), ("job",)),
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
    *crud("actors", "organisation", "org_shared", "org_other"),
    Rule("actors:organisation_link_add", WRITE_SHARED, ("org_shared",)),
    Rule("actors:organisation_link_add", WRITE_HIDDEN, ("org_other",)),
    Rule(
        "actors:organisation_link_delete",
        expect(outsider=404, partner=404, viewer=403, officer=302, admin=302),
        ("org_other", "link"),
        method="post",
    ),
    *crud("actors", "person", "person_shared", "person_other"),
    Rule("actors:position_add", WRITE_SHARED, ("person_shared",)),
    Rule(
        "actors:position_delete",
        expect(outsider=404, partner=404, viewer=403, officer=302, admin=302),
        ("person_other", "position"),
        method="post",
    ),
    *crud("actors", "interaction", "interaction_shared", "interaction_other"),
    *crud("actors", "group", None, "group"),
    Rule("actors:group_member_add", WRITE_HIDDEN, ("group",)),
    Rule(
        "actors:group_member_delete",
        expect(outsider=404, partner=404, viewer=403, officer=302, admin=302),
        ("group", "group_member"),
        method="post",
    ),
    Rule("actors:observatory", SIGNED_IN),
    Rule(
        "actors:observatory_figure_csv",
        SIGNED_IN,
        path="/actors/observatory/figures/by-country.csv",
    ),
    Rule(
        "actors:observatory_figure_svg",
        SIGNED_IN,
        path="/actors/observatory/figures/by-country.svg",
    ),
    Rule("actors:observatory_map", SIGNED_IN),
    Rule("actors:observatory_map_data", SIGNED_IN, data={"zoom": "5"}),
    Rule("actors:observatory_map_csv", SIGNED_IN),
    Rule("actors:observatory_graph", SIGNED_IN),
    Rule("actors:observatory_graph_svg", SIGNED_IN),
    Rule("actors:observatory_graph_csv", SIGNED_IN),
    # Saved filters, bulk actions, merging duplicates, GDPR and vCard.
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
    *(
        Rule(
            f"actors:{model}_bulk",
            expect(outsider=403, partner=403, viewer=403, officer=302, admin=302),
            method="post",
            data={"action": "tag", "tag": "Réseau", "ids": "1,2,3"},
        )
        for model in ("organisation", "person")
    ),
    Rule(
        "actors:organisation_bulk",
        expect(outsider=302, partner=302, viewer=302, officer=302, admin=302),
        method="post",
        data={"action": "export", "format": "csv", "ids": "1,2,3"},
    ),
    Rule("actors:organisation_merge", WRITE_SHARED, ("org_shared",)),
    Rule("actors:organisation_merge", WRITE_HIDDEN, ("org_other",)),
    Rule("actors:organisation_merge_confirm", WRITE_SHARED, ("org_shared", "org_other")),
    Rule("actors:organisation_merge_confirm", WRITE_HIDDEN, ("org_other", "org_shared")),
    Rule(
        "actors:organisation_merge_confirm",
        expect(outsider=404, partner=403, viewer=403, officer=302, admin=302),
        ("org_shared", "org_other"),
        method="post",
    ),
    Rule("actors:person_merge", WRITE_SHARED, ("person_shared",)),
    Rule("actors:person_merge_confirm", WRITE_SHARED, ("person_shared", "person_other")),
    Rule(
        "actors:person_merge_confirm",
        expect(outsider=404, partner=404, viewer=403, officer=302, admin=302),
        ("person_other", "person_shared"),
        method="post",
    ),
    Rule("actors:people_untouched", expect(outsider=403, partner=403, viewer=403)),
    Rule("actors:person_data_export", WRITE_SHARED, ("person_shared",)),
    Rule("actors:person_data_export", WRITE_HIDDEN, ("person_other",)),
    Rule("actors:person_anonymise", WRITE_SHARED, ("person_shared",)),
    Rule(
        "actors:person_anonymise",
        expect(outsider=404, partner=404, viewer=403, officer=302, admin=302),
        ("person_other",),
        method="post",
    ),
    Rule("actors:person_vcard", SHARED, ("person_shared",)),
    Rule("actors:person_vcard", HIDDEN, ("person_other",)),
    *[
        rule
        for model in ("organisation", "person")
        for rule in (
            Rule(f"actors:{model}_import", WRITE),
            # An upload in progress belongs to the officer who made it, and to no one else.
            Rule(
                f"actors:{model}_import_mapping",
                expect(outsider=403, partner=403, viewer=403, admin=404, officer=200),
                (f"{model}_import",),
                allowed=frozenset({200}),
            ),
            Rule(
                f"actors:{model}_import_preview",
                expect(outsider=403, partner=403, viewer=403, admin=404, officer=302),
                (f"{model}_import",),
                allowed=frozenset({200}),
            ),
        )
    ],
    # API
    Rule("api_token", expect(400, 400, 400, 400, 400, 400), method="post"),
    Rule("api_me", API_LIST),
    Rule("api_schema", PUBLIC),
    Rule("api_docs", PUBLIC),
]

API_RESOURCES = {
    # basename: (URL segment, shared record, hidden record)
    "project": ("projects", "project_shared", "project_other"),
    "organisation": ("organisations", "org_shared", "org_other"),
    "person": ("people", "person_shared", "person_other"),
    "interaction": ("interactions", "interaction_shared", "interaction_other"),
    "group": ("groups", None, "group"),
}
# Each area declares its own pages, API resources and records in tests/<area>/matrix.py.
AREAS = [
    importlib.import_module(name)
    for name in (
        "tests.projects.matrix",
        "tests.projects.matrix_risks_updates",
        "tests.projects.matrix_plan_io",
        "tests.projects.matrix_planning",
        "tests.partnerships.matrix",
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


@pytest.fixture
def world(db):
    shared = ProjectFactory(code="SHARED", title="Projet partagé")
    other = ProjectFactory(code="OTHER", title="Projet réservé")
    users = {
        "outsider": UserFactory(username="outsider", role=Role.PARTNER),
        "partner": UserFactory(username="partner", role=Role.PARTNER),
        "viewer": UserFactory(username="viewer", role=Role.VIEWER),
        "officer": UserFactory(username="officer", role=Role.OFFICER),
        "admin": UserFactory(username="admin", role=Role.ADMIN),
    }
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
        "organisation_import": _import_session("organisations", users["officer"]).pk,
        "person_import": _import_session("people", users["officer"]).pk,
        "saved_filter": SavedFilter.objects.create(
            user=users["officer"], list_name="actors:organisation_list", name="Mes filtres"
        ).pk,
        "self_user": users["viewer"].pk,
        "trashed_model": "actors.organisation",
        "trashed": trashed.pk,
        "uid": urlsafe_base64_encode(force_bytes(users["viewer"].pk)),
        "token": default_token_generator.make_token(users["viewer"]),
    }
    for area in AREAS:
        world.update(area.extend_world(world))
    return world


def _finished_job(user: Any) -> Job:
    from django.core.files.base import ContentFile

    job = Job.objects.create(
        title="Export", handler="maillage.core.crud.run_export", created_by=user
    )
    job.result_file.save("export.csv", ContentFile(b"a,b\n"), save=True)
    return job


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
        sid = transaction.savepoint()
        client.logout()
        if role != "anonymous":
            client.force_login(world["users"][role])
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
