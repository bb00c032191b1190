"""API resources of the actors area: organisations, people, interactions, groups."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework import serializers

from maillage.actors.filters import (
    GroupFilterSet,
    InteractionFilterSet,
    OrganisationFilterSet,
    PersonFilterSet,
)
from maillage.actors.identifiers import (
    clean_digits,
    normalise_phone,
    validate_siren,
    validate_siret,
)
from maillage.actors.models import (
    Group,
    GroupMember,
    Interaction,
    Organisation,
    OrganisationCountry,
    Person,
)
from maillage.core.api import VisibleModelViewSet
from maillage.core.reference import country_choices


def _django_validation(func: Any, value: str) -> str:
    from django.core.exceptions import ValidationError

    try:
        result = func(value)
    except ValidationError as exc:
        raise serializers.ValidationError(exc.messages) from exc
    return value if result is None else result


class ActionCountriesField(serializers.ListField):
    """The countries where an organisation acts, as ISO codes (rows of OrganisationCountry)."""

    def get_attribute(self, instance: Organisation) -> list[str]:
        return [c.country for c in instance.action_countries.all()]


class OrganisationSerializer(serializers.ModelSerializer):
    action_countries = ActionCountriesField(
        child=serializers.CharField(max_length=2), required=False
    )

    class Meta:
        model = Organisation
        fields = [
            "version",
            "id", "name", "acronym", "type", "iati_type", "siren", "siret", "iati_identifier",
            "address", "postcode", "city", "country", "departement", "region", "foreign_region",
            "latitude", "longitude", "website", "email", "phone", "themes", "sectors", "sdgs",
            "tags", "action_countries", "parent", "notes", "is_active", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["version", "created_at", "updated_at", "iati_type", "region"]

    def validate_action_countries(self, value: list[str]) -> list[str]:
        known = {code for code, _name in country_choices()}
        unknown = [c for c in value if c not in known]
        if unknown:
            raise serializers.ValidationError(
                _("Unknown country code: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return value

    def validate_siren(self, value: str) -> str:
        value = clean_digits(value)
        return _django_validation(validate_siren, value) if value else value

    def validate_siret(self, value: str) -> str:
        value = clean_digits(value)
        return _django_validation(validate_siret, value) if value else value

    def validate_phone(self, value: str) -> str:
        return _django_validation(normalise_phone, value)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        country = attrs.get("country", getattr(self.instance, "country", "FR"))
        if attrs.get("departement") and country != "FR":
            raise serializers.ValidationError(
                {"departement": _("A département is only for organisations in France.")}
            )
        return attrs

    @transaction.atomic
    def create(self, validated_data: dict[str, Any]) -> Organisation:
        countries = validated_data.pop("action_countries", None)
        organisation = super().create(validated_data)
        self._set_countries(organisation, countries)
        return organisation

    @transaction.atomic
    def update(self, instance: Organisation, validated_data: dict[str, Any]) -> Organisation:
        countries = validated_data.pop("action_countries", None)
        organisation = super().update(instance, validated_data)
        self._set_countries(organisation, countries)
        return organisation

    def _set_countries(self, organisation: Organisation, countries: list[str] | None) -> None:
        if countries is None:
            return
        organisation.action_countries.all().delete()
        OrganisationCountry.objects.bulk_create(
            [OrganisationCountry(organisation=organisation, country=c) for c in set(countries)]
        )


class OrganisationViewSet(VisibleModelViewSet):
    """Organisations: local authorities, associations, universities, donors…"""

    model = Organisation
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet
    prefetch_related = ("themes", "sectors", "sdgs", "tags", "action_countries")
    ordering_fields = ["name", "type", "country", "departement"]


class PersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = [
            "version",
            "id", "first_name", "last_name", "email", "other_email", "phone", "mobile",
            "languages", "timezone", "tags", "notes", "lawful_basis", "consent_on",
            "consent_source", "do_not_contact", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["version", "created_at", "updated_at"]

    def validate_phone(self, value: str) -> str:
        return _django_validation(normalise_phone, value)

    def validate_mobile(self, value: str) -> str:
        return _django_validation(normalise_phone, value)


class PersonViewSet(VisibleModelViewSet):
    """People: elected officials, civil servants, partners' staff."""

    model = Person
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    prefetch_related = ("tags",)
    ordering_fields = ["last_name", "first_name", "email"]


class InteractionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Interaction
        fields = [
            "version",
            "id", "kind", "occurred_on", "subject", "notes", "people", "organisations",
            "project", "follow_up_on", "follow_up_done", "created_by", "created_at",
        ]  # fmt: skip
        read_only_fields = ["version", "created_by", "created_at"]

    def create(self, validated_data: dict[str, Any]) -> Interaction:
        validated_data["created_by"] = self.context["request"].user
        return super().create(validated_data)


class InteractionViewSet(VisibleModelViewSet):
    """Meetings, calls, emails, events and visits, with follow-up dates."""

    model = Interaction
    serializer_class = InteractionSerializer
    filterset_class = InteractionFilterSet
    prefetch_related = ("people", "organisations")
    ordering_fields = ["occurred_on", "follow_up_on"]


class GroupMemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = GroupMember
        fields = ["id", "person", "organisation", "role"]


class GroupSerializer(serializers.ModelSerializer):
    members = GroupMemberSerializer(many=True, read_only=True)

    class Meta:
        model = Group
        fields = ["version", "id", "name", "kind", "theme", "country", "description", "members"]
        read_only_fields = ["version"]


class GroupViewSet(VisibleModelViewSet):
    """Thematic and geographic working groups with their members."""

    model = Group
    serializer_class = GroupSerializer
    filterset_class = GroupFilterSet
    prefetch_related = ("members",)
    ordering_fields = ["name", "kind"]
