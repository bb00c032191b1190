"""One FilterSet per list: the page, its htmx refresh, the API and exports share it."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from maillage.actors.models import (
    Group,
    GroupKind,
    Interaction,
    InteractionKind,
    Organisation,
    OrganisationType,
    Person,
    SdgGoal,
    Tag,
    Theme,
)
from maillage.core.forms import DateInput, visible_choices
from maillage.core.models import CodelistItem
from maillage.core.reference import (
    country_choices,
    departement_choices,
    departements,
    region_choices,
)
from maillage.core.text import normalize

ALL = _("All")


def _search_related(queryset: QuerySet, path: str, value: str) -> QuerySet:
    for term in normalize(value).split()[:10]:
        queryset = queryset.filter(**{f"{path}__search_text__contains": term})
    return queryset.distinct()


class OrganisationFilterSet(django_filters.FilterSet):
    type = django_filters.MultipleChoiceFilter(
        label=_("Type"), choices=OrganisationType.choices, widget=forms.CheckboxSelectMultiple
    )
    region = django_filters.ChoiceFilter(
        label=_("Région"), choices=region_choices, empty_label=ALL, method="filter_region"
    )
    departement = django_filters.ChoiceFilter(
        label=_("Département"), choices=departement_choices, empty_label=ALL
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=country_choices, empty_label=ALL
    )
    action_country = django_filters.ChoiceFilter(
        label=_("Acts in"),
        choices=country_choices,
        empty_label=ALL,
        field_name="action_countries__country",
        distinct=True,
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), queryset=Theme.objects.all(), field_name="themes", empty_label=ALL
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("DAC sector"),
        queryset=CodelistItem.objects.of("SectorCategory").order_by("code"),
        field_name="sectors",
        empty_label=ALL,
    )
    sdg = django_filters.ModelChoiceFilter(
        label=_("SDG"), queryset=SdgGoal.objects.all(), field_name="sdgs", empty_label=ALL
    )
    tag = django_filters.ModelChoiceFilter(
        label=_("Tag"), queryset=Tag.objects.all(), field_name="tags", empty_label=ALL
    )
    group = django_filters.ModelChoiceFilter(
        label=_("Group"),
        queryset=visible_choices(Group),
        field_name="group_memberships__group",
        empty_label=ALL,
        distinct=True,
    )
    no_interaction_since = django_filters.DateFilter(
        label=_("No interaction since"), method="filter_no_interaction_since", widget=DateInput()
    )
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Organisation
        fields: list[str] = []

    def filter_region(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        codes = [d.code for d in departements() if d.region == value]
        return queryset.filter(departement__in=codes)

    def filter_no_interaction_since(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.exclude(interactions__occurred_on__gte=value)


class PersonFilterSet(django_filters.FilterSet):
    organisation = django_filters.CharFilter(label=_("Organisation"), method="filter_organisation")
    tag = django_filters.ModelChoiceFilter(
        label=_("Tag"), queryset=Tag.objects.all(), field_name="tags", empty_label=ALL
    )
    group = django_filters.ModelChoiceFilter(
        label=_("Group"),
        queryset=visible_choices(Group),
        field_name="group_memberships__group",
        empty_label=ALL,
        distinct=True,
    )
    language = django_filters.CharFilter(
        label=_("Speaks"), field_name="languages", lookup_expr="icontains"
    )
    do_not_contact = django_filters.BooleanFilter(label=_("Do not contact"))
    no_interaction_since = django_filters.DateFilter(
        label=_("No interaction since"), method="filter_no_interaction_since", widget=DateInput()
    )

    class Meta:
        model = Person
        fields: list[str] = []

    def filter_organisation(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _search_related(queryset, "positions__organisation", value)

    def filter_no_interaction_since(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.exclude(interactions__occurred_on__gte=value)


class InteractionFilterSet(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind"), choices=InteractionKind.choices, widget=forms.CheckboxSelectMultiple
    )
    after = django_filters.DateFilter(
        label=_("On or after"), field_name="occurred_on", lookup_expr="gte", widget=DateInput()
    )
    before = django_filters.DateFilter(
        label=_("On or before"), field_name="occurred_on", lookup_expr="lte", widget=DateInput()
    )
    organisation = django_filters.CharFilter(label=_("Organisation"), method="filter_organisation")
    follow_up_pending = django_filters.BooleanFilter(
        label=_("Follow-up pending"), method="filter_follow_up_pending"
    )

    class Meta:
        model = Interaction
        fields: list[str] = []

    def filter_organisation(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _search_related(queryset, "organisations", value)

    def filter_follow_up_pending(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        pending = Q(follow_up_on__isnull=False, follow_up_done=False)
        return queryset.filter(pending) if value else queryset.exclude(pending)


class GroupFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=GroupKind.choices, empty_label=ALL)
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), queryset=Theme.objects.all(), empty_label=ALL
    )

    class Meta:
        model = Group
        fields: list[str] = []
