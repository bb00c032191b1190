"""The filters of the projects area's lists: one FilterSet per entity, used by the list
page, its htmx refresh, the exports and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.accounts.models import User
from maillage.actors.models import Organisation
from maillage.core.filters import FilterSet
from maillage.core.forms import DateInput, visible_choices
from maillage.core.reference import country_choices
from maillage.core.text import normalize
from maillage.core.typeahead import TypeaheadSelect
from maillage.projects.models import (
    FieldUpdate,
    Level,
    PlanItem,
    Programme,
    Project,
    ProjectPartner,
    ProjectStatus,
    Risk,
    RiskCategory,
    RiskStatus,
    Strategy,
    TaskStatus,
)


class StrategyFilterSet(FilterSet):
    owner_organisation = django_filters.CharFilter(
        label=_("Owner organisation"), method="filter_owner"
    )
    current_on = django_filters.DateFilter(
        label=_("Current on"), method="filter_current_on", widget=DateInput()
    )

    class Meta:
        model = Strategy
        fields: list[str] = []

    def filter_owner(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # A text filter, not a select: a network counts thousands of organisations.
        terms = normalize(value).split()
        for term in terms:
            queryset = queryset.filter(owner_organisation__search_text__contains=term)
        return queryset

    def filter_current_on(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return _current_on(queryset, value)


def _current_on(queryset: QuerySet, day: Any) -> QuerySet:
    """What runs on `day`: started (or no start) and not ended (or no end)."""
    if day is None:
        return queryset
    return queryset.filter(Q(start_on__isnull=True) | Q(start_on__lte=day)).filter(
        Q(end_on__isnull=True) | Q(end_on__gte=day)
    )


class ProgrammeFilterSet(FilterSet):
    strategy = django_filters.ModelChoiceFilter(
        label=_("Strategy"), queryset=visible_choices(Strategy), empty_label=_("All")
    )
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner"), queryset=lambda request: User.objects.internal(), empty_label=_("All")
    )
    current_on = django_filters.DateFilter(
        label=_("Current on"), method="filter_current_on", widget=DateInput()
    )

    class Meta:
        model = Programme
        fields: list[str] = []

    def filter_current_on(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return _current_on(queryset, value)


class ProjectFilterSet(FilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=ProjectStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=country_choices, empty_label=_("All")
    )
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=visible_choices(Programme), method="filter_programme"
    )
    partner = django_filters.CharFilter(label=_("Partner organisation"), method="filter_partner")
    starts_after = django_filters.DateFilter(
        label=_("Starts on or after"), field_name="start_on", lookup_expr="gte"
    )
    ends_before = django_filters.DateFilter(
        label=_("Ends on or before"), field_name="end_on", lookup_expr="lte"
    )

    class Meta:
        model = Project
        fields = ["status", "country", "programme", "partner", "starts_after", "ends_before"]

    def filter_programme(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(programme=value) if value else queryset

    def filter_partner(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # A text filter, not a select: a network counts thousands of organisations.
        terms = normalize(value).split()
        if not terms:
            return queryset
        partners = Organisation.objects.all()
        for term in terms[:10]:
            partners = partners.filter(search_text__contains=term)
        # A semi-join from the few matching organisations, not a join with DISTINCT on
        # both the count and the page.
        rows = ProjectPartner.objects.filter(organisation__in=partners.values("pk"))
        return queryset.filter(pk__in=rows.values("project"))


# Cross-project lists: a select of every project (24,903 at national scale) made them
# 2.2 MB and 4 s; the type-ahead renders only the chosen one.
PROJECT_TYPEAHEAD = TypeaheadSelect("projects:project_choices")


def _assignees(request: Any) -> QuerySet[User]:
    user = getattr(request, "user", None)
    users = User.objects.filter(is_active=True).order_by("last_name", "first_name", "username")
    if not getattr(user, "is_internal", False):
        # A partner filters on its own tasks; the service's staff list is not its to read.
        return users.filter(pk=getattr(user, "pk", None))
    return users


class PlanItemFilterSet(FilterSet):
    project = django_filters.ModelChoiceFilter(
        label=_("Project"),
        queryset=visible_choices(Project),
        empty_label=_("All"),
        widget=PROJECT_TYPEAHEAD,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=TaskStatus.choices, empty_label=_("All")
    )
    late = django_filters.BooleanFilter(label=_("Late"), method="filter_late")
    assignee = django_filters.ModelChoiceFilter(
        label=_("Assigned to"), queryset=_assignees, method="filter_assignee", empty_label=_("All")
    )

    class Meta:
        model = PlanItem
        fields: list[str] = []

    def filter_late(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if value is None:
            return queryset
        late = queryset.late(timezone.localdate())  # type: ignore[attr-defined]  # a PlanItemQuerySet, typed as a plain QuerySet by django-filter
        return late if value else queryset.exclude(pk__in=late.values("pk"))

    def filter_assignee(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if not value:
            return queryset
        assigned = PlanItem.assignees.through.objects.filter(planitem=OuterRef("pk"), user=value)
        return queryset.filter(Exists(assigned))


class RiskFilterSet(FilterSet):
    project = django_filters.ModelChoiceFilter(
        label=_("Project"),
        queryset=visible_choices(Project),
        empty_label=_("All"),
        widget=PROJECT_TYPEAHEAD,
    )
    category = django_filters.MultipleChoiceFilter(
        label=_("Category"), choices=RiskCategory.choices, widget=forms.CheckboxSelectMultiple
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=RiskStatus.choices, empty_label=_("All")
    )
    likelihood = django_filters.ChoiceFilter(
        label=_("Likelihood"), choices=Level.choices, empty_label=_("All")
    )
    impact = django_filters.ChoiceFilter(
        label=_("Impact"), choices=Level.choices, empty_label=_("All")
    )
    min_score = django_filters.NumberFilter(
        label=_("Score at least"), method="filter_min_score", min_value=1, max_value=25
    )
    review_overdue = django_filters.BooleanFilter(
        label=_("Review overdue"), method="filter_review_overdue"
    )

    class Meta:
        model = Risk
        fields: list[str] = []

    def filter_min_score(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if value is None:
            return queryset
        return queryset.alias(min_score_value=F("likelihood") * F("impact")).filter(
            min_score_value__gte=value
        )

    def filter_review_overdue(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        overdue = Q(status=RiskStatus.OPEN, review_on__lt=timezone.localdate())
        if value is None:
            return queryset
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class FieldUpdateFilterSet(FilterSet):
    project = django_filters.ModelChoiceFilter(
        label=_("Project"),
        queryset=visible_choices(Project),
        empty_label=_("All"),
        widget=PROJECT_TYPEAHEAD,
    )
    is_public = django_filters.BooleanFilter(label=_("For public communication"))
    after = django_filters.DateFilter(
        label=_("On or after"), field_name="occurred_on", lookup_expr="gte", widget=DateInput()
    )
    before = django_filters.DateFilter(
        label=_("On or before"), field_name="occurred_on", lookup_expr="lte", widget=DateInput()
    )

    class Meta:
        model = FieldUpdate
        fields: list[str] = []
