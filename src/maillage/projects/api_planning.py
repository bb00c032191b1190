"""API of the plan: `/api/activities`, `/api/tasks`, `/api/milestones`.

Officers and administrators write; a partner reads the plan of its projects and may
PATCH only the status and progress of the tasks it is assigned to. An item's
predecessors are written with it; a link that closes a loop, points to the item itself
or to another project is refused (400) and nothing is saved.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request

from maillage.accounts.models import Role, User
from maillage.core.api import DateRangeSerializerMixin, VisibleModelViewSet
from maillage.core.api_settings import RolePermission
from maillage.projects import planning
from maillage.projects.api_risks_updates import VisibleProjectField
from maillage.projects.forms_planning import PlanItemFilterSet
from maillage.projects.models import (
    Activity,
    Dependency,
    Milestone,
    PlanItem,
    Task,
    check_dependency,
)

PARTNER_FIELDS = frozenset({"status", "progress"})


class PredecessorSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="predecessor_id")
    lag_days = serializers.IntegerField(default=0, min_value=-3650, max_value=3650)


class PlanItemSerializer(DateRangeSerializerMixin, serializers.ModelSerializer):
    project = VisibleProjectField()
    assignees = serializers.PrimaryKeyRelatedField(
        many=True, queryset=User.objects.filter(is_active=True), required=False
    )
    predecessors = PredecessorSerializer(many=True, required=False, source="predecessor_links")
    late = serializers.SerializerMethodField()

    class Meta:
        model = PlanItem
        fields = [
            "version", "id", "project", "title", "description", "start_on", "end_on", "status",
            "progress", "assignees", "organisation", "completed_on", "predecessors", "late",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["version", "completed_on", "created_at", "updated_at"]

    def get_late(self, obj: PlanItem) -> bool:
        return planning.is_late(obj, timezone.localdate())

    def validate_progress(self, value: int) -> int:
        if not 0 <= value <= 100:
            raise serializers.ValidationError(_("Progress is a percentage, from 0 to 100."))
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        instance = self.instance
        project = attrs.get("project", getattr(instance, "project", None))
        if instance is not None and "project" in attrs and attrs["project"] != instance.project:
            raise serializers.ValidationError(
                {"project": _("An item stays in its project; create a new one instead.")}
            )
        parent = attrs.get("parent", getattr(instance, "parent", None))
        if parent is not None and project is not None and parent.project_id != project.pk:
            raise serializers.ValidationError(
                {"activity": _("Choose an activity of the same project.")}
            )
        links = attrs.get("predecessor_links")
        if links is not None:
            attrs["predecessor_links"] = self._checked_predecessors(links, project)
        return attrs

    def _checked_predecessors(self, links: list[dict[str, Any]], project: Any) -> list[Any]:
        ids = [link["predecessor_id"] for link in links]
        if len(set(ids)) != len(ids):
            raise serializers.ValidationError(
                {"predecessors": _("An item is listed twice among the predecessors.")}
            )
        request = self.context.get("request")
        found = PlanItem.objects.visible_to(getattr(request, "user", None)).in_bulk(ids)
        checked = []
        for link in links:
            predecessor = found.get(link["predecessor_id"])
            if predecessor is None:
                raise serializers.ValidationError(
                    {
                        "predecessors": _("Unknown plan item: %(pk)s.")
                        % {"pk": link["predecessor_id"]}
                    }
                )
            try:
                if self.instance is not None:
                    check_dependency(predecessor, self.instance)
                elif project is not None and predecessor.project_id != project.pk:
                    # A new item has no successor yet: no loop possible, but the same project.
                    raise DjangoValidationError(_("Both items must belong to the same project."))
            except DjangoValidationError as error:
                raise serializers.ValidationError({"predecessors": error.messages}) from error
            checked.append((predecessor, link.get("lag_days", 0)))
        return checked

    def _save_predecessors(self, item: PlanItem, links: list[Any] | None) -> None:
        if links is None:
            return
        Dependency.objects.filter(successor=item).delete()
        for predecessor, lag in links:
            Dependency.objects.create(predecessor=predecessor, successor=item, lag_days=lag)

    @transaction.atomic
    def create(self, validated_data: dict[str, Any]) -> PlanItem:
        links = validated_data.pop("predecessor_links", None)
        item = super().create(validated_data)
        self._save_predecessors(item, links)
        return item

    @transaction.atomic
    def update(self, instance: PlanItem, validated_data: dict[str, Any]) -> PlanItem:
        links = validated_data.pop("predecessor_links", None)
        item = super().update(instance, validated_data)
        self._save_predecessors(item, links)
        return item


class ActivitySerializer(PlanItemSerializer):
    class Meta(PlanItemSerializer.Meta):
        model = Activity


class TaskSerializer(PlanItemSerializer):
    activity = serializers.PrimaryKeyRelatedField(
        source="parent", queryset=Activity.objects.all(), required=True
    )

    class Meta(PlanItemSerializer.Meta):
        model = Task
        fields = [
            *PlanItemSerializer.Meta.fields[:3],
            "activity",
            *PlanItemSerializer.Meta.fields[3:],
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        self.fields["activity"].queryset = Activity.objects.visible_to(
            getattr(request, "user", None)
        )


class MilestoneSerializer(PlanItemSerializer):
    activity = serializers.PrimaryKeyRelatedField(
        source="parent", queryset=Activity.objects.all(), required=False, allow_null=True
    )

    class Meta(PlanItemSerializer.Meta):
        model = Milestone
        fields = [
            "version", "id", "project", "activity", "title", "description", "end_on", "start_on",
            "status", "organisation", "completed_on", "predecessors", "late", "created_at",
            "updated_at",
        ]  # fmt: skip
        read_only_fields = ["version", "start_on", "completed_on", "created_at", "updated_at"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        self.fields["activity"].queryset = Activity.objects.visible_to(
            getattr(request, "user", None)
        )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "end_on" in attrs:
            attrs["start_on"] = attrs["end_on"]
        return super().validate(attrs)


class PlanPermission(RolePermission):
    """Staff who write change the plan; a partner PATCHes the status and progress of a
    task it is assigned to, nothing else."""

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        if request.method in SAFE_METHODS or super().has_object_permission(request, view, obj):
            return True
        user = request.user
        if getattr(view, "partner_may_tick", False) and request.method == "PATCH":
            if getattr(user, "role", None) != Role.PARTNER:
                return False
            if not set(request.data) <= PARTNER_FIELDS:
                raise PermissionDenied(_("A partner may change only the status and progress."))
            return obj.assignees.filter(pk=user.pk).exists()
        return False


class PlanItemViewSet(VisibleModelViewSet):
    filterset_class = PlanItemFilterSet
    select_related = ("project",)
    prefetch_related = ("assignees", "predecessor_links")
    ordering_fields = ["title", "start_on", "end_on", "status", "progress"]


class ActivityViewSet(PlanItemViewSet):
    """Activities of the projects the user sees."""

    model = Activity
    serializer_class = ActivitySerializer


class TaskViewSet(PlanItemViewSet):
    """Tasks of the projects the user sees; a partner ticks those assigned to it."""

    model = Task
    serializer_class = TaskSerializer
    select_related = ("project", "parent")
    permission_classes = [PlanPermission]
    partner_may_tick = True


class MilestoneViewSet(PlanItemViewSet):
    """Milestones of the projects the user sees."""

    model = Milestone
    serializer_class = MilestoneSerializer
    select_related = ("project", "parent")


# (URL segment, viewset, basename), appended to projects/api.py's ROUTES.
ROUTES = [
    ("activities", ActivityViewSet, "activity"),
    ("tasks", TaskViewSet, "task"),
    ("milestones", MilestoneViewSet, "milestone"),
]
