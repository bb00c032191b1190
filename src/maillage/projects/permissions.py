"""Object-level rules of who may change what, beyond the role's write access: a partner
edits only the field updates it wrote and moves only the tasks it is assigned to."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from maillage.core.access import can_write


def may_change_update(update: Any, user: Any) -> bool:
    """Staff who write edit every update; a partner edits only the ones it wrote."""
    if can_write(user):
        return True
    return bool(getattr(user, "is_authenticated", False)) and update.author_id == user.pk


def may_move_task(task: Any, user: Any, *, assignees: Iterable[Any] | None = None) -> bool:
    """Staff who write move any task; a partner only the tasks it is assigned to (on its
    own projects: the others it does not even see). `assignees`, when already read,
    saves a query."""
    if can_write(user):
        return True
    if getattr(user, "role", None) != "partner":
        return False
    if assignees is not None:
        return any(a.pk == user.pk for a in assignees)
    return task.assignees.filter(pk=user.pk).exists()
