"""Writes of an indicator's periods and their targets. A target is in the indicator's
unit (a client that names another unit is refused on `target_unit`), a percentage stays
within 0–100, a period lies within the project's dates, and when the indicator says so
the parts of a target add up to it. `generate_periods` cuts a span into months,
quarters, semesters or years through the same checks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core.services import ModelService
from maillage.results.models import (
    DimensionValue,
    Indicator,
    IndicatorKind,
    IndicatorPeriod,
    TargetPart,
)
from maillage.results.models.indicators import PERCENT_MAX


class Cadence(models.TextChoices):
    MONTH = "month", gettext_lazy("Month")
    QUARTER = "quarter", gettext_lazy("Quarter")
    SEMESTER = "semester", gettext_lazy("Semester")
    YEAR = "year", gettext_lazy("Year")


CADENCE_MONTHS = {Cadence.MONTH: 1, Cadence.QUARTER: 3, Cadence.SEMESTER: 6, Cadence.YEAR: 12}
MAX_GENERATED = 240  # twenty years of months: past this, the dates are a mistake


def project_dates(project: Any) -> tuple[dt.date | None, dt.date | None]:
    """The span a project's periods must lie in: from its earliest start (planned or
    actual) to its latest end; None on a side the project leaves open."""
    starts = [d for d in (project.start_on, project.actual_start_on) if d]
    ends = [d for d in (project.end_on, project.actual_end_on) if d]
    return (min(starts) if starts else None, max(ends) if ends else None)


def _date(day: dt.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def parse_parts(raw: Any) -> dict[int, Decimal]:
    """Parts as {dimension value id: figure}, from a mapping or a list of
    {"dimension_value": …, "value": …} rows (ids or records)."""
    rows: Iterable[tuple[Any, Any]]
    if isinstance(raw, Mapping):
        rows = raw.items()
    else:
        rows = [(row["dimension_value"], row["value"]) for row in raw or ()]
    parts: dict[int, Decimal] = {}
    for key, value in rows:
        if value is None or value == "":
            continue
        pk: Any = getattr(key, "pk", key)
        if int(pk) in parts:
            raise ValidationError({"parts": _("A disaggregation value is given twice.")})
        parts[int(pk)] = Decimal(value)
    return parts


class IndicatorPeriodService(ModelService[IndicatorPeriod]):
    """Periods and their targets; `parts` ({dimension value: figure}, or rows) replaces
    the target's parts when given."""

    model = IndicatorPeriod
    # The approved values' figure, not an input (`services.actuals`).
    protected_fields = ModelService.protected_fields | {"actual"}

    @classmethod
    def validate(
        cls, obj: IndicatorPeriod, *, by: Any, before: IndicatorPeriod | None, related: dict
    ) -> None:
        errors: dict[str, str] = {}
        indicator = obj.indicator
        if before is not None and before.indicator_id != obj.indicator_id:
            errors["indicator"] = _("A period does not move to another indicator.")
        unit = related.get("target_unit")
        if unit not in (None, "") and str(unit).strip().casefold() != (
            indicator.unit.strip().casefold()
        ):
            errors["target_unit"] = _(
                "Targets are in the indicator's unit (%(unit)s), not in %(given)s."
            ) % {"unit": indicator.unit or _("no unit"), "given": unit}
        target = obj.target_value
        if target is not None:
            if indicator.kind == IndicatorKind.QUALITATIVE:
                errors["target_value"] = _(
                    "A qualitative indicator's target is written in the target comment."
                )
            elif indicator.is_percentage and not (0 <= target <= PERCENT_MAX):
                errors["target_value"] = _("A percentage target is between 0 and 100.")
        start, end = project_dates(indicator.project)
        if obj.starts_on and start and obj.starts_on < start:
            errors["starts_on"] = _(
                "The project starts on %(date)s: the period cannot start before."
            ) % {"date": _date(start)}
        if obj.ends_on and end and obj.ends_on > end:
            errors["ends_on"] = _("The project ends on %(date)s: the period cannot end after.") % {
                "date": _date(end)
            }
        try:
            parts = cls.parts_of(obj, related)
        except (ValidationError, ValueError, ArithmeticError) as error:
            message = getattr(error, "message_dict", {}).get("parts")
            errors["parts"] = message[0] if message else _("Enter a number for each part.")
        else:
            problem = check_parts(indicator, target, parts)
            if problem:
                errors["parts"] = problem
        if errors:
            raise ValidationError(errors)

    @classmethod
    def parts_of(cls, obj: IndicatorPeriod, related: dict) -> dict[DimensionValue, Decimal]:
        """The target's parts as they will be: those given, else those stored."""
        if "parts" in related:
            given = parse_parts(related["parts"])
            values = DimensionValue.objects.select_related("dimension").in_bulk(list(given))
            if len(values) != len(given):
                raise ValidationError({"parts": _("Unknown disaggregation value.")})
            return {values[pk]: figure for pk, figure in given.items()}
        if obj.pk is None:
            return {}
        stored = obj.parts.select_related("dimension_value__dimension")
        return {p.dimension_value: p.value for p in stored}

    @classmethod
    def save_related(cls, obj: IndicatorPeriod, related: dict, *, by: Any) -> None:
        if "parts" not in related:
            return
        given = parse_parts(related["parts"])
        kept = {p.dimension_value_id: p for p in obj.parts.all()}
        for pk, part in kept.items():
            if pk not in given:
                cls.set_history(part, by=by, reason=None)
                part.delete()
        for pk, figure in given.items():
            part = kept.get(pk) or TargetPart(period=obj, dimension_value_id=pk)
            if part.pk is None or part.value != figure:
                part.value = figure
                cls.set_history(part, by=by, reason=None)
                part.save()


def check_parts(
    indicator: Indicator, target: Decimal | None, parts: Mapping[DimensionValue, Decimal]
) -> str | None:
    """What is wrong with a target's (or a value's) parts, or None: values of the
    indicator's disaggregations only, none negative, and — when the indicator says so —
    each disaggregation's parts adding up to the total."""
    if not parts:
        return None
    allowed = {d.pk for d in indicator.dimensions.all()}
    by_dimension: dict[Any, Decimal] = defaultdict(Decimal)
    for value, figure in parts.items():
        if value.dimension_id not in allowed:
            return _("%(value)s is not a value of this indicator's disaggregations.") % {
                "value": value
            }
        if figure < 0:
            return _("A part is not negative.")
        by_dimension[value.dimension] += figure
    if indicator.parts_sum_to_total:
        if target is None:
            return _("Enter the total the parts add up to.")
        for dimension, total in by_dimension.items():
            if total != target:
                return _(
                    "The parts by %(dimension)s add up to %(sum)s, not to the total %(total)s."
                ) % {
                    "dimension": dimension.name,
                    "sum": formats.number_format(total.normalize()),
                    "total": formats.number_format(target.normalize()),
                }
    return None


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    # The same day of the month, or the month's last day (31 January + 1 month).
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def period_spans(cadence: str, start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Consecutive periods of the cadence from `start`, the last one cut at `end`."""
    months = CADENCE_MONTHS[Cadence(cadence)]
    spans: list[tuple[dt.date, dt.date]] = []
    current = start
    step = 1
    while current <= end:
        following = _add_months(start, months * step)
        spans.append((current, min(following - dt.timedelta(days=1), end)))
        current = following
        step += 1
        if len(spans) > MAX_GENERATED:
            break
    return spans


def generate_periods(
    *,
    indicator: Indicator,
    cadence: str,
    starts_on: dt.date,
    ends_on: dt.date,
    by: Any,
) -> list[IndicatorPeriod]:
    """The periods of `cadence` between two dates, each created through the service (the
    project's dates are checked); those already there are left as they are. All or
    nothing: a refusal names the field and nothing is saved."""
    if cadence not in CADENCE_MONTHS:
        raise ValidationError({"cadence": _("Choose a month, quarter, semester or year.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end comes before the start.")})
    spans = period_spans(cadence, starts_on, ends_on)
    if len(spans) > MAX_GENERATED:
        raise ValidationError(
            {"ends_on": _("That makes more than %(max)d periods.") % {"max": MAX_GENERATED}}
        )
    existing = set(indicator.periods.values_list("starts_on", "ends_on"))
    created = []
    with transaction.atomic():
        for first, last in spans:
            if (first, last) in existing:
                continue
            created.append(
                IndicatorPeriodService.create(
                    data={"indicator": indicator, "starts_on": first, "ends_on": last}, by=by
                )
            )
    return created
