"""The risk form and the risk register's filters (list page, API, exports)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.accounts.models import User
from maillage.projects.models import Level, Project, Risk, RiskCategory, RiskStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RiskForm(forms.ModelForm):
    class Meta:
        model = Risk
        fields = [
            "project",
            "title",
            "category",
            "description",
            "likelihood",
            "impact",
            "mitigation",
            "owner",
            "review_on",
            "status",
        ]
        widgets = {
            "review_on": DATE,
            "description": forms.Textarea(attrs={"rows": 4}),
            "mitigation": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.visible_to(user)
        self.fields["owner"].queryset = User.objects.internal()


def _visible_projects(request: Any) -> QuerySet[Project]:
    user = getattr(request, "user", None)
    return Project.objects.visible_to(user) if user is not None else Project.objects.none()


class RiskFilterSet(django_filters.FilterSet):
    project = django_filters.ModelChoiceFilter(
        label=_("Project"), queryset=_visible_projects, empty_label=_("All")
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
