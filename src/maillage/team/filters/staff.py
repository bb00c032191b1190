"""Filter sets of staff members and leave."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from maillage.core.filters import FilterSet
from maillage.team.models import Leave, LeaveKind, LeaveStatus, StaffKind, StaffMember


class StaffMemberFilterSet(FilterSet):
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind"), choices=StaffKind.choices, widget=forms.CheckboxSelectMultiple
    )
    # The day counted from: the list's link from the home page passes today's date,
    # tests pass theirs.
    contract_ending_from = django_filters.DateFilter(
        label=_("Contract ending within 60 days of"), method="filter_contract_ending"
    )
    project = django_filters.NumberFilter(
        field_name="assignments__project", widget=forms.HiddenInput, label=_("Project")
    )

    class Meta:
        model = StaffMember
        fields = ["kind", "contract_ending_from", "project"]

    def filter_contract_ending(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.contract_ending(value) if value else queryset  # type: ignore[attr-defined]  # a StaffQuerySet

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # An assignment filter joins the rows: one person per line.
        return super().filter_queryset(queryset).distinct()


class LeaveFilterSet(FilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=LeaveStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind"), choices=LeaveKind.choices, widget=forms.CheckboxSelectMultiple
    )
    staff = django_filters.NumberFilter(
        field_name="staff", widget=forms.HiddenInput, label=_("Staff member")
    )
    on = django_filters.DateFilter(label=_("On leave on"), method="filter_on")

    class Meta:
        model = Leave
        fields = ["status", "kind", "staff", "on"]

    def filter_on(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(start_on__lte=value, end_on__gte=value) if value else queryset
