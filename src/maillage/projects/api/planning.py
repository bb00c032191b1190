"""API of the plan: `/api/activities`, `/api/tasks`, `/api/milestones`.

Officers and administrators write; a partner reads the plan of its projects and may
PATCH only the status and progress of the tasks it is assigned to. An item's
predecessors are written with it; a link that closes a loop, points to the item itself
or to another project is refused (400) and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request

from maillage.accounts.models import Role, User
from maillage.core.api import (
    DateRangeSerializerMixin,
    ModelSerializer,
    VisibleModelViewSet,
    refusals_as_400,
)
from maillage.core.api_settings import RolePermission
from maillage.core.concurrency import etag
from maillage.projects import planning
from maillage.projects.api.fields import VisibleProjectField
from maillage.projects.filters import PlanItemFilterSet
from maillage.projects.models import Activity, Milestone, PlanItem, Task
from maillage.projects.services import update_plan_item

PARTNER_FIELDS = frozenset({"status", "progress"})


class PredecessorSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="predecessor_id")
    lag_days = serializers.IntegerField(default=0, min_value=-3650, max_value=3650)


class PlanItemSerializer(DateRangeSerializerMixin, ModelSerializer):
    project = VisibleProjectField()
    assignees = serializers.PrimaryKeyRelatedField(
        many=True, queryset=User.objects.filter(is_active=True), required=False
    )
    predecessors = PredecessorSerializer(many=True, required=False, source="predecessor_links")
    late = serializers.SerializerMethodField()
    # No max_value here: the model's rule refuses above 100 with the page's message.
    progress = serializers.IntegerField(required=False, min_value=0)

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

    def validate_predecessors(self, links: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The ids of the items the user sees (parsing); the rules of the links (same
        project, no loop, each once) are the service's."""
        request = self.context.get("request")
        ids = [link["predecessor_id"] for link in links]
        found = PlanItem.objects.visible_to(getattr(request, "user", None)).in_bulk(ids)
        unknown = [pk for pk in ids if pk not in found]
        if unknown:
            raise serializers.ValidationError(
                _("Unknown plan item: %(pk)s.") % {"pk": ", ".join(map(str, unknown))}
            )
        return [{**link, "predecessor": found[link["predecessor_id"]]} for link in links]


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
        # A milestone's one day: its start is its date (the date range then holds).
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
    """What the plan's resources share: predecessors written with the item, the
    activity named `activity`, and `?shift=true` on a change of dates to push the items
    that depend on it (as the page's "save and shift")."""

    filterset_class = PlanItemFilterSet
    select_related = ("project",)
    prefetch_related = ("assignees", "predecessor_links")
    ordering_fields = ["title", "start_on", "end_on", "status", "progress"]
    # The list page's order (by due date), read from the same index; the model's own
    # order goes through the project and made the last page sort every item of a kind.
    ordering = ("end_on", "pk")

    def service_data(self, serializer: Any) -> dict[str, Any]:
        data = super().service_data(serializer)
        if "predecessor_links" in data:
            data["predecessors"] = [
                (link["predecessor"], link.get("lag_days", 0))
                for link in data.pop("predecessor_links")
            ]
        return data

    def perform_create(self, serializer: Any) -> None:
        with activity_named():
            super().perform_create(serializer)

    def perform_update(self, serializer: Any) -> None:
        with activity_named():
            if self.request.query_params.get("shift") not in ("1", "true", "yes"):
                super().perform_update(serializer)
                return
            with refusals_as_400():
                serializer.instance, _moved = update_plan_item(
                    item=serializer.instance,
                    data=self.service_data(serializer),
                    by=self.request.user,
                    version=self._if_match(serializer.instance),
                    shift=True,
                )
            self.headers_to_add = {"ETag": etag(serializer.instance)}


@contextmanager
def activity_named() -> Iterator[None]:
    """The API calls an item's activity `activity` (the model, `parent`)."""
    try:
        yield
    except serializers.ValidationError as error:
        if isinstance(error.detail, dict) and "parent" in error.detail:
            error.detail["activity"] = error.detail.pop("parent")
        raise


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
