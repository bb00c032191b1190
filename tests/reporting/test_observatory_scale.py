"""The observatory at scale: counts and graph computed by the database agree with a plain
count in Python over the same rows, staff share one computation per state of the data
(a write shows at once), partners keep their own, and query counts do not grow."""

import random
from collections import defaultdict

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from maillage.actors.models import (
    Group,
    GroupMember,
    LinkKind,
    Organisation,
    OrganisationLink,
    OrganisationType,
)
from maillage.core.reference import departements
from maillage.projects.models import Project, ProjectPartner
from maillage.reporting.observatory import (
    ObservatoryFilters,
    observatory_figures,
    projects_by_departement,
)
from maillage.reporting.observatory_graph import relation_edges, relationship_graph
from tests.factories import (
    GroupFactory,
    GroupMemberFactory,
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
    ProjectPartnerFactory,
)
from tests.querycount import assert_constant_queries, count_queries

pytestmark = pytest.mark.django_db

DEPARTEMENTS = ["33", "40", "33", "59", "69", ""]  # 33 and 40 are in Nouvelle-Aquitaine
TYPES = [OrganisationType.ASSOCIATION, OrganisationType.MUNICIPALITY]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def network(partner):
    """A seeded mix: 24 organisations (one in the trash), 14 projects of 1–7 partners
    (one in the trash, two the partner is a member of, one organisation twice in one project
    under two roles), standing links and working groups (one in the trash)."""
    rng = random.Random(16)
    organisations = []
    for i in range(24):
        # The first six: associations of Nouvelle-Aquitaine, all in the partner's projects.
        departement = ("33", "40")[i % 2] if i < 6 else rng.choice(DEPARTEMENTS)
        organisations.append(
            OrganisationFactory(
                name=f"Organisation {i:02d}",
                type=OrganisationType.ASSOCIATION if i < 6 else rng.choice(TYPES),
                departement=departement,
                country="FR" if departement else "SN",
            )
        )
    projects = [ProjectFactory(code=f"NET-{i:02d}") for i in range(14)]
    for i, project in enumerate(projects):
        chosen = set(rng.sample(organisations, rng.randint(1, 4)))
        if i < 2:
            chosen |= set(organisations[2 * i : 2 * i + 4])
        if i == 3:  # the project in the trash: its pair must not count
            chosen |= {organisations[22], organisations[23]}
        for organisation in chosen:
            ProjectPartnerFactory(project=project, organisation=organisation)
    twice = ProjectPartner.objects.filter(project=projects[0]).first()
    ProjectPartnerFactory(project=projects[0], organisation=twice.organisation, role="funder")
    for project in projects[:2]:
        MembershipFactory(project=project, user=partner)
    for _ in range(12):
        source, target = rng.sample(organisations, 2)
        OrganisationLink.objects.get_or_create(
            source=source, target=target, kind=rng.choice(LinkKind.values)
        )
    for g in range(4):
        group = GroupFactory(name=f"Réseau {g}")
        for organisation in rng.sample(organisations, 4):
            GroupMemberFactory(group=group, organisation=organisation)
    now = timezone.now()
    Organisation.objects.filter(pk=organisations[5].pk).update(deleted_at=now)
    Project.objects.filter(pk=projects[3].pk).update(deleted_at=now)
    Group.objects.filter(name="Réseau 3").update(deleted_at=now)
    return organisations


def expected_edges(user, filters: ObservatoryFilters) -> set[tuple[int, int, str, int]]:
    """Every relation, counted in Python from the rows the user may see."""
    region = {d.code for d in departements() if d.region == filters.region}
    organisations = {
        o.pk
        for o in Organisation.objects.visible_to(user)
        if (not filters.type or o.type == filters.type)
        and (not filters.region or o.departement in region)
    }
    projects = set(Project.objects.visible_to(user).values_list("pk", flat=True))
    edges: dict[tuple[int, int, str], set[int]] = defaultdict(set)
    by_project: dict[int, set[int]] = defaultdict(set)
    for project, organisation in ProjectPartner.objects.values_list("project", "organisation"):
        if project in projects and organisation in organisations:
            by_project[project].add(organisation)
    for project, members in by_project.items():
        for a in members:
            for b in members:
                if a < b:
                    edges[(a, b, "shared_projects")].add(project)
    groups = set(Group.objects.visible_to(user).values_list("pk", flat=True))
    by_group: dict[int, set[int]] = defaultdict(set)
    for group, organisation in GroupMember.objects.values_list("group", "organisation"):
        if group in groups and organisation in organisations:
            by_group[group].add(organisation)
    for group, members in by_group.items():
        for a in members:
            for b in members:
                if a < b:
                    edges[(a, b, "shared_groups")].add(group)
    result = {(a, b, kind, len(through)) for (a, b, kind), through in edges.items()}
    for a, b, kind in OrganisationLink.objects.values_list("source", "target", "kind"):
        if a in organisations and b in organisations:
            result.add((a, b, kind, 1))
    return result


def expected_ranking(edges) -> list[tuple[int, int]]:
    degree: dict[int, int] = defaultdict(int)
    for a, b, _kind, _n in edges:
        degree[a] += 1
        degree[b] += 1
    return sorted(degree.items(), key=lambda item: (-item[1], item[0]))


FILTERS = [
    ObservatoryFilters(),
    ObservatoryFilters(type=OrganisationType.ASSOCIATION),
    ObservatoryFilters(region="NAQ"),
]


@pytest.mark.parametrize("filters", FILTERS, ids=["all", "type", "region"])
@pytest.mark.parametrize("role", ["officer", "partner"])
def test_the_graph_has_the_relations_and_ranking_a_count_in_python_gives(
    request, network, role, filters
):
    user = request.getfixturevalue(role)
    expected = expected_edges(user, filters)
    assert expected, "the dataset must hold relations for this case"
    edges = relation_edges(user, filters)
    assert {(e.source, e.target, e.kind, e.weight) for e in edges} == expected
    ranking = expected_ranking(expected)
    graph = relationship_graph(user, filters, max_nodes=6)
    assert [(n.pk, n.degree) for n in graph.nodes] == ranking[:6]
    assert graph.total_nodes == len(ranking)
    kept = {pk for pk, _degree in ranking[:6]}
    assert {(e.source, e.target, e.kind, e.weight) for e in graph.edges} == {
        e for e in expected if e[0] in kept and e[1] in kept
    }


@pytest.mark.parametrize("filters", FILTERS, ids=["all", "type", "region"])
@pytest.mark.parametrize("role", ["officer", "partner"])
def test_projects_by_departement_counts_what_a_count_in_python_gives(
    request, network, role, filters
):
    user = request.getfixturevalue(role)
    region = {d.code for d in departements() if d.region == filters.region}
    projects = set(Project.objects.visible_to(user).values_list("pk", flat=True))
    visible = {o.pk: o for o in Organisation.objects.visible_to(user)}
    cells: dict[tuple[str, str], set[int]] = defaultdict(set)
    for project, organisation in ProjectPartner.objects.values_list("project", "organisation"):
        o = visible.get(organisation)
        if project not in projects or o is None:
            continue
        if (filters.type and o.type != filters.type) or (
            filters.region and o.departement not in region
        ):
            continue
        cells[(o.departement, o.type)].add(project)
    figure = projects_by_departement(user, filters)
    columns = [t for t in OrganisationType.values if any(c == t for _d, c in cells)]
    got = {
        (row[0], column): n
        for row in figure.rows
        for column, n in zip(columns, row[2:-1], strict=True)
        if n
    }
    assert got == {key: len(projects) for key, projects in cells.items()}
    assert figure.footer[-1] == len(set().union(*cells.values()))


def test_staff_share_one_computation_and_a_write_shows_at_once(client, officer, viewer):
    OrganisationFactory(name="Première", departement="33")
    client.force_login(officer)
    url = reverse("reporting:observatory")
    assert "Gironde" in client.get(url).content.decode()
    client.force_login(viewer)
    # The viewer gets the officer's figures: one query to check the data has not moved.
    queries, sql, response = count_queries(lambda: client.get(url))
    assert "Gironde" in response.content.decode()
    assert queries <= 3, sql
    OrganisationFactory(name="Seconde", departement="59")
    assert "Nord" in client.get(url).content.decode()
    # An edit (not a new row) shows too: the département of the one in Nord moves.
    moved = Organisation.objects.get(name="Seconde")
    moved.departement = "69"
    moved.save()
    body = client.get(url).content.decode()
    assert "Nord" not in body and "Rhône" in body


def test_moving_an_organisation_to_the_trash_leaves_the_shared_graph(officer):
    a, b = OrganisationFactory(), OrganisationFactory()
    OrganisationLink.objects.create(source=a, kind=LinkKind.FUNDS, target=b)
    assert len(relationship_graph(officer, ObservatoryFilters()).nodes) == 2
    b.deleted_at = timezone.now()
    b.save()
    assert relationship_graph(officer, ObservatoryFilters()).nodes == []


def test_a_partner_never_gets_the_figures_staff_computed(officer, partner, partner_project):
    ProjectPartnerFactory(project=partner_project, organisation__departement="33")
    ProjectPartnerFactory(organisation__departement="59")  # a project it is not in
    assert any(r[0] == "59" for r in observatory_figures(officer, ObservatoryFilters())[0].rows)
    rows = observatory_figures(partner, ObservatoryFilters())[0].rows
    assert [r[0] for r in rows] == ["33"]
    graph_staff = relationship_graph(officer, ObservatoryFilters())
    graph_partner = relationship_graph(partner, ObservatoryFilters())
    assert graph_partner.total_nodes <= graph_staff.total_nodes


@pytest.mark.parametrize("role", ["officer", "partner"])
@pytest.mark.parametrize("name", ["observatory", "observatory_graph"])
def test_observatory_pages_make_as_many_queries_for_3_or_30_partnerships(
    request, client, settings, role, name, partner_project
):
    # Without the cache: every request computes, as the first after a write does.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    user = request.getfixturevalue(role)
    client.force_login(user)
    made = []

    def grow(n):
        for _ in range(n):
            project = partner_project if len(made) % 2 else ProjectFactory()
            a = ProjectPartnerFactory(project=project, organisation__departement="33")
            b = ProjectPartnerFactory(project=project, organisation__departement="69")
            OrganisationLink.objects.create(
                source=a.organisation, kind=LinkKind.PARTNER_OF, target=b.organisation
            )
            GroupMemberFactory(organisation=a.organisation)
            made.append(project)

    assert_constant_queries(client, reverse(f"reporting:{name}"), grow=grow, rows=(3, 30))
