"""API resources of meetings (`/api/meetings`, invitees nested: `invitees`, when sent,
replaces the list through MeetingService; `ics` downloads the invitation; `slots`
proposes the best slots of a week for the invitees) and action items
(`/api/action-items`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from maillage.actors.models.people import timezone_choices
from maillage.core.api import ModelSerializer, VisibleModelViewSet
from maillage.missions.filters.meetings import ActionItemFilterSet, MeetingFilterSet
from maillage.missions.invitations import meeting_calendar
from maillage.missions.models import ActionItem, Invitee, Meeting
from maillage.missions.selectors.meetings import meeting_participants
from maillage.missions.services.meetings import INVITEES
from maillage.missions.slots import find_slots, week_start


class InviteeSerializer(ModelSerializer):
    class Meta:
        model = Invitee
        fields = ["person", "organisation", "attendance", "note"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if bool(attrs.get("person")) == bool(attrs.get("organisation")):
            raise serializers.ValidationError(
                {"person": _("Choose either a person or an organisation.")}
            )
        return attrs


class MeetingSerializer(ModelSerializer):
    invitees = InviteeSerializer(many=True, required=False)

    class Meta:
        model = Meeting
        fields = [
            "version",
            "id",
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "timezone",
            "place",
            "video_url",
            "projects",
            "group",
            "partnership",
            "organiser",
            "agenda",
            "minutes",
            "decisions",
            INVITEES,
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]


class SlotQuerySerializer(serializers.Serializer):
    week = serializers.DateField(required=False)
    duration = serializers.IntegerField(min_value=15, max_value=600, default=60)
    step = serializers.ChoiceField(choices=[15, 30, 60], default=30)
    timezone = serializers.ChoiceField(choices=timezone_choices(), required=False)


class MeetingViewSet(VisibleModelViewSet):
    """Meetings with their invitees and attendance (a partner sees those of its projects
    and those it is invited to)."""

    model = Meeting
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet
    prefetch_related = (
        "projects",
        Prefetch("invitees", queryset=Invitee.objects.order_by("pk")),
    )
    ordering_fields = ["starts_at", "title", "kind"]

    def service_data(self, serializer: Any) -> dict[str, Any]:
        data = dict(serializer.validated_data)
        if INVITEES in data:
            data[INVITEES] = [dict(row) for row in data[INVITEES]]
        return data

    @extend_schema(responses={(200, "text/calendar"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path="ics")
    def ics(self, request: Request, pk: Any = None) -> HttpResponse:
        """The meeting's invitation as iCalendar, in the meeting's time zone."""
        meeting: Meeting = self.get_object()
        invitees = Invitee.objects.filter(meeting=meeting).select_related("person", "organisation")
        if not request.user.is_internal:  # type: ignore[union-attr]  # authenticated
            invitees = invitees.filter(person__user=request.user)
        response = HttpResponse(meeting_calendar(meeting, invitees), content_type="text/calendar")
        response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
        return response

    @extend_schema(
        parameters=[
            OpenApiParameter("week", OpenApiTypes.DATE),
            OpenApiParameter("duration", OpenApiTypes.INT),
            OpenApiParameter("step", OpenApiTypes.INT),
            OpenApiParameter("timezone", OpenApiTypes.STR),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    @action(detail=True, methods=["get"], url_path="slots")
    def slots(self, request: Request, pk: Any = None) -> Response:
        """The best slots of a week (Monday of `week`, default the meeting's) inside
        every invitee's working hours, with each one's local time."""
        meeting: Meeting = self.get_object()
        if not getattr(request.user, "is_internal", False):
            # The staff's tool: it names every invitee and their hours.
            raise PermissionDenied()
        query = SlotQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        tz = params.get("timezone") or meeting.timezone or settings.TIME_ZONE
        who = meeting_participants(meeting)
        found = find_slots(
            who,
            monday=week_start(params.get("week") or meeting.starts_local.date()),
            duration=dt.timedelta(minutes=params["duration"]),
            step=dt.timedelta(minutes=int(params["step"])),
            tz=tz,
        )
        return Response(
            {
                "timezone": tz,
                "participants": [{"key": p.key, "name": p.name, "timezone": p.tz} for p in who],
                "slots": [
                    {
                        "start": slot.start.isoformat(),
                        "end": slot.end.isoformat(),
                        "local": [
                            {"key": p.key, "start": start.isoformat(), "end": end.isoformat()}
                            for p, start, end in slot.local
                        ],
                    }
                    for slot in found
                ],
            }
        )


class ActionItemSerializer(ModelSerializer):
    class Meta:
        model = ActionItem
        fields = [
            "version",
            "id",
            "title",
            "description",
            "owner_user",
            "owner_person",
            "due_on",
            "status",
            "done_on",
            "meeting",
            "mission",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]


class ActionItemViewSet(VisibleModelViewSet):
    """Action items (seen by their owner and the staff)."""

    model = ActionItem
    serializer_class = ActionItemSerializer
    filterset_class = ActionItemFilterSet
    ordering_fields = ["due_on", "status", "title"]
