"""Reading the change history (django-simple-history) of a record for its "history" tab."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.core.formatting import display_value
from maillage.core.meta import related_model
from maillage.core.services import field_label

CHANGE_TYPES = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
HIDDEN_FIELDS = {"search_text", "updated_at", "created_at", "version", "deleted_at"}
TRASH_LABELS = {"deleted": _("Moved to the trash"), "restored": _("Restored from the trash")}


@dataclass
class HistoryEntry:
    at: datetime
    user: Any
    kind: str
    label: str
    changes: list[tuple[str, Any, Any]] = field(default_factory=list)
    note: str = ""  # why it changed, when a service said so (a merge, an erasure…)


def history_entries(obj: models.Model, limit: int = 200) -> list[HistoryEntry]:
    """Newest first: who did what when, with each changed field's old and new value."""
    history = obj.history  # type: ignore[attr-defined]  # simple-history adds .history
    records = list(
        history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    entries: list[HistoryEntry] = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        if len(entries) == limit:
            break
        changes: list[tuple[str, Any, Any]] = []
        if older is not None and newer.history_type == "~":
            delta = newer.diff_against(older)
            for change in delta.changes:
                if change.field in HIDDEN_FIELDS:
                    continue
                changes.append(
                    (
                        field_label(type(obj), change.field),
                        _history_value(obj, older, change.field),
                        _history_value(obj, newer, change.field),
                    )
                )
        entries.append(
            HistoryEntry(
                at=newer.history_date,
                user=newer.history_user,
                kind=newer.history_type,
                label=str(
                    TRASH_LABELS.get(newer.history_change_reason or "")
                    or CHANGE_TYPES.get(newer.history_type, newer.history_type)
                ),
                changes=changes,
                note=""
                if (newer.history_change_reason or "") in TRASH_LABELS
                else (newer.history_change_reason or ""),
            )
        )
    _resolve_related(obj, entries)
    return entries


def _resolve_related(obj: models.Model, entries: list[HistoryEntry]) -> None:
    """Replace related ids by their names: one query per related model, not per change."""
    fields = {
        str(f.verbose_name).capitalize(): f
        for f in obj._meta.fields
        if isinstance(f, models.ForeignKey)
    }
    wanted: dict[str, set[Any]] = {}
    for entry in entries:
        for label, old, new in entry.changes:
            if label in fields:
                wanted.setdefault(label, set()).update(v for v in (old, new) if v != "")
    names = {
        label: related_model(fields[label])._base_manager.in_bulk(ids)
        for label, ids in wanted.items()
    }
    for entry in entries:
        entry.changes = [
            (
                label,
                str(names[label].get(old, old)) if label in names and old != "" else old,
                str(names[label].get(new, new)) if label in names and new != "" else new,
            )
            for label, old, new in entry.changes
        ]


def _history_value(obj: models.Model, record: Any, name: str) -> Any:
    field = obj._meta.get_field(name)
    if isinstance(field, models.ForeignKey):
        # The id for now; _resolve_related names them all at once (no N+1 on long histories).
        return getattr(record, field.attname) or ""
    return display_value(record, name)
