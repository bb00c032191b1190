"""Filter sets of logframe levels, indicators, shared definitions and disaggregations."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core.filters import FilterSet
from maillage.core.forms import visible_choices
from maillage.core.typeahead import TypeaheadSelect
from maillage.projects.models import Project
from maillage.results.models import (
    CommonIndicator,
    Dimension,
    DimensionKind,
    Indicator,
    IndicatorKind,
    IndicatorMeasure,
    IndicatorPeriod,
    Result,
    ResultLevel,
)

PROJECT_TYPEAHEAD = TypeaheadSelect("projects:project_choices")


def _project_filter() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label=_("Project"),
        queryset=visible_choices(Project),
        empty_label=_("All"),
        widget=PROJECT_TYPEAHEAD,
    )


class ResultFilterSet(FilterSet):
    project = _project_filter()
    level = django_filters.MultipleChoiceFilter(
        label=_("Level"), choices=ResultLevel.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Result
        fields: list[str] = []


class IndicatorFilterSet(FilterSet):
    project = _project_filter()
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=IndicatorKind.choices, empty_label=_("All")
    )
    measure = django_filters.MultipleChoiceFilter(
        label=_("Measure"), choices=IndicatorMeasure.choices, widget=forms.CheckboxSelectMultiple
    )
    common = django_filters.ModelChoiceFilter(
        label=_("Common indicator"),
        queryset=visible_choices(CommonIndicator),
        empty_label=_("All"),
    )
    sdg_indicator = django_filters.CharFilter(
        label=_("SDG indicator"), lookup_expr="startswith", max_length=10
    )

    class Meta:
        model = Indicator
        fields: list[str] = []


class CommonIndicatorFilterSet(FilterSet):
    measure = django_filters.MultipleChoiceFilter(
        label=_("Measure"), choices=IndicatorMeasure.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = CommonIndicator
        fields: list[str] = []


class DimensionFilterSet(FilterSet):
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind"), choices=DimensionKind.choices, widget=forms.CheckboxSelectMultiple
    )
    project = _project_filter()

    class Meta:
        model = Dimension
        fields: list[str] = []


class IndicatorPeriodFilterSet(FilterSet):
    indicator = django_filters.ModelChoiceFilter(
        label=_("Indicator"), queryset=visible_choices(Indicator), empty_label=_("All")
    )

    class Meta:
        model = IndicatorPeriod
        fields: list[str] = []
