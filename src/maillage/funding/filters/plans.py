"""Filter set of financing plans."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from maillage.core.filters import FilterSet
from maillage.funding.models import FinancingLine, FinancingPlan, Instrument


class FinancingPlanFilterSet(FilterSet):
    instrument = django_filters.ModelChoiceFilter(
        label=_("Instrument"),
        queryset=Instrument.objects.all(),
        empty_label=_("All"),
        method="filter_instrument",
    )
    project = django_filters.NumberFilter(
        field_name="project", widget=forms.HiddenInput, label=_("Project")
    )

    class Meta:
        model = FinancingPlan
        fields = ["instrument", "project"]

    def filter_instrument(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if not value:
            return queryset
        lines = FinancingLine.objects.filter(instrument=value).values("plan_id")
        return queryset.filter(pk__in=lines)
