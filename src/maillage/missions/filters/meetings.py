"""Filter sets of meetings and action items."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from maillage.core.filters import FilterSet
from maillage.missions.models import ActionItem, ActionStatus, Meeting, MeetingKind


class MeetingFilterSet(FilterSet):
    kind = django_filters.ChoiceFilter(choices=MeetingKind.choices, label=_("Kind"))
    project = django_filters.NumberFilter(
        field_name="projects", widget=forms.HiddenInput, label=_("Project")
    )
    group = django_filters.NumberFilter(
        field_name="group", widget=forms.HiddenInput, label=_("Group")
    )
    partnership = django_filters.NumberFilter(
        field_name="partnership", widget=forms.HiddenInput, label=_("Partnership")
    )
    person = django_filters.NumberFilter(
        field_name="invitees__person", widget=forms.HiddenInput, label=_("Person")
    )
    after = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__gte", label=_("From")
    )
    before = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__lte", label=_("Until")
    )

    class Meta:
        model = Meeting
        fields = ["kind", "project", "group", "partnership", "person", "after", "before"]

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # Joins through the invitees and projects would repeat a meeting.
        filtered = super().filter_queryset(queryset)
        if any(self.form.cleaned_data.get(name) for name in ("project", "person")):
            return queryset.filter(pk__in=filtered.values("pk"))
        return filtered


class ActionItemFilterSet(FilterSet):
    status = django_filters.ChoiceFilter(choices=ActionStatus.choices, label=_("Status"))
    mine = django_filters.BooleanFilter(label=_("Mine"), method="filter_mine")
    overdue_on = django_filters.DateFilter(label=_("Overdue on"), method="filter_overdue")
    meeting = django_filters.NumberFilter(
        field_name="meeting", widget=forms.HiddenInput, label=_("Meeting")
    )
    mission = django_filters.NumberFilter(
        field_name="mission", widget=forms.HiddenInput, label=_("Mission")
    )
    person = django_filters.NumberFilter(
        field_name="owner_person", widget=forms.HiddenInput, label=_("Person")
    )

    class Meta:
        model = ActionItem
        fields = ["status", "mine", "overdue_on", "meeting", "mission", "person"]

    def filter_mine(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if value is None:
            return queryset
        user = getattr(self.request, "user", None)
        mine = Q(owner_user=user) | Q(owner_person__user=user)
        return queryset.filter(mine) if value else queryset.exclude(mine)

    def filter_overdue(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(status=ActionStatus.OPEN, due_on__lt=value)
