"""The observatory's relationship graph: organisations linked by shared projects, standing
links (OrganisationLink) and shared working groups, laid out on the server.

Edges come from the database, one per pair and kind; the layout is a seeded
Fruchterman–Reingold in pure Python, capped at `GRAPH_MAX_NODES` (the most connected) and
cached by graph shape.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Value
from django.urls import reverse
from django.utils.translation import gettext as _

from maillage.actors.models import Group, GroupMember, LinkKind, Organisation, OrganisationLink
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
SHARED_GROUPS = "shared_groups"

# The families of relations a reader can show or hide (the `relation` query parameter).
RELATIONS = ("projects", "links", "groups")
# A working group of n members makes n(n-1)/2 edges: its edges pull less in the layout, or
# every group collapses into a knot that hides projects and links.
GROUP_PULL = 0.1


@dataclass(frozen=True)
class GraphNode:
    pk: int
    name: str
    degree: int
    x: float
    y: float

    @property
    def url(self) -> str:
        return reverse("actors:organisation_detail", args=[self.pk])


@dataclass(frozen=True)
class GraphEdge:
    source: int
    target: int
    kind: str  # SHARED_PROJECTS, SHARED_GROUPS or a LinkKind value
    weight: int  # projects or groups shared; 1 for a link

    @property
    def label(self) -> str:
        return edge_label(self.kind)


def edge_label(kind: str) -> str:
    if kind == SHARED_PROJECTS:
        return _("shared projects")
    if kind == SHARED_GROUPS:
        return _("shared groups")
    return str(LinkKind(kind).label)


@dataclass
class Graph:
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    total_nodes: int  # organisations with at least one relation, before the cap

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
    user: Any, filters: ObservatoryFilters, relations: set[str], among: list[int] | None
) -> list[_Relation]:
    """The families of relations asked for between the visible organisations that match
    `filters`, optionally only between the organisations `among`.

    Visibility and filters are joins on both ends (`organisation_q`), never
    `IN (subquery)` pairs: SQLite probed every organisation × project pair on those.
    """

    def both(one: str, other: str) -> Q:
        q = organisation_q(user, filters, one) & organisation_q(user, filters, other)
        if among is not None:
            q &= Q(**{f"{one}__in": among, f"{other}__in": among})
        return q

    result = []
    if "projects" in relations:
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
    if "links" in relations:
        links = OrganisationLink.objects.filter(both("source", "target"))
        result.append(_Relation(links, "source", "target", F("kind"), Value(1)))
    if "groups" in relations:
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
) -> list[GraphEdge]:
    """Every relation between two visible organisations (of `among` when given), one edge
    per pair and kind: shared projects, standing links (member of, partner of, funds),
    shared groups."""
    edges = [
        GraphEdge(a, b, kind, n)
        for relation in _relations_of(user, filters, set(relations), among)
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
) -> Graph:
    """The graph of the `max_nodes` organisations with most relations, laid out in [0, 1]².

    Staff all see the same graph: it is computed once per state of the data
    (`observatory_cache`); a partner's is its own.
    """
    relations = sorted(set(relations))
    return cached_for_staff(
        user,
        ("graph", filters, tuple(relations), max_nodes),
        lambda: _relationship_graph(user, filters, relations, max_nodes),
    )


def _relationship_graph(
    user: Any, filters: ObservatoryFilters, relations: list[str], max_nodes: int
) -> Graph:
    ranked, total = most_connected(user, filters, relations, max_nodes)
    kept = [pk for pk, _degree in ranked]
    degree = dict(ranked)
    edges = relation_edges(user, filters, relations, among=kept)
    names = dict(Organisation.objects.filter(pk__in=kept).values_list("pk", "name").order_by())
    index = {pk: i for i, pk in enumerate(kept)}
    springs = [
        (index[e.source], index[e.target], GROUP_PULL if e.kind == SHARED_GROUPS else 1.0)
        for e in edges
    ]
    positions = _layout(len(kept), springs)
    nodes = [GraphNode(pk, names.get(pk, ""), degree[pk], *positions[index[pk]]) for pk in kept]
    return Graph(nodes=nodes, edges=edges, total_nodes=total)


def _layout(n: int, springs: list[tuple[int, int, float]]) -> list[tuple[float, float]]:
    """Positions, cached by graph shape: the same graph is laid out once, the same way."""
    key = "observatory-layout:" + hashlib.sha256(repr((n, springs)).encode()).hexdigest()
    positions = cache.get(key)
    if positions is None:
        positions = fruchterman_reingold(n, springs)
        cache.set(key, positions, 24 * 3600)
    return positions


def fruchterman_reingold(
    n: int,
    springs: Sequence[tuple[int, int, float]],
    *,
    iterations: int = 80,
    seed: int = 20240,
) -> list[tuple[float, float]]:
    """Force-directed positions in [0, 1]² for nodes 0..n-1 joined by (a, b, pull) springs
    (Fruchterman & Reingold 1991, with a weak pull to the centre for separate parts).

    Deterministic: seeded start, fixed number of steps, linear cooling. Pure Python, O(n²)
    per step: about 0.4 s for 150 nodes, 1.3 s for 300; callers cap and cache.
    """
    if n == 0:
        return []
    if n == 1:
        return [(0.5, 0.5)]
    rng = random.Random(seed)
    xs = [rng.random() for _ in range(n)]
    ys = [rng.random() for _ in range(n)]
    k = math.sqrt(1.0 / n)  # ideal distance in the unit square
    k2 = k * k
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    gravity = 0.05
    for _step in range(iterations):
        dx = [0.0] * n
        dy = [0.0] * n
        for i in range(n):
            xi, yi = xs[i], ys[i]
            fx = fy = 0.0
            for j in range(i + 1, n):
                ddx = xi - xs[j]
                ddy = yi - ys[j]
                d2 = ddx * ddx + ddy * ddy or 1e-9
                f = k2 / d2  # repulsion k²/d along the unit vector (ddx/d, ddy/d)
                fx += ddx * f
                fy += ddy * f
                dx[j] -= ddx * f
                dy[j] -= ddy * f
            dx[i] += fx + (0.5 - xi) * gravity
            dy[i] += fy + (0.5 - yi) * gravity
        for a, b, pull in springs:
            ddx = xs[a] - xs[b]
            ddy = ys[a] - ys[b]
            f = math.sqrt(ddx * ddx + ddy * ddy) / k * pull  # attraction d²/k, unit vector
            dx[a] -= ddx * f
            dy[a] -= ddy * f
            dx[b] += ddx * f
            dy[b] += ddy * f
        for i in range(n):
            length = math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) or 1e-9
            step = min(length, temperature) / length
            xs[i] += dx[i] * step
            ys[i] += dy[i] * step
        temperature -= cooling
    min_x, max_x, min_y, max_y = min(xs), max(xs), min(ys), max(ys)
    span_x = (max_x - min_x) or 1.0
    span_y = (max_y - min_y) or 1.0
    return [
        (round((x - min_x) / span_x, 4), round((y - min_y) / span_y, 4))
        for x, y in zip(xs, ys, strict=True)
    ]
