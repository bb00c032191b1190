"""Filter sets of donors and instruments."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from maillage.core.filters import FilterSet
from maillage.funding.models import Donor, DonorKind, Instrument


class DonorFilterSet(FilterSet):
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind of donor"), choices=DonorKind.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Donor
        fields = ["kind"]


class InstrumentFilterSet(FilterSet):
    donor = django_filters.ModelChoiceFilter(
        label=_("Donor"),
        # The donors the reader may open (partners: none): a choice names a record.
        queryset=lambda request: Donor.objects.visible_to(
            getattr(request, "user", None)
        ).select_related("organisation"),
        empty_label=_("All"),
    )
    active = django_filters.BooleanFilter(
        label=_("Active only"), method="filter_active", widget=forms.CheckboxInput
    )

    class Meta:
        model = Instrument
        fields = ["donor", "active"]

    def filter_active(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(is_active=True) if value else queryset
