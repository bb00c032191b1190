"""The observatory's relationship graph: organisations linked by shared projects, shared
agreements (their parties), standing links (OrganisationLink: member of, partner of,
funds) and shared working groups, laid out on the server.

Edges come from the database, one per pair and kind, ranked there (`most_connected`); the
graph is capped at `GRAPH_MAX_NODES` (the most connected), or centred on one organisation
and its neighbours (`focus`). The layout is networkx's spring layout (Fruchterman–Reingold
on numpy), seeded so the same graph is drawn the same way, and cached by graph shape.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Value
from django.urls import reverse
from django.utils.translation import gettext as _

from maillage.actors.models import (
    Group,
    GroupMember,
    LinkKind,
    Organisation,
    OrganisationLink,
    OrganisationType,
)
from maillage.partnerships.models import Agreement, AgreementParty
from maillage.projects.models import ProjectPartner
from maillage.reporting.observatory import (
    ObservatoryFilters,
    cached_for_staff,
    organisation_q,
    project_q,
    sees_everything,
)

# The graph page shows at most this many organisations, those with most relations first:
# beyond it, labels overlap and the layout (O(n²) per step) gets slow.
GRAPH_MAX_NODES = 150

SHARED_PROJECTS = "shared_projects"
SHARED_AGREEMENTS = "shared_agreements"
SHARED_GROUPS = "shared_groups"

# The kinds of relations a reader can show or hide (the `relation` query parameter): an
# edge's kind is one of these.
RELATIONS = (SHARED_PROJECTS, SHARED_AGREEMENTS, *LinkKind.values, SHARED_GROUPS)
# Families named by earlier links to the page (`?relation=links`).
RELATION_ALIASES = {
    "projects": (SHARED_PROJECTS,),
    "agreements": (SHARED_AGREEMENTS,),
    "links": tuple(LinkKind.values),
    "groups": (SHARED_GROUPS,),
}
# A working group of n members makes n(n-1)/2 edges: its edges pull less in the layout, or
# every group collapses into a knot that hides projects and links.
GROUP_PULL = 0.1


@dataclass(frozen=True)
class GraphNode:
    pk: int
    name: str
    type: str  # an OrganisationType value
    degree: int  # relations in the whole graph (overview) or in the one drawn (focus)
    x: float
    y: float

    @property
    def url(self) -> str:
        return reverse("actors:organisation_detail", args=[self.pk])

    @property
    def type_label(self) -> str:
        return (
            str(OrganisationType(self.type).label) if self.type in OrganisationType.values else ""
        )


@dataclass(frozen=True)
class GraphEdge:
    source: int
    target: int
    kind: str  # one of RELATIONS
    weight: int  # projects, agreements or groups shared; 1 for a link

    @property
    def label(self) -> str:
        return edge_label(self.kind)


def type_label(kind: str) -> str:
    return str(OrganisationType(kind).label) if kind in OrganisationType.values else ""


def edge_label(kind: str) -> str:
    if kind == SHARED_PROJECTS:
        return _("shared projects")
    if kind == SHARED_AGREEMENTS:
        return _("shared agreements")
    if kind == SHARED_GROUPS:
        return _("shared groups")
    return str(LinkKind(kind).label)


@dataclass
class Graph:
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    total_nodes: int  # organisations with at least one relation (or neighbours), before the cap
    focus: int | None = None  # the organisation the graph is centred on

    @property
    def truncated(self) -> bool:
        return self.total_nodes > len(self.nodes)


@dataclass(frozen=True)
class _Relation:
    """One family of relations: rows of `rows` join organisation `one` to organisation
    `other`, one edge per pair (and kind), weighted by `weight`."""

    rows: QuerySet[Any]
    one: str
    other: str
    kind: Any  # an expression: a fixed kind or the link's own
    weight: Any

    def edges(self) -> QuerySet[Any]:
        """(source, target, kind, weight) per pair and kind."""
        return (
            self.rows.values_list(self.one, self.other)
            .annotate(edge_kind=self.kind, weight=self.weight)
            .order_by()
        )

    def pairs(self) -> QuerySet[Any]:
        """(a, b) per pair and kind, columns named a and b: what ranking counts."""
        return (
            self.rows.annotate(a=F(self.one), b=F(self.other), edge_kind=self.kind)
            .values_list("a", "b", "edge_kind")
            .distinct()
            .order_by()
        )


def _relations_of(
    user: Any,
    filters: ObservatoryFilters,
    relations: set[str],
    among: list[int] | None,
    touching: int | None = None,
) -> list[_Relation]:
    """The kinds of relations asked for between the visible organisations that match
    `filters`, optionally only between the organisations `among`, or only those of the
    organisation `touching`.

    Visibility and filters are joins on both ends (`organisation_q`), never
    `IN (subquery)` pairs: SQLite probed every organisation × project pair on those.
    """

    def both(one: str, other: str) -> Q:
        q = organisation_q(user, filters, one) & organisation_q(user, filters, other)
        if among is not None:
            q &= Q(**{f"{one}__in": among, f"{other}__in": among})
        if touching is not None:
            q &= Q(**{one: touching}) | Q(**{other: touching})
        return q

    result = []
    if SHARED_PROJECTS in relations:
        # In one filter() call every condition on `project__partners` applies to one join:
        # the other partner.
        partners = ProjectPartner.objects.filter(
            both("organisation", "project__partners__organisation"),
            project_q(user, "project"),
            project__partners__organisation__gt=F("organisation"),
        )
        result.append(
            _Relation(
                partners,
                "organisation",
                "project__partners__organisation",
                Value(SHARED_PROJECTS),
                Count("project", distinct=True),
            )
        )
    if SHARED_AGREEMENTS in relations:
        # The parties of one agreement are linked two by two, as a project's partners.
        parties = AgreementParty.objects.filter(
            both("organisation", "agreement__parties__organisation"),
            agreement__deleted_at__isnull=True,
            agreement__parties__organisation__gt=F("organisation"),
        )
        if not sees_everything(user):
            parties = parties.filter(agreement__in=Agreement.objects.visible_to(user).values("pk"))
        result.append(
            _Relation(
                parties,
                "organisation",
                "agreement__parties__organisation",
                Value(SHARED_AGREEMENTS),
                Count("agreement", distinct=True),
            )
        )
    link_kinds = [kind for kind in LinkKind.values if kind in relations]
    if link_kinds:
        links = OrganisationLink.objects.filter(both("source", "target"), kind__in=link_kinds)
        result.append(_Relation(links, "source", "target", F("kind"), Value(1)))
    if SHARED_GROUPS in relations:
        members = GroupMember.objects.filter(
            both("organisation", "group__members__organisation"),
            group__deleted_at__isnull=True,
            group__members__organisation__gt=F("organisation"),
        )
        if not sees_everything(user):
            members = members.filter(group__in=Group.objects.visible_to(user).values("pk"))
        result.append(
            _Relation(
                members,
                "organisation",
                "group__members__organisation",
                Value(SHARED_GROUPS),
                Count("group", distinct=True),
            )
        )
    return result


def relation_edges(
    user: Any,
    filters: ObservatoryFilters,
    relations: Iterable[str] = RELATIONS,
    *,
    among: list[int] | None = None,
    touching: int | None = None,
) -> list[GraphEdge]:
    """Every relation between two visible organisations (of `among`, or of `touching`,
    when given), one edge per pair and kind: shared projects, shared agreements, standing
    links (member of, partner of, funds), shared groups."""
    edges = [
        GraphEdge(a, b, kind, n)
        for relation in _relations_of(user, filters, set(relations), among, touching)
        for a, b, kind, n in relation.edges()
    ]
    return sorted(edges, key=lambda e: (e.source, e.target, e.kind))


def most_connected(
    user: Any, filters: ObservatoryFilters, relations: Iterable[str], limit: int
) -> tuple[list[tuple[int, int]], int]:
    """The `limit` organisations with most relations as (pk, degree), most first, and how
    many organisations have at least one.

    Ranked by the database, so that only those rows leave it: the pairs (214,546 at
    national scale) are counted where they are.
    """
    parts = []
    params: list[Any] = []
    # Only SQL compiled by the ORM is joined here; every value is a parameter.
    for relation in _relations_of(user, filters, set(relations), None):
        try:
            sql, part_params = relation.pairs().query.sql_with_params()
        except EmptyResultSet:  # a family the user may see nothing of (a partner's groups)
            continue
        parts.append(f"SELECT a, b FROM ({sql}) AS e{len(parts)}")  # noqa: S608
        params.extend(part_params)
    if not parts:
        return [], 0
    query = (
        f"WITH edges AS ({' UNION ALL '.join(parts)}) "  # noqa: S608
        "SELECT node, COUNT(*) AS degree, COUNT(*) OVER () AS total FROM "
        "(SELECT a AS node FROM edges UNION ALL SELECT b AS node FROM edges) AS ends "
        "GROUP BY node ORDER BY degree DESC, node LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [*params, limit])
        rows = cursor.fetchall()
    return [(pk, degree) for pk, degree, _total in rows], (rows[0][2] if rows else 0)


def relationship_graph(
    user: Any,
    filters: ObservatoryFilters,
    *,
    relations: Iterable[str] = RELATIONS,
    max_nodes: int = GRAPH_MAX_NODES,
    focus: int | None = None,
) -> Graph:
    """The graph of the `max_nodes` organisations with most relations, or of the
    organisation `focus` and its most related neighbours, laid out in [0, 1]².

    Staff all see the same graph: it is computed once per state of the data
    (`cached_for_staff`); a partner's is its own.
    """
    relations = sorted(set(relations))
    return cached_for_staff(
        user,
        ("graph", filters, tuple(relations), max_nodes, focus),
        lambda: _relationship_graph(user, filters, relations, max_nodes, focus),
    )


def _focus_ranking(
    user: Any, filters: ObservatoryFilters, relations: list[str], focus: int, limit: int
) -> tuple[list[int], int]:
    """`focus` and its `limit - 1` neighbours with most relations to it, and how many
    neighbours it has."""
    weights: dict[int, tuple[int, int]] = {}
    for e in relation_edges(user, filters, relations, touching=focus):
        other = e.target if e.source == focus else e.source
        kinds, weight = weights.get(other, (0, 0))
        weights[other] = (kinds + 1, weight + e.weight)
    neighbours = sorted(weights, key=lambda pk: (-weights[pk][0], -weights[pk][1], pk))
    kept = [focus, *neighbours[: limit - 1]] if neighbours else []
    return kept, len(neighbours)


def _relationship_graph(
    user: Any,
    filters: ObservatoryFilters,
    relations: list[str],
    max_nodes: int,
    focus: int | None,
) -> Graph:
    if focus is None:
        ranked, total = most_connected(user, filters, relations, max_nodes)
        kept = [pk for pk, _degree in ranked]
        degree = dict(ranked)
        edges = relation_edges(user, filters, relations, among=kept)
    else:
        kept, total = _focus_ranking(user, filters, relations, focus, max_nodes)
        edges = relation_edges(user, filters, relations, among=kept) if kept else []
        degree = dict.fromkeys(kept, 0)
        for e in edges:
            degree[e.source] += 1
            degree[e.target] += 1
        # The focus first, then its neighbours by their relations in the drawing.
        kept = [focus, *sorted(kept[1:], key=lambda pk: (-degree[pk], pk))] if kept else []
    rows = Organisation.objects.filter(pk__in=kept).values_list("pk", "name", "type").order_by()
    names = {pk: (name, kind) for pk, name, kind in rows}
    index = {pk: i for i, pk in enumerate(kept)}
    springs = [
        (index[e.source], index[e.target], GROUP_PULL if e.kind == SHARED_GROUPS else 1.0)
        for e in edges
    ]
    positions = _layout(len(kept), springs, centre=0 if focus is not None and kept else None)
    nodes = [
        GraphNode(pk, *names.get(pk, ("", "")), degree[pk], *positions[index[pk]]) for pk in kept
    ]
    return Graph(nodes=nodes, edges=edges, total_nodes=total, focus=focus)


def _layout(
    n: int, springs: list[tuple[int, int, float]], *, centre: int | None = None
) -> list[tuple[float, float]]:
    """Positions, cached by graph shape: the same graph is laid out once, the same way."""
    key = "observatory-layout:" + hashlib.sha256(repr((n, springs, centre)).encode()).hexdigest()
    positions = cache.get(key)
    if positions is None:
        positions = spring_layout(n, springs, centre=centre)
        cache.set(key, positions, 24 * 3600)
    return positions


def spring_layout(
    n: int,
    springs: Sequence[tuple[int, int, float]],
    *,
    centre: int | None = None,
    seed: int = 20240,
) -> list[tuple[float, float]]:
    """Force-directed positions in [0, 1]² for nodes 0..n-1 joined by (a, b, pull) springs:
    networkx's Fruchterman–Reingold on numpy (~0.15 s for 150 nodes), seeded, so the same
    graph always gets the same drawing. Separate parts are laid out apart and packed side
    by side, each given room by its size (laid out together, they fly to the edges and
    squeeze the rest into the middle). Node `centre`, when given, is held in the middle
    (the organisation a focused graph is about; its graph is in one part)."""
    import networkx as nx  # with numpy: only when a graph is laid out

    if n == 0:
        return []
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    for a, b, pull in springs:
        if graph.has_edge(a, b):
            graph[a][b]["weight"] += pull
        else:
            graph.add_edge(a, b, weight=pull)
    if centre is not None:  # a focused graph: one part, its centre in the middle
        centred = _part_layout(nx, graph, centre, seed)
        return [(round(centred[i][0], 4), round(centred[i][1], 4)) for i in range(n)]
    parts = sorted(nx.connected_components(graph), key=lambda part: (-len(part), min(part)))
    total = sum(len(part) for part in parts)
    row_width = max(1.0, 1.4 * total**0.5)  # the drawing is wider than high
    positions: dict[int, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for part in parts:
        side = len(part) ** 0.5
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in _part_layout(nx, graph.subgraph(part), centre, seed).items():
            # 10 % of each cell left empty between parts.
            positions[node] = (x + side * (0.05 + 0.9 * px), y + side * (0.05 + 0.9 * py))
        x += side
        row_height = max(row_height, side)
    xs = [positions[i][0] for i in range(n)]
    ys = [positions[i][1] for i in range(n)]
    min_x, max_x, min_y, max_y = min(xs), max(xs), min(ys), max(ys)
    span_x = (max_x - min_x) or 1.0
    span_y = (max_y - min_y) or 1.0
    return [
        (
            round((x - min_x) / span_x, 4) if max_x > min_x else 0.5,
            round((y - min_y) / span_y, 4) if max_y > min_y else 0.5,
        )
        for x, y in zip(xs, ys, strict=True)
    ]


def _part_layout(
    nx: Any, part: Any, centre: int | None, seed: int
) -> dict[int, tuple[float, float]]:
    """One connected part laid out in [0, 1]² (its centre node, if any, in the middle)."""
    size = part.number_of_nodes()
    if size == 1:
        return {next(iter(part.nodes)): (0.5, 0.5)}
    options: dict[str, Any] = {}
    if centre is not None and centre in part:
        options = {"pos": {centre: (0.0, 0.0)}, "fixed": [centre]}
    # Wider than networkx's default spacing (1/√n): room for the names.
    raw = nx.spring_layout(
        part, k=1.6 / size**0.5, iterations=100, seed=seed, weight="weight", **options
    )
    xs = {v: float(p[0]) for v, p in raw.items()}
    ys = {v: float(p[1]) for v, p in raw.items()}
    if centre is not None and centre in part:  # symmetric around the centre
        reach_x = max(abs(x - xs[centre]) for x in xs.values()) or 1.0
        reach_y = max(abs(y - ys[centre]) for y in ys.values()) or 1.0
        return {
            v: (
                0.5 + (xs[v] - xs[centre]) / (2 * reach_x),
                0.5 + (ys[v] - ys[centre]) / (2 * reach_y),
            )
            for v in raw
        }
    min_x, max_x = min(xs.values()), max(xs.values())
    min_y, max_y = min(ys.values()), max(ys.values())
    return {
        v: ((xs[v] - min_x) / ((max_x - min_x) or 1.0), (ys[v] - min_y) / ((max_y - min_y) or 1.0))
        for v in raw
    }
