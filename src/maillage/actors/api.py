from rest_framework import serializers

from maillage.actors.filters import OrganisationFilterSet
from maillage.actors.models import Organisation
from maillage.core.api import VisibleModelViewSet


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "acronym",
            "type",
            "country",
            "departement",
            "city",
            "website",
            "is_active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class OrganisationViewSet(VisibleModelViewSet):
    """Organisations: local authorities, associations, universities, donors…"""

    model = Organisation
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet
    ordering_fields = ["name", "type", "country", "departement"]
