"""The demo's results (F1–F3), from results.toml: the logframes of the five projects with
their indicators, baselines, targets per period and disaggregations, and two years of
values moved through the workflow — entered and submitted by Oujda's partner or the
officers, approved, returned or left waiting by the project's officer.

Everything goes through the results services, as the pages do; the story it tells as of
the reference date is described at the top of results.toml."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from maillage.accounts.models import User
from maillage.demo.dataset import Dataset
from maillage.projects.models import Project
from maillage.results.models import (
    CommonIndicator,
    Dimension,
    DimensionValue,
    Indicator,
    IndicatorKind,
    IndicatorMeasure,
    IndicatorPeriod,
    IndicatorValue,
    Result,
    ValueStatus,
)
from maillage.results.services.indicators import (
    CommonIndicatorService,
    DimensionService,
    DimensionValueService,
    IndicatorService,
)
from maillage.results.services.logframe import AssumptionService, ResultService
from maillage.results.services.periods import IndicatorPeriodService
from maillage.results.services.values import IndicatorValueService


def _figure(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def build_results(
    ds: Dataset, users: dict[str, User], projects: dict[str, Project]
) -> dict[str, int]:
    """Logframes, indicators, periods and values; the number of records by kind."""
    spec = ds["results.toml"]
    admin = users["admin"]
    commons = {
        row["code"]: CommonIndicatorService.create(
            data={k: row[k] for k in ("code", "title", "unit", "measure", "definition")},
            by=admin,
        )
        for row in spec["common"]
    }
    dimension_values: dict[str, DimensionValue] = {}
    dimensions: dict[str, Dimension] = {}
    for row in spec["dimensions"]:
        dimension = Dimension.objects.filter(name=row["name"], project__isnull=True).first()
        if dimension is None:
            dimension = DimensionService.create(
                data={"name": row["name"], "kind": row["kind"]}, by=admin
            )
        dimensions[row["name"]] = dimension
        for order, label in enumerate(row["values"], start=1):
            found = DimensionValue.objects.filter(dimension=dimension, label=label).first()
            dimension_values[label] = found or DimensionValueService.create(
                data={"dimension": dimension, "label": label, "order": order}, by=admin
            )
    counts = {"results": 0, "indicators": 0, "indicator_periods": 0, "indicator_values": 0}
    for project_spec in spec["projects"]:
        project = projects[project_spec["code"]]
        officer = users[project_spec["officer"]]
        levels = _build_levels(project, project_spec, officer)
        counts["results"] += len(levels)
        for row in project_spec.get("indicators", []):
            indicator = _build_indicator(project, row, levels, commons, dimensions, officer)
            counts["indicators"] += 1
            periods = [
                IndicatorPeriodService.create(
                    data={
                        "indicator": indicator,
                        "starts_on": period["start"],
                        "ends_on": period["end"],
                        "target_value": _figure(period.get("target")),
                        "target_comment": period.get("comment", ""),
                        "parts": {
                            dimension_values[label].pk: _figure(figure)
                            for label, figure in period.get("parts", {}).items()
                        },
                    },
                    by=officer,
                )
                for period in row["periods"]
            ]
            counts["indicator_periods"] += len(periods)
            for value in row.get("values", []):
                _build_value(value, periods, dimension_values, users, officer)
                counts["indicator_values"] += 1
    return counts


def _build_levels(project: Project, spec: dict[str, Any], officer: User) -> dict[str, Result]:
    levels = {
        "goal": ResultService.create(
            data={"project": project, "level": "goal", "code": "OG", "title": spec["goal"]},
            by=officer,
        )
    }
    for order, row in enumerate(spec.get("levels", []), start=1):
        levels[row["key"]] = ResultService.create(
            data={
                "project": project,
                "parent": levels[row["parent"]],
                "level": row["level"],
                "code": row["key"],
                "title": row["title"],
                "order": order,
            },
            by=officer,
        )
    for order, row in enumerate(spec.get("assumptions", []), start=1):
        AssumptionService.create(
            data={"result": levels[row["level"]], "text": row["text"], "order": order},
            by=officer,
        )
    return levels


def _build_indicator(
    project: Project,
    row: dict[str, Any],
    levels: dict[str, Result],
    commons: dict[str, CommonIndicator],
    dimensions: dict[str, Dimension],
    officer: User,
) -> Indicator:
    qualitative = row.get("kind") == IndicatorKind.QUALITATIVE
    measure = IndicatorMeasure.QUALITATIVE if qualitative else row.get("measure", "unit")
    return IndicatorService.create(
        data={
            "project": project,
            "result": levels[row["level"]],
            "code": row["code"],
            "title": row["title"],
            "kind": row.get("kind", IndicatorKind.QUANTITATIVE),
            "unit": row.get("unit", ""),
            "measure": measure,
            "aggregation": row.get("aggregation", "sum"),
            "baseline_value": _figure(row.get("baseline")),
            "baseline_on": row.get("baseline_on"),
            "baseline_comment": row.get("baseline_comment", ""),
            "means_of_verification": row.get("means", ""),
            "sdg_indicator": row.get("sdg", ""),
            "common": commons.get(row.get("common", "")),
            "parts_sum_to_total": row.get("parts_sum_to_total", False),
            "dimensions": [dimensions[name] for name in row.get("dimensions", [])],
        },
        by=officer,
    )


def _build_value(
    spec: dict[str, Any],
    periods: list[IndicatorPeriod],
    dimension_values: dict[str, DimensionValue],
    users: dict[str, User],
    officer: User,
) -> IndicatorValue:
    """One update, entered and submitted by its author, then decided by the officer."""
    author = users[spec["by"]]
    data: dict[str, Any] = {
        "period": periods[spec["period"]],
        "narrative": spec.get("narrative", ""),
        "status": ValueStatus.SUBMITTED,
    }
    if "text" in spec:
        data["text"] = spec["text"]
    else:
        data["value"] = _figure(spec["value"])
    if "parts" in spec:
        data["parts"] = {
            dimension_values[label].pk: _figure(figure) for label, figure in spec["parts"].items()
        }
    value = IndicatorValueService.create(data=data, by=author)
    status = spec.get("status", ValueStatus.APPROVED)
    if status in (ValueStatus.APPROVED, ValueStatus.RETURNED):
        value = IndicatorValueService.move(
            obj=value, status=status, by=officer, comment=spec.get("comment", "")
        )
    return value
