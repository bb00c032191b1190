"""The approved actual stored on each period (`IndicatorPeriod.actual`), kept in step with
the values it is made of, so that the dashboards (a country's 100,000 periods) read one
column instead of working each period's figure out from its values on every view.

`refresh_actuals` computes it again with the dashboards' own expression
(`selectors.values.actual_figure`: the approved values out of the trash, by the
indicator's aggregation) in one UPDATE for the periods touched. The writes that change it
call it in their transaction:

- a value (`IndicatorValueService`): created, edited, moved to another period, approved,
  returned or corrected — whenever it is approved before or after the write —, trashed
  or restored (`after_trash`, `after_restore`); its parts and evidence do not count;
- the import of values (`imports_values`): the periods of the approved values it writes;
- an indicator whose aggregation changes (`IndicatorService`): all its periods.

A period's own writes (dates, target) leave it alone: a new period has no value, and a
save of a period never writes the figure back (`IndicatorPeriod.save`). Rows written in
bulk past the services (the bench data) are filled by `fill_actuals`; migration 0004
filled the periods already there.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from maillage.results.models import IndicatorPeriod, IndicatorValue
from maillage.results.selectors.values import actual_figure


def refresh_actuals(
    *, periods: Iterable[int | None] = (), indicators: Iterable[int | None] = ()
) -> int:
    """The stored `actual` of these periods (ids) and of every period of these indicators,
    computed again from their values; how many periods were written."""
    period_ids = sorted({int(pk) for pk in periods if pk is not None})
    indicator_ids = sorted({int(pk) for pk in indicators if pk is not None})
    if not period_ids and not indicator_ids:
        return 0
    chosen = IndicatorPeriod.objects.filter(Q(pk__in=period_ids) | Q(indicator__in=indicator_ids))
    with transaction.atomic():
        # The rows locked first, the values read by the next statement: two writes
        # committed at once on one period follow each other, the later one counting both
        # (an UPDATE's subqueries read the values as they were when the statement began).
        locked = list(chosen.select_for_update().order_by("pk").values_list("pk", flat=True))
        if not locked:
            return 0
        return IndicatorPeriod.objects.filter(pk__in=locked).update(actual=actual_figure())


def fill_actuals() -> int:
    """Every period's `actual`, after values written in bulk (the bench data): one UPDATE
    for the periods with an approved value, another to clear the others."""
    approved = IndicatorValue.objects.approved().filter(period=OuterRef("pk"))
    with transaction.atomic():
        filled = IndicatorPeriod.objects.filter(Exists(approved)).update(actual=actual_figure())
        IndicatorPeriod.objects.filter(~Exists(approved), actual__isnull=False).update(actual=None)
    return filled
