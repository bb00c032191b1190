"""The team's API resources, registered by config/api.py: staff (`/api/staff`, with
their assignments), leave (`/api/leave`: PATCH `status` approves or refuses, through
`LeaveService.decide`, for administrators and the manager), training sessions
(`/api/trainings`, participants nested: given whole, they replace the list) and
training needs (`/api/training-needs`). Internal: partners get empty lists and 404."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from maillage.core.api import ModelSerializer, VisibleModelViewSet, refusals_as_400
from maillage.team.filters import (
    LeaveFilterSet,
    StaffMemberFilterSet,
    TrainingNeedFilterSet,
    TrainingSessionFilterSet,
)
from maillage.team.models import (
    Assignment,
    Leave,
    LeaveStatus,
    StaffMember,
    TrainingNeed,
    TrainingParticipant,
    TrainingSession,
)
from maillage.team.services.staff import LeaveService
from maillage.team.services.training import PARTICIPANTS

NEW_LEAVE_IS_REQUESTED = _("A new leave is requested; it is approved or refused afterwards.")


class AssignmentSerializer(ModelSerializer):
    class Meta:
        model = Assignment
        fields = ["id", "project", "share", "start_on", "end_on"]


class StaffMemberSerializer(ModelSerializer):
    assignments = AssignmentSerializer(many=True, read_only=True)

    class Meta:
        model = StaffMember
        fields = [
            "version",
            "id",
            "person",
            "user",
            "kind",
            "employer",
            "post",
            "base_location",
            "country",
            "manager",
            "start_on",
            "end_on",
            "renewable",
            "notes",
            "assignments",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]


class StaffMemberViewSet(VisibleModelViewSet):
    """Staff and volunteers, with their assignments (internal)."""

    model = StaffMember
    serializer_class = StaffMemberSerializer
    filterset_class = StaffMemberFilterSet
    prefetch_related = ("assignments",)
    ordering_fields = ["start_on", "end_on", "post"]


class LeaveSerializer(ModelSerializer):
    status = serializers.ChoiceField(choices=LeaveStatus.choices, required=False)

    class Meta:
        model = Leave
        fields = [
            "version",
            "id",
            "staff",
            "kind",
            "start_on",
            "end_on",
            "status",
            "decided_by",
            "decided_at",
            "note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "decided_by", "decided_at", "created_at", "updated_at"]


class LeaveViewSet(VisibleModelViewSet):
    """Leave; a new one is requested; PATCH `status` decides it (LeaveService.decide)."""

    model = Leave
    serializer_class = LeaveSerializer
    filterset_class = LeaveFilterSet
    select_related = ("staff__person",)
    ordering_fields = ["start_on", "end_on", "status"]

    def perform_create(self, serializer: Any) -> None:
        status = serializer.validated_data.pop("status", None)
        if status not in (None, LeaveStatus.REQUESTED):
            raise serializers.ValidationError({"status": [NEW_LEAVE_IS_REQUESTED]})
        super().perform_create(serializer)

    def perform_update(self, serializer: Any) -> None:
        status = serializer.validated_data.pop("status", None)
        # A change and a decision sent together stand or fall together.
        with transaction.atomic():
            if serializer.validated_data:
                super().perform_update(serializer)
            if status is not None and status != serializer.instance.status:
                with refusals_as_400():
                    serializer.instance = LeaveService.decide(
                        leave=serializer.instance, status=status, by=self.request.user
                    )


class ParticipantSerializer(ModelSerializer):
    class Meta:
        model = TrainingParticipant
        fields = ["person", "attended", "skills_gained"]


class TrainingSessionSerializer(ModelSerializer):
    participants = ParticipantSerializer(many=True, required=False)

    class Meta:
        model = TrainingSession
        fields = [
            "version",
            "id",
            "title",
            "kind",
            "objectives",
            "trainers",
            "start_on",
            "end_on",
            "place",
            "online",
            "project",
            "skills",
            PARTICIPANTS,
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]


class TrainingSessionViewSet(VisibleModelViewSet):
    """Training sessions with their participants (internal)."""

    model = TrainingSession
    serializer_class = TrainingSessionSerializer
    filterset_class = TrainingSessionFilterSet
    prefetch_related = ("trainers", "participants")
    ordering_fields = ["start_on", "title"]

    def service_data(self, serializer: Any) -> dict[str, Any]:
        data = dict(serializer.validated_data)
        if PARTICIPANTS in data:
            data[PARTICIPANTS] = [dict(row) for row in data[PARTICIPANTS]]
        return data


class TrainingNeedSerializer(ModelSerializer):
    class Meta:
        model = TrainingNeed
        fields = [
            "version",
            "id",
            "person",
            "topic",
            "priority",
            "noted_on",
            "note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]


class TrainingNeedViewSet(VisibleModelViewSet):
    """Training needs (internal)."""

    model = TrainingNeed
    serializer_class = TrainingNeedSerializer
    filterset_class = TrainingNeedFilterSet
    select_related = ("person",)
    ordering_fields = ["noted_on", "priority"]


ROUTES: list[tuple[str, Any, str]] = [
    ("staff", StaffMemberViewSet, "staffmember"),
    ("leave", LeaveViewSet, "leave"),
    ("trainings", TrainingSessionViewSet, "trainingsession"),
    ("training-needs", TrainingNeedViewSet, "trainingneed"),
]
