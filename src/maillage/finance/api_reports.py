"""API resource of financial reports (`/api/financial-reports`): the report (grant and
period, written through FinancialReportService) and its figures, read from the validated
expenses on demand (`GET /api/financial-reports/{id}/figures`)."""

from __future__ import annotations

from typing import Any

from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from maillage.core.api import ModelSerializer, VisibleModelViewSet
from maillage.finance.filters.reports import FinancialReportFilterSet
from maillage.finance.models import FinancialReport
from maillage.finance.selectors.reports import ReportData, collect


class FinancialReportSerializer(ModelSerializer):
    class Meta:
        model = FinancialReport
        fields = [
            "version",
            "id",
            "grant",
            "period_start_on",
            "period_end_on",
            "status",
            "note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]


def _money(value: Any) -> str | None:
    return None if value is None else str(value)


def figures_json(data: ReportData) -> dict[str, Any]:
    """The report's figures as JSON: amounts as decimal strings, never floats."""
    return {
        "currency": data.currency,
        "forecast": _money(data.forecast),
        "actual": _money(data.actual),
        "actual_eur": _money(data.actual_eur),
        "lines": [
            {
                "code": line.code,
                "label": line.label,
                "category": line.category,
                "forecast": _money(line.forecast),
                "actual": _money(line.actual),
                "variance": _money(line.variance),
                "percent": _money(line.percent),
            }
            for line in data.lines
        ],
        "totals": [
            {
                "currency": t.currency,
                "expenses": t.expenses,
                "amount": _money(t.amount),
                "charged": _money(t.charged),
                "charged_report": _money(t.charged_report),
                "charged_eur": _money(t.charged_eur),
            }
            for t in data.totals
        ],
        "rates": [
            {
                "currency": used.rate.currency,
                "per_euro": _money(used.rate.per_euro),
                "kind": used.rate.kind,
                "on": used.rate.on.isoformat() if used.rate.on else None,
                "label": used.rate.label,
                "expenses": used.expenses,
            }
            for used in data.rates
        ],
        "exchange_differences": [
            {
                "currency": d.currency,
                "charged": _money(d.charged),
                "at_contractual": _money(d.at_contractual),
                "at_market": _money(d.at_market),
                "difference": _money(d.difference),
            }
            for d in data.differences
        ],
        "expenses": [
            {
                "id": e.pk,
                "reference": e.reference,
                "spent_on": e.spent_on.isoformat(),
                "currency": e.currency,
                "amount": _money(e.amount),
                "charged": _money(e.charged),
                "charged_report": _money(e.charged_report),
                "charged_eur": _money(e.charged_eur),
                "rate": _money(e.rate),
                "rate_used": e.rate_text,
                "receipts": [r.name for r in e.receipts],
            }
            for e in data.expenses
        ],
        "problems": data.problems,
    }


class FinancialReportViewSet(VisibleModelViewSet):
    """Financial reports to funders (internal, like the grants)."""

    model = FinancialReport
    serializer_class = FinancialReportSerializer
    filterset_class = FinancialReportFilterSet
    ordering_fields = ["period_start_on", "period_end_on"]
    select_related = (
        "grant__application__project",
        "grant__application__call__instrument__donor__organisation",
        "grant__agreement",
    )

    @action(detail=True, methods=["get"])
    def figures(self, request: Request, pk: Any = None) -> Response:
        """The report's figures, read from the validated expenses."""
        return Response(figures_json(collect(self.get_object())))
