"""API resources of the actors area: organisations, people, interactions, groups.

Serializers parse (identifiers to digits, phones to E.164); writes go through the
entities' services (`VisibleModelViewSet`), whose refusals are the pages' and the imports'.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from maillage.actors.filters import (
    GroupFilterSet,
    InteractionFilterSet,
    OrganisationFilterSet,
    PersonFilterSet,
)
from maillage.actors.identifiers import clean_digits, normalise_languages, normalise_phone
from maillage.actors.models import Group, GroupMember, Interaction, Organisation, Person
from maillage.core.api import ModelSerializer, VisibleModelViewSet


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


class OrganisationSerializer(ModelSerializer):
    action_countries = ActionCountriesField(
        child=serializers.CharField(max_length=2), required=False
    )
    # Typed with spaces or dots ("213 303 180"): cleaned to digits, then checked by the model.
    siren = serializers.CharField(max_length=20, required=False, allow_blank=True)
    siret = serializers.CharField(max_length=30, required=False, allow_blank=True)

    class Meta:
        model = Organisation
        fields = [
            "version",
            "id", "name", "acronym", "type", "iati_type", "siren", "siret", "iati_identifier",
            "address", "postcode", "city", "country", "departement", "region", "foreign_region",
            "latitude", "longitude", "website", "email", "phone", "themes", "sectors", "sdgs",
            "tags", "action_countries", "parent", "notes", "is_active", "last_interaction_on",
            "created_at", "updated_at",
        ]  # fmt: skip
        # The last interaction's date is the interactions' (actors.services), never an input.
        read_only_fields = [
            "version", "created_at", "updated_at", "iati_type", "region", "last_interaction_on",
        ]  # fmt: skip

    def validate_action_countries(self, value: list[str]) -> list[str]:
        return list(dict.fromkeys(code.upper() for code in value))

    def validate_siren(self, value: str) -> str:
        return clean_digits(value)

    def validate_siret(self, value: str) -> str:
        return clean_digits(value)

    def validate_phone(self, value: str) -> str:
        return _django_validation(normalise_phone, value)


class OrganisationViewSet(VisibleModelViewSet):
    """Organisations: local authorities, associations, universities, donors…"""

    model = Organisation
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet
    prefetch_related = ("themes", "sectors", "sdgs", "tags", "action_countries")
    ordering_fields = ["name", "type", "country", "departement", "last_interaction_on"]


class PersonSerializer(ModelSerializer):
    # "FR, ar": normalised to "fr ar" first, then checked by the model.
    languages = serializers.CharField(max_length=60, required=False, allow_blank=True)

    class Meta:
        model = Person
        fields = [
            "version",
            "id", "first_name", "last_name", "email", "other_email", "phone", "mobile",
            "languages", "timezone", "working_hours_start", "working_hours_end", "working_days",
            "tags", "notes", "lawful_basis", "consent_on", "consent_source", "do_not_contact",
            "user", "last_interaction_on", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["version", "created_at", "updated_at", "last_interaction_on"]

    def validate_phone(self, value: str) -> str:
        return _django_validation(normalise_phone, value)

    def validate_mobile(self, value: str) -> str:
        return _django_validation(normalise_phone, value)

    def validate_languages(self, value: str) -> str:
        return normalise_languages(value)


class PersonViewSet(VisibleModelViewSet):
    """People: elected officials, civil servants, partners' staff."""

    model = Person
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    prefetch_related = ("tags",)
    ordering_fields = ["last_name", "first_name", "email", "last_interaction_on"]


class InteractionSerializer(ModelSerializer):
    class Meta:
        model = Interaction
        fields = [
            "version",
            "id", "kind", "occurred_on", "subject", "notes", "people", "organisations",
            "project", "confidentiality", "follow_up_on", "follow_up_done", "created_by",
            "created_at",
        ]  # fmt: skip
        read_only_fields = ["version", "created_by", "created_at"]


class InteractionViewSet(VisibleModelViewSet):
    """Meetings, calls, emails, events and visits, with follow-up dates."""

    model = Interaction
    serializer_class = InteractionSerializer
    filterset_class = InteractionFilterSet
    prefetch_related = ("people", "organisations")
    ordering_fields = ["occurred_on", "follow_up_on"]


class GroupMemberSerializer(ModelSerializer):
    class Meta:
        model = GroupMember
        fields = ["id", "person", "organisation", "role"]


class GroupSerializer(ModelSerializer):
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


# The resources of this app, collected by the API router (config.api).
ROUTES = [
    ("organisations", OrganisationViewSet, "organisation"),
    ("people", PersonViewSet, "person"),
    ("interactions", InteractionViewSet, "interaction"),
    ("groups", GroupViewSet, "group"),
]
