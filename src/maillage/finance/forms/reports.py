"""Form of financial reports (parsing only: FinancialReportService decides)."""

from __future__ import annotations

from typing import Any

from django import forms

from maillage.core.forms import DateInput
from maillage.finance.models import FinancialReport
from maillage.funding.models import Grant

DATE = DateInput()


class FinancialReportForm(forms.ModelForm):
    class Meta:
        model = FinancialReport
        fields = ["grant", "period_start_on", "period_end_on", "status", "note"]
        widgets = {
            "period_start_on": DATE,
            "period_end_on": DATE,
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["grant"].queryset = Grant.objects.select_related(
            "application__call", "application__project"
        ).order_by("-start_on", "pk")
