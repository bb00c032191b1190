"""API resources of the logframe's levels (`/api/results`, with their assumptions), the
shared definitions (`/api/common-indicators`) and the disaggregations with their values
(`/api/dimensions`), listed in `results.api.ROUTES`. Writes go through the same services
as the pages; partners read the records of their projects."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from maillage.core.api import ModelSerializer, VisibleModelViewSet
from maillage.projects.api.fields import VisibleProjectField
from maillage.projects.models import Activity
from maillage.results.filters.logframe import (
    CommonIndicatorFilterSet,
    DimensionFilterSet,
    ResultFilterSet,
)
from maillage.results.models import Assumption, CommonIndicator, Dimension, Result


@extend_schema_field(OpenApiTypes.INT)  # an id, whatever the serializer's model
class VisibleField(serializers.PrimaryKeyRelatedField):
    """A related record the requesting user sees; any other id is "unknown" (400)."""

    default_error_messages = {
        "does_not_exist": _("Unknown record, or one you may not see: {pk_value}."),
        "incorrect_type": _("A record is given by its id (a number), not {data_type}."),
    }

    def __init__(self, model: Any, **kwargs: Any) -> None:
        self.model = model
        super().__init__(**kwargs)

    def get_queryset(self) -> Any:
        request = self.context.get("request")
        return self.model.objects.visible_to(getattr(request, "user", None))


class AssumptionSerializer(ModelSerializer):
    class Meta:
        model = Assumption
        fields = ["id", "text", "risk", "order"]


class ResultSerializer(ModelSerializer):
    project = VisibleProjectField()
    parent = VisibleField(Result, allow_null=True, required=False)
    activities = VisibleField(Activity, many=True, required=False)
    assumptions = AssumptionSerializer(many=True, read_only=True)

    class Meta:
        model = Result
        fields = [
            "version", "id", "project", "parent", "level", "code", "title", "description",
            "order", "activities", "assumptions", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["version", "created_at", "updated_at"]


class ResultViewSet(VisibleModelViewSet):
    """The levels of the projects' logframes (overall objective, specific objectives,
    outcomes, outputs) with their assumptions; partners read their projects'."""

    model = Result
    serializer_class = ResultSerializer
    filterset_class = ResultFilterSet
    prefetch_related = ("activities", "assumptions")
    ordering_fields = ["code", "order", "level"]


class CommonIndicatorSerializer(ModelSerializer):
    class Meta:
        model = CommonIndicator
        fields = [
            "version", "id", "code", "title", "unit", "measure", "definition",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["version", "created_at", "updated_at"]


class CommonIndicatorViewSet(VisibleModelViewSet):
    """Shared definitions programme figures add up on; the network's own."""

    model = CommonIndicator
    serializer_class = CommonIndicatorSerializer
    filterset_class = CommonIndicatorFilterSet
    ordering_fields = ["code", "title"]


class DimensionValueSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    label = serializers.CharField(read_only=True)
    order = serializers.IntegerField(read_only=True)


class DimensionSerializer(ModelSerializer):
    project = VisibleProjectField(allow_null=True, required=False)
    values = DimensionValueSerializer(many=True, read_only=True)

    class Meta:
        model = Dimension
        fields = ["id", "name", "kind", "project", "values", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]


class DimensionViewSet(VisibleModelViewSet):
    """Disaggregations (sex, age groups, locations, a project's own) with their values;
    the shared ones are read by everyone."""

    model = Dimension
    serializer_class = DimensionSerializer
    filterset_class = DimensionFilterSet
    select_related = ("project",)
    prefetch_related = ("values",)
    ordering_fields = ["name", "kind"]
