from rest_framework import serializers

from maillage.core.api import VisibleModelViewSet
from maillage.core.dates import END_BEFORE_START, end_before_start
from maillage.projects.filters import ProjectFilterSet
from maillage.projects.models import Project, ProjectPartner


class ProjectPartnerSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = ProjectPartner
        fields = ["organisation", "organisation_name", "role"]


class ProjectSerializer(serializers.ModelSerializer):
    partners = ProjectPartnerSerializer(many=True, read_only=True)

    class Meta:
        model = Project
        fields = [
            "version",
            "id",
            "code",
            "title",
            "title_en",
            "summary",
            "status",
            "country",
            "start_on",
            "end_on",
            "budget",
            "currency",
            "owner",
            "partners",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]

    def validate(self, attrs):  # type: ignore[no-untyped-def]
        start = attrs.get("start_on", getattr(self.instance, "start_on", None))
        end = attrs.get("end_on", getattr(self.instance, "end_on", None))
        if end_before_start(start, end):
            raise serializers.ValidationError({"end_on": END_BEFORE_START})
        return attrs


class ProjectViewSet(VisibleModelViewSet):
    """Cooperation projects; a partner sees only the projects it is a member of."""

    model = Project
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet
    select_related = ("owner",)
    prefetch_related = ("partners__organisation",)
    ordering_fields = ["code", "title", "start_on", "end_on", "status"]


# (URL segment, viewset, basename), registered by config/api.py.
ROUTES = [
    ("projects", ProjectViewSet, "project"),
]
