"""Filter sets of calls and applications: the list page, its htmx refresh, the API and
exports."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.filters import FilterSet
from maillage.funding.models import Application, ApplicationStatus, Call


class CallFilterSet(FilterSet):
    open = django_filters.BooleanFilter(
        label=_("Deadline not passed"), method="filter_open", widget=forms.CheckboxInput
    )
    instrument = django_filters.NumberFilter(
        field_name="instrument", widget=forms.HiddenInput, label=_("Instrument")
    )
    deadline_after = django_filters.DateFilter(
        field_name="deadline_on", lookup_expr="gte", label=_("Deadline from")
    )
    deadline_before = django_filters.DateFilter(
        field_name="deadline_on", lookup_expr="lte", label=_("Deadline until")
    )

    class Meta:
        model = Call
        fields = ["open", "instrument", "deadline_after", "deadline_before"]

    def filter_open(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(deadline_at__gte=timezone.now()) if value else queryset


class ApplicationFilterSet(FilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=ApplicationStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    call = django_filters.NumberFilter(field_name="call", widget=forms.HiddenInput, label=_("Call"))
    project = django_filters.NumberFilter(
        field_name="project", widget=forms.HiddenInput, label=_("Project")
    )
    donor = django_filters.NumberFilter(
        field_name="call__instrument__donor", widget=forms.HiddenInput, label=_("Donor")
    )
    mine = django_filters.BooleanFilter(
        label=_("Mine only"), method="filter_mine", widget=forms.CheckboxInput
    )

    class Meta:
        model = Application
        fields = ["status", "call", "project", "donor", "mine"]

    def filter_mine(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        user = getattr(self.request, "user", None)
        return queryset.filter(owner_id=getattr(user, "pk", None)) if value else queryset
