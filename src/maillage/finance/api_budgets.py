"""API resources of budgets (`/api/budgets`), their versions (`/api/budget-versions`) and
lines (`/api/budget-lines`, with their funder splits). Partners read their projects'
budgets; writes go through the same services as the pages. A line's `amount` is computed
(quantity × unit cost); `splits`, when sent, replaces the line's splits as a whole and may
not exceed its amount."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from maillage.core.api import ModelSerializer, VisibleModelViewSet
from maillage.finance.filters.budgets import (
    BudgetFilterSet,
    BudgetLineFilterSet,
    BudgetVersionFilterSet,
)
from maillage.finance.models import Budget, BudgetLine, BudgetLineFunding, BudgetVersion
from maillage.finance.services.budgets import SPLITS


class VersionSummarySerializer(ModelSerializer):
    class Meta:
        model = BudgetVersion
        fields = ["id", "number", "kind", "status", "adopted_on"]


class BudgetSerializer(ModelSerializer):
    versions = VersionSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Budget
        fields = [
            "version",
            "id",
            "project",
            "currency",
            "note",
            "versions",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]


class BudgetViewSet(VisibleModelViewSet):
    """A project's budget and the list of its versions (a new budget starts with its
    initial version)."""

    model = Budget
    serializer_class = BudgetSerializer
    filterset_class = BudgetFilterSet
    prefetch_related = ("versions",)
    ordering_fields = ["currency"]


class BudgetVersionSerializer(ModelSerializer):
    class Meta:
        model = BudgetVersion
        # One per day, code or number: the service says so on the field (its named
        # constraint), not DRF's validator, which also wants the read-only fields sent.
        validators: list = []
        fields = [
            "version",
            "id",
            "budget",
            "number",
            "kind",
            "status",
            "adopted_on",
            "amendment",
            "note",
            "created_at",
            "updated_at",
        ]
        # Numbered and kinded by the service: a new version of a budget is a revision,
        # a copy of the previous version's lines.
        read_only_fields = ["version", "number", "kind", "created_at", "updated_at"]


class BudgetVersionViewSet(VisibleModelViewSet):
    """Versions of budgets; POST opens a revision (a copy of the latest version's lines)."""

    model = BudgetVersion
    serializer_class = BudgetVersionSerializer
    filterset_class = BudgetVersionFilterSet
    ordering_fields = ["number", "adopted_on"]


class SplitSerializer(ModelSerializer):
    class Meta:
        model = BudgetLineFunding
        fields = ["donor", "grant", "amount"]


class BudgetLineSerializer(ModelSerializer):
    splits = SplitSerializer(many=True, required=False)
    amount = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)

    class Meta:
        model = BudgetLine
        # One per day, code or number: the service says so on the field (its named
        # constraint), not DRF's validator, which also wants the read-only fields sent.
        validators: list = []
        fields = [
            "version",
            "id",
            "budget_version",
            "code",
            "label",
            "category",
            "quantity",
            "unit",
            "unit_cost",
            "currency",
            "amount",
            "year",
            "quarter",
            "note",
            SPLITS,
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]


class BudgetLineViewSet(VisibleModelViewSet):
    """Lines of budget versions, with their funder splits."""

    model = BudgetLine
    serializer_class = BudgetLineSerializer
    filterset_class = BudgetLineFilterSet
    prefetch_related = ("splits",)
    ordering_fields = ["code", "year", "amount"]

    def service_data(self, serializer: Any) -> dict[str, Any]:
        data = dict(serializer.validated_data)
        if SPLITS in data:
            data[SPLITS] = [dict(row) for row in data[SPLITS]]
        return data
