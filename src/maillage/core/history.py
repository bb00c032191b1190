"""Reading the change history (django-simple-history) of a record for its "history" tab.

One mechanism for every model: each change names what it is about as the forms do (the
field's label), related records by their names, many-to-many changes as what was added
and removed, and the rows that belong to the record (an agreement's parties, a person's
positions, a project's consortium…) as entries of their parent's history. Rows declared
with `ChildViews` are registered on their own; other rows register with
`register_history_child(ChildModel, "fk_to_parent")`.

A save through a service writes the row, then sets its many-to-many fields: simple-history
records each as its own version. Versions of the same user a moment apart whose changes
are only many-to-many ones read as one entry (an interaction created with two people is
one "Created" entry that adds them).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.urls import get_resolver
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from maillage.core.formatting import display_value
from maillage.core.meta import model_field, related_model
from maillage.core.services import field_label

CHANGE_TYPES = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
CHILD_CHANGE_TYPES = {"+": _("Added"), "~": _("Changed"), "-": _("Removed")}
HIDDEN_FIELDS = {"search_text", "updated_at", "created_at", "version", "deleted_at"}
# What a related record the reader may not see reads as, in place of its name.
HIDDEN_VALUE = _("hidden")
TRASH_LABELS = {"deleted": _("Moved to the trash"), "restored": _("Restored from the trash")}
# Versions this close, by the same user, whose changes are many-to-many only, are one save.
SAME_SAVE = dt.timedelta(seconds=2)

# child model → the foreign keys to the parent whose history shows its rows
_CHILDREN: list[tuple[type[models.Model], str]] = []


def register_history_child(child: type[models.Model], fk_name: str) -> None:
    """The rows of `child` appear on the history of the record `child.<fk_name>` names."""
    if (child, fk_name) not in _CHILDREN and hasattr(child, "history"):
        _CHILDREN.append((child, fk_name))


@dataclass
class HistoryChange:
    """One field's change. A relation keeps ids until `_Names` resolves them; a
    many-to-many change keeps what was added and removed."""

    label: str
    old: Any = ""
    new: Any = ""
    relation: models.Field | None = None
    added: tuple[Any, ...] = ()
    removed: tuple[Any, ...] = ()

    @property
    def many(self) -> bool:
        return isinstance(self.relation, models.ManyToManyField)

    def __iter__(self) -> Any:  # label, before, after (as the table reads them)
        return iter((self.label, self.old, self.new))


@dataclass
class HistoryEntry:
    at: dt.datetime
    user: Any
    kind: str
    label: str
    changes: list[HistoryChange] = field(default_factory=list)
    note: str = ""  # why it changed, when a service said so (a merge, an erasure…)
    subject: str = ""  # a row of the record: "Party: Ville de Lille"
    # The row's relations to name before `subject` can be written (see _Names).
    subject_row: Any = None


def history_entries(obj: models.Model, limit: int = 200, *, user: Any = None) -> list[HistoryEntry]:
    """Newest first: who did what when, with each changed field's old and new value, and
    the changes of the record's rows.

    Related records (a commitment's project, an agreement's projects, a party's
    organisation) are named only when `user` may see them: a partner reads "hidden" where
    another project's name was, and a row naming what it may not see is left out."""
    get_resolver().url_patterns  # noqa: B018 — loads the views, whose ChildViews register rows
    entries = _own_entries(obj, limit)
    for child, fk_name in _CHILDREN:
        target = related_model(model_field(child, fk_name))
        if isinstance(obj, target):
            entries += _child_entries(obj, child, fk_name, limit)
    entries.sort(key=lambda e: e.at, reverse=True)
    entries = entries[:limit]
    _Names(entries, user).resolve()
    return [e for e in entries if not (e.subject_row is not None and e.subject == "")]


def _own_entries(obj: models.Model, limit: int) -> list[HistoryEntry]:
    history = obj.history  # type: ignore[attr-defined]  # simple-history adds .history
    records = list(
        history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    # Oldest first, so that a many-to-many version folds into the save it belongs to.
    pairs = list(zip(records, [*records[1:], None], strict=False))[:limit]
    entries: list[HistoryEntry] = []
    for newer, older in reversed(pairs):
        changes = _diff(type(obj), older, newer) if older is not None else []
        if newer.history_type == "+":
            changes = _created_links(type(obj), newer)
        reason = newer.history_change_reason or ""
        previous = entries[-1] if entries else None
        if (
            previous is not None
            and newer.history_type == "~"
            and not reason
            and newer.history_user_id == getattr(previous.user, "pk", None)
            and newer.history_date - previous.at <= SAME_SAVE
            and all(c.many for c in changes)
        ):
            previous.changes = _merge(previous.changes, changes)
            continue
        entries.append(
            HistoryEntry(
                at=newer.history_date,
                user=newer.history_user,
                kind=newer.history_type,
                label=str(TRASH_LABELS.get(reason) or CHANGE_TYPES.get(newer.history_type) or ""),
                changes=changes,
                note="" if reason in TRASH_LABELS else reason,
            )
        )
    entries.reverse()
    return entries


def _merge(first: list[HistoryChange], then: list[HistoryChange]) -> list[HistoryChange]:
    """The changes of two versions of one save, as one: a field changed twice keeps its
    first "before" and its last "after"."""
    merged = {c.label: c for c in first}
    for change in then:
        earlier = merged.get(change.label)
        if earlier is None:
            merged[change.label] = change
        elif change.many:
            old, new = set(earlier.old) if earlier.old else set(), set(change.new)
            merged[change.label] = _m2m_change(change.label, change.relation, old, new)
        else:
            earlier.new = change.new
    return [c for c in merged.values() if not c.many or c.added or c.removed]


def _diff(model: type[models.Model], older: Any, newer: Any) -> list[HistoryChange]:
    changes = []
    for delta in newer.diff_against(older).changes:
        if delta.field in HIDDEN_FIELDS:
            continue
        change = _change(model, delta.field, older, newer, delta.old, delta.new)
        if change is not None:
            changes.append(change)
    return changes


def _created_links(model: type[models.Model], record: Any) -> list[HistoryChange]:
    """What a new record was linked to in its first version (usually nothing: the links
    are set just after, in a version `_own_entries` folds into this one)."""
    changes = []
    for f in getattr(record, "_history_m2m_fields", []):
        rows = list(getattr(record, f.name).values(f.m2m_reverse_field_name()))
        change = _change(model, f.name, None, record, [], rows)
        if change is not None:
            changes.append(change)
    return changes


def _change(
    model: type[models.Model], name: str, older: Any, newer: Any, old: Any, new: Any
) -> HistoryChange | None:
    try:
        f = model._meta.get_field(name)
    except Exception:
        return None
    label = field_label(model, name)
    if isinstance(f, models.ManyToManyField):
        target = f.m2m_reverse_field_name()
        before = {row[target] for row in old or ()}
        after = {row[target] for row in new or ()}
        change = _m2m_change(label, f, before, after)
        return change if change.added or change.removed else None
    if isinstance(f, models.ForeignKey):
        # The ids for now; _Names names them all at once (no N+1 on long histories).
        return HistoryChange(
            label,
            getattr(older, f.attname, None) or "" if older is not None else "",
            getattr(newer, f.attname, None) or "",
            relation=f,
        )
    return HistoryChange(
        label,
        display_value(older, name) if older is not None else "",
        display_value(newer, name),
    )


def _m2m_change(label: str, relation: Any, before: set[Any], after: set[Any]) -> HistoryChange:
    return HistoryChange(
        label,
        tuple(sorted(before)),
        tuple(sorted(after)),
        relation=relation,
        added=tuple(sorted(after - before)),
        removed=tuple(sorted(before - after)),
    )


def _child_entries(
    obj: models.Model, child: type[models.Model], fk_name: str, limit: int
) -> list[HistoryEntry]:
    """The versions of the rows of `obj` in `child`, each against the row's previous one."""
    fk = child._meta.get_field(fk_name)
    history_model = child.history.model  # type: ignore[attr-defined]  # simple-history
    records = list(
        history_model.objects.filter(**{fk.attname: obj.pk})  # type: ignore[union-attr]  # a ForeignKey has attname
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )[-limit:]
    last: dict[Any, Any] = {}
    entries = []
    noun = capfirst(child._meta.verbose_name)
    for record in records:
        older = last.get(record.id)
        last[record.id] = record
        if record.history_type == "~" and older is not None:
            changes = _diff(child, older, record)
            changes = [c for c in changes if c.relation is not fk]
            if not changes:
                continue
        elif record.history_type == "+":
            # The fields the history keeps: a derived one it leaves out (excluded_fields,
            # a period's stored actual) is not part of the creation.
            changes = [
                c
                for f in child._meta.concrete_fields
                if f is not fk
                and f.name not in HIDDEN_FIELDS
                and not f.primary_key
                and hasattr(record, f.attname)
                for c in [_change(child, f.name, None, record, None, None)]
                if c is not None and c.new not in ("", None)
            ]
        else:
            changes = []
        entries.append(
            HistoryEntry(
                at=record.history_date,
                user=record.history_user,
                kind=record.history_type,
                label=str(CHILD_CHANGE_TYPES.get(record.history_type) or ""),
                changes=changes,
                subject=str(noun),
                subject_row=(record, fk_name, obj),
            )
        )
    return entries


class _Names:
    """Names the related records of a page of entries: one query per related model, not
    per change. A record the reader may not see reads "hidden"; in a list it is left out,
    and a change that reads the same once they are left out is not shown; a row that
    names such a record is left out."""

    def __init__(self, entries: list[HistoryEntry], user: Any) -> None:
        self.entries = entries
        self.user = user
        self.names: dict[type[models.Model], dict[Any, Any]] = {}
        self.visible: dict[type[models.Model], set[Any] | None] = {}

    def resolve(self) -> None:
        wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        for entry in self.entries:
            for change in entry.changes:
                if change.relation is not None:
                    values = (*change.added, *change.removed) if change.many else ()
                    if not change.many:
                        values = (change.old, change.new)
                    wanted[related_model(change.relation)].update(v for v in values if v != "")
            if entry.subject_row is not None:
                record, fk_name, _parent = entry.subject_row
                for f in type(record.instance)._meta.concrete_fields:
                    if isinstance(f, models.ForeignKey) and f.name != fk_name:
                        value = getattr(record, f.attname, None)
                        if value is not None:
                            wanted[related_model(f)].add(value)
        for model, ids in wanted.items():
            # With their own relations: a row is often named after one (a participant
            # after its person), which would otherwise be one query per row.
            relations = [
                f.name for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey)
            ]
            self.names[model] = model._base_manager.select_related(*relations).in_bulk(ids)
            self.visible[model] = _visible_ids(model, ids, self.user)
        for entry in self.entries:
            entry.changes = [c for c in map(self.name_change, entry.changes) if c is not None]
            if entry.subject_row is not None:
                entry.subject = self.name_row(entry)

    def shown(self, model: type[models.Model], value: Any) -> bool:
        seen = self.visible.get(model)
        return seen is None or value in seen

    def name(self, model: type[models.Model], value: Any) -> str:
        if value == "":
            return ""
        if not self.shown(model, value):
            return str(HIDDEN_VALUE)
        return str(self.names[model].get(value, value))

    def names_of(self, model: type[models.Model], values: tuple[Any, ...]) -> str:
        shown = [str(self.names[model].get(v, v)) for v in values if self.shown(model, v)]
        return ", ".join(sorted(shown, key=str.casefold))

    def name_change(self, change: HistoryChange) -> HistoryChange | None:
        if change.relation is None:
            return change
        model = related_model(change.relation)
        if change.many:
            named = HistoryChange(
                change.label,
                self.names_of(model, change.old),
                self.names_of(model, change.new),
                relation=change.relation,
                added=tuple(n for n in [self.names_of(model, change.added)] if n),
                removed=tuple(n for n in [self.names_of(model, change.removed)] if n),
            )
            return named if named.added or named.removed else None
        named = HistoryChange(
            change.label,
            self.name(model, change.old),
            self.name(model, change.new),
            relation=change.relation,
        )
        if named.old == named.new and self.visible.get(model) is not None:
            return None  # only what the reader may not see changed
        return named

    def name_row(self, entry: HistoryEntry) -> str:
        """ "Party: Ville de Lille", its relations named from what was loaded; "" when
        it names a record the reader may not see."""
        record, fk_name, parent = entry.subject_row
        instance = record.instance
        for f in type(instance)._meta.concrete_fields:
            if not isinstance(f, models.ForeignKey):
                continue
            if f.name == fk_name:
                f.set_cached_value(instance, parent)
                continue
            value = getattr(record, f.attname, None)
            if value is None:
                continue
            model = related_model(f)
            if not self.shown(model, value):
                return ""
            if value in self.names[model]:
                f.set_cached_value(instance, self.names[model][value])
        return gettext("%(row)s: %(name)s") % {"row": entry.subject, "name": instance}


def _visible_ids(model: type[models.Model], ids: set[Any], user: Any) -> set[Any] | None:
    """Which of `ids` the user may see; None when every one may be named (staff, no user,
    or a model without `visible_to`)."""
    if user is None or getattr(user, "is_internal", False):
        return None
    visible_to = getattr(model._default_manager, "visible_to", None)
    if visible_to is None:
        return None
    return set(visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
