"""The observatory's relationship graph as SVG, drawn on the server (charts are
`core.charts`).

The same markup is shown on the page (zoomed through its viewBox by
`static/reporting/observatory-graph.js`) and downloaded as an .svg file (with its legend
drawn in), so it uses presentation attributes only (no `style`, which the
Content-Security-Policy refuses) and carries its own <title>, <desc> and text labels.
Organisations are coloured by type, relations drawn in one colour and dash per kind; names
are placed where they overlap neither another name nor a circle, or left out (each circle
still names its organisation on hover and to screen readers).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maillage.actors.models import LinkKind, OrganisationType
from maillage.core.charts import FONT as CHART_FONT
from maillage.core.charts import INK, MUTED
from maillage.core.formatting import format_number
from maillage.reporting.observatory_graph import type_label

if TYPE_CHECKING:
    from maillage.reporting.observatory_graph import Graph, GraphNode

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
FONT = f'font-family="{escape(CHART_FONT, quote=True)}"'
CHAR_WIDTH = 6.5  # average advance of an 11px sans-serif character (wide fonts too)
LABEL_HEIGHT = 13.0
LEGEND_CHAR_WIDTH = 7.4  # at 12px, with room for wide fonts (DejaVu Sans)
LABEL_CHARS = 24  # longer names are shortened on the drawing (the tooltip has them whole)
WIDTH, HEIGHT = 1000, 720
MARGIN_X, MARGIN_Y = 110, 40  # room for the names of the outermost circles


@dataclass(frozen=True)
class EdgeStyle:
    colour: str
    dash: str  # an SVG stroke-dasharray, "" for a solid line
    opacity: float


# One colour and one dash pattern per kind: told apart without colour too.
EDGE_STYLES = {
    "shared_projects": EdgeStyle("#1f4e9e", "", 0.65),
    "shared_agreements": EdgeStyle("#2e7d4f", "9 3", 0.8),
    LinkKind.MEMBER_OF.value: EdgeStyle("#6b3fa0", "2 3", 0.9),
    LinkKind.PARTNER_OF.value: EdgeStyle("#b3541e", "7 3 2 3", 0.9),
    LinkKind.FUNDS.value: EdgeStyle("#b0283f", "4 2", 0.9),
    # Groups make many edges (every pair of members): drawn faint, they leave the rest legible.
    "shared_groups": EdgeStyle("#5a6273", "1 3", 0.45),
}
# Organisation types: each colour of at least 3:1 contrast on white.
TYPE_COLOURS = {
    OrganisationType.MUNICIPALITY.value: "#1f4e9e",
    OrganisationType.INTERMUNICIPAL.value: "#3b6fc4",
    OrganisationType.DEPARTMENT.value: "#6b3fa0",
    OrganisationType.REGION.value: "#a0306e",
    OrganisationType.FOREIGN_AUTHORITY.value: "#b3541e",
    OrganisationType.ASSOCIATION.value: "#2e7d4f",
    OrganisationType.UNIVERSITY.value: "#7a6a00",
    OrganisationType.DONOR.value: "#b0283f",
    OrganisationType.STATE_SERVICE.value: "#4d5566",
    OrganisationType.EMBASSY.value: "#8a5a2b",
    OrganisationType.COMPANY.value: "#0f7c8c",
    OrganisationType.NETWORK.value: INK,
}
OTHER_COLOUR = MUTED


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def shorten(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def radius(node: GraphNode) -> float:
    return round(min(10, 3 + 1.2 * math.sqrt(node.degree)), 1)


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(
    nodes: list[GraphNode], points: dict[int, tuple[float, float]], bounds: Box
) -> list[tuple[GraphNode, float, float, str, str]]:
    """Names that overlap neither each other nor a circle: for each node, most connected
    first (the list's order), the first free spot right, left, above or below its circle;
    none free, no name. Returns (node, x, y, text-anchor, text)."""
    circles = {
        n.pk: (
            points[n.pk][0] - radius(n),
            points[n.pk][1] - radius(n),
            points[n.pk][0] + radius(n),
            points[n.pk][1] + radius(n),
        )
        for n in nodes
    }
    placed: list[Box] = []
    labels = []
    for node in nodes:
        text = shorten(node.name)
        x, y = points[node.pk]
        r = radius(node)
        width = CHAR_WIDTH * len(text)
        above, below = y - r - 2, y + r + 2
        half = width / 2
        candidates = [  # (box, x, baseline, anchor)
            ((x + r + 3, y - 7, x + r + 3 + width, y + 6), x + r + 3, y + 4, "start"),
            ((x - r - 3 - width, y - 7, x - r - 3, y + 6), x - r - 3, y + 4, "end"),
            ((x - half, above - LABEL_HEIGHT, x + half, above), x, above - 3, "middle"),
            ((x - half, below, x + half, below + LABEL_HEIGHT), x, below + 10, "middle"),
        ]
        for box, tx, ty, anchor in candidates:
            if box[0] < bounds[0] or box[2] > bounds[2] or box[1] < bounds[1] or box[3] > bounds[3]:
                continue
            if any(_overlaps(box, other) for other in placed):
                continue
            if any(_overlaps(box, c) for pk, c in circles.items() if pk != node.pk):
                continue
            placed.append(box)
            labels.append((node, round(tx, 1), round(ty, 1), anchor, text))
            break
    return labels


def _legend(graph: Graph, edge_label: Callable[[str], str]) -> tuple[list[str], float]:
    """The legend drawn into a downloaded file: relation kinds, then organisation types,
    wrapped to the width. Returns the markup and its height."""
    out = ['<g class="legend">']
    x, y = 10.0, 18.0
    for kind in sorted({e.kind for e in graph.edges}, key=list(EDGE_STYLES).index):
        style = EDGE_STYLES.get(kind, EdgeStyle(MUTED, "", 1))
        name = edge_label(kind)
        width = 44 + LEGEND_CHAR_WIDTH * len(name)
        if x + width > WIDTH:
            x, y = 10.0, y + 20
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        out.append(
            f'<line x1="{x}" y1="{y - 4}" x2="{x + 26}" y2="{y - 4}" stroke="{style.colour}" '
            f'stroke-width="2.5"{dash}/>'
            f'<text x="{x + 32}" y="{y}" font-size="12" fill="{INK}">{_e(name)}</text>'
        )
        x += width
    x, y = 10.0, y + 22
    for kind in sorted({n.type for n in graph.nodes}, key=_type_order):
        name = type_label(kind)
        width = 34 + LEGEND_CHAR_WIDTH * len(name)
        if x + width > WIDTH:
            x, y = 10.0, y + 20
        colour = TYPE_COLOURS.get(kind, OTHER_COLOUR)
        out.append(
            f'<circle cx="{x + 6}" cy="{y - 4}" r="6" fill="{colour}"/>'
            f'<text x="{x + 17}" y="{y}" font-size="12" fill="{INK}">{_e(name)}</text>'
        )
        x += width
    out.append("</g>")
    return out, y + 12


def _type_order(kind: str) -> int:
    values = list(OrganisationType.values)
    return values.index(kind) if kind in values else len(values)


def legend_entries(graph: Graph, edge_label: Callable[[str], str]) -> dict[str, list]:
    """The legend for the page (HTML beside the drawing, not zoomed with it)."""
    kinds = sorted({e.kind for e in graph.edges}, key=list(EDGE_STYLES).index)
    types = sorted({n.type for n in graph.nodes}, key=_type_order)
    return {
        "relations": [(edge_label(k), EDGE_STYLES[k]) for k in kinds if k in EDGE_STYLES],
        "types": [(type_label(t), TYPE_COLOURS.get(t, OTHER_COLOUR)) for t in types],
    }


def _edges(graph: Graph, points: dict[int, tuple[float, float]]) -> list[str]:
    """Lines by kind; two organisations related in several ways get one curve per kind,
    bent apart, instead of lines drawn over each other."""
    by_pair: dict[tuple[int, int], list] = defaultdict(list)
    for e in graph.edges:
        by_pair[(min(e.source, e.target), max(e.source, e.target))].append(e)
    out = ['<g class="edges" fill="none">']
    for pair_edges in by_pair.values():
        count = len(pair_edges)
        for i, e in enumerate(pair_edges):
            (x1, y1), (x2, y2) = points[e.source], points[e.target]
            style = EDGE_STYLES.get(e.kind, EdgeStyle(MUTED, "", 0.8))
            dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
            stroke = round(1.2 + math.log(max(1, e.weight)), 2)
            attrs = (
                f'stroke="{style.colour}" stroke-opacity="{style.opacity}" '
                f'stroke-width="{stroke}"{dash}'
            )
            bend = (i - (count - 1) / 2) * 14
            if not bend:
                out.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" {attrs}/>')
                continue
            length = math.hypot(x2 - x1, y2 - y1) or 1.0
            cx = round((x1 + x2) / 2 - (y2 - y1) / length * bend, 1)
            cy = round((y1 + y2) / 2 + (x2 - x1) / length * bend, 1)
            out.append(f'<path d="M{x1},{y1} Q{cx},{cy} {x2},{y2}" {attrs}/>')
    out.append("</g>")
    return out


def render_graph(
    graph: Graph,
    *,
    title: str,
    description: str,
    url_prefix: str = "",
    edge_label: Callable[[str], str],
    legend: bool = False,
) -> str:
    """The graph as an <svg>: organisations coloured by type and sized by their relations,
    each a link to its page (prefix the URLs with `url_prefix` in a downloaded file),
    relations in one colour and dash per kind, names where they fit; the legend drawn in
    when `legend` (a file; the page shows it beside the drawing)."""
    legend_markup, top = _legend(graph, edge_label) if legend else ([], 0.0)
    height = round(HEIGHT + top)

    def place(x: float, y: float) -> tuple[float, float]:
        return (
            round(MARGIN_X + x * (WIDTH - 2 * MARGIN_X), 1),
            round(top + MARGIN_Y + y * (HEIGHT - 2 * MARGIN_Y), 1),
        )

    points = {n.pk: place(n.x, n.y) for n in graph.nodes}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" aria-labelledby="graph-title graph-desc" '
        f'class="graph" {FONT} font-size="11" data-graph="">',
        f'<title id="graph-title">{_e(title)}</title>',
        f'<desc id="graph-desc">{_e(description)}</desc>',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        *legend_markup,
        *_edges(graph, points),
        '<g class="nodes">',
    ]
    for n in graph.nodes:
        cx, cy = points[n.pk]
        focused = n.pk == graph.focus
        ring = (
            f'stroke="{INK}" stroke-width="3"' if focused else 'stroke="#ffffff" stroke-width="1"'
        )
        relations = ngettext("%(count)s relation", "%(count)s relations", n.degree) % {
            "count": format_number(n.degree)
        }
        out.append(
            f'<a href="{_e(url_prefix + n.url)}">'
            f"<title>{_e(n.name)} — {_e(type_label(n.type))}, {_e(relations)}</title>"
            f'<circle cx="{cx}" cy="{cy}" r="{radius(n) + (2 if focused else 0)}" '
            f'fill="{TYPE_COLOURS.get(n.type, OTHER_COLOUR)}" {ring}/></a>'
        )
    out.append("</g>")
    # Names above every line and circle, with a white halo; the circles' links carry every
    # name for keyboards and screen readers already.
    out.append('<g class="labels" aria-hidden="true">')
    for node, x, y, anchor, text in place_labels(
        graph.nodes, points, (2, top + 2, WIDTH - 2, height - 2)
    ):
        weight = ' font-weight="700"' if node.pk == graph.focus else ""
        out.append(
            f'<text x="{x}" y="{y}" text-anchor="{anchor}" fill="{INK}" stroke="#ffffff" '
            f'stroke-width="3" stroke-linejoin="round" paint-order="stroke"{weight}>'
            f"{_e(text)}</text>"
        )
    out.append("</g>")
    if not graph.nodes:
        out.append(
            f'<text x="10" y="{top + 30}" fill="{MUTED}">{_e(_("No relation to show"))}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)
