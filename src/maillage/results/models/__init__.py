"""Results of projects: the logical framework, its indicators with baselines, targets per
period and disaggregations, and the values reported against them."""

from maillage.results.models.indicators import (
    IATI_MEASURE,
    Aggregation,
    CommonIndicator,
    Dimension,
    DimensionKind,
    DimensionValue,
    Direction,
    Indicator,
    IndicatorKind,
    IndicatorMeasure,
    IndicatorPeriod,
    TargetPart,
)
from maillage.results.models.logframe import LEVEL_RANK, Assumption, Result, ResultLevel
from maillage.results.models.values import IndicatorValue, ValueEvidence, ValuePart, ValueStatus

__all__ = [
    "IATI_MEASURE",
    "LEVEL_RANK",
    "Aggregation",
    "Assumption",
    "CommonIndicator",
    "Dimension",
    "DimensionKind",
    "DimensionValue",
    "Direction",
    "Indicator",
    "IndicatorKind",
    "IndicatorMeasure",
    "IndicatorPeriod",
    "IndicatorValue",
    "Result",
    "ResultLevel",
    "TargetPart",
    "ValueEvidence",
    "ValuePart",
    "ValueStatus",
]
