"""Reading the change history (django-simple-history) of a record for its "history" tab."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.core.formatting import display_value

CHANGE_TYPES = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
HIDDEN_FIELDS = {"search_text", "updated_at", "created_at"}


@dataclass
class HistoryEntry:
    at: datetime
    user: Any
    kind: str
    label: str
    changes: list[tuple[str, Any, Any]] = field(default_factory=list)


def history_entries(obj: models.Model, limit: int = 200) -> list[HistoryEntry]:
    """Newest first: who did what when, with each changed field's old and new value."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )  # type: ignore[attr-defined]
    entries = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        if len(entries) == limit:
            break
        changes = []
        if older is not None and newer.history_type == "~":
            delta = newer.diff_against(older)
            for change in delta.changes:
                if change.field in HIDDEN_FIELDS:
                    continue
                model_field = obj._meta.get_field(change.field)
                changes.append(
                    (
                        str(model_field.verbose_name).capitalize(),
                        _history_value(obj, older, change.field),
                        _history_value(obj, newer, change.field),
                    )
                )
        entries.append(
            HistoryEntry(
                at=newer.history_date,
                user=newer.history_user,
                kind=newer.history_type,
                label=str(CHANGE_TYPES.get(newer.history_type, newer.history_type)),
                changes=changes,
            )
        )
    return entries


def _history_value(obj: models.Model, record: Any, name: str) -> Any:
    field = obj._meta.get_field(name)
    if isinstance(field, models.ForeignKey):
        # Show the related id rather than load each related row (no N+1 on long histories).
        return getattr(record, field.attname) or ""
    return display_value(record, name)
