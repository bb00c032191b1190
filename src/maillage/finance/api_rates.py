"""API resources of exchange rates (`/api/exchange-rates`) and grants' contractual rates
(`/api/contractual-rates`): the service's staff only (partners find none: `visible_to`),
writes through the same services as the pages."""

from __future__ import annotations

from maillage.core.api import ModelSerializer, VisibleModelViewSet
from maillage.finance.filters.rates import ContractualRateFilterSet, ExchangeRateFilterSet
from maillage.finance.models import ContractualRate, ExchangeRate


class ExchangeRateSerializer(ModelSerializer):
    class Meta:
        model = ExchangeRate
        # One per day, code or number: the service says so on the field (its named
        # constraint), not DRF's validator, which also wants the read-only fields sent.
        validators: list = []
        fields = [
            "version",
            "id",
            "on",
            "base",
            "currency",
            "rate",
            "source",
            "note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "base", "created_at", "updated_at"]


class ExchangeRateViewSet(VisibleModelViewSet):
    """Rates of the table: units of the currency for one euro, by date and source."""

    model = ExchangeRate
    serializer_class = ExchangeRateSerializer
    filterset_class = ExchangeRateFilterSet
    ordering_fields = ["on", "currency", "rate"]


class ContractualRateSerializer(ModelSerializer):
    class Meta:
        model = ContractualRate
        # One per day, code or number: the service says so on the field (its named
        # constraint), not DRF's validator, which also wants the read-only fields sent.
        validators: list = []
        fields = ["version", "id", "grant", "currency", "rate", "note", "created_at", "updated_at"]
        read_only_fields = ["version", "created_at", "updated_at"]


class ContractualRateViewSet(VisibleModelViewSet):
    """A grant's contractual rates (units of the currency for one euro)."""

    model = ContractualRate
    serializer_class = ContractualRateSerializer
    filterset_class = ContractualRateFilterSet
    ordering_fields = ["currency", "rate"]
