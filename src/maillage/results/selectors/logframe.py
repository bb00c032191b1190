"""A project's logframe as one tree, read in a fixed number of queries whatever its size:
the levels in tree order, each with its indicators (baseline, periods with their targets)
and assumptions, and the periods of every indicator as the matrix's columns.

The rows are plain lists (`Prefetch(to_attr=…)`), each period named once per column: a
related manager's `.all()` clones a queryset each time it is asked, and a 100-indicator
logframe asked 916 times a page (~55 ms at national scale, for what the page already had)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch

from maillage.projects.models import Activity, Project
from maillage.results.models import (
    Assumption,
    Indicator,
    IndicatorPeriod,
    Result,
    TargetPart,
)
from maillage.results.periods import period_label

Span = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class Target:
    """One of an indicator's periods, named ("2025", "Q1 2025"…), with its target."""

    label: str
    period: IndicatorPeriod


@dataclass
class IndicatorRow:
    indicator: Indicator
    # The indicator's period for each column of the matrix (None where it has none).
    periods: list[IndicatorPeriod | None]
    # The periods it has, in order, each with its name (the page's "Targets" cell).
    targets: list[Target] = field(default_factory=list)


@dataclass
class LogframeRow:
    result: Result
    depth: int
    indicators: list[IndicatorRow] = field(default_factory=list)
    assumptions: list[Assumption] = field(default_factory=list)
    activities: list[Any] = field(default_factory=list)


@dataclass
class Logframe:
    project: Project
    rows: list[LogframeRow]
    columns: list[Span]

    @property
    def indicator_count(self) -> int:
        return sum(len(row.indicators) for row in self.rows)


def periods_with_parts() -> Any:
    """An indicator's periods, each with its target's parts and their labels."""
    parts: Any = TargetPart.objects.select_related("dimension_value__dimension").order_by(
        "dimension_value__dimension__name", "dimension_value__order", "pk"
    )
    by_part: Any = Prefetch("parts", queryset=parts)
    periods = IndicatorPeriod.objects.prefetch_related(by_part)
    return Prefetch("periods", queryset=periods.order_by("starts_on", "ends_on", "pk"))


# What the matrix shows of a period, of an activity (its title, in the plan's order).
MATRIX_PERIOD_FIELDS = ("indicator_id", "starts_on", "ends_on", "target_value", "target_comment")
# `kind` too: a plan item is made an activity or a task by it as it is read.
MATRIX_ACTIVITY_FIELDS = ("kind", "title", "start_on", "position")


def logframe(*, project: Project, user: Any) -> Logframe:
    """The project's logframe for `user` (partners: of their projects only)."""
    activities = Activity.objects.only(*MATRIX_ACTIVITY_FIELDS).order_by("start_on", "position")
    results = list(
        Result.objects.visible_to(user)
        .filter(project=project)
        .prefetch_related(
            Prefetch(
                "assumptions",
                queryset=Assumption.objects.select_related("risk"),
                to_attr="matrix_assumptions",
            ),
            Prefetch("activities", queryset=activities, to_attr="matrix_activities"),
        )
        .order_by("order", "code", "pk")
    )
    periods = IndicatorPeriod.objects.only(*MATRIX_PERIOD_FIELDS).order_by(
        "starts_on", "ends_on", "pk"
    )
    indicators = list(
        Indicator.objects.visible_to(user)
        .filter(project=project)
        .prefetch_related(Prefetch("periods", queryset=periods, to_attr="matrix_periods"))
        .order_by("order", "code", "pk")
    )
    columns = sorted({(p.starts_on, p.ends_on) for i in indicators for p in i.matrix_periods})
    labels = {span: period_label(*span) for span in columns}
    by_result: dict[int, list[IndicatorRow]] = {}
    for indicator in indicators:
        mine = {(p.starts_on, p.ends_on): p for p in indicator.matrix_periods}
        row = IndicatorRow(
            indicator,
            [mine.get(span) for span in columns],
            [Target(labels[p.starts_on, p.ends_on], p) for p in indicator.matrix_periods],
        )
        by_result.setdefault(indicator.result_id, []).append(row)
    known = {r.pk for r in results}
    children: dict[int | None, list[Result]] = {}
    for result in results:
        # A level whose parent is in the trash shows at the top rather than not at all.
        parent = result.parent_id if result.parent_id in known else None
        children.setdefault(parent, []).append(result)
    rows: list[LogframeRow] = []

    def walk(parent: int | None, depth: int) -> None:
        for result in children.get(parent, []):
            rows.append(
                LogframeRow(
                    result,
                    depth,
                    indicators=by_result.get(result.pk, []),
                    assumptions=result.matrix_assumptions,  # type: ignore[attr-defined]  # Prefetch(to_attr)
                    activities=result.matrix_activities,  # type: ignore[attr-defined]  # Prefetch(to_attr)
                )
            )
            walk(result.pk, depth + 1)

    walk(None, 0)
    return Logframe(project=project, rows=rows, columns=columns)
