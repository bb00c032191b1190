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

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from maillage.actors.models import Organisation, OrganisationCountry, OrganisationType
from maillage.core.charts import Chart, ChartTable, bar_chart, line_chart
from maillage.core.codelists import codelist_choices
from maillage.core.reference import country_name, departement_name, departements, regions
from maillage.projects.models import Project, ProjectPartner

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


def sees_everything(user: Any) -> bool:
    """Staff of the service: they all see every record, so their figures can be shared."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_internal)


def organisation_q(user: Any, filters: ObservatoryFilters, path: str = "") -> Q:
    """The visible organisations that match `filters`, as conditions on the organisation
    reached by `path` ("" for Organisation itself, "organisation" from a ProjectPartner…).

    Written as joins: `x IN (subquery) AND y IN (subquery)` over two tables made SQLite
    probe every organisation × project pair (114 s at national scale, 0.3 s as joins).
    A partner's few visible organisations stay a subquery.
    """
    prefix = f"{path}__" if path else ""
    q = Q(**{f"{prefix}deleted_at__isnull": True})
    if filters.region:
        codes = [d.code for d in departements() if d.region == filters.region]
        q &= Q(**{f"{prefix}departement__in": codes})
    if filters.type:
        q &= Q(**{f"{prefix}type": filters.type})
    if not sees_everything(user):
        visible = Organisation.objects.visible_to(user).order_by().values("pk")
        q &= Q(**{f"{path or 'pk'}__in": visible})
    return q


def project_q(user: Any, path: str = "") -> Q:
    """The visible projects, as conditions on the project reached by `path`."""
    prefix = f"{path}__" if path else ""
    q = Q(**{f"{prefix}deleted_at__isnull": True})
    if not sees_everything(user):
        visible = Project.objects.visible_to(user).order_by().values("pk")
        q &= Q(**{f"{path or 'pk'}__in": visible})
    return q


def organisations_for(user: Any, filters: ObservatoryFilters) -> QuerySet[Organisation]:
    return Organisation.objects.filter(organisation_q(user, filters))


def projects_for(user: Any, filters: ObservatoryFilters) -> QuerySet[Project]:
    """Visible projects; with a filter, those with a partner organisation that matches it."""
    qs = Project.objects.filter(project_q(user))
    if filters.active:
        partners = ProjectPartner.objects.filter(
            organisation_q(user, filters, "organisation"), project=OuterRef("pk")
        )
        qs = qs.filter(Exists(partners))
    return qs


T = TypeVar("T")


# --- What every staff user sees alike, computed once per state of the data -------------

# A backstop: the data version below sees every write through the pages, the API and
# imports; a change it cannot see (a codelist's names) shows within this delay.
CACHE_SECONDS = 10 * 60


def _read_tables() -> list[tuple[str, bool]]:
    """The tables the observatory reads, and whether each has `updated_at`."""
    from maillage.actors.models import Group, GroupMember, OrganisationLink, Theme
    from maillage.core.models import Codelist, CodelistItem
    from maillage.partnerships.models import Agreement, AgreementParty

    models = [
        Organisation,
        Organisation.themes.through,
        Organisation.sdgs.through,
        OrganisationCountry,
        OrganisationLink,
        Theme,
        Group,
        GroupMember,
        Project,
        ProjectPartner,
        Agreement,
        AgreementParty,
        Codelist,
        CodelistItem,
    ]
    return [
        (m._meta.db_table, any(f.name == "updated_at" for f in m._meta.concrete_fields))
        for m in models
    ]


def data_version() -> str:
    """A fingerprint of the rows the observatory reads: each table's row count and latest
    change, in one query. A create, an edit (`updated_at`), a move to the trash (an edit)
    or a deletion (the count) changes it."""
    quote = connection.ops.quote_name
    # Table names come from the models, never from a request.
    parts = []
    for table, stamped in _read_tables():
        parts.append(f"(SELECT COUNT(*) FROM {quote(table)})")  # noqa: S608
        if stamped:
            parts.append(f"(SELECT MAX(updated_at) FROM {quote(table)})")  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        row = cursor.fetchone()
    return hashlib.sha256(repr(row).encode()).hexdigest()


def cached_for_staff(user: Any, key: Any, compute: Callable[[], T]) -> T:
    """`compute()`, shared by every staff user while the data does not change; a
    partner's figures are its own and computed each time."""
    if not sees_everything(user):
        return compute()
    digest = hashlib.sha256(repr((key, get_language(), data_version())).encode()).hexdigest()
    cache_key = f"observatory:{digest}"
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, CACHE_SECONDS)
    return value


# --- Counts ----------------------------------------------------------------------------


@dataclass
class Figure:
    """One figure of the observatory: a chart (`core.charts`) and its table, shown on the
    page and downloaded as CSV and SVG."""

    slug: str
    chart: Chart
    table_first: bool = False  # a cross table reads better as a table than as a chart

    @property
    def title(self) -> str:
        return self.chart.title

    @property
    def description(self) -> str:
        return self.chart.description

    @property
    def headers(self) -> list[str]:
        return self.chart.table.headers

    @property
    def rows(self) -> list[list[Any]]:
        return self.chart.table.rows

    @property
    def footer(self) -> list[Any] | None:
        return self.chart.table.footer  # a totals row, kept apart so the page can style it

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
    label = _("Département")
    chart = bar_chart(
        [{"label": f"{r[0]} {r[1]}".strip(), "n": r[-1]} for r in rows],
        category="label",
        value="n",
        title=title,
        description=description,
        category_title=label,
        value_title=series_name,
        table=ChartTable(
            headers=[_("Code"), label, *type_labels, _("Total")],
            rows=rows,
            footer=footer,
            row_headers=2,
        ),
        slug=slug,
    )
    return Figure(slug=slug, chart=chart, table_first=True)


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
    # A partner that matches the filters makes its project match them: no test on projects
    # beyond their visibility.
    partners = ProjectPartner.objects.filter(
        project_q(user, "project"), organisation_q(user, filters, "organisation")
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
        OrganisationCountry.objects.filter(organisation_q(user, filters, "organisation"))
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
    chart = bar_chart(
        [{"country": r[1], "what": n, "n": r[2 + i]} for r in rows for i, n in enumerate(names)],
        category="country",
        value="n",
        series="what",
        title=title,
        description=description,
        category_title=_("Country"),
        value_title=_("Number"),
        table=ChartTable(headers=[_("Code"), _("Country"), *names], rows=rows, row_headers=2),
        slug="by-country",
    )
    return Figure(slug="by-country", chart=chart)


def _single_series(
    slug: str, title: str, description: str, header: str, counts: list[tuple[str, int]]
) -> Figure:
    series_name = _("Organisations")
    chart = bar_chart(
        [{"label": label, "n": n} for label, n in counts],
        category="label",
        value="n",
        title=title,
        description=description,
        category_title=header,
        value_title=series_name,
        table=ChartTable(headers=[header, series_name], rows=[[label, n] for label, n in counts]),
        slug=slug,
    )
    return Figure(slug=slug, chart=chart)


def by_theme(user: Any, filters: ObservatoryFilters) -> Figure:
    through = Organisation.themes.through
    counts = (
        through.objects.filter(organisation_q(user, filters, "organisation"))
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
        through.objects.filter(organisation_q(user, filters, "organisation"))
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
    # A time series: years on a time axis, every year of the span (zeros included).
    chart = line_chart(
        [{"year": r[0], "what": n, "n": r[1 + i]} for r in rows for i, n in enumerate(names)],
        x="year",
        y="n",
        series="what",
        title=title,
        description=description,
        x_title=_("Year"),
        y_title=_("Number"),
        table=ChartTable(headers=[_("Year"), *names], rows=rows),
        slug="over-time",
    )
    return Figure(slug="over-time", chart=chart)


FIGURES: dict[str, Callable[[Any, ObservatoryFilters], Figure]] = {
    "organisations-by-departement": organisations_by_departement,
    "projects-by-departement": projects_by_departement,
    "by-country": by_country,
    "by-theme": by_theme,
    "by-sdg": by_sdg,
    "over-time": over_time,
}


def compute_figures(user: Any, filters: ObservatoryFilters) -> list[Figure]:
    return [build(user, filters) for build in FIGURES.values()]


def observatory_figures(user: Any, filters: ObservatoryFilters) -> list[Figure]:
    """Every figure; the staff's computed once per state of the data."""
    return cached_for_staff(user, ("figures", filters), lambda: compute_figures(user, filters))


def find_figure(user: Any, filters: ObservatoryFilters, slug: str) -> Figure | None:
    """One figure (a download): the staff's shared figures, a partner's own."""
    if slug not in FIGURES:
        return None
    if sees_everything(user):
        return next(f for f in observatory_figures(user, filters) if f.slug == slug)
    return FIGURES[slug](user, filters)
