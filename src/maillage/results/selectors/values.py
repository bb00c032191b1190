"""Reads of indicator values: a period's actual figure as the database computes it from
its updates (by the indicator's aggregation), the one rule that says whether an indicator
is on track, and the indicators whose last due period has no value yet.

Only approved values count in dashboards: each period stores its approved `actual`, which
`services.actuals` computes with `actual_figure()` whenever a write changes it; the
dashboards read that column. The value pages show every status (`with_update_counts`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    Max,
    OuterRef,
    Subquery,
    Sum,
    When,
    Window,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from maillage.core.filters import among_ids
from maillage.projects.selectors import my_project_ids
from maillage.results.models import (
    Aggregation,
    Indicator,
    IndicatorKind,
    IndicatorPeriod,
    IndicatorValue,
    ValueStatus,
)
from maillage.results.models.indicators import FIGURE_DECIMALS, FIGURE_DIGITS

FIGURE: models.DecimalField = models.DecimalField(
    max_digits=FIGURE_DIGITS, decimal_places=FIGURE_DECIMALS
)


def _updates(approved_only: bool) -> models.QuerySet:
    qs = IndicatorValue.objects.filter(period=OuterRef("pk"))
    if approved_only:
        qs = qs.filter(status=ValueStatus.APPROVED)
    return qs


def _aggregate(function: Any) -> Subquery:
    figures = (
        _updates(approved_only=True)
        .exclude(value=None)
        .order_by()
        .values("period")
        .annotate(figure=function("value"))
        .values("figure")[:1]
    )
    return Subquery(figures, output_field=FIGURE)


def actual_figure() -> Case:
    """A period's actual from its approved updates out of the trash, by its indicator's
    aggregation: summed, the latest, their average or the highest (an expression over a
    period queryset, which `services.actuals` stores on each period)."""
    latest = Subquery(
        _updates(approved_only=True)
        .exclude(value=None)
        .order_by("-created_at", "-pk")
        .values("value")[:1],
        output_field=FIGURE,
    )
    # The aggregation read by a subquery, not a join: the expression serves an UPDATE.
    aggregation = Subquery(
        Indicator.all_objects.filter(pk=OuterRef("indicator_id")).values("aggregation")[:1],
        output_field=models.CharField(),
    )
    return Case(
        When(Exact(aggregation, Aggregation.SUM), then=_aggregate(Sum)),
        When(Exact(aggregation, Aggregation.AVERAGE), then=_aggregate(Avg)),
        When(Exact(aggregation, Aggregation.MAX), then=_aggregate(Max)),
        default=latest,
        output_field=FIGURE,
    )


def with_actuals(periods: models.QuerySet[IndicatorPeriod]) -> models.QuerySet[IndicatorPeriod]:
    """Periods with, beside their stored approved `actual`, what one indicator's page and
    the grid show of the approved updates: `actual_text` (the latest text), `updates`
    (how many) and `reported` (whether any). One query; meant for the periods of one
    indicator or of one project's period, not for thousands (the dashboards read `actual`
    alone)."""
    approved = _updates(approved_only=True)
    latest_text = Subquery(
        approved.exclude(text="").order_by("-created_at", "-pk").values("text")[:1],
        output_field=models.TextField(),
    )
    counted = approved.order_by().values("period").annotate(n=Count("pk")).values("n")[:1]
    return periods.annotate(
        actual_text=latest_text,
        updates=Subquery(counted, output_field=models.IntegerField()),
        reported=Exists(approved),
    )


def with_update_counts(
    periods: models.QuerySet[IndicatorPeriod],
) -> models.QuerySet[IndicatorPeriod]:
    """Periods with `updates`: how many values they have out of the trash, whatever their
    status (an indicator's page shows it beside the approved actual)."""
    counted = (
        _updates(approved_only=False)
        .order_by()
        .values("period")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return periods.annotate(updates=Subquery(counted, output_field=models.IntegerField()))


# -- the rule: on track, at risk, off track ------------------------------------------------


class ProgressStatus(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    NO_DATA = "no_data", _("No approved value yet")
    NOT_MEASURED = "not_measured", _("Not measured")


# The share of the target reached, compared with the share of the period elapsed.
ON_TRACK_FROM = Decimal("0.9")
AT_RISK_FROM = Decimal("0.7")

RULE_TEXT = _(
    "How the status is decided: for each indicator, the latest period that has begun and "
    "has an approved value is assessed. The share of its target reached — from the "
    "baseline for indicators that replace or average their updates, from zero for those "
    "that add them up, in the indicator's direction (lower is better for decreasing "
    "ones) — is compared with the share of the period elapsed. On track: at least "
    "%(on_track)s %% of what the time elapsed calls for; at risk: from %(at_risk)s %%; "
    "off track: below. Only "
    "approved values count; qualitative indicators and periods without a target are not "
    "measured."
)


def rule_text() -> str:
    """The rule in words, as the results pages explain it."""
    return str(RULE_TEXT) % {
        "on_track": int(ON_TRACK_FROM * 100),
        "at_risk": int(AT_RISK_FROM * 100),
    }


@dataclass(frozen=True)
class Progress:
    """Where an indicator stands: the period assessed, its actual and target, the shares
    of the target reached and of the period elapsed, and the status they give."""

    indicator: Indicator
    status: str
    period: IndicatorPeriod | None = None
    actual: Decimal | None = None
    target: Decimal | None = None
    reached: Decimal | None = None  # share of the target reached (1 = reached)
    elapsed: Decimal | None = None  # share of the period elapsed (1 = ended)

    @property
    def label(self) -> str:
        return str(ProgressStatus(self.status).label)

    @property
    def reached_percent(self) -> Decimal | None:
        return None if self.reached is None else (self.reached * 100).quantize(Decimal(1))

    @property
    def elapsed_percent(self) -> Decimal | None:
        return None if self.elapsed is None else (self.elapsed * 100).quantize(Decimal(1))


def elapsed_share(starts_on: dt.date, ends_on: dt.date, today: dt.date) -> Decimal:
    """The share of a period elapsed on `today` (its days counted inclusively)."""
    if today >= ends_on:
        return Decimal(1)
    if today < starts_on:
        return Decimal(0)
    days = (ends_on - starts_on).days + 1
    return Decimal((today - starts_on).days + 1) / Decimal(days)


def reached_share(
    *, actual: Decimal, target: Decimal, baseline: Decimal | None, aggregation: str, direction: str
) -> Decimal:
    """The share of the target reached: from the baseline (levels: latest, average,
    highest) or from zero (counts added up within the period) towards the target."""
    start = baseline if aggregation != Aggregation.SUM and baseline is not None else Decimal(0)
    span = target - start
    if span == 0:
        better = actual <= target if direction == "decrease" else actual >= target
        return Decimal(1) if better else Decimal(0)
    return (actual - start) / span


def judge(reached: Decimal, elapsed: Decimal) -> str:
    """The status: reached against what the time elapsed calls for."""
    if reached >= 1 or reached >= elapsed * ON_TRACK_FROM:
        return ProgressStatus.ON_TRACK
    if reached >= elapsed * AT_RISK_FROM:
        return ProgressStatus.AT_RISK
    return ProgressStatus.OFF_TRACK


def indicator_progress(
    indicators: Iterable[Indicator], periods: Sequence[Any], today: dt.date
) -> dict[int, Progress]:
    """Each indicator's progress (by id) from its periods (their stored approved `actual`),
    or rows with the same fields (`indicator_id`, `starts_on`, `ends_on`, `target_value`,
    `actual`): the rule of RULE_TEXT, written here once."""
    by_indicator: dict[int, list[IndicatorPeriod]] = {}
    for period in periods:
        by_indicator.setdefault(period.indicator_id, []).append(period)
    progress: dict[int, Progress] = {}
    for indicator in indicators:
        own = sorted(by_indicator.get(indicator.pk, []), key=lambda p: (p.starts_on, p.ends_on))
        if indicator.kind == IndicatorKind.QUALITATIVE:
            progress[indicator.pk] = Progress(indicator, ProgressStatus.NOT_MEASURED)
            continue
        begun = [p for p in own if p.starts_on <= today and p.target_value is not None]
        if not begun:
            progress[indicator.pk] = Progress(indicator, ProgressStatus.NOT_MEASURED)
            continue
        assessed = [p for p in begun if getattr(p, "actual", None) is not None]
        if not assessed:
            progress[indicator.pk] = Progress(indicator, ProgressStatus.NO_DATA, begun[-1])
            continue
        period = assessed[-1]
        actual, target = period.actual, period.target_value
        assert target is not None
        reached = reached_share(
            actual=actual,
            target=target,
            baseline=indicator.baseline_value,
            aggregation=indicator.aggregation,
            direction=indicator.direction,
        )
        elapsed = elapsed_share(period.starts_on, period.ends_on, today)
        progress[indicator.pk] = Progress(
            indicator, judge(reached, elapsed), period, actual, target, reached, elapsed
        )
    return progress


# -- what is missing ---------------------------------------------------------------------


@dataclass(frozen=True)
class Missing:
    """An indicator with no value for its last due period (ended on or before today)."""

    indicator: Indicator
    period: IndicatorPeriod


def _missing(user: Any, today: dt.date) -> models.QuerySet[IndicatorPeriod] | None:
    """The last due period (ended by `today`) of each indicator `user` must enter values
    for, when it has no value at all (whatever its status): a partner's, on the projects it
    is a member of; an officer's, on the projects they own or are a member of (their ids,
    read once for the whole home page: `my_project_ids`). One statement: each indicator's
    periods ended by `today`, each checked to be the last due by one step in the
    (indicator, ends_on) index and for a value by one step in the values' period index."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if getattr(user, "is_internal", False) and not getattr(user, "can_write", False):
        return None  # viewers enter nothing
    last_due = (
        IndicatorPeriod.objects.filter(indicator=OuterRef("indicator"), ends_on__lte=today)
        .order_by("-ends_on")
        .values("ends_on")[:1]
    )
    mine = among_ids(
        IndicatorPeriod.objects.visible_to(user),
        "indicator__project_id",
        my_project_ids(user=user),
    )
    return (
        mine.filter(
            ends_on__lte=today,
            indicator__deleted_at__isnull=True,
            indicator__project__deleted_at__isnull=True,
        )
        .filter(ends_on=Subquery(last_due))
        .exclude(Exists(IndicatorValue.objects.filter(period=OuterRef("pk"))))
    )


def _soonest_first(periods: models.QuerySet[IndicatorPeriod]) -> models.QuerySet[IndicatorPeriod]:
    # The end date as an expression, which no index's order answers: PostgreSQL otherwise
    # walked every period of the service ended by today in date order (79,000 at national
    # scale, each checked for being the last due and for a value) to find an officer's
    # few, instead of starting from their projects' indicators (home page: 160 -> 36 ms).
    return periods.select_related("indicator__project").order_by(
        Coalesce("ends_on", "ends_on"),
        "indicator__project__code",
        "indicator__order",
        "indicator__code",
        "pk",
    )


def missing_values(user: Any, today: dt.date, *, limit: int | None = None) -> list[Missing]:
    """The indicators without any value for their last due period (`_missing`), the
    soonest ended first, at most `limit`: at national scale an officer's 2,500 projects
    hold ~27,000 such periods, which the home page read whole to show ten (3 s)."""
    periods = _missing(user, today)
    if periods is None:
        return []
    periods = _soonest_first(periods)
    if limit is not None:
        periods = periods[:limit]
    return [Missing(period.indicator, period) for period in periods]


def missing_page(user: Any, today: dt.date, *, limit: int) -> tuple[list[Missing], int]:
    """The first `limit` of `missing_values` and how many there are in all, in one query:
    the count is a window over the rows the order sorts anyway (a second query counted
    them again, checking each period once more)."""
    periods = _missing(user, today)
    if periods is None:
        return [], 0
    rows = list(_soonest_first(periods).annotate(total=Window(Count("pk")))[:limit])
    return [Missing(period.indicator, period) for period in rows], (rows[0].total if rows else 0)
