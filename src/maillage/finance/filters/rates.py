"""Filter sets of exchange rates and contractual rates."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core.filters import FilterSet
from maillage.core.forms import DateInput
from maillage.core.reference import currency_choices
from maillage.finance.models import ContractualRate, ExchangeRate, ExchangeRateSource


class ExchangeRateFilterSet(FilterSet):
    currency = django_filters.ChoiceFilter(
        label=_("Currency"), choices=currency_choices, empty_label=_("All")
    )
    source = django_filters.ChoiceFilter(
        label=_("Source"), choices=ExchangeRateSource.choices, empty_label=_("All")
    )
    after = django_filters.DateFilter(
        field_name="on", lookup_expr="gte", label=_("From"), widget=DateInput()
    )
    before = django_filters.DateFilter(
        field_name="on", lookup_expr="lte", label=_("Until"), widget=DateInput()
    )

    class Meta:
        model = ExchangeRate
        fields = ["currency", "source", "after", "before"]


class ContractualRateFilterSet(FilterSet):
    grant = django_filters.NumberFilter(
        field_name="grant", widget=forms.HiddenInput, label=_("Grant")
    )
    currency = django_filters.ChoiceFilter(
        label=_("Currency"), choices=currency_choices, empty_label=_("All")
    )

    class Meta:
        model = ContractualRate
        fields = ["grant", "currency"]
