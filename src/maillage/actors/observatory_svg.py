"""The observatory's pictures as SVG, drawn on the server: bar charts and the relationship
graph (with its force-directed layout).

The same markup is shown inline on the page and downloaded as an .svg file, so it uses
presentation attributes only (no `style`, which the Content-Security-Policy refuses) and
carries its own <title>, <desc> and text labels for screen readers and printouts.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from maillage.core.formatting import format_number

if TYPE_CHECKING:
    from maillage.actors.observatory import Graph

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
FONT = 'font-family="system-ui, -apple-system, &quot;Segoe UI&quot;, Roboto, sans-serif"'
INK = "#1d2433"
MUTED = "#5a6273"
LINE = "#d7dbe3"
# Blue, orange and green of at least 3:1 contrast on white (WCAG non-text contrast).
PALETTE = ("#1f4e9e", "#b3541e", "#2e7d4f")
MAX_BARS = 25
CHAR_WIDTH = 6.6  # average advance of a 12px sans-serif character, for label room


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Series:
    name: str
    values: list[int]


@dataclass(frozen=True)
class Chart:
    """Horizontal bars, one group per label, one bar per series."""

    slug: str
    title: str
    description: str
    labels: list[str]
    series: list[Series]
    keep_order: bool = False  # a time series: when too long, keep the latest labels


def _visible_indexes(chart: Chart, limit: int) -> list[int]:
    indexes = list(range(len(chart.labels)))
    if len(indexes) <= limit:
        return indexes
    if chart.keep_order:
        return indexes[-limit:]
    totals = [sum(s.values[i] for s in chart.series) for i in indexes]
    largest = sorted(indexes, key=lambda i: -totals[i])[:limit]
    return sorted(largest)


def render_chart(chart: Chart, *, max_bars: int = MAX_BARS) -> str:
    """The chart as an <svg> element (no XML declaration: add one for a file)."""
    shown = _visible_indexes(chart, max_bars)
    description = chart.description
    if len(shown) < len(chart.labels):
        note = (
            _("Only the latest %(n)d are drawn; the CSV file holds them all.")
            if chart.keep_order
            else _("Only the %(n)d largest are drawn; the CSV file holds them all.")
        )
        description = f"{description} {note % {'n': len(shown)}}"
    width = 760
    label_width = min(260, 16 + CHAR_WIDTH * max((len(chart.labels[i]) for i in shown), default=4))
    plot_left = label_width
    plot_width = width - plot_left - 70
    bar = 18 if len(chart.series) == 1 else 12
    group = bar * len(chart.series) + 8
    top = 40 + (22 if len(chart.series) > 1 else 0)
    height = top + max(1, len(shown)) * group + 16
    peak = max((s.values[i] for s in chart.series for i in shown), default=0) or 1
    ids = f"chart-{chart.slug}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="{ids}-title {ids}-desc" '
        f'class="chart" {FONT} font-size="12">',
        f'<title id="{ids}-title">{_e(chart.title)}</title>',
        f'<desc id="{ids}-desc">{_e(description)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="8" y="22" font-size="15" font-weight="600" fill="{INK}">'
        f"{_e(chart.title)}</text>",
    ]
    if len(chart.series) > 1:
        x = plot_left
        for colour, s in zip(PALETTE, chart.series, strict=False):
            out.append(f'<rect x="{x}" y="36" width="12" height="12" fill="{colour}"/>')
            out.append(f'<text x="{x + 16}" y="46" fill="{INK}">{_e(s.name)}</text>')
            x += 28 + CHAR_WIDTH * len(s.name)
    if not shown:
        out.append(f'<text x="8" y="{top + 14}" fill="{MUTED}">{_e(_("No data"))}</text>')
    for row, i in enumerate(shown):
        y = top + row * group
        label = chart.labels[i]
        out.append(
            f'<text x="{plot_left - 8}" y="{y + group / 2 + 2}" text-anchor="end" '
            f'fill="{INK}">{_e(_shorten(label, 38))}<title>{_e(label)}</title></text>'
        )
        for k, (colour, s) in enumerate(zip(PALETTE, chart.series, strict=False)):
            value = s.values[i]
            length = round(plot_width * value / peak, 1)
            by = y + 4 + k * bar
            out.append(
                f'<rect x="{plot_left}" y="{by}" width="{length}" height="{bar - 2}" '
                f'fill="{colour}"><title>{_e(label)} — {_e(s.name)}: '
                f"{_e(format_number(value))}</title></rect>"
            )
            out.append(
                f'<text x="{plot_left + length + 4}" y="{by + bar - 5}" fill="{INK}" '
                f'font-size="11">{_e(format_number(value))}</text>'
            )
    out.append(
        f'<line x1="{plot_left}" y1="{top}" x2="{plot_left}" y2="{height - 12}" '
        f'stroke="{MUTED}" stroke-width="1"/>'
    )
    out.append("</svg>")
    return "\n".join(out)


# --- Relationship graph ----------------------------------------------------------------

EDGE_STYLES = {  # kind → (colour, dash pattern)
    "shared_projects": (PALETTE[0], ""),
    "shared_groups": (PALETTE[1], "5 3"),
}
LINK_STYLE = (PALETTE[2], "2 2")


def render_graph(
    graph: Graph,
    *,
    title: str,
    description: str,
    url_prefix: str = "",
    edge_label: Callable[[str], str] | None = None,
) -> str:
    """The graph as an <svg>: edges coloured by kind, nodes sized by degree, each node a
    link to its organisation (prefix the URLs with `url_prefix` in a downloaded file)."""
    width, height, margin = 1000, 720, 60
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
        colour, dash = EDGE_STYLES.get(kind, LINK_STYLE)
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
        colour, dash = EDGE_STYLES.get(e.kind, LINK_STYLE)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        stroke = round(1 + math.log(e.weight), 2)
        out.append(
            f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{colour}" '
            f'stroke-opacity="0.55" stroke-width="{stroke}"{dash_attr}/>'
        )
    out.append("</g>")
    out.append('<g class="nodes">')
    for n in graph.nodes:
        cx, cy = points[n.pk]
        r = round(min(12, 3 + 1.5 * math.sqrt(n.degree)), 1)
        out.append(
            f'<a href="{_e(url_prefix + n.url)}">'
            f"<title>{_e(n.name)} ({_e(format_number(n.degree))})</title>"
            f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{PALETTE[0]}" stroke="#ffffff" '
            f'stroke-width="1"/>'
            f'<text x="{cx}" y="{round(cy - r - 3, 1)}" text-anchor="middle" fill="{INK}">'
            f"{_e(_shorten(n.name, 28))}</text></a>"
        )
    out.append("</g>")
    if not graph.nodes:
        out.append(f'<text x="10" y="60" fill="{MUTED}">{_e(_("No relation to show"))}</text>')
    out.append("</svg>")
    return "\n".join(out)


def fruchterman_reingold(
    n: int, edges: Sequence[tuple[int, int]], *, iterations: int = 80, seed: int = 20240
) -> list[tuple[float, float]]:
    """Force-directed positions in [0, 1]² for nodes 0..n-1 (Fruchterman & Reingold 1991).

    Deterministic: seeded start, fixed number of steps, linear cooling. Pure Python, O(n²)
    per step: about a second for 300 nodes; callers cap and cache.
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
    gravity = 0.05  # keeps separate components on screen
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
                f = k2 / d2  # repulsion k²/d, along the unit vector (ddx/d, ddy/d)
                fx += ddx * f
                fy += ddy * f
                dx[j] -= ddx * f
                dy[j] -= ddy * f
            dx[i] += fx + (0.5 - xi) * gravity
            dy[i] += fy + (0.5 - yi) * gravity
        for a, b in edges:
            ddx = xs[a] - xs[b]
            ddy = ys[a] - ys[b]
            d = math.sqrt(ddx * ddx + ddy * ddy) or 1e-9
            f = d / k  # attraction d²/k, along the unit vector
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
    # Fit the drawing to the unit square.
    min_x, max_x, min_y, max_y = min(xs), max(xs), min(ys), max(ys)
    span_x = (max_x - min_x) or 1.0
    span_y = (max_y - min_y) or 1.0
    return [
        (round((x - min_x) / span_x, 4), round((y - min_y) / span_y, 4))
        for x, y in zip(xs, ys, strict=True)
    ]
