"""What the values grid shows for a project and a span of dates: one row per indicator
that has a period of those dates (its target, its approved actual so far, the update the
user is entering), then one row per value of its disaggregations. Five queries whatever
the number of indicators, disaggregations and values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch

from maillage.results.models import (
    DimensionValue,
    Indicator,
    IndicatorKind,
    IndicatorPeriod,
    IndicatorValue,
    ValueStatus,
)

# The statuses of an update its author may still change from the grid.
OPEN_STATUSES = (ValueStatus.DRAFT, ValueStatus.RETURNED, ValueStatus.SUBMITTED)


@dataclass
class GridRow:
    """An indicator's row group: its period, the update being entered (None: a new
    one) and the disaggregation values of its part rows."""

    indicator: Indicator
    period: IndicatorPeriod
    value: IndicatorValue | None
    part_values: list[DimensionValue] = field(default_factory=list)
    parts: dict[int, Decimal] = field(default_factory=dict)

    @property
    def qualitative(self) -> bool:
        return self.indicator.kind == IndicatorKind.QUALITATIVE

    @property
    def prefix(self) -> str:
        return f"v-{self.indicator.pk}"


def grid_spans(*, project: Any, user: Any) -> list[tuple[dt.date, dt.date]]:
    """The distinct spans of the project's periods, latest first."""
    spans = (
        IndicatorPeriod.objects.visible_to(user)
        .filter(indicator__project=project, indicator__deleted_at__isnull=True)
        .values_list("starts_on", "ends_on")
        .distinct()
        .order_by("-starts_on", "-ends_on")
    )
    return list(spans)


def default_span(
    spans: list[tuple[dt.date, dt.date]], today: dt.date
) -> tuple[dt.date, dt.date] | None:
    """The span in progress today (the shortest), else the latest begun, else the first."""
    current = [s for s in spans if s[0] <= today <= s[1]]
    if current:
        return min(current, key=lambda s: (s[1] - s[0], s[0]))
    begun = [s for s in spans if s[0] <= today]
    return begun[0] if begun else (spans[-1] if spans else None)


def grid_rows(*, project: Any, user: Any, starts_on: dt.date, ends_on: dt.date) -> list[GridRow]:
    periods = list(
        IndicatorPeriod.objects.visible_to(user)
        .filter(
            indicator__project=project,
            indicator__deleted_at__isnull=True,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        .select_related("indicator__result")
        .prefetch_related(
            Prefetch(
                "indicator__dimensions__values",
                queryset=DimensionValue.objects.order_by("order", "label"),
            )
        )
        .order_by("indicator__result__order", "indicator__order", "indicator__code", "pk")
    )
    mine = (
        IndicatorValue.objects.visible_to(user)
        .filter(period__in=periods, entered_by=user, status__in=OPEN_STATUSES)
        .prefetch_related("parts")
        .order_by("created_at", "pk")
    )
    latest: dict[int, IndicatorValue] = {}
    for value in mine:
        latest[value.period_id] = value  # the author's most recent open update
    rows = []
    for period in periods:
        indicator = period.indicator
        value = latest.get(period.pk)
        part_values = (
            []
            if indicator.kind == IndicatorKind.QUALITATIVE
            else [
                dimension_value
                for dimension in sorted(indicator.dimensions.all(), key=lambda d: d.name)
                for dimension_value in dimension.values.all()
            ]
        )
        parts = {p.dimension_value_id: p.amount for p in value.parts.all()} if value else {}
        rows.append(GridRow(indicator, period, value, part_values, parts))
    return rows
