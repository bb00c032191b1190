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
    ),
]
