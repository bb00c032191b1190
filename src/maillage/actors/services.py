"""Writes with rules on actors: the entities' services (every page, API call, import and
command writes through them), merging duplicates, GDPR access export and erasure.

The single-row rules live in the models (`Organisation.clean()`, named constraints with
their messages), so that the services' `full_clean` refuses the same input with the same
message through every door; what spans rows or has side effects is here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models import Max, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.actors.models import (
    Group,
    GroupMember,
    Interaction,
    Organisation,
    OrganisationCountry,
    OrganisationLink,
    Person,
    Position,
    Tag,
    Theme,
)
from maillage.core import hooks
from maillage.core.collation import sort_key_fields
from maillage.core.reference import country_choices
from maillage.core.services import ModelService
from maillage.core.text import normalize

if TYPE_CHECKING:
    from maillage.accounts.models import User

ANONYMISED_NAME = "Personne anonymisée"
# The reason of a merged-away record's deletion, language-independent: erasure follows it
# to scrub the history of every duplicate that became this person.
MERGED_INTO = "merged into #{pk}"
REASON_MAX_LENGTH = 100  # simple_history's history_change_reason column
PARENT_CYCLE = gettext_lazy(
    "An organisation cannot be placed under one of its own sub-organisations."
)
UNKNOWN_COUNTRY = gettext_lazy("Unknown country code: %(codes)s.")

# --- The entities ----------------------------------------------------------------------


# The interactions' date, not an input (core.services).
DERIVED = ModelService.protected_fields | {"last_interaction_on"}


class OrganisationService(ModelService[Organisation]):
    """Organisations, with their countries of action (rows of OrganisationCountry)."""

    model = Organisation
    protected_fields = DERIVED

    @classmethod
    def validate(
        cls, obj: Organisation, *, by: Any, before: Organisation | None, related: dict[str, Any]
    ) -> None:
        errors: dict[str, Any] = {}
        if _under_itself(obj):
            errors["parent"] = PARENT_CYCLE
        countries = related.get("action_countries")
        if countries is not None:
            known = {code for code, _name in country_choices()}
            unknown = sorted({c for c in countries if c not in known})
            if unknown:
                errors["action_countries"] = UNKNOWN_COUNTRY % {"codes": ", ".join(unknown)}
        if errors:
            raise ValidationError(errors)

    @classmethod
    def save_related(cls, obj: Organisation, related: dict[str, Any], *, by: Any) -> None:
        countries = related.get("action_countries")
        others = {k: v for k, v in related.items() if k != "action_countries"}
        super().save_related(obj, others, by=by)
        if countries is not None:
            set_action_countries(organisation=obj, countries=countries)


def _under_itself(obj: Organisation) -> bool:
    """Whether the new parent is the organisation itself or one of its descendants."""
    if obj.pk is None or obj.parent_id is None or obj.parent_id == obj.pk:
        return False  # a new record has no children; "its own parent" is the model's rule
    seen = {obj.pk}
    parent_id: int | None = obj.parent_id
    while parent_id is not None and parent_id not in seen:
        seen.add(parent_id)
        parent_id = (
            Organisation.all_objects.filter(pk=parent_id)
            .values_list("parent_id", flat=True)
            .first()
        )
    return parent_id == obj.pk


def set_action_countries(*, organisation: Organisation, countries: Iterable[str]) -> None:
    """The countries where the organisation acts become exactly `countries`."""
    wanted = set(countries)
    current = set(organisation.action_countries.values_list("country", flat=True))
    organisation.action_countries.filter(country__in=current - wanted).delete()
    OrganisationCountry.objects.bulk_create(
        [
            OrganisationCountry(organisation=organisation, country=c)
            for c in sorted(wanted - current)
        ]
    )


class PersonService(ModelService[Person]):
    """People; their rules (consent date, language codes) are the model's."""

    model = Person
    protected_fields = DERIVED


class InteractionService(ModelService[Interaction]):
    """Interactions remember who recorded them."""

    model = Interaction

    @classmethod
    def prepare(cls, obj: Interaction, *, by: Any, before: Interaction | None) -> None:
        if before is None and obj.created_by_id is None and getattr(by, "pk", None):
            obj.created_by = by

    @classmethod
    def save_related(cls, obj: Interaction, related: dict[str, Any], *, by: Any) -> None:
        # After the row (its date) and before the links change: the organisations and
        # people it leaves get their date back from their other interactions.
        left: dict[str, list[int]] = {
            name: list(getattr(obj, name).values_list("pk", flat=True))
            for name in ("organisations", "people")
            if name in related
        }
        super().save_related(obj, related, by=by)
        refresh_last_interactions(
            organisations=left.get("organisations", []),
            people=left.get("people", []),
            interactions=[obj.pk],
        )

    @classmethod
    def after_trash(cls, obj: Interaction, *, by: Any) -> None:
        refresh_last_interactions(interactions=[obj.pk])

    @classmethod
    def after_restore(cls, obj: Interaction, *, by: Any) -> None:
        refresh_last_interactions(interactions=[obj.pk])


class GroupService(ModelService[Group]):
    model = Group


# --- The date of the last interaction --------------------------------------------------

# (model, its links to the interactions, the links' column naming it)
_LINKS = (
    (Organisation, Interaction.organisations.through, "organisation"),
    (Person, Interaction.people.through, "person"),
)


def _latest(links: Any, owner: str) -> Subquery:
    """The date of the row's latest interaction out of the trash (NULL without any)."""
    return Subquery(
        links.objects.filter(**{owner: OuterRef("pk")}, interaction__deleted_at__isnull=True)
        .order_by()
        .values(owner)
        .annotate(last=Max("interaction__occurred_on"))
        .values("last")
    )


def refresh_last_interactions(
    *,
    organisations: Iterable[int] = (),
    people: Iterable[int] = (),
    interactions: Iterable[int] = (),
) -> None:
    """`last_interaction_on` of these organisations and people (ids) and of those linked
    to these interactions, computed again from their interactions: one UPDATE per table
    for the whole set, whatever changed (a date, a link, the trash). The linked ids are
    read first: `id IN (…) OR id IN (subquery)` would make PostgreSQL scan the table."""
    interaction_ids = list(interactions)
    chosen = {Organisation: set(organisations), Person: set(people)}
    for model, links, owner in _LINKS:
        pks = chosen[model]
        if interaction_ids:
            linked = links.objects.filter(interaction__in=interaction_ids)
            pks |= set(linked.values_list(f"{owner}_id", flat=True))
        if pks:
            model._base_manager.filter(pk__in=sorted(pks)).update(
                last_interaction_on=_latest(links, owner)
            )


def fill_last_interactions(using: str = DEFAULT_DB_ALIAS) -> None:
    """Every organisation's and person's date, after interactions written in bulk (the
    demo and the bench data; they only add, so a row without any keeps its NULL): one
    UPDATE per table from the links grouped once. A subquery per row, planned without
    statistics inside the bulk write's transaction, joined the interactions whole for
    each row on PostgreSQL (2,000 organisations: 67 s)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        for model, links, owner in _LINKS:
            cursor.execute(fill_sql(connection, model, links, owner, Interaction))


def fill_sql(connection: Any, model: Any, links: Any, owner: str, interaction: Any) -> str:
    """`UPDATE … FROM (SELECT owner, MAX(date) … GROUP BY owner)`: SQLite (3.33 and
    later) and PostgreSQL both read it; the models may be a migration's."""
    quote = connection.ops.quote_name
    column = quote(links._meta.get_field(owner).column)
    link = quote(links._meta.get_field("interaction").column)
    table, links_table = quote(model._meta.db_table), quote(links._meta.db_table)
    return (
        f"UPDATE {table} SET {quote('last_interaction_on')} = latest.on_day "  # noqa: S608 — names from the models
        f"FROM (SELECT l.{column} AS owner_id, MAX(i.{quote('occurred_on')}) AS on_day "
        f"FROM {links_table} l INNER JOIN {quote(interaction._meta.db_table)} i "
        f"ON i.{quote(interaction._meta.pk.column)} = l.{link} "
        f"WHERE i.{quote('deleted_at')} IS NULL GROUP BY l.{column}) latest "
        f"WHERE {table}.{quote(model._meta.pk.column)} = latest.owner_id"
    )


class PositionService(ModelService[Position]):
    """A person's positions; dates in order is the model's rule."""

    model = Position


class GroupMemberService(ModelService[GroupMember]):
    """Members of a group; one person or one organisation, once (the model's constraints)."""

    model = GroupMember


class OrganisationLinkService(ModelService[OrganisationLink]):
    model = OrganisationLink


class ThemeService(ModelService[Theme]):
    model = Theme


class TagService(ModelService[Tag]):
    model = Tag


# --- Merging duplicates ----------------------------------------------------------------


@transaction.atomic
def merge_organisations(*, keep: Organisation, remove: Organisation, by: User | None) -> None:
    """Move every link of `remove` to `keep`, fill `keep`'s blanks from it, delete it."""
    _merge(keep=keep, remove=remove, by=by)
    refresh_last_interactions(organisations=[keep.pk])


@transaction.atomic
def merge_people(*, keep: Person, remove: Person, by: User | None) -> None:
    """Move every link of `remove` to `keep`, fill `keep`'s blanks from it, delete it.

    A "do not contact" on either record stays on the merged person.
    """
    keep.do_not_contact = keep.do_not_contact or remove.do_not_contact
    _merge(keep=keep, remove=remove, by=by)
    refresh_last_interactions(people=[keep.pk])


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
    ModelService.set_history(keep, by=by, reason=note[:REASON_MAX_LENGTH])
    keep.save()


def _move_links(*, keep: models.Model, remove: models.Model, by: Any, reason: str) -> None:
    """Point every relation of `remove` at `keep`; a link that would be doubled collapses."""
    model = type(keep)
    # The record's own many-to-many values (themes, tags…): the final save of `keep`
    # records them once in its history, so the adds themselves are not recorded.
    keep.skip_history_when_saving = True  # type: ignore[attr-defined]
    try:
        for m2m in model._meta.many_to_many:
            getattr(keep, m2m.name).add(*getattr(remove, m2m.name).all())
    finally:
        del keep.skip_history_when_saving  # type: ignore[attr-defined]  # simple-history's switch

    for relation in model._meta.related_objects:
        related_model: Any = relation.related_model  # a model class (never "self" here)
        field: Any = relation.field
        rows = related_model._base_manager.filter(**{field.name: remove})
        if relation.many_to_many:
            # Interaction.people, ProjectPartner.contacts…: changed from the owning side, so
            # that the owner's history records its new links (the reverse side would not).
            owner: Any
            for owner in rows:
                manager = getattr(owner, field.name)
                ModelService.set_history(owner, by=by, reason=reason[:REASON_MAX_LENGTH])
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
            attname = getattr(model._meta.get_field(name), "attname", name)
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
    ModelService.set_history(row, by=by, reason=reason[:REASON_MAX_LENGTH])
    row.save(update_fields=fields or None)


def _delete(row: models.Model, *, by: Any, reason: str) -> None:
    # For good, not to the trash: the merged record lives on in `keep`.
    ModelService.set_history(row, by=by, reason=reason[:REASON_MAX_LENGTH])
    row.delete()


# --- GDPR: access export ----------------------------------------------------------------

# Derived columns, not data held on the person: the search text, the sort keys and the
# last interaction date (the interactions themselves are exported below).
PERSON_EXPORT_EXCLUDED = {"search_text", "last_interaction_on"} | {
    f.name for f in sort_key_fields(Person)
}


def person_data_export(*, person: Person) -> dict[str, Any]:
    """Everything held on a person (GDPR art. 15): fields, links and the change history;
    the apps above add what they hold on the person (hooks.GDPR_EXPORT)."""
    fields = [f for f in Person._meta.concrete_fields if f.name not in PERSON_EXPORT_EXCLUDED]
    history_model = person.history.model
    kept_in_history = {f.attname for f in history_model._meta.fields}
    history_fields = [f for f in fields if f.attname in kept_in_history]
    data: dict[str, Any] = {
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
        "history": [
            {
                "at": h.history_date,
                "type": h.history_type,
                "by": str(h.history_user) if h.history_user_id else None,
                "reason": h.history_change_reason,
                "values": {f.name: getattr(h, f.attname) for f in history_fields},
            }
            for h in person.history.select_related("history_user").order_by("history_date")
        ],
    }
    for contribute in hooks.get_hooks(hooks.GDPR_EXPORT):
        data.update(contribute(person))
    return data


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
    person.skip_history_when_saving = True  # type: ignore[attr-defined]  # simple-history's switch
    try:
        person.tags.clear()
    finally:
        del person.skip_history_when_saving  # type: ignore[attr-defined]  # simple-history's switch
    for name, value in PERSONAL_FIELDS.items():
        setattr(person, name, value)
    person.do_not_contact = True
    person.anonymised_at = timezone.now()
    ModelService.set_history(person, by=by, reason="anonymised")
    person.save()
    _scrub_history(person, old_values)


def _scrub_history(person: Person, old_values: set[str]) -> None:
    history_model = person.history.model
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


def _merged_ids(history_model: Any, pk: int) -> set[int]:
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
