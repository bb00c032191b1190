"""The relationship graph made readable: agreements as relations, a focus on one
organisation and its neighbours, a filter by kind, colours by type, one line style per
kind with a legend, names that do not overlap, zoom, and constant query counts."""

import pytest
from django.urls import reverse
from django.utils import translation
from lxml import etree

from maillage.actors.models import LinkKind, OrganisationLink, OrganisationType
from maillage.partnerships.models import Agreement, AgreementParty
from maillage.reporting.observatory import ObservatoryFilters
from maillage.reporting.observatory_graph import (
    SHARED_AGREEMENTS,
    SHARED_PROJECTS,
    Graph,
    GraphNode,
    relation_edges,
    relationship_graph,
    spring_layout,
)
from maillage.reporting.observatory_svg import (
    CHAR_WIDTH,
    EDGE_STYLES,
    TYPE_COLOURS,
    place_labels,
    radius,
)
from tests.factories import OrganisationFactory, ProjectPartnerFactory
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def login(client, user):
    user.language = "en"
    user.save(update_fields=["language"])
    client.force_login(user)


def parse(content: bytes):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(content, parser)


def agreement(*organisations, projects=(), **fields):
    record = Agreement.objects.create(title=fields.pop("title", "Convention"), **fields)
    record.projects.set(projects)
    for organisation in organisations:
        AgreementParty.objects.create(agreement=record, organisation=organisation)
    return record


@pytest.fixture
def network(partner_project, other_project):
    """Lille is at the centre: a project with Oujda (the partner's), an agreement with
    Oujda and Saint-Louis, and funds Dakar; Lyon and Nantes share a project of their own."""
    lille = OrganisationFactory(name="Ville de Lille", type=OrganisationType.MUNICIPALITY)
    oujda = OrganisationFactory(name="Commune d'Oujda", type=OrganisationType.FOREIGN_AUTHORITY)
    louis = OrganisationFactory(
        name="Ville de Saint-Louis", type=OrganisationType.FOREIGN_AUTHORITY
    )
    dakar = OrganisationFactory(name="Association Dakar", type=OrganisationType.ASSOCIATION)
    lyon = OrganisationFactory(name="Lyon Coopération", type=OrganisationType.ASSOCIATION)
    nantes = OrganisationFactory(name="Nantes Solidarité", type=OrganisationType.ASSOCIATION)
    ProjectPartnerFactory(project=partner_project, organisation=lille)
    ProjectPartnerFactory(project=partner_project, organisation=oujda)
    ProjectPartnerFactory(project=other_project, organisation=lyon)
    ProjectPartnerFactory(project=other_project, organisation=nantes)
    agreement(lille, oujda, louis, projects=[other_project], title="Convention Lille–Oujda")
    OrganisationLink.objects.create(source=lille, kind=LinkKind.FUNDS, target=dakar)
    return {
        "lille": lille,
        "oujda": oujda,
        "louis": louis,
        "dakar": dakar,
        "lyon": lyon,
        "nantes": nantes,
    }


def pairs(edges, kind=None):
    return {frozenset((e.source, e.target)) for e in edges if kind is None or e.kind == kind}


def test_the_parties_of_an_agreement_are_related(officer, network):
    n = network
    edges = relation_edges(officer, ObservatoryFilters())
    assert pairs(edges, SHARED_AGREEMENTS) == {
        frozenset((n["lille"].pk, n["oujda"].pk)),
        frozenset((n["lille"].pk, n["louis"].pk)),
        frozenset((n["oujda"].pk, n["louis"].pk)),
    }
    # An agreement in the trash relates nobody.
    Agreement.objects.update(deleted_at="2026-01-01T00:00:00Z")
    assert not pairs(relation_edges(officer, ObservatoryFilters()), SHARED_AGREEMENTS)


def test_a_partner_sees_no_relation_through_an_agreement_of_another_project(partner, network):
    # The agreement is linked to a project the partner is not in.
    edges = relation_edges(partner, ObservatoryFilters())
    assert not pairs(edges, SHARED_AGREEMENTS)
    assert pairs(edges, SHARED_PROJECTS) == {frozenset((network["lille"].pk, network["oujda"].pk))}


def test_focus_draws_one_organisation_and_its_neighbours(officer, network):
    n = network
    graph = relationship_graph(officer, ObservatoryFilters(), focus=n["lille"].pk)
    assert graph.focus == n["lille"].pk
    assert graph.nodes[0].pk == n["lille"].pk
    assert {node.pk for node in graph.nodes} == {
        n["lille"].pk,
        n["oujda"].pk,
        n["louis"].pk,
        n["dakar"].pk,
    }
    assert graph.nodes[0].x == 0.5 and graph.nodes[0].y == 0.5  # in the middle
    # Relations between the neighbours are drawn too (Oujda and Saint-Louis).
    assert frozenset((n["oujda"].pk, n["louis"].pk)) in pairs(graph.edges)
    # Oujda: a project and an agreement with Lille, the closest neighbour.
    assert graph.nodes[1].pk == n["oujda"].pk
    capped = relationship_graph(officer, ObservatoryFilters(), focus=n["lille"].pk, max_nodes=2)
    assert [node.pk for node in capped.nodes] == [n["lille"].pk, n["oujda"].pk]
    assert capped.truncated and capped.total_nodes == 3


def test_the_graph_page_centres_on_the_organisation_picked(client, officer, network):
    login(client, officer)
    url = reverse("reporting:observatory_graph")
    body = client.get(url, {"focus": network["lille"].pk}).content.decode()
    assert "Relations of Ville de Lille" in body
    assert "Lyon Coopération" not in body and "Nantes Solidarité" not in body
    assert "Show the whole network" in body
    # The picker is the organisations' type-ahead, holding the chosen one.
    assert reverse("actors:organisation_choices") in body
    assert f'<option value="{network["lille"].pk}" selected>' in body
    # Without JavaScript: type words, submit, choose among the matches.
    body = client.get(url, {"focus_search": "Oujda"}).content.decode()
    assert f'<option value="{network["oujda"].pk}">' in body
    # Each organisation in the table offers to centre the graph on it.
    body = client.get(url).content.decode()
    assert f'?focus={network["lyon"].pk}"' in body
    # Downloads keep the focus.
    svg = parse(
        client.get(
            reverse("reporting:observatory_graph_svg"), {"focus": network["lille"].pk}
        ).content
    )
    assert svg.find(f"{SVG}title").text == "Relations of Ville de Lille"
    rows = client.get(reverse("reporting:observatory_graph_csv"), {"focus": network["lille"].pk})
    assert "Lyon" not in rows.content.decode("utf-8-sig")


def test_a_partner_cannot_centre_on_an_organisation_it_may_not_see(client, partner, network):
    login(client, partner)
    url = reverse("reporting:observatory_graph")
    response = client.get(url, {"focus": network["lyon"].pk})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Lyon Coopération" not in body and "Nantes" not in body
    assert "Relations between organisations" in body  # the whole (visible) network
    for bad in ("x", "-1", "99999999999999999999999"):
        assert client.get(url, {"focus": bad}).status_code == 200


def test_the_filter_keeps_the_kinds_asked_for(client, officer, network):
    login(client, officer)
    url = reverse("reporting:observatory_graph_csv")
    content = client.get(url, {"relation": ["shared_agreements", "funds"]}).content.decode()
    assert "shared agreements" in content and "funds" in content
    assert "shared projects" not in content
    body = client.get(
        reverse("reporting:observatory_graph"), {"relation": "funds"}
    ).content.decode()
    assert 'value="funds" checked' in body and 'value="shared_projects" checked' not in body
    assert "Association Dakar" in body and "Lyon Coopération" not in body


def test_circles_are_coloured_by_type_and_lines_styled_by_kind_with_a_legend(
    client, officer, network
):
    login(client, officer)
    root = parse(client.get(reverse("reporting:observatory_graph_svg")).content)
    fills = {c.get("fill") for c in root.iter(f"{SVG}circle")}
    for kind in (OrganisationType.MUNICIPALITY, OrganisationType.ASSOCIATION):
        assert TYPE_COLOURS[kind] in fills
    dashes = {
        (line.get("stroke"), line.get("stroke-dasharray"))
        for line in root.iter()
        if line.tag in (f"{SVG}line", f"{SVG}path") and line.getparent().get("class") == "edges"
    }
    assert (EDGE_STYLES["funds"].colour, EDGE_STYLES["funds"].dash) in dashes
    assert (
        EDGE_STYLES["shared_agreements"].colour,
        EDGE_STYLES["shared_agreements"].dash,
    ) in dashes
    legend = "".join(root.find(f"{SVG}g[@class='legend']").itertext())
    assert "shared agreements" in legend and "funds" in legend and "Association" in legend
    # Lille and Oujda share a project and an agreement: two curves, not one line over the other.
    assert len(root.findall(f"{SVG}g[@class='edges']/{SVG}path")) == 2
    body = client.get(reverse("reporting:observatory_graph")).content.decode()
    assert 'class="graph-legend"' in body and "data-graph-controls" in body
    assert "reporting/observatory-graph.js" in body


def test_names_never_overlap_each_other_or_a_circle():
    positions = spring_layout(60, [(i, (i * 7 + 3) % 60, 1.0) for i in range(60)])
    nodes = [
        GraphNode(i, f"Organisation au nom assez long numéro {i}", "association", i % 5, x, y)
        for i, (x, y) in enumerate(positions)
    ]
    points = {n.pk: (100 + n.x * 780, 40 + n.y * 640) for n in nodes}
    labels = place_labels(nodes, points, (2, 2, 998, 718))
    assert len(labels) >= 15
    boxes = []
    for node, x, y, anchor, text in labels:
        width = CHAR_WIDTH * len(text)
        left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
        boxes.append((node.pk, (left, y - 10, left + width, y + 2)))
        assert len(text) <= 24
    for i, (pk, box) in enumerate(boxes):
        for _other, other in boxes[i + 1 :]:
            assert not (
                box[0] < other[2] - 0.5
                and other[0] < box[2] - 0.5
                and box[1] < other[3] - 0.5
                and other[1] < box[3] - 0.5
            )
        for n in nodes:
            if n.pk == pk:
                continue
            cx, cy = points[n.pk]
            r = radius(n)
            assert not (box[0] < cx + r and cx - r < box[2] and box[1] < cy + r and cy - r < box[3])


def test_the_layout_keeps_separate_parts_apart_and_is_deterministic():
    springs = [(0, 1, 1.0), (1, 2, 1.0), (2, 0, 1.0), (3, 4, 1.0)]
    first = spring_layout(5, springs)
    assert first == spring_layout(5, springs)
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in first)

    # The triangle and the pair do not mingle: their boxes are apart.
    def box(nodes):
        xs, ys = [first[i][0] for i in nodes], [first[i][1] for i in nodes]
        return min(xs), min(ys), max(xs), max(ys)

    triangle, pair = box(range(3)), box((3, 4))
    assert (
        triangle[2] < pair[0]
        or pair[2] < triangle[0]
        or triangle[3] < pair[1]
        or pair[3] < triangle[1]
    )
    centred = spring_layout(4, [(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)], centre=0)
    assert centred[0] == (0.5, 0.5)


def test_an_empty_focus_says_so(client, officer, network):
    alone = OrganisationFactory(name="Seule au monde")
    login(client, officer)
    body = client.get(reverse("reporting:observatory_graph"), {"focus": alone.pk}).content.decode()
    assert "Seule au monde has no relation" in body
    assert relationship_graph(officer, ObservatoryFilters(), focus=alone.pk) == Graph(
        nodes=[], edges=[], total_nodes=0, focus=alone.pk
    )


@pytest.mark.parametrize("role", ["officer", "partner"])
def test_the_focused_graph_makes_as_many_queries_for_3_or_30_neighbours(
    request, client, settings, role, partner_project
):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    user = request.getfixturevalue(role)
    client.force_login(user)
    centre = ProjectPartnerFactory(project=partner_project).organisation

    def grow(n):
        for _ in range(n):
            other = ProjectPartnerFactory(project=partner_project).organisation
            agreement(centre, other, projects=[partner_project])
            OrganisationLink.objects.create(source=centre, kind=LinkKind.PARTNER_OF, target=other)

    url = reverse("reporting:observatory_graph") + f"?focus={centre.pk}"
    assert_constant_queries(client, url, grow=grow, rows=(3, 30))
