"""Filters of indicator values: the values list, its htmx refresh, the API and exports."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from maillage.core.filters import FilterSet, through_related
from maillage.results.models import IndicatorPeriod, IndicatorValue, ValueStatus

# Up to this many periods (about two values each), a date filter lists their ids: the
# database reads their values by period and sorts the few it finds.
FEW_PERIODS = 2000
# What each filter keeps of the periods, by the filter's field.
PERIOD_DATES = {"period__ends_on": "ends_on__gte", "period__starts_on": "starts_on__lte"}


class IndicatorValueFilterSet(FilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=ValueStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    project = django_filters.NumberFilter(
        field_name="period__indicator__project", widget=forms.HiddenInput, label=_("Project")
    )
    indicator = django_filters.NumberFilter(
        field_name="period__indicator", widget=forms.HiddenInput, label=_("Indicator")
    )
    period = django_filters.NumberFilter(
        field_name="period", widget=forms.HiddenInput, label=_("Period")
    )
    ends_after = django_filters.DateFilter(
        field_name="period__ends_on", label=_("Period ending from"), method="filter_period_dates"
    )
    starts_before = django_filters.DateFilter(
        field_name="period__starts_on",
        label=_("Period starting until"),
        method="filter_period_dates",
    )

    class Meta:
        model = IndicatorValue
        fields = ["status", "project", "indicator", "period", "ends_after", "starts_before"]

    def filter_period_dates(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        """The values of the periods whose dates match, read first from the index of
        that date. A few periods: their values, found by period, then sorted. Many: the
        list read in its own order, each value's period looked up among them
        (core.filters.through_related). Filtered through a join, SQLite read every
        period and value to count them and, for a narrow filter, walked the whole list
        for a page (docs/performance.md)."""
        if value is None:
            return queryset
        user = getattr(self.request, "user", None)
        if connection.vendor == "sqlite" and not getattr(user, "is_internal", True):
            # A partner's values, a bounded set found from its projects (`visible_to`,
            # which joins their periods): each period's date checked on that join. The
            # periods of the date listed first cost 87 ms to count a partner's 4,468
            # values of a date matched by 90,000 periods, 1 ms this way.
            return queryset.filter(**{f"period__{PERIOD_DATES[name]}": value})
        periods = IndicatorPeriod.objects.filter(**{PERIOD_DATES[name]: value}).order_by()
        few = list(periods.values_list("pk", flat=True)[: FEW_PERIODS + 1])
        if len(few) <= FEW_PERIODS:
            return queryset.filter(period_id__in=few)
        return through_related(queryset, "period_id", periods)
