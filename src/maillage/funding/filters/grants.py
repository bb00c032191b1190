"""Filter set of grants."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from maillage.core.filters import FilterSet
from maillage.funding.models import Grant


class GrantFilterSet(FilterSet):
    agreement = django_filters.NumberFilter(
        field_name="agreement", widget=forms.HiddenInput, label=_("Agreement")
    )
    project = django_filters.NumberFilter(
        field_name="application__project", widget=forms.HiddenInput, label=_("Project")
    )
    current_on = django_filters.DateFilter(label=_("Running on"), method="filter_current")

    class Meta:
        model = Grant
        fields = ["agreement", "project", "current_on"]

    def filter_current(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(start_on__lte=value, end_on__gte=value)
