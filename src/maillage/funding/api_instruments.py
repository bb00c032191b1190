"""API resources of donors and instruments (`/api/donors`, `/api/instruments`), listed
in `funding.api.ROUTES`. Internal: a partner reads none (their querysets' default). An
instrument's rules are written by administrators only, as on the pages."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from maillage.accounts.models import Role
from maillage.core.api import ModelSerializer, VisibleModelViewSet
from maillage.core.reference import country_choices
from maillage.funding.filters.instruments import DonorFilterSet, InstrumentFilterSet
from maillage.funding.models import Donor, Instrument, InstrumentPrerequisite
from maillage.funding.models.instruments import applicant_type_choices, cost_category_choices


class DonorSerializer(ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Donor
        fields = [
            "version",
            "id",
            "organisation",
            "organisation_name",
            "kind",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]


class PrerequisiteSerializer(ModelSerializer):
    class Meta:
        model = InstrumentPrerequisite
        fields = ["id", "text", "position"]


def _codes() -> serializers.ListField:
    # The choices, whose labels follow the language, are set per request (__init__).
    return serializers.ListField(
        child=serializers.ChoiceField(choices=[]), required=False, max_length=300
    )


class InstrumentSerializer(ModelSerializer):
    eligible_cost_categories = _codes()
    ineligible_cost_categories = _codes()
    eligible_countries = _codes()
    eligible_applicant_types = _codes()
    prerequisites = PrerequisiteSerializer(many=True, read_only=True)

    class Meta:
        model = Instrument
        fields = [
            "version", "id", "donor", "name", "code", "description", "url", "currency",
            "max_share_percent", "min_applicant_share_percent", "min_applicant_cash_percent",
            "in_kind_cap_percent", "in_kind_basis", "overheads_cap_percent",
            "eligible_cost_categories", "ineligible_cost_categories", "eligible_countries",
            "eligible_applicant_types", "min_amount", "max_amount",
            "min_duration_months", "max_duration_months", "payment_pattern",
            "held_back_percent", "payment_notes", "is_active", "prerequisites",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["version", "created_at", "updated_at"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Choices whose labels follow the language: read when a request is served.
        for name, choices in (
            ("eligible_cost_categories", cost_category_choices),
            ("ineligible_cost_categories", cost_category_choices),
            ("eligible_countries", country_choices),
            ("eligible_applicant_types", applicant_type_choices),
        ):
            field: Any = self.fields[name]
            field.child.choices = choices()


class DonorViewSet(VisibleModelViewSet):
    """Donors: organisations of the CRM that fund cooperation. Internal."""

    model = Donor
    serializer_class = DonorSerializer
    filterset_class = DonorFilterSet
    select_related = ("organisation",)
    ordering_fields = ["kind"]


class InstrumentViewSet(VisibleModelViewSet):
    """Donors' funding instruments and their rules; written by administrators."""

    model = Instrument
    serializer_class = InstrumentSerializer
    filterset_class = InstrumentFilterSet
    write_roles = frozenset({Role.ADMIN})
    prefetch_related = ("prerequisites",)
    ordering_fields = ["name", "code"]
