"""The observatory's counts: who does what, where.

Organisations and projects by type × département, country, theme, SDG and year, over the
records the user may see (`visible_to`), narrowed by région and type. Counting happens in
the database (`values()` + `Count`); Python only shapes the few aggregated rows into
tables and charts. The map and the relationship graph are in `observatory_map` and
`observatory_graph`.

The observatory lives in `reporting`, the top app, because it reads across apps:
organisations from `actors`, and who does what is told by the projects' consortia.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from maillage.actors.models import Organisation, OrganisationCountry, OrganisationType
from maillage.core.codelists import codelist_choices
from maillage.core.reference import country_name, departement_name, departements, regions
from maillage.projects.models import Project, ProjectPartner
from maillage.reporting.observatory_svg import Chart, Series

if TYPE_CHECKING:
    from django.http import QueryDict


@dataclass(frozen=True)
class ObservatoryFilters:
    """The région (ISO 3166-2:FR code) and organisation type that narrow every figure."""

    region: str = ""
    type: str = ""

    @classmethod
    def from_query(cls, query: QueryDict) -> ObservatoryFilters:
        region = query.get("region", "")
        kind = query.get("type", "")
        return cls(
            region=region if region in {r.code for r in regions()} else "",
            type=kind if kind in OrganisationType.values else "",
        )

    @property
    def active(self) -> bool:
        return bool(self.region or self.type)

    def querystring(self) -> str:
        return urlencode({k: v for k, v in (("region", self.region), ("type", self.type)) if v})


def _flat(qs: QuerySet[Any]) -> QuerySet[Any]:
    """`qs` without its DISTINCT: a join-and-distinct queryset would count its duplicates."""
    if qs.query.distinct:
        return qs.model.objects.filter(pk__in=qs.values("pk"))
    return qs


def organisations_for(user: Any, filters: ObservatoryFilters) -> QuerySet[Organisation]:
    qs = _flat(Organisation.objects.visible_to(user))
    if filters.region:
        qs = qs.filter(
            departement__in=[d.code for d in departements() if d.region == filters.region]
        )
    if filters.type:
        qs = qs.filter(type=filters.type)
    return qs


def projects_for(user: Any, filters: ObservatoryFilters) -> QuerySet[Project]:
    """Visible projects; with a filter, those with a partner organisation that matches it."""
    qs = _flat(Project.objects.visible_to(user))
    if filters.active:
        partners = ProjectPartner.objects.filter(organisation__in=organisations_for(user, filters))
        qs = qs.filter(pk__in=partners.values("project"))
    return qs


# --- Counts ----------------------------------------------------------------------------


@dataclass
class Figure:
    """One figure of the observatory: a table (page and CSV) and a chart (inline and SVG)."""

    slug: str
    title: str
    description: str
    headers: list[str]
    rows: list[list[Any]]
    chart: Chart
    footer: list[Any] | None = None  # a totals row, kept apart so the page can style it
    row_headers: int = 1  # leading columns that name the row
    table_first: bool = False  # a cross table reads better as a table than as a chart

    @property
    def table_rows(self) -> list[list[Any]]:
        return [*self.rows, self.footer] if self.footer else self.rows


@dataclass
class _CrossTable:
    rows: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    cells: dict[tuple[str, str], int] = field(default_factory=dict)
    row_totals: dict[str, int] = field(default_factory=dict)
    column_totals: dict[str, int] = field(default_factory=dict)
    total: int = 0


def _cross_table(
    qs: QuerySet[Any], row: str, column: str, measure: Count, *, additive: bool
) -> _CrossTable:
    """Counts by (row, column); totals are sums when `additive`, else counted apart (a
    project with partners in two départements counts once in each and once in all)."""
    table = _CrossTable()
    for r in qs.values(row, column).annotate(n=measure).order_by():
        table.cells[(r[row], r[column])] = r["n"]
    if additive:
        for (r_key, c_key), n in table.cells.items():
            table.row_totals[r_key] = table.row_totals.get(r_key, 0) + n
            table.column_totals[c_key] = table.column_totals.get(c_key, 0) + n
        table.total = sum(table.cells.values())
    else:
        table.row_totals = dict(qs.values_list(row).annotate(n=measure).order_by())
        table.column_totals = dict(qs.values_list(column).annotate(n=measure).order_by())
        table.total = qs.aggregate(n=measure)["n"] or 0
    order = {d.code: i for i, d in enumerate(departements())}
    # Départements in INSEE order; organisations abroad or with no département last.
    table.rows = sorted(table.row_totals, key=lambda code: order.get(code, len(order)))
    types = OrganisationType.values
    table.columns = sorted(table.column_totals, key=types.index)
    return table


def _departement_figure(
    slug: str, title: str, description: str, table: _CrossTable, series_name: str
) -> Figure:
    type_labels = [str(OrganisationType(c).label) for c in table.columns]
    abroad = _("Abroad or no département")
    rows = [
        [
            code,
            departement_name(code) if code else abroad,
            *(table.cells.get((code, c), 0) for c in table.columns),
            table.row_totals[code],
        ]
        for code in table.rows
    ]
    footer = [_("Total"), "", *(table.column_totals[c] for c in table.columns), table.total]
    chart = Chart(
        slug=slug,
        title=title,
        description=description,
        labels=[f"{r[0]} {r[1]}".strip() for r in rows],
        series=[Series(series_name, [r[-1] for r in rows])],
    )
    return Figure(
        slug=slug,
        title=title,
        description=description,
        headers=[_("Code"), _("Département"), *type_labels, _("Total")],
        rows=rows,
        footer=footer,
        chart=chart,
        row_headers=2,
        table_first=True,
    )


def organisations_by_departement(user: Any, filters: ObservatoryFilters) -> Figure:
    table = _cross_table(
        organisations_for(user, filters), "departement", "type", Count("pk"), additive=True
    )
    return _departement_figure(
        "organisations-by-departement",
        _("Organisations by type and département"),
        _("Number of organisations by type (columns) and département (rows)."),
        table,
        _("Organisations"),
    )


def projects_by_departement(user: Any, filters: ObservatoryFilters) -> Figure:
    partners = ProjectPartner.objects.filter(
        project__in=projects_for(user, filters), organisation__in=organisations_for(user, filters)
    )
    table = _cross_table(
        partners,
        "organisation__departement",
        "organisation__type",
        Count("project", distinct=True),
        additive=False,
    )
    return _departement_figure(
        "projects-by-departement",
        _("Projects by partner type and département"),
        _(
            "Number of projects with a partner of each type (columns) in each département "
            "(rows). A project with several partners counts once in each of their cells, "
            "and once in the totals."
        ),
        table,
        _("Projects"),
    )


def _ranked(counts: Iterable[dict[str, int]], keys: Iterable[str]) -> list[tuple[str, list[int]]]:
    """Rows (key, [n per series]) largest first, from one {key: n} dict per series."""
    counts = list(counts)
    rows = [(key, [c.get(key, 0) for c in counts]) for key in set(keys)]
    return sorted(rows, key=lambda r: (-sum(r[1]), r[0]))


def by_country(user: Any, filters: ObservatoryFilters) -> Figure:
    organisations = organisations_for(user, filters)
    based = dict(organisations.values_list("country").annotate(n=Count("pk")).order_by())
    acting = dict(
        OrganisationCountry.objects.filter(organisation__in=organisations)
        .values_list("country")
        .annotate(n=Count("organisation", distinct=True))
        .order_by()
    )
    projects = dict(
        projects_for(user, filters).values_list("country").annotate(n=Count("pk")).order_by()
    )
    ranked = _ranked([based, acting, projects], [*based, *acting, *projects])
    names = [_("Organisations based there"), _("Organisations acting there"), _("Projects")]
    title = _("Organisations and projects by country")
    description = _(
        "For each country: organisations based there, organisations that name it as a "
        "country of action, and projects carried out there."
    )
    rows = [[code, country_name(code), *values] for code, values in ranked]
    return Figure(
        slug="by-country",
        title=title,
        description=description,
        headers=[_("Code"), _("Country"), *names],
        rows=rows,
        chart=Chart(
            slug="by-country",
            title=title,
            description=description,
            labels=[r[1] for r in rows],
            series=[Series(n, [r[2 + i] for r in rows]) for i, n in enumerate(names)],
        ),
        row_headers=2,
    )


def _single_series(
    slug: str, title: str, description: str, header: str, counts: list[tuple[str, int]]
) -> Figure:
    series_name = _("Organisations")
    return Figure(
        slug=slug,
        title=title,
        description=description,
        headers=[header, series_name],
        rows=[[label, n] for label, n in counts],
        chart=Chart(
            slug=slug,
            title=title,
            description=description,
            labels=[label for label, _n in counts],
            series=[Series(series_name, [n for _label, n in counts])],
        ),
    )


def by_theme(user: Any, filters: ObservatoryFilters) -> Figure:
    through = Organisation.themes.through
    counts = (
        through.objects.filter(organisation__in=organisations_for(user, filters))
        .values_list("theme__name")
        .annotate(n=Count("organisation_id"))
        .order_by("-n", "theme__name")
    )
    return _single_series(
        "by-theme",
        _("Organisations by theme"),
        _("Number of organisations working on each theme; an organisation may have several."),
        _("Theme"),
        list(counts),
    )


def _sdg_label(number: int, names: dict[str, str]) -> str:
    label = _("SDG %(number)d") % {"number": number}
    name = names.get(str(number))
    return f"{label} — {name}" if name and name != str(number) else label


def by_sdg(user: Any, filters: ObservatoryFilters) -> Figure:
    # Goal names come from the IATI codelist when it is loaded (`maillage codelists`).
    names = dict(codelist_choices("UNSDG-Goals", include_withdrawn=True))
    through = Organisation.sdgs.through
    counts = (
        through.objects.filter(organisation__in=organisations_for(user, filters))
        .values_list("sdggoal_id")
        .annotate(n=Count("organisation_id"))
        .order_by("sdggoal_id")
    )
    return _single_series(
        "by-sdg",
        _("Organisations by Sustainable Development Goal"),
        _("Number of organisations contributing to each SDG; an organisation may have several."),
        _("SDG"),
        [(_sdg_label(number, names), n) for number, n in counts],
    )


def over_time(user: Any, filters: ObservatoryFilters) -> Figure:
    created = dict(
        organisations_for(user, filters)
        .annotate(year=ExtractYear("created_at"))
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    started = dict(
        projects_for(user, filters)
        .filter(start_on__isnull=False)
        .annotate(year=ExtractYear("start_on"))
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    years = [*created, *started]
    span = range(min(years), max(years) + 1) if years else range(0)
    names = [_("Organisations recorded"), _("Projects started")]
    title = _("Organisations and projects over time")
    description = _(
        "Organisations recorded in Maillage and projects started, per year (every year of "
        "the span, including years with none)."
    )
    rows = [[year, created.get(year, 0), started.get(year, 0)] for year in span]
    return Figure(
        slug="over-time",
        title=title,
        description=description,
        headers=[_("Year"), *names],
        rows=rows,
        chart=Chart(
            slug="over-time",
            title=title,
            description=description,
            labels=[str(r[0]) for r in rows],
            series=[Series(n, [r[1 + i] for r in rows]) for i, n in enumerate(names)],
            keep_order=True,
        ),
    )


FIGURES: dict[str, Callable[[Any, ObservatoryFilters], Figure]] = {
    "organisations-by-departement": organisations_by_departement,
    "projects-by-departement": projects_by_departement,
    "by-country": by_country,
    "by-theme": by_theme,
    "by-sdg": by_sdg,
    "over-time": over_time,
}


def observatory_figures(user: Any, filters: ObservatoryFilters) -> list[Figure]:
    return [build(user, filters) for build in FIGURES.values()]
