"""Filter sets of training sessions and training needs."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from maillage.core.filters import FilterSet
from maillage.team.models import (
    NeedPriority,
    TrainingKind,
    TrainingNeed,
    TrainingParticipant,
    TrainingSession,
)


class TrainingSessionFilterSet(FilterSet):
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind"), choices=TrainingKind.choices, widget=forms.CheckboxSelectMultiple
    )
    planned_from = django_filters.DateFilter(
        field_name="start_on", lookup_expr="gte", label=_("Starting from")
    )
    project = django_filters.NumberFilter(
        field_name="project", widget=forms.HiddenInput, label=_("Project")
    )
    person = django_filters.NumberFilter(
        label=_("Person"), method="filter_person", widget=forms.HiddenInput
    )

    class Meta:
        model = TrainingSession
        fields = ["kind", "planned_from", "project", "person"]

    def filter_person(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if not value:
            return queryset
        sessions = TrainingParticipant.objects.filter(person=value).values("session")
        return queryset.filter(pk__in=sessions)


class TrainingNeedFilterSet(FilterSet):
    priority = django_filters.MultipleChoiceFilter(
        label=_("Priority"), choices=NeedPriority.choices, widget=forms.CheckboxSelectMultiple
    )
    person = django_filters.NumberFilter(
        field_name="person", widget=forms.HiddenInput, label=_("Person")
    )
    noted_after = django_filters.DateFilter(
        field_name="noted_on", lookup_expr="gte", label=_("Noted from")
    )

    class Meta:
        model = TrainingNeed
        fields = ["priority", "person", "noted_after"]
