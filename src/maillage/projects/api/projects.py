"""The API of projects and their hierarchy (strategies, programmes). A project's DAC
sectors are written with it, all together: they sum to 100, each once."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from maillage.core.api import DateRangeSerializerMixin, ModelSerializer, VisibleModelViewSet
from maillage.core.models import CodelistItem
from maillage.projects.filters import ProgrammeFilterSet, ProjectFilterSet, StrategyFilterSet
from maillage.projects.models import (
    Programme,
    Project,
    ProjectLocation,
    ProjectPartner,
    ProjectPolicyMarker,
    ProjectSector,
    Strategy,
)


class StrategySerializer(DateRangeSerializerMixin, ModelSerializer):
    class Meta:
        model = Strategy
        fields = [
            "version", "id", "title", "owner_organisation", "description", "start_on", "end_on",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["version", "created_at", "updated_at"]


class ProgrammeSerializer(DateRangeSerializerMixin, ModelSerializer):
    class Meta:
        model = Programme
        fields = [
            "version", "id", "strategy", "code", "title", "description", "start_on", "end_on",
            "owner", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["version", "created_at", "updated_at"]


class ProjectPartnerSerializer(ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = ProjectPartner
        fields = ["organisation", "organisation_name", "role", "share"]


class ProjectSectorSerializer(ModelSerializer):
    code = serializers.SlugRelatedField(
        source="sector", slug_field="code", queryset=CodelistItem.objects.of("Sector")
    )
    name = serializers.CharField(source="sector.name", read_only=True)

    class Meta:
        model = ProjectSector
        fields = ["code", "name", "percentage"]


class ProjectLocationSerializer(ModelSerializer):
    class Meta:
        model = ProjectLocation
        fields = ["name", "country", "latitude", "longitude", "description"]


class ProjectPolicyMarkerSerializer(ModelSerializer):
    marker = serializers.CharField(source="marker.code", read_only=True)
    significance = serializers.CharField(source="significance.code", read_only=True)

    class Meta:
        model = ProjectPolicyMarker
        fields = ["marker", "significance"]


class ProjectSerializer(ModelSerializer):
    partners = ProjectPartnerSerializer(many=True, read_only=True)
    sectors = ProjectSectorSerializer(many=True, required=False)
    locations = ProjectLocationSerializer(many=True, read_only=True)
    policy_markers = ProjectPolicyMarkerSerializer(many=True, read_only=True)
    iati_activity_status = serializers.CharField(read_only=True)

    class Meta:
        model = Project
        fields = [
            "version",
            "id",
            "programme",
            "code",
            "title",
            "title_en",
            "summary",
            "summary_en",
            "status",
            "iati_activity_status",
            "country",
            "start_on",
            "end_on",
            "actual_start_on",
            "actual_end_on",
            "budget",
            "currency",
            "owner",
            "partners",
            "sectors",
            "locations",
            "policy_markers",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]


class StrategyViewSet(VisibleModelViewSet):
    """Strategies and action plans (internal: partners see none)."""

    model = Strategy
    serializer_class = StrategySerializer
    filterset_class = StrategyFilterSet
    ordering_fields = ["title", "start_on", "end_on"]


class ProgrammeViewSet(VisibleModelViewSet):
    """Programmes of a strategy (internal: partners see none)."""

    model = Programme
    serializer_class = ProgrammeSerializer
    filterset_class = ProgrammeFilterSet
    ordering_fields = ["code", "title", "start_on", "end_on"]


class ProjectViewSet(VisibleModelViewSet):
    """Cooperation projects; a partner sees only the projects it is a member of."""

    model = Project
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet
    select_related = ("owner",)
    prefetch_related = (
        "partners__organisation",
        "sectors__sector",
        "locations",
        "policy_markers__marker",
        "policy_markers__significance",
    )
    ordering_fields = ["code", "title", "start_on", "end_on", "status"]

    def service_data(self, serializer: Any) -> dict[str, Any]:
        data = super().service_data(serializer)
        if "sectors" in data:
            data["sectors"] = [(row["sector"], row["percentage"]) for row in data["sectors"]]
        return data
