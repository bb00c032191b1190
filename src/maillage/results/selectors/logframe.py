"""A project's logframe as one tree, read in a fixed number of queries whatever its size:
the levels in tree order, each with its indicators (baseline, periods with targets and
parts) and assumptions, and the periods of every indicator as the matrix's columns."""

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

Span = tuple[dt.date, dt.date]


@dataclass
class IndicatorRow:
    indicator: Indicator
    # The indicator's period for each column of the matrix (None where it has none).
    periods: list[IndicatorPeriod | None]


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


def project_indicators(project: Project, user: Any) -> list[Indicator]:
    """The project's indicators the user sees, with what their rows show."""
    return list(
        Indicator.objects.visible_to(user)
        .filter(project=project)
        .select_related("common")
        .prefetch_related("dimensions", periods_with_parts())
        .order_by("order", "code", "pk")
    )


def logframe(*, project: Project, user: Any) -> Logframe:
    """The project's logframe for `user` (partners: of their projects only)."""
    results = list(
        Result.objects.visible_to(user)
        .filter(project=project)
        .prefetch_related(
            Prefetch("assumptions", queryset=Assumption.objects.select_related("risk")),
            Prefetch("activities", queryset=Activity.objects.order_by("start_on", "position")),
        )
        .order_by("order", "code", "pk")
    )
    indicators = project_indicators(project, user)
    columns = sorted({(p.starts_on, p.ends_on) for i in indicators for p in i.periods.all()})
    by_result: dict[int, list[IndicatorRow]] = {}
    for indicator in indicators:
        mine = {(p.starts_on, p.ends_on): p for p in indicator.periods.all()}
        row = IndicatorRow(indicator, [mine.get(span) for span in columns])
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
                    assumptions=list(result.assumptions.all()),
                    activities=list(result.activities.all()),
                )
            )
            walk(result.pk, depth + 1)

    walk(None, 0)
    return Logframe(project=project, rows=rows, columns=columns)
