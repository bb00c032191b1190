"""Charts (core/charts.py): one Vega-Lite definition, drawn on the server, readable
without seeing it."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils import translation
from lxml import etree

from maillage.core import charts
from maillage.core.charts import ChartTable, bar_chart, line_chart

ROWS = [
    {"theme": "Eau & assainissement <b>", "n": 12345},
    {"theme": "Énergie", "n": 7},
    {"theme": "Culture", "n": 300},
]


def themes(**kwargs):
    return bar_chart(
        ROWS,
        category="theme",
        value="n",
        title="Organisations by theme",
        description="Number of organisations per theme.",
        category_title="Theme",
        value_title="Organisations",
        **kwargs,
    )


def texts(svg: str) -> list[str]:
    return re.findall(r">([^<>]+)</text>", svg)


@pytest.fixture(autouse=True)
def _fresh_cache():
    caches["default"].clear()


def test_the_svg_has_a_title_a_description_and_its_labels():
    svg = str(themes(slug="themes").svg())
    root = etree.fromstring(svg.encode())
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-themes-title chart-themes-desc"
    ns = {"s": charts.SVG_NS}
    assert root.find("s:title", ns).text == "Organisations by theme"
    assert root.find("s:desc", ns).text == "Number of organisations per theme."
    # The title drawn too (a downloaded file or a document has no page heading), and the
    # names escaped.
    assert "Organisations by theme" in texts(svg)
    assert "Eau &amp; assainissement &lt;b&gt;" in texts(svg)


def test_numbers_follow_the_language():
    with translation.override("fr"):
        french = texts(str(themes().svg()))
    with translation.override("en"):
        english = texts(str(themes().svg()))
    assert "12\xa0345" in french  # d3's French locale: no-break space between thousands
    assert "12,345" in english


def test_nothing_the_content_security_policy_refuses_or_that_could_run():
    svg = str(themes().svg())
    assert "<style" not in svg
    assert "style=" not in svg
    assert "<script" not in svg
    assert not re.search(r"\son[a-z]+=", svg)


def test_dirty_svg_is_cleaned_and_its_ids_prefixed():
    dirty = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        "<style>rect{fill:red}</style><script>alert(1)</script>"
        '<defs><clipPath id="clip1"><rect/></clipPath></defs>'
        '<g role="graphics-object" aria-label="x" onclick="alert(1)" style="fill:red" '
        'clip-path="url(#clip1)"><a xlink:href="javascript:alert(1)"><text>t</text></a>'
        '<use href="#clip1"/></g></svg>'
    )
    clean = charts._accessible_svg(dirty, "chart-a", "T", "D")
    assert "alert" not in clean
    assert "style" not in clean
    assert 'role="graphics-object"' not in clean
    assert 'id="chart-a-clip1"' in clean
    assert 'clip-path="url(#chart-a-clip1)"' in clean
    assert 'href="#chart-a-clip1"' in clean


def test_two_charts_on_a_page_share_no_id():
    first, second = str(themes(slug="a").svg()), str(themes(slug="b").svg())
    ids = re.findall(r'\sid="([^"]+)"', first) + re.findall(r'\sid="([^"]+)"', second)
    assert len(ids) == len(set(ids))


def test_a_chart_is_drawn_once_per_content_and_language(monkeypatch):
    calls = []
    real = charts._render_svg

    def counting(spec, locale):
        calls.append(locale)
        return real(spec, locale)

    monkeypatch.setattr(charts, "_render_svg", counting)
    themes().svg()
    themes().svg()
    assert calls == ["fr-FR"]
    with translation.override("en"):
        themes().svg()
    assert calls == ["fr-FR", "en-US"]
    bar_chart(
        [*ROWS, {"theme": "Santé", "n": 1}],
        category="theme",
        value="n",
        title="Organisations by theme",
        description="Number of organisations per theme.",
    ).svg()
    assert len(calls) == 3


def test_the_same_definition_renders_a_png_for_documents():
    png = themes().png()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def test_beyond_the_limit_the_largest_are_drawn_and_the_table_keeps_all():
    rows = [{"k": f"k{i:02d}", "n": i} for i in range(40)]
    chart = bar_chart(rows, category="k", value="n", title="T", description="D.", limit=5)
    drawn = texts(str(chart.svg()))
    assert "k39" in drawn
    assert "k00" not in drawn
    assert len(chart.table.rows) == 40
    assert "5" in chart.description


def test_series_become_groups_and_a_table_with_one_column_each():
    rows = [
        {"country": c, "what": w, "n": n}
        for c in ("France", "Maroc")
        for w, n in (("Based", 3), ("Acting", 5))
    ]
    chart = bar_chart(
        rows,
        category="country",
        value="n",
        series="what",
        title="T",
        description="D",
        category_title="Country",
    )
    assert chart.table.headers == ["Country", "Based", "Acting"]
    assert chart.table.rows == [["France", 3, 5], ["Maroc", 3, 5]]
    assert {"Based", "Acting"} <= set(texts(str(chart.svg())))  # the legend


def test_a_time_series_has_a_time_axis_and_years_in_its_table():
    rows = [
        {"year": year, "kind": kind, "n": n}
        for year in (2019, 2020, 2021, 2022)
        for kind, n in (("Organisations", year - 2018), ("Projects", 2))
    ]
    chart = line_chart(
        rows, x="year", y="n", series="kind", title="T", description="D", x_title="Year"
    )
    encoding = chart.spec["encoding"]
    assert encoding["x"]["type"] == "temporal"
    assert encoding["x"]["timeUnit"] == "utcyear"
    assert chart.table.headers == ["Year", "Organisations", "Projects"]
    assert chart.table.rows[0] == ["2019", 1, 2]
    drawn = texts(str(chart.svg()))
    assert {"2019", "2020", "2021", "2022"} <= set(drawn)


def test_months_are_named_in_the_language():
    rows = [{"on": dt.date(2024, m, 1), "v": Decimal("1.5") * m} for m in (1, 2, 3)]
    with translation.override("fr"):
        chart = line_chart(rows, x="on", y="v", time_unit="yearmonth", title="T", description="D")
        drawn = texts(str(chart.svg()))
    assert chart.table.rows[0][0] == "janv. 2024"
    assert chart.table.rows[0][1] == 1.5
    assert any(t.startswith("févr") or t.startswith("février") for t in drawn), drawn


def test_the_include_renders_the_drawing_the_caption_and_the_data_table():
    chart = themes(slug="themes")
    with translation.override("en"):
        html = render_to_string("core/_chart.html", {"chart": chart})
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    assert "<figcaption" in html and "Number of organisations per theme." in html
    assert 'data-chart-table="chart-themes"' in html
    assert '<th scope="row">Eau &amp; assainissement &lt;b&gt;</th>' in html
    assert "12,345" in html


def test_the_include_can_put_the_table_first_and_take_a_table_of_its_own():
    chart = themes(
        table=ChartTable(headers=["Theme", "Count"], rows=[["Eau", 3]], footer=["Total", 3])
    )
    html = render_to_string("core/_chart.html", {"chart": chart, "table_first": True})
    assert html.index("<table") < html.index("<svg")
    assert "<tfoot>" in html


def test_a_chart_without_data_says_so():
    chart = bar_chart([], category="k", value="n", title="T", description="D")
    with translation.override("en"):
        html = render_to_string("core/_chart.html", {"chart": chart})
    assert "No data." in html
    assert "<svg" not in html


SERIES = [
    {"year": y, "kind": k, "n": n}
    for y, k, n in ((2024, "Cible", 10), (2024, "Réalisé", 7.5), (2025, "Cible", 12))
]


@pytest.mark.parametrize(
    "chart",
    [
        lambda: themes(),
        lambda: themes(horizontal=False, keep_order=True, limit=2),
        lambda: bar_chart(
            SERIES, category="year", value="n", series="kind", title="T", description="D"
        ),
        lambda: line_chart(SERIES, x="year", y="n", series="kind", title="T", description="D"),
        lambda: line_chart(
            [{"on": dt.date(2025, 6, 30), "n": Decimal("1.5")}],
            x="on",
            y="n",
            time_unit="yearmonthdate",
            title="T",
            description="D",
        ),
    ],
)
def test_every_shape_the_builders_make_follows_the_vega_lite_schema(chart):
    # Pages build specifications without validating them (charts._finish): here instead.
    charts.validate_spec(chart().spec)


def test_a_specification_off_the_schema_is_refused():
    from jsonschema import ValidationError

    spec = dict(themes().spec, mark="nope", layer="not a list")
    with pytest.raises(ValidationError):
        charts.validate_spec(spec)


def test_the_bar_charts_name_the_installed_altairs_vega_lite_version():
    """Bar charts are written without altair's objects: their `$schema` is altair's."""
    import altair as alt

    assert charts.SCHEMA_URL == alt.SCHEMA_URL


def test_a_translated_axis_title_is_its_text():
    from django.utils.translation import gettext_lazy

    chart = charts.bar_chart(
        [{"year": 2026, "n": 3}],
        category="year",
        value="n",
        title="T",
        description="D",
        category_title=gettext_lazy("Year"),
    )
    charts.validate_spec(chart.spec)
    titles = {layer["encoding"]["y"]["title"] for layer in chart.spec["layer"]}
    assert titles == {"Année"} or titles == {"Year"}
    assert len(chart.digest) == 64  # JSON-serialisable
