"""Filter sets of missions and of the per-diem rate table."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from maillage.core.filters import FilterSet
from maillage.missions.models import (
    Mission,
    MissionApprover,
    MissionDirection,
    MissionStatus,
    PerDiemRate,
    RiskLevel,
)


class MissionFilterSet(FilterSet):
    status = django_filters.ChoiceFilter(choices=MissionStatus.choices, label=_("Status"))
    direction = django_filters.ChoiceFilter(choices=MissionDirection.choices, label=_("Direction"))
    risk_level = django_filters.ChoiceFilter(choices=RiskLevel.choices, label=_("Risk level"))
    project = django_filters.NumberFilter(
        field_name="projects", widget=forms.HiddenInput, label=_("Project")
    )
    partnership = django_filters.NumberFilter(
        field_name="partnership", widget=forms.HiddenInput, label=_("Partnership")
    )
    person = django_filters.NumberFilter(
        field_name="participants__person", widget=forms.HiddenInput, label=_("Person")
    )
    current_on = django_filters.DateFilter(label=_("Under way on"), method="filter_current")

    class Meta:
        model = Mission
        fields = [
            "status",
            "direction",
            "risk_level",
            "project",
            "partnership",
            "person",
            "current_on",
        ]

    def filter_current(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(departure_on__lte=value, return_on__gte=value)


class PerDiemRateFilterSet(FilterSet):
    country = django_filters.CharFilter(label=_("Country code"), max_length=2)

    class Meta:
        model = PerDiemRate
        fields = ["country"]


class MissionApproverFilterSet(FilterSet):
    class Meta:
        model = MissionApprover
        fields: list[str] = []
