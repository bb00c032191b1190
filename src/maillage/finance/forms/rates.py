"""Forms of exchange rates and contractual rates."""

from __future__ import annotations

from typing import Any

from django import forms

from maillage.core.forms import DateInput
from maillage.finance.models import ContractualRate, ExchangeRate
from maillage.funding.models import Grant


class ExchangeRateForm(forms.ModelForm):
    class Meta:
        model = ExchangeRate
        fields = ["on", "currency", "rate", "source", "note"]
        widgets = {"on": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}


class ContractualRateForm(forms.ModelForm):
    class Meta:
        model = ContractualRate
        fields = ["grant", "currency", "rate", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["grant"].queryset = (
            Grant.objects.visible_to(user)
            .select_related("application__call", "application__project")
            .order_by("-start_on", "pk")
        )
