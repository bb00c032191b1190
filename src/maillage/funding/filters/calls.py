"""Filter sets of calls and applications: the list page, its htmx refresh, the API and
exports."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.accounts.models import User
from maillage.core.filters import FilterSet
from maillage.core.forms import DateInput, visible_choices
from maillage.core.typeahead import TypeaheadSelect
from maillage.funding.models import Application, ApplicationStatus, Call, Donor


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


def _donors(request: Any) -> QuerySet[Donor]:
    return visible_choices(Donor)(request).select_related("organisation")


def _owners(request: Any) -> QuerySet[User]:
    # The service's staff may hold an application; partners read none of funding.
    if not getattr(getattr(request, "user", None), "is_internal", False):
        return User.objects.none()
    return User.objects.internal()


class ApplicationFilterSet(FilterSet):
    """The list's filters, and the pipeline board's (every one but the status, which is
    the board's columns): a column's "show all" link opens the list with the same ones."""

    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=ApplicationStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    # A type-ahead: a select of every call was 1,400 options at national scale.
    call = django_filters.ModelChoiceFilter(
        label=_("Call"),
        queryset=visible_choices(Call),
        empty_label=_("All"),
        widget=TypeaheadSelect("funding:call_choices"),
    )
    project = django_filters.NumberFilter(
        field_name="project", widget=forms.HiddenInput, label=_("Project")
    )
    donor = django_filters.ModelChoiceFilter(
        field_name="call__instrument__donor",
        label=_("Donor"),
        queryset=_donors,
        empty_label=_("All"),
    )
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner"), queryset=_owners, empty_label=_("All")
    )
    mine = django_filters.BooleanFilter(
        label=_("Mine only"), method="filter_mine", widget=forms.CheckboxInput
    )
    deadline_after = django_filters.DateFilter(
        field_name="call__deadline_on",
        lookup_expr="gte",
        label=_("Deadline from"),
        widget=DateInput(),
    )
    deadline_before = django_filters.DateFilter(
        field_name="call__deadline_on",
        lookup_expr="lte",
        label=_("Deadline until"),
        widget=DateInput(),
    )

    class Meta:
        model = Application
        fields = [
            "status",
            "call",
            "project",
            "donor",
            "owner",
            "mine",
            "deadline_after",
            "deadline_before",
        ]

    def filter_mine(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        user = getattr(self.request, "user", None)
        return queryset.filter(owner_id=getattr(user, "pk", None)) if value else queryset
