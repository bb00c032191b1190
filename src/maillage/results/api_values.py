"""API of indicator values (`/api/indicator-values`), listed in `results.api.ROUTES`.

Writes go through IndicatorValueService, as the pages, the grid and the import do: a
PATCH of `status` submits, approves or returns a value (a return needs
`return_comment`), a correction of an approved value needs `reason` (kept in its
history). Partners write on their projects' values until they are approved (403 after);
the parts are a list of {dimension_value, amount} that replaces the stored ones.

Action: `POST /api/indicator-values/{id}/evidence` (multipart `file`) attaches an
evidence file, checked by ValueEvidenceService as on the value's page; 201 with the file
and its download address (which checks who sees the value)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request
from rest_framework.response import Response

from maillage.accounts.models import Role
from maillage.core.access import can_write
from maillage.core.api import ModelSerializer, VisibleModelViewSet, refusals_as_400
from maillage.core.api_settings import RolePermission
from maillage.results.api_logframe import VisibleField
from maillage.results.filters.values import IndicatorValueFilterSet
from maillage.results.models import (
    DimensionValue,
    Indicator,
    IndicatorPeriod,
    IndicatorValue,
    ValueEvidence,
    ValuePart,
)
from maillage.results.models.indicators import FIGURE_DECIMALS, FIGURE_DIGITS
from maillage.results.services.values import PARTS, REASON, ValueEvidenceService, may_edit


class ValuePartSerializer(serializers.Serializer):
    dimension_value = VisibleField(DimensionValue)
    amount = serializers.DecimalField(max_digits=FIGURE_DIGITS, decimal_places=FIGURE_DECIMALS)
    label = serializers.CharField(source="dimension_value.label", read_only=True)


class ValueEvidenceSerializer(ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = ValueEvidence
        fields = ["id", "original_name", "url"]
        read_only_fields = fields

    def get_url(self, obj: ValueEvidence) -> str:
        url = reverse("results:value_evidence_file", args=[obj.value_id, obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


class IndicatorValueSerializer(ModelSerializer):
    period = VisibleField(IndicatorPeriod)
    indicator = VisibleField(
        Indicator,
        required=False,
        write_only=True,
        help_text="The indicator the value is for: refused when the period is not one of its.",
    )
    project = serializers.IntegerField(source="period.indicator.project_id", read_only=True)
    parts = ValuePartSerializer(many=True, required=False)
    evidence = ValueEvidenceSerializer(many=True, read_only=True)
    reason = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=500,
        help_text="Why an approved value is corrected; kept in its history.",
    )

    class Meta:
        model = IndicatorValue
        fields = [
            "version", "id", "project", "indicator", "period", "value", "text", "narrative",
            "status", "return_comment", "parts", "evidence", "entered_by", "submitted_at",
            "approved_by", "approved_at", REASON, "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "version", "entered_by", "submitted_at", "approved_by", "approved_at",
            "created_at", "updated_at",
        ]  # fmt: skip

    def to_representation(self, instance: IndicatorValue) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["indicator"] = instance.period.indicator_id
        return data


class IndicatorValuePermission(RolePermission):
    """The role check, then: a partner changes a value only until it is approved."""

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return can_write(request.user, view.write_roles) and may_edit(obj, request.user)


class IndicatorValueViewSet(VisibleModelViewSet):
    """Values of the indicators the user sees, with their parts and evidence."""

    model = IndicatorValue
    serializer_class = IndicatorValueSerializer
    filterset_class = IndicatorValueFilterSet
    permission_classes = [IndicatorValuePermission]
    write_roles = frozenset({Role.ADMIN, Role.OFFICER, Role.PARTNER})
    ordering_fields = ["created_at", "status"]
    # As the page lists them, newest first, from an index: the model's order (through
    # the period, the indicator and the project) sorted all 200,000 values of the
    # service for each page (national scale: 120 ms, the last page 188 ms).
    ordering = ("-created_at", "pk")

    def get_queryset(self) -> Any:
        parts = ValuePart.objects.select_related("dimension_value")
        return (
            super()
            .get_queryset()
            .select_related("period__indicator")
            .prefetch_related(Prefetch("parts", queryset=parts), "evidence")
        )

    def service_data(self, serializer: Any) -> dict[str, Any]:
        data = dict(serializer.validated_data)
        if PARTS in data:
            data[PARTS] = [
                {"dimension_value": row["dimension_value"], "value": row["amount"]}
                for row in data[PARTS]
            ]
        return data

    @extend_schema(
        request={
            "multipart/form-data": inline_serializer(
                "ValueEvidenceUpload", {"file": serializers.FileField()}
            )
        },
        responses={201: ValueEvidenceSerializer},
    )
    @action(detail=True, methods=["post"])
    def evidence(self, request: Request, pk: Any = None) -> Response:
        """Attach an evidence file (multipart `file`: PDF, image, spreadsheet, text
        document or CSV) to a value the user may still change."""
        # get_object checks the write (IndicatorValuePermission); the service, the file.
        value = self.get_object()
        upload = request.FILES.get("file") if hasattr(request, "FILES") else None
        if upload is None:
            raise serializers.ValidationError({"file": [_("Send the evidence as `file`.")]})
        with refusals_as_400():
            evidence = ValueEvidenceService.create(
                data={"value": value, "file": upload}, by=request.user
            )
        return Response(
            ValueEvidenceSerializer(evidence, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )
