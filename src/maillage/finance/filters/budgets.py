"""Filter sets of budgets, their versions and lines."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core.filters import FilterSet
from maillage.core.reference import currency_choices
from maillage.finance.models import (
    Budget,
    BudgetLine,
    BudgetVersion,
    BudgetVersionKind,
    BudgetVersionStatus,
)
from maillage.funding.models import CostCategory


class BudgetFilterSet(FilterSet):
    project = django_filters.NumberFilter(
        field_name="project", widget=forms.HiddenInput, label=_("Project")
    )
    currency = django_filters.ChoiceFilter(
        label=_("Currency"), choices=currency_choices, empty_label=_("All")
    )

    class Meta:
        model = Budget
        fields = ["project", "currency"]


class BudgetVersionFilterSet(FilterSet):
    budget = django_filters.NumberFilter(
        field_name="budget", widget=forms.HiddenInput, label=_("Budget")
    )
    project = django_filters.NumberFilter(
        field_name="budget__project", widget=forms.HiddenInput, label=_("Project")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=BudgetVersionStatus.choices, empty_label=_("All")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=BudgetVersionKind.choices, empty_label=_("All")
    )

    class Meta:
        model = BudgetVersion
        fields = ["budget", "project", "status", "kind"]


class BudgetLineFilterSet(FilterSet):
    budget_version = django_filters.NumberFilter(
        field_name="budget_version", widget=forms.HiddenInput, label=_("Budget version")
    )
    project = django_filters.NumberFilter(
        field_name="budget_version__budget__project", widget=forms.HiddenInput, label=_("Project")
    )
    category = django_filters.MultipleChoiceFilter(
        label=_("Cost category"),
        choices=CostCategory.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    year = django_filters.NumberFilter(label=_("Year"))
    currency = django_filters.ChoiceFilter(
        label=_("Currency"), choices=currency_choices, empty_label=_("All")
    )

    class Meta:
        model = BudgetLine
        fields = ["budget_version", "project", "category", "year", "currency"]
