"""One FilterSet per list: the page, its htmx refresh, the API and exports share it."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from maillage.actors.models import (
    Confidentiality,
    Group,
    GroupKind,
    GroupMember,
    Interaction,
    InteractionKind,
    Organisation,
    OrganisationCountry,
    OrganisationType,
    Person,
    Position,
    SdgGoal,
    Tag,
    Theme,
)
from maillage.core.filters import FilterSet
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


def _having(queryset: QuerySet, rows: QuerySet) -> QuerySet:
    """`queryset` narrowed to the records with at least one of `rows` (correlated on
    OuterRef("pk")): an EXISTS, where a join through the link table needed DISTINCT on
    both the count and the page (a semi-join, IN, where the rows are few and found first)."""
    return queryset.filter(Exists(rows))


def _matching_organisations(value: str) -> QuerySet:
    """The ids of the organisations that match every word of `value`: a few, so lists
    filtered by them start from there (IN), not from every row (EXISTS per row)."""
    organisations = Organisation.objects.all()
    for term in normalize(value).split()[:10]:
        organisations = organisations.filter(search_text__contains=term)
    return organisations.values("pk")


def _no_interaction_since(queryset: QuerySet, value: Any) -> QuerySet:
    """Records without an interaction (out of the trash) on or after `value`: their
    latest one, planned ones included, is before it, or they have none. The interaction
    services keep that date on the record (`last_interaction_on`), and an index on it
    serves both terms: reading every interaction since the date took a second at
    national scale."""
    return queryset.filter(Q(last_interaction_on__lt=value) | Q(last_interaction_on__isnull=True))


class OrganisationFilterSet(FilterSet):
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
        field_name="action_countries__country",  # what the value reads, for the generic suites
        method="filter_action_country",
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
        empty_label=ALL,
        field_name="group_memberships__group",
        method="filter_group",
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

    def filter_action_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        rows = OrganisationCountry.objects.filter(organisation=OuterRef("pk"), country=value)
        return _having(queryset, rows)

    def filter_group(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        rows = GroupMember.objects.filter(organisation=OuterRef("pk"), group=value)
        return _having(queryset, rows)

    def filter_no_interaction_since(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return _no_interaction_since(queryset, value)


class PersonFilterSet(FilterSet):
    organisation = django_filters.CharFilter(label=_("Organisation"), method="filter_organisation")
    tag = django_filters.ModelChoiceFilter(
        label=_("Tag"), queryset=Tag.objects.all(), field_name="tags", empty_label=ALL
    )
    group = django_filters.ModelChoiceFilter(
        label=_("Group"),
        queryset=visible_choices(Group),
        empty_label=ALL,
        field_name="group_memberships__group",
        method="filter_group",
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
        positions = Position.objects.filter(organisation__in=_matching_organisations(value))
        return queryset.filter(pk__in=positions.values("person"))

    def filter_group(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return _having(queryset, GroupMember.objects.filter(person=OuterRef("pk"), group=value))

    def filter_no_interaction_since(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return _no_interaction_since(queryset, value)


class InteractionFilterSet(FilterSet):
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
    confidentiality = django_filters.ChoiceFilter(
        label=_("Confidentiality"), choices=Confidentiality.choices
    )
    follow_up_pending = django_filters.BooleanFilter(
        label=_("Follow-up pending"), method="filter_follow_up_pending"
    )

    class Meta:
        model = Interaction
        fields: list[str] = []

    def filter_organisation(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        links = Interaction.organisations.through.objects.filter(
            organisation__in=_matching_organisations(value)
        )
        return queryset.filter(pk__in=links.values("interaction"))

    def filter_follow_up_pending(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        pending = Q(follow_up_on__isnull=False, follow_up_done=False)
        return queryset.filter(pending) if value else queryset.exclude(pending)


class GroupFilterSet(FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=GroupKind.choices, empty_label=ALL)
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), queryset=Theme.objects.all(), empty_label=ALL
    )

    class Meta:
        model = Group
        fields: list[str] = []
