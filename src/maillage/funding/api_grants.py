"""API resource of grants (`/api/grants`), with their tranches and reporting
obligations. `tranches`, when sent, replaces the whole schedule, which must add up to
the grant's amount (GrantService)."""

from __future__ import annotations

from typing import Any

from maillage.core.api import ModelSerializer, VisibleModelViewSet
from maillage.funding.filters.grants import GrantFilterSet
from maillage.funding.models import Grant, ReportingObligation, Tranche
from maillage.funding.services.grants import SCHEDULE


class TrancheSerializer(ModelSerializer):
    class Meta:
        model = Tranche
        fields = [
            "position",
            "expected_on",
            "expected_amount",
            "received_on",
            "received_amount",
            "awaits",
            "held_back",
        ]
        read_only_fields = ["awaits"]


class ReportingObligationSerializer(ModelSerializer):
    class Meta:
        model = ReportingObligation
        fields = ["id", "kind", "title", "is_final", "due_on", "submitted_on", "accepted_on"]


class GrantSerializer(ModelSerializer):
    tranches = TrancheSerializer(many=True, required=False)
    obligations = ReportingObligationSerializer(many=True, read_only=True)

    class Meta:
        model = Grant
        fields = [
            "version",
            "id",
            "application",
            "agreement",
            "amount",
            "currency",
            "start_on",
            "end_on",
            "conditions",
            SCHEDULE,
            "obligations",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]


class GrantViewSet(VisibleModelViewSet):
    """Grants with their tranches and reporting obligations (internal)."""

    model = Grant
    serializer_class = GrantSerializer
    filterset_class = GrantFilterSet
    prefetch_related = ("tranches", "obligations")
    ordering_fields = ["start_on", "end_on", "amount"]

    def service_data(self, serializer: Any) -> dict[str, Any]:
        data = dict(serializer.validated_data)
        if SCHEDULE in data:
            data[SCHEDULE] = [dict(row) for row in data[SCHEDULE]]
        return data
