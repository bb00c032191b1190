"""Writes of indicators, their disaggregations and the shared definitions. An indicator
belongs to the project of its logframe level; it reports by disaggregations of its own
project or shared ones; it is linked to a common indicator only when both declare the
same unit and measure (programme figures add up what is declared, never guessed)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from maillage.core.services import ModelService
from maillage.results.models import (
    CommonIndicator,
    Dimension,
    DimensionValue,
    Indicator,
    IndicatorKind,
    IndicatorMeasure,
    TargetPart,
)
from maillage.results.models.indicators import PERCENT_MAX
from maillage.results.sdg import is_known_sdg_indicator
from maillage.results.services.actuals import refresh_actuals


class CommonIndicatorService(ModelService[CommonIndicator]):
    model = CommonIndicator

    @classmethod
    def validate(
        cls, obj: CommonIndicator, *, by: Any, before: CommonIndicator | None, related: dict
    ) -> None:
        if before is None or (before.unit, before.measure) == (obj.unit, obj.measure):
            return
        if obj.indicators.filter(deleted_at__isnull=True).exists():
            raise ValidationError(
                {
                    "unit": _(
                        "Indicators of projects are linked to this definition: its unit and "
                        "measure stay as they are."
                    )
                }
            )


class DimensionService(ModelService[Dimension]):
    model = Dimension

    @classmethod
    def validate(cls, obj: Dimension, *, by: Any, before: Dimension | None, related: dict) -> None:
        if before is None or before.project_id == obj.project_id or obj.project_id is None:
            return
        elsewhere = obj.indicators.exclude(project_id=obj.project_id)
        if elsewhere.filter(deleted_at__isnull=True).exists():
            raise ValidationError(
                {"project": _("Indicators of other projects use this disaggregation.")}
            )


class DimensionValueService(ModelService[DimensionValue]):
    model = DimensionValue


class IndicatorService(ModelService[Indicator]):
    model = Indicator

    @classmethod
    def after_save(cls, obj: Indicator, *, by: Any, before: Indicator | None) -> None:
        # Its periods' stored actuals add up, average or replace the values by it.
        if before is not None and before.aggregation != obj.aggregation:
            refresh_actuals(indicators=[obj.pk])

    @classmethod
    def prepare(cls, obj: Indicator, *, by: Any, before: Indicator | None) -> None:
        # Given its level, an indicator belongs to the level's project.
        if obj.result_id and not obj.project_id:
            obj.project_id = obj.result.project_id
        if obj.kind == IndicatorKind.QUALITATIVE and obj.measure == IndicatorMeasure.UNIT:
            obj.measure = IndicatorMeasure.QUALITATIVE

    @classmethod
    def validate(cls, obj: Indicator, *, by: Any, before: Indicator | None, related: dict) -> None:
        errors: dict[str, str] = {}
        if before is not None and before.project_id != obj.project_id:
            errors["project"] = _("An indicator does not move to another project.")
        if obj.result_id and obj.project_id and obj.result.project_id != obj.project_id:
            errors["result"] = _("Choose a level of this project's logframe.")
        qualitative = obj.kind == IndicatorKind.QUALITATIVE
        if qualitative != (obj.measure == IndicatorMeasure.QUALITATIVE):
            errors["measure"] = (
                _("A qualitative indicator is measured as qualitative.")
                if qualitative
                else _("A quantitative indicator is measured in units, percentages or a scale.")
            )
        if qualitative and obj.baseline_value is not None:
            errors["baseline_value"] = _(
                "A qualitative indicator's baseline is described in the baseline comment."
            )
        common = obj.common if obj.common_id else None
        if common is not None and (common.unit.strip().casefold(), common.measure) != (
            obj.unit.strip().casefold(),
            obj.measure,
        ):
            errors["common"] = _(
                "The common indicator is counted in %(unit)s (%(measure)s): link only an "
                "indicator of the same unit and measure."
            ) % {"unit": common.unit, "measure": common.get_measure_display()}
        if obj.sdg_indicator and is_known_sdg_indicator(obj.sdg_indicator) is False:
            errors["sdg_indicator"] = _(
                "%(code)s is not in the official list of SDG indicators."
            ) % {"code": obj.sdg_indicator}
        dimensions = related.get("dimensions")
        if dimensions and any(d.project_id not in (None, obj.project_id) for d in dimensions):
            errors["dimensions"] = _("Choose shared disaggregations or this project's own.")
        if before is not None and obj.measure == IndicatorMeasure.PERCENTAGE:
            over = obj.periods.filter(target_value__gt=PERCENT_MAX).exists()
            if over:
                errors["measure"] = _("Some targets are over 100: it cannot be a percentage.")
        if before is not None and dimensions is not None:
            kept = {d.pk for d in dimensions}
            used = TargetPart.objects.filter(period__indicator=obj).exclude(
                dimension_value__dimension__in=kept
            )
            if used.exists():
                errors["dimensions"] = _(
                    "Targets are split by a disaggregation you removed: remove their parts first."
                )
        if errors:
            raise ValidationError(errors)
