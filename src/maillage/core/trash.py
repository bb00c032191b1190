"""The trash: soft-deleted records, listed and restored; their history shows both moves."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone

from maillage.core.models import SoftDeleteModel


def trash_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if issubclass(m, SoftDeleteModel)]


@transaction.atomic
def move_to_trash(obj: Any) -> None:
    obj.deleted_at = timezone.now()
    obj._change_reason = "deleted"
    obj.save(update_fields=["deleted_at"])


@transaction.atomic
def restore_from_trash(obj: Any) -> None:
    obj.deleted_at = None
    obj._change_reason = "restored"
    obj.save(update_fields=["deleted_at"])


def trashed_for(user: Any, model: type[models.Model]) -> models.QuerySet:
    return model.all_objects.visible_to(user).filter(deleted_at__isnull=False)  # type: ignore[attr-defined]
