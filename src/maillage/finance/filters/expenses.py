"""Filter set of expenses: the list page, its htmx refresh, the validation queue, the API
and exports."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from maillage.core.filters import FilterSet, among, through_related
from maillage.core.forms import DateInput, visible_choices
from maillage.core.reference import currency_choices
from maillage.core.typeahead import TypeaheadSelect
from maillage.finance.models import Budget, BudgetLine, Expense, ExpenseCharge, ExpenseStatus
from maillage.funding.models import CostCategory, Donor
from maillage.projects.models import Project

# What the line filters keep of the budget lines, by the filter's field.
LINE_FIELDS = {"budget_line__code": "code__iexact", "budget_line__category": "category"}


def _donors(request: Any) -> QuerySet:
    return visible_choices(Donor)(request).select_related("organisation")


class ExpenseFilterSet(FilterSet):
    project = django_filters.ModelChoiceFilter(
        label=_("Project"),
        queryset=visible_choices(Project),
        empty_label=_("All"),
        widget=TypeaheadSelect("projects:project_choices"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ExpenseStatus.choices, empty_label=_("All")
    )
    # Funders are internal: a partner's choices are empty (visible_to).
    donor = django_filters.ModelChoiceFilter(
        label=_("Donor"),
        queryset=_donors,
        empty_label=_("All"),
        method="filter_charged",
    )
    # A grant's expenses are reached from the grant's page (its link sets `?grant=`): a
    # select of every grant was 2,000 options (373 KB a list page) at national scale.
    grant = django_filters.NumberFilter(
        label=_("Grant"), widget=forms.HiddenInput, method="filter_charged", min_value=1
    )
    budget_line = django_filters.NumberFilter(
        field_name="budget_line", label=_("Budget line"), min_value=1
    )
    line_code = django_filters.CharFilter(
        field_name="budget_line__code", label=_("Line code"), method="filter_line"
    )
    category = django_filters.ChoiceFilter(
        field_name="budget_line__category",
        label=_("Cost category"),
        choices=CostCategory.choices,
        empty_label=_("All"),
        method="filter_line",
    )
    spent_after = django_filters.DateFilter(
        label=_("Spent on or after"), field_name="spent_on", lookup_expr="gte", widget=DateInput()
    )
    spent_before = django_filters.DateFilter(
        label=_("Spent on or before"), field_name="spent_on", lookup_expr="lte", widget=DateInput()
    )
    currency = django_filters.ChoiceFilter(
        label=_("Currency"), choices=currency_choices, empty_label=_("All")
    )

    class Meta:
        model = Expense
        fields: list[str] = []

    def filter_line(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        """Expenses of the budget lines whose code or category matches (through the
        lines' ids: core.filters.through_related). Small scale, `?category=`, SQLite:
        page ids 25 -> 0.1 ms."""
        if not value:
            return queryset
        lines = BudgetLine.all_objects.filter(**{LINE_FIELDS[name]: value})
        user = getattr(self.request, "user", None)
        if user is not None and not getattr(user, "is_internal", True):
            # A partner's expenses are of its projects' lines: those few lines first, not
            # every line of the category (PostgreSQL started from the partner's projects
            # and checked the line of each of their expenses: 117,218 for 1.0-1.3 s at
            # national scale). The same rows: the list is already the partner's.
            budgets = Budget.objects.visible_to(user).values("pk")
            lines = lines.filter(budget_version__budget__in=budgets)
        return through_related(queryset, "budget_line_id", lines)

    def filter_charged(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        """Expenses with a share charged to this donor or grant: the ids of the charges'
        expenses, found from the funder's index (a grant has hundreds of a million
        expenses; a correlated EXISTS probed every expense: over 60 s on SQLite), so
        an expense with two shares of one funder is listed once."""
        if not value:
            return queryset
        charged = ExpenseCharge.objects.filter(**{name: value}).values("expense_id")
        if name == "grant":
            # A grant's expenses are a bounded set, spent within its period.
            return among(queryset, charged)
        return queryset.filter(pk__in=charged)
