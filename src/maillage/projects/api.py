"""The API of projects and their hierarchy; planning, risks and updates have their own
modules (api_planning.py, api_risks_updates.py)."""

from rest_framework import serializers

from maillage.core.api import DateRangeSerializerMixin, VisibleModelViewSet
from maillage.core.dates import END_BEFORE_START, end_before_start
from maillage.projects.api_planning import ROUTES as PLANNING_ROUTES
from maillage.projects.api_risks_updates import ROUTES as RISK_UPDATE_ROUTES
from maillage.projects.filters import ProjectFilterSet
from maillage.projects.models import (
    Programme,
    Project,
    ProjectLocation,
    ProjectPartner,
    ProjectPolicyMarker,
    ProjectSector,
    Strategy,
)


class StrategySerializer(DateRangeSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = Strategy
        fields = [
            "version", "id", "title", "owner_organisation", "description", "start_on", "end_on",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["version", "created_at", "updated_at"]


class ProgrammeSerializer(DateRangeSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = Programme
        fields = [
            "version", "id", "strategy", "code", "title", "description", "start_on", "end_on",
            "owner", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["version", "created_at", "updated_at"]


class ProjectPartnerSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = ProjectPartner
        fields = ["organisation", "organisation_name", "role", "share"]


class ProjectSectorSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="sector.code", read_only=True)
    name = serializers.CharField(source="sector.name", read_only=True)

    class Meta:
        model = ProjectSector
        fields = ["code", "name", "percentage"]


class ProjectLocationSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProjectLocation
        fields = ["name", "country", "latitude", "longitude", "description"]


class ProjectPolicyMarkerSerializer(serializers.ModelSerializer):
    marker = serializers.CharField(source="marker.code", read_only=True)
    significance = serializers.CharField(source="significance.code", read_only=True)

    class Meta:
        model = ProjectPolicyMarker
        fields = ["marker", "significance"]


class ProjectSerializer(serializers.ModelSerializer):
    partners = ProjectPartnerSerializer(many=True, read_only=True)
    sectors = ProjectSectorSerializer(many=True, read_only=True)
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

    def validate(self, attrs):  # type: ignore[no-untyped-def]
        for start_name, end_name in (("start_on", "end_on"), ("actual_start_on", "actual_end_on")):
            start = attrs.get(start_name, getattr(self.instance, start_name, None))
            end = attrs.get(end_name, getattr(self.instance, end_name, None))
            if end_before_start(start, end):
                raise serializers.ValidationError({end_name: END_BEFORE_START})
        return attrs


class StrategyViewSet(VisibleModelViewSet):
    """Strategies and action plans (internal: partners see none)."""

    model = Strategy
    serializer_class = StrategySerializer
    ordering_fields = ["title", "start_on", "end_on"]


class ProgrammeViewSet(VisibleModelViewSet):
    """Programmes of a strategy (internal: partners see none)."""

    model = Programme
    serializer_class = ProgrammeSerializer
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


# (URL segment, viewset, basename), registered by config/api.py.
ROUTES = [
    ("strategies", StrategyViewSet, "strategy"),
    ("programmes", ProgrammeViewSet, "programme"),
    ("projects", ProjectViewSet, "project"),
    *PLANNING_ROUTES,
    *RISK_UPDATE_ROUTES,
]
