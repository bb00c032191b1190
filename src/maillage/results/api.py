"""The results area's API resources, registered by config/api.py."""

from __future__ import annotations

from typing import Any

from maillage.results.api_indicators import IndicatorPeriodViewSet, IndicatorViewSet
from maillage.results.api_logframe import CommonIndicatorViewSet, DimensionViewSet, ResultViewSet

# The logframe (F1).
ROUTES: list[tuple[str, Any, str]] = [
    ("results", ResultViewSet, "result"),
    ("indicators", IndicatorViewSet, "indicator"),
    ("indicator-periods", IndicatorPeriodViewSet, "indicatorperiod"),
    ("common-indicators", CommonIndicatorViewSet, "commonindicator"),
    ("dimensions", DimensionViewSet, "dimension"),
]

# Values and their workflow (F2).
from maillage.results.api_values import IndicatorValueViewSet  # noqa: E402

ROUTES += [("indicator-values", IndicatorValueViewSet, "indicatorvalue")]
