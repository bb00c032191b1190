"""Filter set of financial reports."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core.filters import FilterSet
from maillage.finance.models import FinancialReport, FinancialReportStatus


class FinancialReportFilterSet(FilterSet):
    status = django_filters.ChoiceFilter(choices=FinancialReportStatus.choices, label=_("Status"))
    grant = django_filters.NumberFilter(
        field_name="grant", widget=forms.HiddenInput, label=_("Grant")
    )
    project = django_filters.NumberFilter(
        field_name="grant__application__project", widget=forms.HiddenInput, label=_("Project")
    )
    ends_after = django_filters.DateFilter(
        field_name="period_end_on", lookup_expr="gte", label=_("Period ending from")
    )

    class Meta:
        model = FinancialReport
        fields = ["status", "grant", "project", "ends_after"]
