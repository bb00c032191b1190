"""Dashboards of results (F3): an indicator's actual against its targets over time, a
project's progress towards its targets, and the figures of a programme, a donor, a
country or an SDG, where only indicators declared under the same common indicator are
added up. Every read is a fixed number of queries, whatever the number of indicators,
periods and values; only approved values count: each period's approved actual is stored
on it (`IndicatorPeriod.actual`, kept by `services.actuals`) and read as a column."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Avg, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from maillage.core.charts import Chart, ChartTable, bar_chart, line_chart
from maillage.core.formatting import format_number
from maillage.results.models import (
    CommonIndicator,
    Indicator,
    IndicatorKind,
    IndicatorMeasure,
    IndicatorPeriod,
    IndicatorValue,
)
from maillage.results.models.indicators import FIGURE_DECIMALS
from maillage.results.selectors.values import (
    Progress,
    ProgressStatus,
    indicator_progress,
    rule_text,
    with_actuals,
    with_update_counts,
)


def _periods(indicator_ids: list[int], user: Any) -> list[IndicatorPeriod]:
    return list(
        IndicatorPeriod.objects.visible_to(user)
        .filter(indicator_id__in=indicator_ids)
        .order_by("indicator_id", "starts_on", "ends_on", "pk")
    )


# -- one indicator ----------------------------------------------------------------------


def indicator_chart(indicator: Indicator, periods: list[IndicatorPeriod]) -> Chart:
    """Target and approved actual at the end of each period, on a time axis."""
    target, actual = _("Target"), _("Actual (approved)")
    data: list[dict[str, Any]] = []
    for period in periods:
        if period.target_value is not None:
            data.append({"on": period.ends_on, "series": target, "figure": period.target_value})
        if period.actual is not None:
            data.append({"on": period.ends_on, "series": actual, "figure": period.actual})
    unit = indicator.unit or ("%" if indicator.is_percentage else "")
    rows = [
        [
            str(period),
            period.target_value,
            period.actual,
        ]
        for period in periods
    ]
    return line_chart(
        data,
        x="on",
        y="figure",
        series="series",
        time_unit="yearmonthdate",
        title=_("%(indicator)s: actual and target") % {"indicator": indicator},
        description=_(
            "For each period of the indicator, the target and the actual value from the "
            "approved updates, at the period's end (%(unit)s)."
        )
        % {"unit": unit or _("no unit")},
        x_title=_("End of the period"),
        y_title=unit,
        table=ChartTable(headers=[_("Period"), target, actual], rows=rows),
        slug=f"indicator-{indicator.pk}",
    )


def indicator_results(*, indicator: Indicator, user: Any, today: dt.date) -> dict[str, Any]:
    """An indicator's periods with their actuals (approved, and counting every status),
    its progress, its chart and its updates: four queries."""
    periods = list(
        with_actuals(IndicatorPeriod.objects.visible_to(user).filter(indicator=indicator)).order_by(
            "starts_on", "ends_on", "pk"
        )
    )
    all_statuses = {
        p.pk: p for p in with_update_counts(IndicatorPeriod.objects.filter(indicator=indicator))
    }
    values = list(
        IndicatorValue.objects.visible_to(user)
        .filter(period__indicator=indicator)
        .select_related("entered_by", "period")
        .order_by("-period__starts_on", "-created_at", "-pk")
    )
    rows = [
        {
            "period": period,
            "pending": all_statuses[period.pk].updates or 0,  # type: ignore[attr-defined]  # annotated
        }
        for period in periods
    ]
    progress = indicator_progress([indicator], periods, today)[indicator.pk]
    return {
        "rows": rows,
        "progress": progress,
        "chart": indicator_chart(indicator, periods) if periods else None,
        "values": values,
        "rule": rule_text(),
    }


# -- a project --------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectResults:
    """A project's indicators in logframe order with their progress, the count by
    status, the overview chart and the rule in words."""

    progress: list[Progress]
    counts: list[tuple[str, str, int]]
    chart: Chart | None
    rule: str


def project_results(*, project: Any, user: Any, today: dt.date) -> ProjectResults:
    """Three queries: the indicators (with their level), their periods with actuals."""
    indicators = list(
        Indicator.objects.visible_to(user)
        .filter(project=project)
        .select_related("result")
        .order_by("result__order", "result__code", "order", "code", "pk")
    )
    periods = _periods([i.pk for i in indicators], user)
    by_id = indicator_progress(indicators, periods, today)
    progress = [by_id[i.pk] for i in indicators]
    return ProjectResults(
        progress=progress,
        counts=status_counts(progress),
        chart=progress_chart(progress, slug=f"project-{project.pk}"),
        rule=rule_text(),
    )


def status_counts(progress: list[Progress]) -> list[tuple[str, str, int]]:
    counted: dict[str, int] = defaultdict(int)
    for item in progress:
        counted[item.status] += 1
    return [
        (status, str(label), counted[status])
        for status, label in ProgressStatus.choices
        if counted[status]
    ]


def progress_chart(progress: list[Progress], *, slug: str) -> Chart | None:
    """Per measured indicator, the share of its target reached beside the share of the
    period elapsed (the rule's two terms)."""
    measured = [p for p in progress if p.reached is not None]
    if not measured:
        return None
    reached, elapsed = _("Target reached (%)"), _("Period elapsed (%)")
    data = []
    rows = []
    for item in measured:
        name = item.indicator.code or str(item.indicator)[:40]
        data.append({"indicator": name, "kind": reached, "share": item.reached_percent})
        data.append({"indicator": name, "kind": elapsed, "share": item.elapsed_percent})
        rows.append([str(item.indicator), item.label, item.reached_percent, item.elapsed_percent])
    return bar_chart(
        data,
        category="indicator",
        value="share",
        series="kind",
        keep_order=True,
        title=_("Progress towards the targets"),
        description=_(
            "For each indicator, the share of the assessed period's target reached by the "
            "approved values, beside the share of that period elapsed."
        ),
        category_title=_("Indicator"),
        value_title="%",
        # The status is words: a row header beside the indicator, the figures after it.
        table=ChartTable(
            headers=[_("Indicator"), _("Status"), reached, elapsed], rows=rows, row_headers=2
        ),
        slug=slug,
    )


# -- programme, donor, country, SDG ----------------------------------------------------


@dataclass
class CommonFigures:
    """A common indicator's figures over the projects that report on it, by year of the
    periods' end: targets and approved actuals added up (averaged for percentages)."""

    common: CommonIndicator
    years: list[tuple[int, Decimal | None, Decimal | None]] = field(default_factory=list)
    projects: set[str] = field(default_factory=set)

    @property
    def averaged(self) -> bool:
        return self.common.measure == IndicatorMeasure.PERCENTAGE


# The indicators without a common definition are listed, never added up: the page shows
# the first ones (the status counts cover them all), each project's page lists its own.
OTHER_ROWS = 100


@dataclass(frozen=True)
class Aggregate:
    commons: list[CommonFigures]
    others: list[Progress]  # indicators without a common definition: never added up
    counts: list[tuple[str, str, int]]
    chart: Chart | None
    rule: str
    projects: int
    others_total: int = 0  # `others` holds the first OTHER_ROWS of them


@dataclass(frozen=True)
class PeriodFigures:
    """What the rule reads of a period, without the cost of a model instance (thousands
    of periods on a country's page)."""

    pk: int
    indicator_id: int
    starts_on: dt.date
    ends_on: dt.date
    target_value: Decimal | None
    actual: Decimal | None


def _assessable_periods(
    indicators: models.QuerySet[Indicator], user: Any, today: dt.date
) -> list[PeriodFigures]:
    """The only periods `indicator_progress` can assess (begun, with a target, of a
    quantitative indicator), with their stored approved actual: the rule reads no other."""
    rows = (
        IndicatorPeriod.objects.visible_to(user)
        .filter(
            indicator__in=indicators.exclude(kind=IndicatorKind.QUALITATIVE)
            .order_by()
            .values("pk"),
            starts_on__lte=today,
            target_value__isnull=False,
        )
        .order_by("indicator_id", "starts_on", "ends_on", "pk")
        .values_list("pk", "indicator_id", "starts_on", "ends_on", "target_value", "actual")
    )
    return [PeriodFigures(*row) for row in rows]


def _yearly_figures(
    indicators: models.QuerySet[Indicator], user: Any
) -> dict[int, list[tuple[int, dict[str, Decimal | None]]]]:
    """Per common indicator and year of the periods' end, the targets and approved
    actuals added up and averaged, by the database (GROUP BY): one query."""
    averaged = Q(indicator__common__measure=IndicatorMeasure.PERCENTAGE)
    rows = (
        IndicatorPeriod.objects.visible_to(user)
        .filter(indicator__in=indicators.filter(common__isnull=False).order_by().values("pk"))
        .order_by()
        .values("indicator__common", year=ExtractYear("ends_on"))
        .annotate(
            target_sum=Sum("target_value", filter=~averaged),
            target_avg=Avg("target_value", filter=averaged),
            actual_sum=Sum("actual", filter=~averaged),
            actual_avg=Avg("actual", filter=averaged),
        )
        .order_by("indicator__common", "year")
    )
    yearly: dict[int, list[tuple[int, dict[str, Decimal | None]]]] = defaultdict(list)
    for row in rows:
        yearly[row["indicator__common"]].append((row["year"], row))
    return yearly


def _figure(value: Any) -> Decimal | None:
    # SQLite's SUM and AVG are floating point: back to the figures' decimal places.
    if value is None:
        return None
    return Decimal(value).quantize(Decimal(1).scaleb(-FIGURE_DECIMALS)).normalize()


@dataclass(frozen=True)
class IndicatorFigures:
    """What the rule and the sums read of an indicator, without the cost of a model
    instance; the page shows full indicators only for the rows it lists."""

    pk: int
    project_id: int
    common_id: int | None
    kind: str
    baseline_value: Decimal | None
    aggregation: str
    direction: str


def aggregate_results(
    *, indicators: models.QuerySet[Indicator], user: Any, today: dt.date
) -> Aggregate:
    """The figures of a set of indicators (a programme's, a donor's, a country's, an
    SDG's): seven queries, the sums by the database."""
    rows = [
        IndicatorFigures(*row)
        for row in indicators.order_by("project__code", "order", "code", "pk").values_list(
            "pk", "project_id", "common_id", "kind", "baseline_value", "aggregation", "direction"
        )
    ]
    # The rule reads the fields IndicatorFigures holds, as it does an Indicator's.
    progress = indicator_progress(rows, _assessable_periods(indicators, user, today), today)  # type: ignore[arg-type]
    yearly = _yearly_figures(indicators, user)
    common_ids = {i.common_id for i in rows if i.common_id is not None}
    commons = {
        common.pk: CommonFigures(common)
        for common in CommonIndicator.objects.filter(pk__in=common_ids)
    }
    reporting = (
        indicators.filter(common__isnull=False)
        .order_by()
        .values_list("common_id", "project__code")
        .distinct()
    )
    for common_id, project_code in reporting:
        commons[common_id].projects.add(project_code)
    for common_id, figures in commons.items():
        kind = "avg" if figures.averaged else "sum"
        figures.years = [
            (year, _figure(row[f"target_{kind}"]), _figure(row[f"actual_{kind}"]))
            for year, row in yearly.get(common_id, [])
        ]
    ordered = sorted(commons.values(), key=lambda f: f.common.code)
    others = [i.pk for i in rows if i.common_id is None]
    shown = Indicator.objects.select_related("project").in_bulk(others[:OTHER_ROWS])
    return Aggregate(
        commons=ordered,
        others=[replace(progress[pk], indicator=shown[pk]) for pk in others[:OTHER_ROWS]],
        counts=status_counts([progress[i.pk] for i in rows]),
        chart=_aggregate_chart(ordered),
        rule=rule_text(),
        projects=len({i.project_id for i in rows}),
        others_total=len(others),
    )


def _aggregate_chart(commons: list[CommonFigures]) -> Chart | None:
    """Per common indicator, the target and the approved actual of its latest year with
    an actual."""
    target, actual = _("Target"), _("Actual (approved)")
    data = []
    rows = []
    for figures in commons:
        reported = [row for row in figures.years if row[2] is not None]
        if not reported:
            continue
        year, planned, done = reported[-1]
        name = f"{figures.common.code} ({year})"
        data.append({"common": name, "kind": target, "figure": planned or Decimal(0)})
        data.append({"common": name, "kind": actual, "figure": done})
        rows.append([f"{figures.common} ({year})", planned, done])
    if not data:
        return None
    return bar_chart(
        data,
        category="common",
        value="figure",
        series="kind",
        keep_order=True,
        title=_("Common indicators: target and actual"),
        description=_(
            "For each common indicator, the targets and the approved actuals of the "
            "projects reporting on it, added up (averaged for percentages), for the latest "
            "year with an approved value."
        ),
        category_title=_("Common indicator"),
        value_title=_("Figure"),
        table=ChartTable(headers=[_("Common indicator"), target, actual], rows=rows),
        slug="aggregate",
    )


def figure_text(value: Decimal | None) -> str:
    return "—" if value is None else format_number(value.normalize())
