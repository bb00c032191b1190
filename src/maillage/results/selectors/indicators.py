"""An indicator's page: its periods with their targets and parts, by disaggregation."""

from __future__ import annotations

from typing import Any

from maillage.results.models import DimensionValue, Indicator
from maillage.results.selectors.logframe import periods_with_parts


def indicator_detail(*, indicator: Indicator, user: Any) -> dict[str, Any]:
    """The periods (targets and parts, two queries) and the disaggregation values that
    head the parts' columns (one query)."""
    periods = list(
        type(indicator)
        .objects.filter(pk=indicator.pk)
        .prefetch_related(periods_with_parts())
        .get()
        .periods.all()
    )
    values = list(
        DimensionValue.objects.visible_to(user)
        .filter(dimension__indicators=indicator)
        .select_related("dimension")
        .order_by("dimension__name", "order", "label")
    )
    rows = []
    for period in periods:
        parts = {p.dimension_value_id: p.value for p in period.parts.all()}
        rows.append({"period": period, "parts": [parts.get(v.pk) for v in values]})
    return {"period_rows": rows, "part_columns": values}
