"""API resource of missions (`/api/missions`), with their participants, legs, agenda,
emergency contacts and budget lines to read (budget lines are written on the mission's
page, through MissionCostService). Writes go through MissionService like the pages: the status
moves only through `POST /api/missions/{id}/status` (confirming a mission to an orange or
red zone without approval is a 400 naming `status`), and an approver decides through
`POST /api/missions/{id}/approval`."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from maillage.accounts.models import Role
from maillage.core.access import can_write, hide_unseen
from maillage.core.api import ModelSerializer, VisibleModelViewSet, refusals_as_400
from maillage.missions.filters.missions import (
    MissionApproverFilterSet,
    MissionFilterSet,
    PerDiemRateFilterSet,
)
from maillage.missions.models import (
    AgendaItem,
    ApprovalDecision,
    EmergencyContact,
    ItineraryLeg,
    Mission,
    MissionApprover,
    MissionCost,
    MissionParticipant,
    MissionStatus,
    PerDiemRate,
)
from maillage.missions.services.missions import MissionService
from maillage.projects.models import Project


class MissionParticipantSerializer(ModelSerializer):
    name = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = MissionParticipant
        fields = ["id", "name", "person", "user", "role", "passport_expires_on"]


class ItineraryLegSerializer(ModelSerializer):
    class Meta:
        model = ItineraryLeg
        fields = [
            "id",
            "from_place",
            "departure_on",
            "departure_time",
            "departure_tz",
            "departs_at",
            "to_place",
            "arrival_on",
            "arrival_time",
            "arrival_tz",
            "arrives_at",
            "transport",
            "reference",
        ]


class MissionAgendaItemSerializer(ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "starts_on", "starts_time", "place", "subject", "people"]


class EmergencyContactSerializer(ModelSerializer):
    class Meta:
        model = EmergencyContact
        fields = ["id", "kind", "name", "phone", "email"]


class MissionBudgetLineSerializer(ModelSerializer):
    """A line of the mission's budget; `amount` is quantity × unit amount (the service
    keeps it), `rate` the per-diem rate it took, `expense` the finance expense it became."""

    expense = serializers.SerializerMethodField()

    class Meta:
        model = MissionCost
        fields = [
            "id",
            "kind",
            "label",
            "quantity",
            "unit_amount",
            "currency",
            "amount",
            "rate",
            "expense",
        ]

    def get_expense(self, cost: MissionCost) -> int | None:
        """The expense's id; null when there is none or the reader may not open it (the
        viewset hides it, as the page does)."""
        if MissionCost.expense.is_cached(cost) and not cost.expense:
            return None
        return cost.expense_id


class MissionSerializer(ModelSerializer):
    participants = MissionParticipantSerializer(many=True, read_only=True)
    legs = ItineraryLegSerializer(many=True, read_only=True)
    agenda = MissionAgendaItemSerializer(many=True, read_only=True)
    emergency_contacts = EmergencyContactSerializer(many=True, read_only=True)
    budget_lines = MissionBudgetLineSerializer(source="costs", many=True, read_only=True)

    class Meta:
        model = Mission
        fields = [
            "version",
            "id",
            "title",
            "purpose",
            "direction",
            "status",
            "projects",
            "partnership",
            "organiser",
            "departure_on",
            "return_on",
            "country",
            "city",
            "timezone",
            "risk_level",
            "risk_assessed_on",
            "risk_source",
            "report",
            "decisions",
            "participants",
            "legs",
            "agenda",
            "emergency_contacts",
            "budget_lines",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "status", "organiser", "created_at", "updated_at"]


class MissionStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=MissionStatus.choices)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


class ApprovalDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=ApprovalDecision.choices)
    reason = serializers.CharField(max_length=2000)


# A participant's person as the list reads it: its name only (`MissionParticipant.__str__`).
PERSON_UNREAD = ("notes", "search_text")


class MissionViewSet(VisibleModelViewSet):
    """Missions with their participants, legs, agenda, emergency contacts and budget lines
    (internal: a partner sees those it takes part in or of its projects)."""

    model = Mission
    serializer_class = MissionSerializer
    filterset_class = MissionFilterSet
    select_related = ("partnership",)
    # The list gives the projects' ids and each participant's name: their other columns
    # (a project's or a person's search text and notes) are not read.
    prefetch_related = (
        Prefetch("projects", queryset=Project.objects.only("pk")),
        Prefetch(
            "participants",
            queryset=MissionParticipant.objects.select_related("person", "user")
            .defer(*(f"person__{name}" for name in PERSON_UNREAD))
            .order_by("pk"),
        ),
        "legs",
        "agenda",
        "emergency_contacts",
        Prefetch("costs", queryset=MissionCost.objects.order_by("kind", "pk")),
    )
    ordering_fields = ["departure_on", "return_on", "title", "status"]

    def get_serializer(self, *args: Any, **kwargs: Any) -> Any:
        """A partner reads a participant's name, and a budget line's expense, only when it
        may open the person or the expense (the page's rule): one query each for the whole
        page of missions, none for staff."""
        if args and not getattr(self.request.user, "is_internal", False):
            missions = args[0] if isinstance(args[0], list | tuple) else [args[0]]
            missions = [m for m in missions if isinstance(m, Mission)]
            participants = [p for m in missions for p in m.participants.all()]
            hide_unseen(self.request.user, participants, "person")
            hide_unseen(self.request.user, [c for m in missions for c in m.costs.all()], "expense")
        return super().get_serializer(*args, **kwargs)

    def _writable(self) -> Mission:
        mission: Mission = self.get_object()
        if not can_write(self.request.user):
            raise PermissionDenied()
        return mission

    @extend_schema(request=MissionStatusSerializer, responses=MissionSerializer)
    @action(detail=True, methods=["post"], url_path="status")
    def move(self, request: Request, pk: Any = None) -> Response:
        """Move the mission to another status (MissionService.move)."""
        mission = self._writable()
        parsed = MissionStatusSerializer(data=request.data)
        parsed.is_valid(raise_exception=True)
        with refusals_as_400():
            MissionService.move(
                mission=mission,
                to=parsed.validated_data["status"],
                reason=parsed.validated_data.get("reason", ""),
                by=request.user,
            )
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(request=ApprovalDecisionSerializer, responses=MissionSerializer)
    @action(detail=True, methods=["post"], url_path="approval")
    def approval(self, request: Request, pk: Any = None) -> Response:
        """An approver's decision (approved or refused, with the reason)."""
        mission: Mission = self.get_object()
        if not getattr(request.user, "is_internal", False):
            raise PermissionDenied()
        parsed = ApprovalDecisionSerializer(data=request.data)
        parsed.is_valid(raise_exception=True)
        with refusals_as_400():
            MissionService.decide_approval(
                mission=mission,
                decision=parsed.validated_data["decision"],
                reason=parsed.validated_data["reason"],
                by=request.user,
            )
        return Response(self.get_serializer(self.get_object()).data)


class PerDiemRateSerializer(ModelSerializer):
    class Meta:
        model = PerDiemRate
        fields = ["id", "country", "amount", "currency", "valid_from", "source"]


class PerDiemRateViewSet(VisibleModelViewSet):
    """The per-diem rate table by country (staff read it, administrators write it)."""

    model = PerDiemRate
    serializer_class = PerDiemRateSerializer
    filterset_class = PerDiemRateFilterSet
    write_roles = frozenset({Role.ADMIN})
    ordering_fields = ["country", "valid_from"]


class MissionApproverSerializer(ModelSerializer):
    class Meta:
        model = MissionApprover
        fields = ["id", "user", "note"]


class MissionApproverViewSet(VisibleModelViewSet):
    """Who approves missions to orange or red zones (administrators designate them)."""

    model = MissionApprover
    serializer_class = MissionApproverSerializer
    filterset_class = MissionApproverFilterSet
    write_roles = frozenset({Role.ADMIN})
    select_related = ("user",)
