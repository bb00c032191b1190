"""API resources of indicators (`/api/indicators`) and their periods
(`/api/indicator-periods`, the target's parts nested: a list of {dimension_value, value}
that replaces the stored parts when given), listed in `results.api.ROUTES`. A target in
another unit than the indicator's is refused on `target_unit`, a percentage over 100 on
`target_value`, a period outside the project on its dates — by the periods' service, as
on the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from rest_framework import serializers

from maillage.core.api import ModelSerializer, VisibleModelViewSet
from maillage.projects.api.fields import VisibleProjectField
from maillage.results.api_logframe import VisibleField
from maillage.results.filters.logframe import IndicatorFilterSet, IndicatorPeriodFilterSet
from maillage.results.models import (
    CommonIndicator,
    Dimension,
    DimensionValue,
    Indicator,
    IndicatorPeriod,
    Result,
    TargetPart,
)
from maillage.results.models.indicators import FIGURE_DECIMALS, FIGURE_DIGITS
from maillage.results.selectors.logframe import periods_with_parts


class TargetPartSerializer(serializers.Serializer):
    dimension_value = VisibleField(DimensionValue)
    value = serializers.DecimalField(max_digits=FIGURE_DIGITS, decimal_places=FIGURE_DECIMALS)
    label = serializers.CharField(source="dimension_value.label", read_only=True)


class IndicatorPeriodSerializer(ModelSerializer):
    indicator = VisibleField(Indicator)
    parts = TargetPartSerializer(many=True, required=False)
    target_unit = serializers.CharField(
        required=False, allow_blank=True, max_length=60, write_only=True
    )
    unit = serializers.CharField(source="indicator.unit", read_only=True)

    class Meta:
        model = IndicatorPeriod
        fields = [
            "version", "id", "indicator", "starts_on", "ends_on", "target_value",
            "target_unit", "unit", "target_comment", "parts", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["version", "created_at", "updated_at"]


class IndicatorPeriodViewSet(VisibleModelViewSet):
    """Reporting periods of indicators with their targets and the targets' parts."""

    model = IndicatorPeriod
    serializer_class = IndicatorPeriodSerializer
    ordering_fields = ["starts_on", "ends_on"]
    filterset_class = IndicatorPeriodFilterSet

    def get_queryset(self) -> Any:
        parts = TargetPart.objects.select_related("dimension_value")
        return (
            super()
            .get_queryset()
            .select_related("indicator")
            .prefetch_related(Prefetch("parts", queryset=parts))
        )

    def service_data(self, serializer: Any) -> dict[str, Any]:
        data = dict(serializer.validated_data)
        if "parts" in data:
            data["parts"] = [dict(row) for row in data["parts"]]
        return data


class IndicatorSerializer(ModelSerializer):
    project = VisibleProjectField(required=False)
    result = VisibleField(Result)
    common = VisibleField(CommonIndicator, allow_null=True, required=False)
    dimensions = VisibleField(Dimension, many=True, required=False)
    periods = IndicatorPeriodSerializer(many=True, read_only=True)
    iati_measure = serializers.CharField(read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "version", "id", "project", "result", "code", "title", "definition", "kind",
            "unit", "measure", "iati_measure", "direction", "aggregation", "baseline_value",
            "baseline_on", "baseline_comment", "means_of_verification", "sdg_indicator",
            "common", "parts_sum_to_total", "dimensions", "order", "periods",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["version", "created_at", "updated_at"]


class IndicatorViewSet(VisibleModelViewSet):
    """Indicators of the logframes with their baselines and periods (targets and parts
    nested); partners read their projects'."""

    model = Indicator
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilterSet
    prefetch_related = ("dimensions",)
    ordering_fields = ["code", "order", "title"]

    def get_queryset(self) -> Any:
        return super().get_queryset().prefetch_related(periods_with_parts())
