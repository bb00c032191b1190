"""Reads and rules of field updates reused by the pages, the API and the project overview."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from maillage.core.access import can_write
from maillage.projects.models import FieldUpdate, UpdateAttachment

IMAGE_CONTENT_TYPES = frozenset({"image/jpeg", "image/png", "image/webp"})


def may_change_update(update: FieldUpdate, user: Any) -> bool:
    """Staff who write edit every update; a partner edits only the ones it wrote."""
    if can_write(user):
        return True
    return bool(getattr(user, "is_authenticated", False)) and update.author_id == user.pk


def timeline(project: Any, user: Any) -> QuerySet[FieldUpdate]:
    """The project's updates `user` sees, newest first, with author and attachments."""
    return (
        FieldUpdate.objects.visible_to(user)
        .filter(project=project)
        .select_related("author")
        .prefetch_related(Prefetch("attachments", queryset=UpdateAttachment.objects.order_by("pk")))
        .order_by("-occurred_on", "-pk")
    )


def latest_updates(project: Any, user: Any, n: int = 3) -> list[FieldUpdate]:
    """The `n` most recent updates of the project that `user` sees (for the overview)."""
    return list(timeline(project, user)[:n])
