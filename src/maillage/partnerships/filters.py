"""One filter set per entity: the list page, its htmx refresh, the API and exports."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.actors.models import Organisation
from maillage.core.filters import FilterSet, ids_in
from maillage.core.text import normalize
from maillage.partnerships.models import (
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementStatus,
    Commitment,
    CommitmentStatus,
    Partnership,
    PartnershipStatus,
)

# Up to this many organisations, a partner filter reads their ids once and writes them
# into each of its uses; a broader word ("a": most of the 20,000) keeps them a subquery.
LISTED_ORGANISATIONS = 1000


def _organisations_matching(value: str) -> list[int] | QuerySet | None:
    """The organisations whose name (or acronym, city…) holds every word typed; a text
    filter, not a select: a network counts thousands of organisations. Their ids, read
    once, up to LISTED_ORGANISATIONS: as a subquery, each of its uses read the
    organisations again, twice a page (count and rows; an agreement's partner is
    looked up three ways: 6 reads of the 20,000 organisations at national scale, 90 of
    the page's 150 ms on PostgreSQL). More than that, the subquery."""
    terms = normalize(value).split()[:10]
    if not terms:
        return None
    found = Organisation.objects.all()
    for term in terms:
        found = found.filter(search_text__contains=term)
    found = found.order_by().values("pk")
    listed = list(found.values_list("pk", flat=True)[: LISTED_ORGANISATIONS + 1])
    return listed if len(listed) <= LISTED_ORGANISATIONS else found


def _among(field: str, organisations: list[int] | QuerySet) -> Q:
    """`field` (an organisation's id) among `_organisations_matching`'s answer."""
    if isinstance(organisations, list):
        return Q(ids_in(field, organisations))
    return Q(**{f"{field}__in": organisations})


class PartnershipFilterSet(FilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=PartnershipStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    partner = django_filters.CharFilter(label=_("Partner organisation"), method="filter_partner")

    class Meta:
        model = Partnership
        fields = ["status", "partner"]

    def filter_partner(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        orgs = _organisations_matching(value)
        if orgs is None:
            return queryset
        return queryset.filter(
            _among("french_authority_id", orgs) | _among("foreign_authority_id", orgs)
        )


class AgreementFilterSet(FilterSet):
    # The status as the pages show it: an agreement past its end date is "expired".
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=AgreementStatus.choices,
        widget=forms.CheckboxSelectMultiple,
        method="filter_status",
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=AgreementKind.choices, empty_label=_("All")
    )
    expiring = django_filters.BooleanFilter(
        label=_("Expiring within 90 days"), method="filter_expiring", widget=forms.CheckboxInput
    )
    partner = django_filters.CharFilter(label=_("Partner organisation"), method="filter_partner")
    # A project's agreements (the project page's "Agreements" tab).
    project = django_filters.NumberFilter(
        field_name="projects", widget=forms.HiddenInput, label=_("Project")
    )

    class Meta:
        model = Agreement
        fields = ["status", "kind", "expiring", "partner", "project"]

    def filter_expiring(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.expiring(timezone.localdate()) if value else queryset

    def filter_status(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if not value:
            return queryset
        return queryset.with_status_on(timezone.localdate()).filter(status_today__in=value)

    def filter_partner(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        orgs = _organisations_matching(value)
        if orgs is None:
            return queryset
        parties = AgreementParty.objects.filter(_among("organisation_id", orgs))
        partnerships = Partnership.all_objects.filter(
            _among("french_authority_id", orgs) | _among("foreign_authority_id", orgs)
        )
        return queryset.filter(
            Q(pk__in=parties.values("agreement_id"))
            | Q(partnership_id__in=partnerships.values("pk"))
        )


class CommitmentFilterSet(FilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=CommitmentStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue only"), method="filter_overdue", widget=forms.CheckboxInput
    )
    partner = django_filters.CharFilter(label=_("Partner organisation"), method="filter_partner")
    agreement = django_filters.NumberFilter(
        field_name="agreement", widget=forms.HiddenInput, label=_("Agreement")
    )
    # A project's commitments: its own and those of the agreements linked to it that
    # belong to no project (the project page's "Commitments" tab).
    project = django_filters.NumberFilter(
        widget=forms.HiddenInput, label=_("Project"), method="filter_project"
    )
    # The commitments of one organisation, from its page.
    party = django_filters.NumberFilter(
        field_name="party", widget=forms.HiddenInput, label=_("Committed party")
    )

    class Meta:
        model = Commitment
        fields = ["status", "overdue", "partner", "agreement", "project", "party"]

    def filter_overdue(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.overdue(timezone.localdate()) if value else queryset

    def filter_partner(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        orgs = _organisations_matching(value)
        if orgs is None:
            return queryset
        return queryset.filter(_among("party_id", orgs))

    def filter_project(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.of_project(value)
