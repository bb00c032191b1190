"""The observatory's relationship graph as SVG, drawn on the server (charts are
`core.charts`).

The same markup is shown inline on the page and downloaded as an .svg file, so it uses
presentation attributes only (no `style`, which the Content-Security-Policy refuses) and
carries its own <title>, <desc> and text labels for screen readers and printouts.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from maillage.core.formatting import format_number

if TYPE_CHECKING:
    from maillage.reporting.observatory_graph import Graph

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
FONT = 'font-family="system-ui, -apple-system, &quot;Segoe UI&quot;, Roboto, sans-serif"'
INK = "#1d2433"
MUTED = "#5a6273"
LINE = "#d7dbe3"
# Blue, orange and green of at least 3:1 contrast on white (WCAG non-text contrast).
PALETTE = ("#1f4e9e", "#b3541e", "#2e7d4f")
CHAR_WIDTH = 6.6  # average advance of a 12px sans-serif character, for label room


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- Relationship graph ----------------------------------------------------------------

EDGE_STYLES = {  # kind → (colour, dash pattern, opacity)
    "shared_projects": (PALETTE[0], "", 0.6),
    # Groups make many edges (every pair of members): drawn faint, they leave the rest legible.
    "shared_groups": (PALETTE[1], "5 3", 0.2),
}
LINK_STYLE = (PALETTE[2], "2 2", 0.8)


def render_graph(
    graph: Graph,
    *,
    title: str,
    description: str,
    url_prefix: str = "",
    edge_label: Callable[[str], str] | None = None,
    labelled: int = 40,
) -> str:
    """The graph as an <svg>: edges coloured by kind, nodes sized by degree, each node a
    link to its organisation (prefix the URLs with `url_prefix` in a downloaded file), the
    `labelled` first nodes (the most connected) named on the drawing."""
    width, height, margin = 1000, 800, 60
    legend_top = 30

    def place(x: float, y: float) -> tuple[float, float]:
        return (
            round(margin + x * (width - 2 * margin), 1),
            round(margin + legend_top + y * (height - 2 * margin - legend_top), 1),
        )

    points = {n.pk: place(n.x, n.y) for n in graph.nodes}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="graph-title graph-desc" '
        f'class="graph" {FONT} font-size="10">',
        f'<title id="graph-title">{_e(title)}</title>',
        f'<desc id="graph-desc">{_e(description)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    kinds = sorted({e.kind for e in graph.edges})
    x = 10.0
    for kind in kinds:
        colour, dash, _opacity = EDGE_STYLES.get(kind, LINK_STYLE)
        name = edge_label(kind) if edge_label else kind
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{x}" y1="20" x2="{x + 24}" y2="20" stroke="{colour}" '
            f'stroke-width="2"{dash_attr}/>'
        )
        out.append(f'<text x="{x + 30}" y="24" font-size="12" fill="{INK}">{_e(name)}</text>')
        x += 48 + CHAR_WIDTH * len(name)
    out.append('<g class="edges">')
    for e in graph.edges:
        (x1, y1), (x2, y2) = points[e.source], points[e.target]
        colour, dash, opacity = EDGE_STYLES.get(e.kind, LINK_STYLE)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        stroke = round(1 + math.log(e.weight), 2)
        out.append(
            f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{colour}" '
            f'stroke-opacity="{opacity}" stroke-width="{stroke}"{dash_attr}/>'
        )
    out.append("</g>")
    out.append('<g class="nodes">')
    radius = {n.pk: round(min(9, 2.5 + 1.2 * math.sqrt(n.degree)), 1) for n in graph.nodes}
    for n in graph.nodes:
        cx, cy = points[n.pk]
        out.append(
            f'<a href="{_e(url_prefix + n.url)}">'
            f"<title>{_e(n.name)} ({_e(format_number(n.degree))})</title>"
            f'<circle cx="{cx}" cy="{cy}" r="{radius[n.pk]}" fill="{PALETTE[0]}" '
            f'stroke="#ffffff" stroke-width="1"/></a>'
        )
    out.append("</g>")
    # Names of the most connected, above every circle, with a white halo over the edges.
    # The circles' links carry every name for keyboards and screen readers already.
    out.append('<g class="labels" aria-hidden="true">')
    for n in graph.nodes[:labelled]:
        cx, cy = points[n.pk]
        out.append(
            f'<a href="{_e(url_prefix + n.url)}" tabindex="-1">'
            f'<text x="{cx}" y="{round(cy - radius[n.pk] - 3, 1)}" text-anchor="middle" '
            f'fill="{INK}" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" '
            f'paint-order="stroke">{_e(_shorten(n.name, 28))}</text></a>'
        )
    out.append("</g>")
    if not graph.nodes:
        out.append(f'<text x="10" y="60" fill="{MUTED}">{_e(_("No relation to show"))}</text>')
    out.append("</svg>")
    return "\n".join(out)
