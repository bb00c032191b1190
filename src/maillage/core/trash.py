"""The trash: nothing typed is lost. A deleted record and the rows that belong to it
(declared cascades: an activity's tasks) move to the trash together; restoring it brings
them all back; files stay on disk until the trash is emptied. History shows every move.

A cascade is declared by the app that owns the child model, at start-up:

    register_trash_cascade(PlanItem, "parent")  # trashing an item trashes its children

Each row moved in or out calls its service's `after_trash` / `after_restore` (what it
feeds elsewhere: an interaction's organisations' last interaction date).

Rows trashed together share one `deleted_at` instant: that is how a restore knows which
children went with their parent (and leaves alone those trashed on their own before).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.db import models, router, transaction
from django.db.models.deletion import Collector
from django.utils import timezone

from maillage.core.meta import model_field, related_model
from maillage.core.models import SoftDeleteModel
from maillage.core.services import service_for

# child model → the foreign keys (to the parent) along which a trash cascades
_CASCADES: list[tuple[type[models.Model], str]] = []


def register_trash_cascade(child: type[models.Model], fk_name: str) -> None:
    """Trashing the record `child.<fk_name>` points to trashes its live children too."""
    if (child, fk_name) not in _CASCADES:
        _CASCADES.append((child, fk_name))


def trash_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if issubclass(m, SoftDeleteModel) and not m._meta.proxy]


def _children(obj: models.Model, *, deleted_at: dt.datetime | None) -> Iterator[models.Model]:
    for child, fk_name in _CASCADES:
        if not isinstance(obj, related_model(model_field(child, fk_name))):
            continue
        manager = getattr(child, "all_objects", child._base_manager)
        yield from manager.filter(**{fk_name: obj, "deleted_at": deleted_at}).order_by("pk")


def _history(obj: models.Model, by: Any, reason: str) -> None:
    if by is not None and getattr(by, "pk", None) is not None:
        obj._history_user = by  # type: ignore[attr-defined]  # read by simple-history
    obj._change_reason = reason  # type: ignore[attr-defined]  # read by simple-history


@transaction.atomic
def move_to_trash(obj: Any, *, by: Any = None, reason: str | None = None) -> int:
    """Trash `obj` and, recursively, its live children; how many rows moved."""
    return _trash(obj, timezone.now(), by, reason or "deleted", set())


def _key(obj: models.Model) -> tuple[str, Any]:
    return (obj._meta.label, obj.pk)


def _trash(obj: Any, stamp: dt.datetime, by: Any, reason: str, done: set[tuple[str, Any]]) -> int:
    # A child reached by two cascades (a logframe level through its project and through
    # its parent level) moves once: the second copy read is stale.
    done.add(_key(obj))
    moved = 1
    for child in list(_children(obj, deleted_at=None)):
        if _key(child) not in done:
            moved += _trash(child, stamp, by, reason, done)
    obj.deleted_at = stamp
    _history(obj, by, reason)
    obj.save(update_fields=["deleted_at"])
    service_for(type(obj)).after_trash(obj, by=by)
    return moved


@transaction.atomic
def restore_from_trash(obj: Any, *, by: Any = None) -> int:
    """Bring `obj` back with the children trashed with it; how many rows came back."""
    return _restore(obj, by, set())


def _restore(obj: Any, by: Any, done: set[tuple[str, Any]]) -> int:
    done.add(_key(obj))
    stamp = obj.deleted_at
    restored = 1
    obj.deleted_at = None
    _history(obj, by, "restored")
    obj.save(update_fields=["deleted_at"])
    service_for(type(obj)).after_restore(obj, by=by)
    if stamp is not None:
        for child in list(_children(obj, deleted_at=stamp)):
            if _key(child) not in done:
                restored += _restore(child, by, done)
    return restored


def trashed_for(user: Any, model: type[models.Model]) -> models.QuerySet:
    # Every SoftDeleteModel declares `all_objects` from its VisibleQuerySet.
    return model.all_objects.visible_to(user).filter(deleted_at__isnull=False)  # type: ignore[attr-defined]


@transaction.atomic
def purge(obj: models.Model) -> int:
    """Delete for good a trashed record and every row the database cascade takes with
    it; their files are removed from storage once the transaction commits."""
    using = router.db_for_write(type(obj))
    collector = Collector(using=using)
    collector.collect([obj])
    files: list[Any] = []
    for model, instances in collector.data.items():
        file_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        for instance in instances:
            for field in file_fields:
                value = getattr(instance, field.attname)
                if value:
                    files.append(getattr(instance, field.name))
    deleted, _counts = collector.delete()

    def remove_files() -> None:
        for file in files:
            file.storage.delete(file.name)

    transaction.on_commit(remove_files)
    return deleted
