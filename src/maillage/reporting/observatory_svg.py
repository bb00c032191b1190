"""The observatory's pictures as SVG, drawn on the server: bar charts and the relationship
graph.

The same markup is shown inline on the page and downloaded as an .svg file, so it uses
presentation attributes only (no `style`, which the Content-Security-Policy refuses) and
carries its own <title>, <desc> and text labels for screen readers and printouts.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
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
    longest = max((len(chart.labels[i]) for i in shown), default=4)
    plot_left = round(min(260, 16 + CHAR_WIDTH * min(longest, 38)))
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
            if value or len(chart.series) == 1:  # zeros of a group stay in the tooltip
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
