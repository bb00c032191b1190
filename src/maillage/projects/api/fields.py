"""Serializer fields shared by the projects area's API."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from maillage.projects.models import Project


class VisibleProjectField(serializers.PrimaryKeyRelatedField):
    """A project the requesting user sees; any other id is "unknown" (400), never a hint
    that it exists."""

    default_error_messages = {
        "does_not_exist": _("Unknown project, or one you are not a member of: {pk_value}."),
        "incorrect_type": _("A project is given by its id (a number), not {data_type}."),
    }

    def get_queryset(self) -> Any:
        request = self.context.get("request")
        return Project.objects.visible_to(getattr(request, "user", None))
