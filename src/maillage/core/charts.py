"""Charts, one way for the whole product (`docs/adr/0005-charts.md`).

A chart is a declarative Vega-Lite specification built with altair, with its data inline,
its title, a text alternative and its data as a table. The same specification is rendered
on the server by vl-convert: to SVG for a page (embedded inline, so no script runs and the
Content-Security-Policy stays strict) and for download, to PNG for generated documents.
Numbers and dates in the drawing follow the active language (`format_locale="fr-FR"`).

Rendering costs ~1 s for the first chart of a process and ~0.05–0.1 s after: the SVG is
cached by content (the specification's digest, the language and the element ids).

    chart = bar_chart(rows, category="theme", value="n", title=…, description=…)
    {% include "core/_chart.html" with chart=chart %}  — or chart.svg(), chart.png()

The include draws the SVG (with `<title>` and `<desc>`), the description as its caption
and the data as a table in a `<details>` beside it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any, Literal, ParamSpec

from babel.dates import format_date
from django.core.cache import caches
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from lxml import etree

from maillage.core.formatting import babel_locale

P = ParamSpec("P")
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
INK = "#1d2433"
MUTED = "#5a6273"
# Blue, orange, green, purple, red: each of at least 3:1 contrast on white (WCAG
# non-text contrast), told apart without red–green alone.
PALETTE = ("#1f4e9e", "#b3541e", "#2e7d4f", "#6b3fa0", "#b0283f")
WIDTH = 560  # plot width in pixels; the SVG scales down with its container
MAX_BARS = 25
PADDING = {"left": 5, "top": 5, "right": 30, "bottom": 5}  # room for labels
# The Vega-Lite version of the installed altair (`alt.SCHEMA_URL`; a test keeps them equal),
# named without importing altair: the bar charts are written without it.
SCHEMA_URL = "https://vega.github.io/schema/vega-lite/v6.4.1.json"
CACHE_SECONDS = 24 * 3600
# Languages whose d3 number and time locales vl-convert knows; others draw in English.
Locale = Literal["fr-FR", "en-US"]
LOCALES: dict[str, Locale] = {"fr": "fr-FR", "en": "en-US"}
TimeUnit = Literal["year", "yearmonth", "yearmonthdate"]
# In UTC: the ISO dates of the data are read as UTC, whatever the server's time zone.
UTC_UNITS: dict[TimeUnit, Literal["utcyear", "utcyearmonth", "utcyearmonthdate"]] = {
    "year": "utcyear",
    "yearmonth": "utcyearmonth",
    "yearmonthdate": "utcyearmonthdate",
}


@dataclass(frozen=True)
class ChartTable:
    """A chart's data for people: headers, rows (the first `row_headers` cells name the
    row), an optional totals row."""

    headers: list[str]
    rows: list[list[Any]]
    footer: list[Any] | None = None
    row_headers: int = 1


@dataclass(frozen=True, eq=False)
class Chart:
    """A Vega-Lite specification with what makes it readable without seeing it."""

    title: str
    description: str
    spec: dict[str, Any]
    table: ChartTable
    slug: str = ""  # prefix of the SVG's element ids; from the content when empty

    @cached_property
    def digest(self) -> str:
        """The specification's SHA-256: the cache key of its drawings."""
        return hashlib.sha256(
            json.dumps(self.spec, sort_keys=True, ensure_ascii=False).encode()
        ).hexdigest()

    @property
    def element_id(self) -> str:
        return f"chart-{self.slug or self.digest[:12]}"

    @property
    def empty(self) -> bool:
        return not self.table.rows

    def svg(self) -> SafeString:
        """The chart as an inline `<svg>` element (role img, `<title>`, `<desc>`), numbers
        and dates in the active language; cached by content."""
        language = _locale()
        key = f"chart-svg:{self.digest}:{language}:{self.element_id}"
        cache = caches["default"]
        markup = cache.get(key)
        if markup is None:
            markup = _accessible_svg(
                _render_svg(self.spec, language), self.element_id, self.title, self.description
            )
            cache.set(key, markup, CACHE_SECONDS)
        # Built by lxml from vl-convert's output with every text escaped, scripts, styles
        # and event handlers removed (`_accessible_svg`).
        return mark_safe(markup)  # noqa: S308

    def svg_file(self) -> str:
        """A standalone .svg file's content."""
        return XML_DECLARATION + str(self.svg())

    def png(self, *, scale: float = 2.0) -> bytes:
        """The same drawing as PNG, for documents (DOCX, PDF); `scale` 2 prints sharply."""
        import vl_convert

        language = _locale()
        key = f"chart-png:{self.digest}:{language}:{scale}"
        cache = caches["default"]
        data = cache.get(key)
        if data is None:
            data = vl_convert.vegalite_to_png(
                self.spec, scale=scale, format_locale=language, time_format_locale=language
            )
            cache.set(key, data, CACHE_SECONDS)
        return bytes(data)


def _locale() -> Locale:
    return LOCALES.get((get_language() or "fr").split("-")[0], "en-US")


def _render_svg(spec: dict[str, Any], locale: Locale) -> str:
    import vl_convert  # ~1 s to start its engine: only when a chart is first drawn

    return str(vl_convert.vegalite_to_svg(spec, format_locale=locale, time_format_locale=locale))


# --- The SVG made safe and accessible --------------------------------------------------

FORBIDDEN_ELEMENTS = {"script", "style", "foreignObject", "iframe", "object", "embed"}
# Roles and labels of the marks inside: the root is one image (role img) described by its
# title and desc, and its data is the table beside it.
INNER_ARIA = {"role", "aria-roledescription", "aria-label"}
URL_REF = re.compile(r"url\(#([^)]+)\)")


def _accessible_svg(markup: str, element_id: str, title: str, description: str) -> str:
    """vl-convert's SVG with a title and a description, ids prefixed (several charts share
    a page), and nothing the Content-Security-Policy would refuse or that could run."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(markup.encode(), parser)
    ids = {}
    for element in list(root.iter()):
        parent = element.getparent()
        # Comments, processing instructions and forbidden elements go (the root stays).
        if parent is not None and (
            not isinstance(element.tag, str) or etree.QName(element).localname in FORBIDDEN_ELEMENTS
        ):
            parent.remove(element)
            continue
        for name in list(element.attrib):
            local = etree.QName(name).localname
            value = element.attrib[name]
            if (
                local.startswith("on")
                or local == "style"
                or (local == "href" and not value.startswith("#"))
                or (element is not root and name in INNER_ARIA)
            ):
                del element.attrib[name]
            elif local == "id":
                ids[value] = f"{element_id}-{value}"
                element.attrib[name] = ids[value]
    for element in root.iter():
        for name, value in element.attrib.items():
            if "url(#" in value:
                element.attrib[name] = URL_REF.sub(
                    lambda m: f"url(#{ids.get(m.group(1), m.group(1))})", value
                )
            elif etree.QName(name).localname == "href" and value[1:] in ids:
                element.attrib[name] = "#" + ids[value[1:]]
    root.attrib.update(
        {
            "role": "img",
            "aria-labelledby": f"{element_id}-title {element_id}-desc",
            "class": "chart",
            "id": element_id,
        }
    )
    title_element = etree.Element(f"{{{SVG_NS}}}title", id=f"{element_id}-title")
    title_element.text = title
    desc_element = etree.Element(f"{{{SVG_NS}}}desc", id=f"{element_id}-desc")
    desc_element.text = description
    root.insert(0, desc_element)
    root.insert(0, title_element)
    return etree.tostring(root, encoding="unicode")


# --- Building charts ---------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A value JSON and Vega read: Decimal → float, dates → ISO text."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _config() -> dict[str, Any]:
    return {
        "font": FONT,
        "background": "#ffffff",
        "view": {"stroke": None},
        "range": {"category": list(PALETTE)},
        "title": {"color": INK, "fontSize": 15, "anchor": "start", "offset": 12},
        "axis": {
            "labelColor": INK,
            "titleColor": INK,
            "labelFontSize": 12,
            "titleFontSize": 12,
            "domainColor": MUTED,
            "tickColor": MUTED,
            "gridColor": "#e4e7ed",
            "labelLimit": 240,
        },
        "legend": {"labelColor": INK, "titleColor": INK, "labelFontSize": 12, "labelLimit": 320},
    }


def _finish(chart: Any, *, title: str, description: str) -> dict[str, Any]:
    # Not validated against the Vega-Lite schema on each page (20–40 ms a chart): the
    # builders below make the same shapes every time, and the tests validate them
    # (`validate_spec`); vl-convert still refuses a broken specification when it draws.
    spec = dict(chart.properties(title=title, description=description).to_dict(validate=False))
    spec["config"] = _config()
    spec["padding"] = PADDING
    return spec


def _unvalidated(build: Callable[P, Chart]) -> Callable[P, Chart]:
    """Build without altair's checks of each part against the schema as it is made (its
    debug mode, on by default): the tests validate the whole (`validate_spec`)."""

    @functools.wraps(build)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Chart:
        from altair.utils.schemapi import debug_mode

        with debug_mode(False):
            return build(*args, **kwargs)

    return wrapper


def validate_spec(spec: Mapping[str, Any]) -> None:
    """Check a specification against the Vega-Lite schema (jsonschema's ValidationError
    when it breaks it): what the tests ask of every chart the builders make."""
    from altair.vegalite.v6.schema.core import Root

    Root.validate(dict(spec))


def _value_axis_spec(rows: list[dict[str, Any]], value: str, value_format: str) -> dict:
    """The measure's axis: no fractional ticks for counts."""
    whole = all(isinstance(row[value], int) for row in rows if row[value] is not None)
    return {"format": value_format, **({"tickMinStep": 1} if whole else {})}


def _value_axis(rows: list[dict[str, Any]], value: str, value_format: str) -> Any:
    """`_value_axis_spec` as altair's object (the line charts are built with altair)."""
    import altair as alt

    return alt.Axis(**_value_axis_spec(rows, value, value_format))


def _pivot(
    data: Sequence[Mapping[str, Any]],
    key: str,
    value: str,
    series: str,
    key_label: Any,
) -> ChartTable:
    """One row per key, one column per series, in the order they come."""
    keys: dict[Any, dict[Any, Any]] = {}
    names: list[Any] = []
    for row in data:
        keys.setdefault(row[key], {})[row[series]] = row[value]
        if row[series] not in names:
            names.append(row[series])
    return ChartTable(
        headers=[key_label[0], *(str(n) for n in names)],
        rows=[[key_label[1](k), *(cells.get(n, 0) for n in names)] for k, cells in keys.items()],
    )


def bar_chart(
    data: Sequence[Mapping[str, Any]],
    *,
    category: str,
    value: str,
    title: str,
    description: str,
    category_title: str = "",
    value_title: str = "",
    series: str | None = None,
    horizontal: bool = True,
    keep_order: bool = False,
    limit: int | None = MAX_BARS,
    value_format: str = ",~f",
    table: ChartTable | None = None,
    slug: str = "",
) -> Chart:
    """Bars of `value` per `category` (rows of dicts), one bar per `series` in each group
    when given, largest first unless `keep_order`. Beyond `limit` categories only the
    largest (or, with `keep_order`, the last) are drawn and the description says so; the
    table holds them all (`table` replaces the one made from the data).

    The specification is written as the dictionary altair's objects made (`to_dict`),
    without them: building them took ~10 ms a chart (a copy of each part's schema), a
    third of the observatory's page (six charts). The tests validate it against the
    Vega-Lite schema (`validate_spec`)."""
    rows = [{k: _plain(v) for k, v in row.items()} for row in data]
    categories = list(dict.fromkeys(row[category] for row in rows))
    if limit is not None and len(categories) > limit:
        if keep_order:
            kept = categories[-limit:]
            note = _("Only the latest %(n)d are drawn; the table holds them all.")
        else:
            totals: dict[Any, float] = {}
            for row in rows:
                totals[row[category]] = totals.get(row[category], 0) + (row[value] or 0)
            kept = sorted(categories, key=lambda c: -totals[c])[:limit]
            note = _("Only the %(n)d largest are drawn; the table holds them all.")
        description = f"{description} {note % {'n': limit}}"
        shown = [row for row in rows if row[category] in set(kept)]
    else:
        shown = rows
    # Plain text: a lazy translation became a list of its letters in altair's hands.
    category_title = str(category_title or category)
    value_title = str(value_title or value)
    band, measure = ("y", "x") if horizontal else ("x", "y")
    axis = _value_axis_spec(rows, value, value_format)
    encoding: dict[str, Any] = {
        band: {
            "field": category,
            "sort": categories if keep_order else f"-{measure}",
            "title": category_title,
            "type": "nominal",
        },
        measure: {"axis": axis, "field": value, "title": value_title, "type": "quantitative"},
    }
    if series:
        names = list(dict.fromkeys(row[series] for row in rows))
        encoding[f"{band}Offset"] = {"field": series, "sort": names, "type": "nominal"}
        encoding["color"] = {
            "field": series,
            "legend": {"direction": "vertical", "orient": "top"},
            "sort": names,
            "title": None,
            "type": "nominal",
        }
    else:
        encoding["color"] = {"value": PALETTE[0]}
    labels = {
        "type": "text",
        "align": "left" if horizontal else "center",
        "baseline": "middle" if horizontal else "bottom",
        "dx": 3 if horizontal else 0,
        "dy": 0 if horizontal else -3,
        "fontSize": 11,
    }
    text = {"text": {"field": value, "format": value_format, "type": "quantitative"}}
    step = {"step": 12 if series else 20}
    spec: dict[str, Any] = {
        "layer": [
            {"mark": {"type": "bar"}, "encoding": encoding},
            {"mark": labels, "encoding": {**encoding, "color": {"value": INK}, **text}},
        ],
        "data": {"values": shown},
        "description": description,
        "height": step if horizontal else 300,
        "title": title,
        "width": WIDTH if horizontal else step,
        "$schema": SCHEMA_URL,
        "config": _config(),
        "padding": PADDING,
    }
    if table is None:
        if series:
            table = _pivot(rows, category, value, series, (category_title, str))
        else:
            table = ChartTable(
                headers=[category_title, value_title],
                rows=[[row[category], row[value]] for row in rows],
            )
    return Chart(title=title, description=description, spec=spec, table=table, slug=slug)


def _time_label(value: Any, unit: TimeUnit) -> str:
    if isinstance(value, int):
        return str(value)
    day = dt.date.fromisoformat(str(value)[:10])
    if unit == "year":
        return str(day.year)
    pattern = "MMM y" if unit == "yearmonth" else "medium"
    return format_date(day, pattern, locale=babel_locale())


def _time_value(value: Any) -> str:
    """A year (int) or a date as the ISO date Vega reads as UTC."""
    if isinstance(value, int):
        return f"{value:04d}-01-01"
    return str(_plain(value))[:10]


@_unvalidated
def line_chart(
    data: Sequence[Mapping[str, Any]],
    *,
    x: str,
    y: str,
    title: str,
    description: str,
    x_title: str = "",
    y_title: str = "",
    series: str | None = None,
    time_unit: TimeUnit = "year",
    value_format: str = ",~f",
    table: ChartTable | None = None,
    slug: str = "",
) -> Chart:
    """A time series: `y` over `x` (years as int, or dates), one line per `series`, on a
    time axis (a missing year is a gap in time, not a missing bar)."""
    import altair as alt

    rows = [{k: _plain(v) for k, v in row.items()} for row in data]
    drawn = [{**row, x: _time_value(row[x])} for row in rows]
    x_title = x_title or x
    y_title = y_title or y
    encoding: dict[str, Any] = {
        "x": alt.X(f"{x}:T", timeUnit=UTC_UNITS[time_unit], title=x_title),
        "y": alt.Y(f"{y}:Q", title=y_title, axis=_value_axis(rows, y, value_format)),
    }
    if series:
        # Colour, dash and point shape: the lines are told apart without colour too.
        names = list(dict.fromkeys(row[series] for row in rows))
        legend = alt.Legend(orient="top", direction="vertical")
        encoding["color"] = alt.Color(f"{series}:N", sort=names, title=None, legend=legend)
        encoding["shape"] = alt.Shape(f"{series}:N", sort=names, legend=None)
        encoding["strokeDash"] = alt.StrokeDash(f"{series}:N", sort=names, legend=None)
    else:
        encoding["color"] = alt.value(PALETTE[0])
    chart = (
        alt.Chart(alt.Data(values=drawn))
        .mark_line(point=alt.OverlayMarkDef(filled=True, size=40), strokeWidth=2)
        .encode(**encoding)
        .properties(width=WIDTH, height=260)
    )
    if table is None:
        label = (x_title, lambda v: _time_label(v, time_unit))
        if series:
            table = _pivot(rows, x, y, series, label)
        else:
            table = ChartTable(
                headers=[x_title, y_title],
                rows=[[_time_label(row[x], time_unit), row[y]] for row in rows],
            )
    return Chart(
        title=title,
        description=description,
        spec=_finish(chart, title=title, description=description),
        table=table,
        slug=slug,
    )
