"""API resources of calls and applications (`/api/calls`, `/api/applications`).

Writes go through the same services as the pages: an application's status moves along
the same transitions, and submitting with a required document not ready needs `reason`
(kept as the history's change reason)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from maillage.core.api import ModelSerializer, VisibleModelViewSet
from maillage.funding.filters.calls import ApplicationFilterSet, CallFilterSet
from maillage.funding.models import Application, Call, CallAttachment, CallDocument, ChecklistItem
from maillage.funding.services.calls import REASON


@extend_schema_field(
    {
        "type": "string",
        "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",
        "example": "12:00",
    }
)
class WallClockTimeField(serializers.TimeField):
    """A time of day on the wall clock of the deadline's own time zone (`deadline_tz`):
    "HH:MM", without an offset (the zone says it)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class CallAttachmentSerializer(ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = CallAttachment
        fields = ["id", "title", "url"]


class CallDocumentSerializer(ModelSerializer):
    class Meta:
        model = CallDocument
        fields = ["id", "name", "required", "position"]


class CallSerializer(ModelSerializer):
    deadline_time = WallClockTimeField(required=False)
    deadline_at = serializers.DateTimeField(read_only=True)
    attachments = CallAttachmentSerializer(many=True, read_only=True)
    documents = CallDocumentSerializer(many=True, read_only=True)

    class Meta:
        model = Call
        fields = [
            "version",
            "id",
            "instrument",
            "title",
            "reference",
            "published_on",
            "deadline_on",
            "deadline_time",
            "deadline_tz",
            "deadline_at",
            "url",
            "text",
            "attachments",
            "documents",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]


class ChecklistItemSerializer(ModelSerializer):
    class Meta:
        model = ChecklistItem
        fields = ["id", "name", "required", "provided_by", "state", "position"]


class ApplicationSerializer(ModelSerializer):
    checklist = ChecklistItemSerializer(many=True, read_only=True)
    reason = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=500,
        help_text="Why, when a status change needs one (submitting with a required "
        "document not ready); kept in the history.",
    )

    class Meta:
        model = Application
        fields = [
            "version",
            "id",
            "call",
            "project",
            "idea_title",
            "status",
            "requested_amount",
            "currency",
            "owner",
            "submitted_on",
            "decided_on",
            "notes",
            "checklist",
            REASON,
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "submitted_on", "decided_on", "created_at", "updated_at"]


class CallViewSet(VisibleModelViewSet):
    """Calls for proposals with their attachments and required documents (internal:
    partners see none)."""

    model = Call
    serializer_class = CallSerializer
    filterset_class = CallFilterSet
    prefetch_related = ("attachments", "documents")
    ordering_fields = ["deadline_at", "published_on", "title"]


class ApplicationViewSet(VisibleModelViewSet):
    """Applications with their checklist; PATCH `status` (with `reason` when required
    documents are not ready) moves one through the same service as the board."""

    model = Application
    serializer_class = ApplicationSerializer
    filterset_class = ApplicationFilterSet
    select_related = ("call", "project")
    prefetch_related = ("checklist",)
    ordering_fields = ["status", "created_at", "requested_amount"]
