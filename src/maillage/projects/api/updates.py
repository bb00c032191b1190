"""API of field updates (`/api/updates`): partners also write, on their own projects
only, and change only what they wrote; the author is whoever recorded it (the service
says so, for every door)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request

from maillage.accounts.models import Role
from maillage.core.access import can_write
from maillage.core.api import ModelSerializer, VisibleModelViewSet
from maillage.core.api_settings import RolePermission
from maillage.core.sanitize import sanitize_html
from maillage.projects.api.fields import VisibleProjectField
from maillage.projects.filters import FieldUpdateFilterSet
from maillage.projects.models import IMAGE_CONTENT_TYPES, FieldUpdate, UpdateAttachment
from maillage.projects.permissions import may_change_update


class UpdateAttachmentSerializer(ModelSerializer):
    download_url = serializers.SerializerMethodField()
    image_url = serializers.SerializerMethodField()

    class Meta:
        model = UpdateAttachment
        fields = [
            "id",
            "kind",
            "original_name",
            "content_type",
            "size",
            "caption",
            "download_url",
            "image_url",
        ]
        read_only_fields = fields

    def _absolute(self, name: str, obj: UpdateAttachment) -> str:
        url = reverse(name, args=[obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url

    def get_download_url(self, obj: UpdateAttachment) -> str:
        return self._absolute("projects:updateattachment_download", obj)

    def get_image_url(self, obj: UpdateAttachment) -> str | None:
        if obj.content_type not in IMAGE_CONTENT_TYPES:
            return None
        return self._absolute("projects:updateattachment_image", obj)


class FieldUpdateSerializer(ModelSerializer):
    project = VisibleProjectField()
    author = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    author_name = serializers.SerializerMethodField()
    body_html = serializers.SerializerMethodField()
    attachments = UpdateAttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = FieldUpdate
        fields = [
            "version",
            "id",
            "project",
            "occurred_on",
            "title",
            "body",
            "body_html",
            "author",
            "author_name",
            "is_public",
            "attachments",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]

    def get_author_name(self, obj: FieldUpdate) -> str:
        return str(obj.author) if obj.author_id else ""

    def get_body_html(self, obj: FieldUpdate) -> str:
        """The text as safe HTML: Markdown rendered and sanitised when it was saved,
        sanitised again on the way out (cheap, and whatever wrote the column)."""
        return sanitize_html(obj.body_html)


class FieldUpdatePermission(RolePermission):
    """The role check, then: a partner changes only the updates it wrote."""

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return can_write(request.user, view.write_roles) and may_change_update(obj, request.user)


class FieldUpdateViewSet(VisibleModelViewSet):
    """Field updates of the projects the user sees; partners write on their own projects."""

    model = FieldUpdate
    serializer_class = FieldUpdateSerializer
    filterset_class = FieldUpdateFilterSet
    permission_classes = [FieldUpdatePermission]
    write_roles = frozenset({Role.ADMIN, Role.OFFICER, Role.PARTNER})
    select_related = ("project", "author")
    prefetch_related = ("attachments",)
    ordering_fields = ["occurred_on", "title"]
