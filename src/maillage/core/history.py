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
# What a related record the reader may not see reads as, in place of its name.
HIDDEN_VALUE = _("hidden")
TRASH_LABELS = {"deleted": _("Moved to the trash"), "restored": _("Restored from the trash")}


@dataclass
class HistoryEntry:
    at: datetime
    user: Any
    kind: str
    label: str
    changes: list[tuple[str, Any, Any]] = field(default_factory=list)
    note: str = ""  # why it changed, when a service said so (a merge, an erasure…)


def history_entries(obj: models.Model, limit: int = 200, *, user: Any = None) -> list[HistoryEntry]:
    """Newest first: who did what when, with each changed field's old and new value.

    Related records (a commitment's project, an agreement's projects) are named only when
    `user` may see them: a partner reads "hidden" where another project's name was."""
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
                        _history_value(obj, older, change.field, change.old),
                        _history_value(obj, newer, change.field, change.new),
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
    _resolve_related(obj, entries, user)
    return entries


def _related_fields(obj: models.Model) -> dict[str, models.Field]:
    """The fields naming other records (foreign keys, many-to-many), by their label."""
    fields: list[models.Field] = [f for f in obj._meta.fields if isinstance(f, models.ForeignKey)]
    fields += [f for f in obj._meta.many_to_many if isinstance(f, models.ManyToManyField)]
    return {str(f.verbose_name).capitalize(): f for f in fields}


def _visible_ids(model: type[models.Model], ids: set[Any], user: Any) -> set[Any] | None:
    """Which of `ids` the user may see; None when every one may be named (staff, no user,
    or a model without `visible_to`)."""
    if user is None or getattr(user, "is_internal", False):
        return None
    visible_to = getattr(model._default_manager, "visible_to", None)
    if visible_to is None:
        return None
    return set(visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def _resolve_related(obj: models.Model, entries: list[HistoryEntry], user: Any = None) -> None:
    """Replace related ids by their names: one query per related model, not per change.
    A record the user may not see reads "hidden"; in a list it is left out, and a change
    that reads the same once they are left out is not shown."""
    fields = _related_fields(obj)
    wanted: dict[str, set[Any]] = {}
    for entry in entries:
        for label, old, new in entry.changes:
            if label in fields:
                for value in (old, new):
                    values = value if isinstance(value, tuple) else (value,)
                    wanted.setdefault(label, set()).update(v for v in values if v != "")
    names: dict[str, dict[Any, Any]] = {}
    visible: dict[str, set[Any] | None] = {}
    for label, ids in wanted.items():
        model = related_model(fields[label])
        names[label] = model._base_manager.in_bulk(ids)
        visible[label] = _visible_ids(model, ids, user)

    def name(label: str, value: Any) -> Any:
        if label not in names:
            return value
        if isinstance(value, tuple):
            seen = visible[label]
            return ", ".join(
                str(names[label].get(v, v)) for v in value if seen is None or v in seen
            )
        if value == "":
            return value
        if visible[label] is not None and value not in visible[label]:  # type: ignore[operator]  # not None, checked just before
            return str(HIDDEN_VALUE)
        return str(names[label].get(value, value))

    for entry in entries:
        changes = []
        for label, old, new in entry.changes:
            named = (label, name(label, old), name(label, new))
            if named[1] == named[2] and visible.get(label) is not None:
                continue  # only what the reader may not see changed
            changes.append(named)
        entry.changes = changes


def _history_value(obj: models.Model, record: Any, name: str, value: Any) -> Any:
    field = obj._meta.get_field(name)
    if isinstance(field, models.ForeignKey):
        # The id for now; _resolve_related names them all at once (no N+1 on long histories).
        return getattr(record, field.attname) or ""
    if isinstance(field, models.ManyToManyField):
        # The related ids, from the rows of the link table the change lists (sorted).
        target = field.m2m_reverse_field_name()
        return tuple(sorted(row[target] for row in value or ()))
    return display_value(record, name)
