"""Filters of indicator values: the values list, its htmx refresh, the API and exports."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core.filters import FilterSet
from maillage.results.models import IndicatorValue, ValueStatus


class IndicatorValueFilterSet(FilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=ValueStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    project = django_filters.NumberFilter(
        field_name="period__indicator__project", widget=forms.HiddenInput, label=_("Project")
    )
    indicator = django_filters.NumberFilter(
        field_name="period__indicator", widget=forms.HiddenInput, label=_("Indicator")
    )
    period = django_filters.NumberFilter(
        field_name="period", widget=forms.HiddenInput, label=_("Period")
    )
    ends_after = django_filters.DateFilter(
        field_name="period__ends_on", lookup_expr="gte", label=_("Period ending from")
    )
    starts_before = django_filters.DateFilter(
        field_name="period__starts_on", lookup_expr="lte", label=_("Period starting until")
    )

    class Meta:
        model = IndicatorValue
        fields = ["status", "project", "indicator", "period", "ends_after", "starts_before"]
