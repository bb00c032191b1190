"""The results app's lines for the generic suites (tests/generic/entities.py collects them)."""

from __future__ import annotations

from typing import Any

from tests.generic.entities import Entity, Values
from tests.generic.factories import World


def _goal(w: World) -> Any:
    """The shared project's overall objective, made once per world."""
    from tests.results.factories import ResultFactory

    if "results_goal" not in w.extra:
        w.extra["results_goal"] = ResultFactory(project=w.shared, code="OG")
    return w.extra["results_goal"]


def make_result(w: World, side: str) -> Any:
    from maillage.results.models import ResultLevel
    from tests.results.factories import ResultFactory

    if side == "shared":
        return ResultFactory(parent=_goal(w), level=ResultLevel.SPECIFIC_OBJECTIVE)
    return ResultFactory(project=w.project(side))


def _result(w: World) -> Values:
    return {
        "project": w.shared,
        "parent": _goal(w),
        "level": "specific_objective",
        "code": "OS9",
        "title": "Améliorer l'insertion des jeunes",
        "order": 1,
    }


def grow_result(w: World, record: Any, n: int) -> None:
    """Sub-levels, indicators, assumptions and activities on the level's page."""
    from maillage.results.models import LEVEL_RANK, ResultLevel
    from tests.factories import ActivityFactory, RiskFactory
    from tests.results.factories import AssumptionFactory, LogframeIndicatorFactory, ResultFactory

    below = ResultLevel.OUTPUT if LEVEL_RANK[record.level] < 3 else None
    for _i in range(n):
        if below:
            ResultFactory(parent=record, level=below)
        LogframeIndicatorFactory(result=record)
        AssumptionFactory(result=record, risk=RiskFactory(project=record.project))
        record.activities.add(ActivityFactory(project=record.project))


def grow_indicator(w: World, record: Any, n: int) -> None:
    """Periods with their targets' parts on the indicator's page."""
    import datetime as dt

    from tests.results.factories import (
        DimensionValueFactory,
        LogframePeriodFactory,
        SexDimensionFactory,
        TargetPartFactory,
    )

    dimension = record.dimensions.first() or SexDimensionFactory()
    record.dimensions.add(dimension)
    start = record.periods.count()
    for i in range(start, start + n):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=i)
        period = LogframePeriodFactory(indicator=record, starts_on=day, ends_on=day)
        TargetPartFactory(period=period, dimension_value=DimensionValueFactory(dimension=dimension))


def grow_dimension(w: World, record: Any, n: int) -> None:
    from tests.results.factories import DimensionValueFactory

    for _i in range(n):
        DimensionValueFactory(dimension=record)


def make_indicator(w: World, side: str) -> Any:
    from tests.results.factories import LogframeIndicatorFactory, ResultFactory

    result = _goal(w) if side == "shared" else ResultFactory(project=w.project(side))
    return LogframeIndicatorFactory(result=result)


def _indicator(w: World) -> Values:
    return {
        "project": w.shared,
        "result": _goal(w),
        "code": "I9",
        "title": "Part des stagiaires en emploi",
        "kind": "quantitative",
        "unit": "%",
        "measure": "percentage",
        "direction": "increase",
        "aggregation": "latest",
        "baseline_value": 12,
        "order": 1,
    }


def enrich_indicator(w: World, record: Any) -> None:
    from tests.results.factories import CommonIndicatorFactory

    record.common = CommonIndicatorFactory(unit=record.unit)
    record.sdg_indicator = "4.4.1"
    record.save()


def make_common(w: World, side: str) -> Any:
    from tests.results.factories import CommonIndicatorFactory

    return CommonIndicatorFactory()


def _common(w: World) -> Values:
    return {"code": "CI-99", "title": "Jeunes formés", "unit": "personnes", "measure": "unit"}


def make_dimension(w: World, side: str) -> Any:
    from tests.results.factories import SexDimensionFactory

    return SexDimensionFactory(project=w.project(side))


def _dimension(w: World) -> Values:
    return {"name": "Tranche d'âge", "kind": "age", "project": w.shared}


def _value_period(w: World, side: str = "shared") -> Any:
    """A yearly period of an indicator of the side's project, made once per side."""
    from tests.results.factories import indicator_with_periods

    key = f"values_period_{side}"
    if key not in w.extra:
        _indicator, (period,) = indicator_with_periods(w.project(side), years=(2026,))
        w.extra[key] = period
    return w.extra[key]


def make_value(w: World, side: str) -> Any:
    from tests.results.factories import ValueFactory

    return ValueFactory(period=_value_period(w, side))


def _value(w: World) -> Values:
    return {
        "period": _value_period(w),
        "value": 12,
        "narrative": "Promotion de printemps",
        "status": "draft",
    }


def partner_value(w: World) -> Any:
    """A draft the partner entered on its project: it may change it until approved."""
    from tests.results.factories import ValueFactory

    return ValueFactory(period=_value_period(w), entered_by=w.users["partner"])


ENTITIES: list[Entity] = [
    # The logframe (F1): partners read their projects' levels and indicators.
    Entity(
        "result",
        "results.Result",
        "maillage.results.views.logframe.ResultViews",
        "results",
        make_result,
        _result,
        {"title": "Titre corrigé"},
        grow_detail=grow_result,
    ),
    Entity(
        "indicator",
        "results.Indicator",
        "maillage.results.views.indicators.IndicatorViews",
        "indicators",
        make_indicator,
        _indicator,
        {"title": "Titre corrigé"},
        enrich=enrich_indicator,
        grow_detail=grow_indicator,
    ),
    Entity(
        "commonindicator",
        "results.CommonIndicator",
        "maillage.results.views.indicators.CommonIndicatorViews",
        "common-indicators",
        make_common,
        _common,
        {"title": "Titre corrigé"},
        partner_reads=False,
    ),
    Entity(
        "dimension",
        "results.Dimension",
        "maillage.results.views.indicators.DimensionViews",
        "dimensions",
        make_dimension,
        _dimension,
        {"name": "Nom corrigé"},
        grow_detail=grow_dimension,
    ),
    # Values (F2): partners enter and change theirs on their projects until approved.
    Entity(
        "indicatorvalue",
        "results.IndicatorValue",
        "maillage.results.views.values.IndicatorValueViews",
        "indicator-values",
        make_value,
        _value,
        {"narrative": "Promotion d'automne"},
        partner_creates=True,
        partner_own=partner_value,
        partner_patch={"narrative": "Corrigé par le partenaire"},
        partner_page_writes=True,
    ),
]
