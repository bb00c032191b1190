"""Writes with rules on actors: merging duplicates, GDPR access export and erasure."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.actors.models import Interaction, Organisation, Person
from maillage.core.text import normalize

if TYPE_CHECKING:
    from maillage.accounts.models import User

ANONYMISED_NAME = "Personne anonymisée"
# The reason of a merged-away record's deletion, language-independent: erasure follows it
# to scrub the history of every duplicate that became this person.
MERGED_INTO = "merged into #{pk}"
REASON_MAX_LENGTH = 100  # simple_history's history_change_reason column

# --- Merging duplicates ----------------------------------------------------------------


@transaction.atomic
def merge_organisations(*, keep: Organisation, remove: Organisation, by: User | None) -> None:
    """Move every link of `remove` to `keep`, fill `keep`'s blanks from it, delete it."""
    _merge(keep=keep, remove=remove, by=by)


@transaction.atomic
def merge_people(*, keep: Person, remove: Person, by: User | None) -> None:
    """Move every link of `remove` to `keep`, fill `keep`'s blanks from it, delete it.

    A "do not contact" on either record stays on the merged person.
    """
    keep.do_not_contact = keep.do_not_contact or remove.do_not_contact
    _merge(keep=keep, remove=remove, by=by)


def _merge(*, keep: models.Model, remove: models.Model, by: Any) -> None:
    if type(keep) is not type(remove):
        raise ValueError("only two records of the same kind merge")
    if keep.pk == remove.pk:
        raise ValueError(_("A record cannot be merged with itself."))
    note = _("Merged with %(name)s (#%(pk)s)") % {"name": remove, "pk": remove.pk}
    _move_links(keep=keep, remove=remove, by=by, reason=note)
    values = {f.attname: getattr(remove, f.attname) for f in type(remove)._meta.concrete_fields}
    _delete(remove, by=by, reason=MERGED_INTO.format(pk=keep.pk))
    _fill_blanks(keep, values)
    keep._history_user = by  # type: ignore[attr-defined]
    keep._change_reason = note[:REASON_MAX_LENGTH]  # type: ignore[attr-defined]
    keep.save()


def _move_links(*, keep: models.Model, remove: models.Model, by: Any, reason: str) -> None:
    """Point every relation of `remove` at `keep`; a link that would be doubled collapses."""
    model = type(keep)
    # The record's own many-to-many values (themes, tags…): the final save of `keep`
    # records them once in its history, so the adds themselves are not recorded.
    keep.skip_history_when_saving = True  # type: ignore[attr-defined]
    try:
        for field in model._meta.many_to_many:
            getattr(keep, field.name).add(*getattr(remove, field.name).all())
    finally:
        del keep.skip_history_when_saving  # type: ignore[attr-defined]

    for relation in model._meta.related_objects:
        related_model = relation.related_model
        field = relation.field
        rows = related_model._base_manager.filter(**{field.name: remove})
        if relation.many_to_many:
            # Interaction.people, ProjectPartner.contacts…: changed from the owning side, so
            # that the owner's history records its new links (the reverse side would not).
            for owner in rows:
                manager = getattr(owner, field.name)
                owner._history_user = by
                owner._change_reason = reason[:REASON_MAX_LENGTH]
                owner.skip_history_when_saving = True
                manager.remove(remove)
                del owner.skip_history_when_saving
                manager.add(keep)
            continue
        for row in rows:
            if row.pk == keep.pk and related_model is model:
                setattr(keep, field.name, None)  # keep was a child of remove: no self-parent
                continue
            if _links_the_pair(row, field, keep):
                _delete(row, by=by, reason=reason)  # a link between the two merged records
                continue
            twin = _twin(row, field, keep)
            if twin is not None:
                _move_links(keep=twin, remove=row, by=by, reason=reason)
                values = {f.attname: getattr(row, f.attname) for f in related_model._meta.fields}
                _delete(row, by=by, reason=reason)
                _fill_blanks(twin, values)
                _save(twin, [], by=by, reason=reason)  # records its merged links and values
                continue
            setattr(row, field.name, keep)
            _save(row, [field.name], by=by, reason=reason)


def _links_the_pair(row: models.Model, field: models.Field, keep: models.Model) -> bool:
    """Whether `row` also points at `keep` through another field (a link between both)."""
    return any(
        isinstance(other, models.ForeignKey)
        and other is not field
        and other.related_model is type(keep)
        and getattr(row, other.attname) == keep.pk
        for other in type(row)._meta.concrete_fields
    )


def _twin(row: models.Model, field: models.Field, keep: models.Model) -> models.Model | None:
    """The row of `keep` that `row`, moved, would duplicate under a unique constraint."""
    model = type(row)
    for names, condition in _unique_sets(model):
        if field.name not in names:
            continue
        lookup: dict[str, Any] = {}
        for name in names:
            attname = model._meta.get_field(name).attname
            value = keep.pk if name == field.name else getattr(row, attname)
            if value is None:
                break  # NULLs never collide
            lookup[attname] = value
        else:
            candidates = model._base_manager.filter(**lookup).exclude(pk=row.pk)
            if condition is not None:
                if not model._base_manager.filter(condition, pk=row.pk).exists():
                    continue
                candidates = candidates.filter(condition)
            twin = candidates.first()
            if twin is not None:
                return twin
    return None


def _unique_sets(model: type[models.Model]) -> list[tuple[tuple[str, ...], Q | None]]:
    sets: list[tuple[tuple[str, ...], Q | None]] = [
        ((f.name,), None) for f in model._meta.concrete_fields if f.unique and not f.primary_key
    ]
    sets += [(tuple(names), None) for names in model._meta.unique_together]
    sets += [
        (tuple(c.fields), c.condition)
        for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint) and c.fields
    ]
    return sets


def _fill_blanks(keep: models.Model, values: dict[str, Any]) -> list[str]:
    """Copy the merged record's values into `keep`'s empty fields, within its constraints."""
    filled = []
    for field in type(keep)._meta.concrete_fields:
        if (
            field.primary_key
            or not field.editable
            or isinstance(field, models.BooleanField)
            or getattr(field, "auto_now", False)
            or getattr(field, "auto_now_add", False)
        ):
            continue
        current, other = getattr(keep, field.attname), values.get(field.attname)
        if current not in (None, "") or other in (None, ""):
            continue
        if field.is_relation and field.related_model is type(keep) and other == keep.pk:
            continue  # the merged record's parent was keep: keep cannot be its own parent
        setattr(keep, field.attname, other)
        try:
            keep.validate_constraints()
        except ValidationError:
            setattr(keep, field.attname, current)  # e.g. a département abroad
            continue
        filled.append(field.name)
    return filled


def _save(row: models.Model, fields: list[str], *, by: Any, reason: str) -> None:
    row._history_user = by  # type: ignore[attr-defined]
    row._change_reason = reason[:REASON_MAX_LENGTH]  # type: ignore[attr-defined]
    row.save(update_fields=fields or None)


def _delete(row: models.Model, *, by: Any, reason: str) -> None:
    row._history_user = by  # type: ignore[attr-defined]
    row._change_reason = reason[:REASON_MAX_LENGTH]  # type: ignore[attr-defined]
    row.delete()


def related_counts(obj: models.Model) -> list[tuple[str, int]]:
    """How many records of each kind are linked to `obj` (shown before a merge)."""
    counts = []
    for relation in type(obj)._meta.related_objects:
        rows = relation.related_model._base_manager.filter(**{relation.field.name: obj})
        counts.append((str(relation.related_model._meta.verbose_name_plural), rows.count()))
    for field in type(obj)._meta.many_to_many:
        counts.append((str(field.verbose_name), getattr(obj, field.name).count()))
    return [(label, n) for label, n in counts if n]


# --- GDPR: access export ----------------------------------------------------------------

PERSON_EXPORT_EXCLUDED = {"search_text"}


def person_data_export(*, person: Person) -> dict[str, Any]:
    """Everything held on a person (GDPR art. 15): fields, links and the change history."""
    from maillage.projects.models import ProjectPartner

    fields = [f for f in Person._meta.concrete_fields if f.name not in PERSON_EXPORT_EXCLUDED]
    history_model = person.history.model  # type: ignore[attr-defined]
    kept_in_history = {f.attname for f in history_model._meta.fields}
    history_fields = [f for f in fields if f.attname in kept_in_history]
    return {
        "exported_at": timezone.now(),
        "person": {f.name: getattr(person, f.attname) for f in fields},
        "tags": list(person.tags.values_list("name", flat=True)),
        "positions": [
            {
                "organisation": str(p.organisation),
                "organisation_id": p.organisation_id,
                "role": p.role,
                "start_on": p.start_on,
                "end_on": p.end_on,
            }
            for p in person.positions.select_related("organisation")
        ],
        "interactions": [
            {
                "id": i.pk,
                "kind": i.kind,
                "occurred_on": i.occurred_on,
                "subject": i.subject,
                "notes": i.notes,
                "project": str(i.project) if i.project_id else None,
            }
            for i in Interaction._base_manager.filter(people=person)  # the trash included
            .select_related("project")
            .order_by("occurred_on", "pk")
        ],
        "groups": [
            {"group": str(m.group), "role": m.role}
            for m in person.group_memberships.select_related("group")
        ],
        "project_contact_roles": [
            {
                "project": str(pp.project),
                "organisation": str(pp.organisation),
                "role": pp.role,
            }
            for pp in ProjectPartner.objects.filter(contacts=person).select_related(
                "project", "organisation"
            )
        ],
        "history": [
            {
                "at": h.history_date,
                "type": h.history_type,
                "by": str(h.history_user) if h.history_user_id else None,
                "reason": h.history_change_reason,
                "values": {f.name: getattr(h, f.attname) for f in history_fields},
            }
            for h in person.history.select_related("history_user").order_by("history_date")  # type: ignore[attr-defined]
        ],
    }


# --- GDPR: erasure --------------------------------------------------------------------

# Fields that identify a person, emptied on erasure (in the record and in its history).
PERSONAL_FIELDS = {
    "first_name": "",
    "last_name": ANONYMISED_NAME,
    "email": "",
    "other_email": "",
    "phone": "",
    "mobile": "",
    "notes": "",
    "consent_source": "",
    "consent_on": None,
}


@transaction.atomic
def anonymise_person(*, person: Person, by: User | None) -> None:
    """Erase who a person is (GDPR art. 17) but keep what they took part in.

    Positions, interactions, group memberships and project contact roles stay, linked to
    "Personne anonymisée", so that statistics hold; the personal values are also scrubbed
    from the person's history and from the history of duplicates merged into it.
    """
    old_values = {
        str(getattr(person, name))
        for name in PERSONAL_FIELDS
        if getattr(person, name) not in (None, "") and name != "consent_on"
    }
    person.skip_history_when_saving = True  # type: ignore[attr-defined]
    try:
        person.tags.clear()
    finally:
        del person.skip_history_when_saving  # type: ignore[attr-defined]
    for name, value in PERSONAL_FIELDS.items():
        setattr(person, name, value)
    person.do_not_contact = True
    person.anonymised_at = timezone.now()
    person._history_user = by  # type: ignore[attr-defined]
    person._change_reason = "anonymised"  # type: ignore[attr-defined]
    person.save()
    _scrub_history(person, old_values)


def _scrub_history(person: Person, old_values: set[str]) -> None:
    history_model = person.history.model  # type: ignore[attr-defined]
    ids = _merged_ids(history_model, person.pk)
    rows = history_model.objects.filter(id__in=ids)
    rows.update(**PERSONAL_FIELDS, search_text=normalize(ANONYMISED_NAME))
    # Change reasons may name the person ("Merged with Jean Dupont (#12)").
    for row in rows.exclude(history_change_reason=None).only("pk", "history_change_reason"):
        reason = row.history_change_reason
        if any(value and value in reason for value in old_values):
            history_model.objects.filter(pk=row.pk).update(history_change_reason=None)
    # Past tags say things about the person too; their history goes with the rest.
    history_model.tags.model.objects.filter(history__in=rows.values("pk")).delete()


def _merged_ids(history_model: type[models.Model], pk: int) -> set[int]:
    """The person and every duplicate merged into it, through the deletion reasons."""
    ids, todo = {pk}, [pk]
    while todo:
        merged = set(
            history_model.objects.filter(
                history_type="-", history_change_reason=MERGED_INTO.format(pk=todo.pop())
            ).values_list("id", flat=True)
        )
        todo += sorted(merged - ids)
        ids |= merged
    return ids


@transaction.atomic
def anonymise_people(*, people: models.QuerySet, by: User | None) -> int:
    """Anonymise each person of `people` not anonymised yet; returns how many."""
    count = 0
    for person in people.filter(anonymised_at__isnull=True):
        anonymise_person(person=person, by=by)
        count += 1
    return count


# --- GDPR: retention -------------------------------------------------------------------


def years_before(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def untouched_people(*, user: Any, years: int) -> models.QuerySet:
    """People with no interaction and no change for `years` years, not anonymised yet."""
    cutoff_on = years_before(timezone.localdate(), years)
    cutoff_at = timezone.make_aware(dt.datetime.combine(cutoff_on, dt.time.min))
    history_model = Person.history.model  # type: ignore[attr-defined]
    recent_change = history_model.objects.filter(id=OuterRef("pk"), history_date__gte=cutoff_at)
    return (
        Person.objects.visible_to(user)
        .filter(anonymised_at__isnull=True, updated_at__lt=cutoff_at)
        .exclude(Exists(recent_change))
        .exclude(interactions__occurred_on__gte=cutoff_on)
        .order_by("updated_at", "pk")
    )
