"""The one write path: every create, update, delete and restore of a domain record.

Pages (`CrudViews`), the API (`VisibleModelViewSet`), imports and management commands
hand the parsed input to the entity's service; forms and serializers only parse. The
service applies the values, runs the model's own rules (`full_clean`: field checks,
`clean()`, named constraints), then the rules that span rows (`validate`), saves with
history naming the acting user and an optional reason, and runs the side effects
(`after_save`), all in one transaction.

An entity with rules of its own declares a service in its app's `services.py`:

    class CommitmentService(ModelService[Commitment]):
        model = Commitment

        @classmethod
        def after_save(cls, obj, *, by, before):
            if before is not None and before.due_on != obj.due_on:
                ...  # re-arm the reminder

Declaring the class registers it (`service_for(Commitment)` returns it); every other
model gets the plain `ModelService`. A refusal is a `django.core.exceptions.
ValidationError` keyed by field: the page shows it on the form, the API answers 400
with the field named, an import reports it on the row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, Generic, TypeVar, cast

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connections, models, router, transaction
from django.db.models.deletion import ProtectedError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from maillage.core.concurrency import VersionConflict
from maillage.core.dates import out_of_range, out_of_range_message
from maillage.core.model_checks import validate_constraints

M = TypeVar("M", bound=models.Model)

_REGISTRY: dict[type[models.Model], type[ModelService[Any]]] = {}


class StillInUse(ValidationError):
    """A real delete refused because other records point to this one."""


class ModelService(Generic[M]):
    """Create, update, delete and restore one kind of record; subclasses add the rules."""

    model: ClassVar[type[models.Model]]
    # Fields a door may not set even if its parser offers them (derived or system fields).
    protected_fields: ClassVar[frozenset[str]] = frozenset(
        {"id", "pk", "version", "created_at", "updated_at", "deleted_at", "search_text"}
    )

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        model = cls.__dict__.get("model")
        if model is not None:
            _REGISTRY[model] = cls

    # -- the doors call these ---------------------------------------------------------

    @classmethod
    def create(cls, *, data: Mapping[str, Any], by: Any, reason: str | None = None) -> M:
        """A new record from parsed input; ValidationError names the fields refused."""
        with transaction.atomic():
            obj = cast(M, cls.model())
            related = cls.apply(obj, data)
            cls.prepare(obj, by=by, before=None)
            cls.clean(obj, by=by, before=None, related=related)
            cls.save(obj, by=by, reason=reason)
            cls.save_related(obj, related, by=by)
            cls.after_save(obj, by=by, before=None)
        return obj

    @classmethod
    def update(
        cls,
        *,
        obj: M,
        data: Mapping[str, Any],
        by: Any,
        version: int | None = None,
        reason: str | None = None,
    ) -> M:
        """Change a record; `version` (what the editor loaded) makes it conditional:
        VersionConflict when someone saved meanwhile."""
        with transaction.atomic():
            before = cls.lock(obj, version)
            related = cls.apply(obj, data)
            cls.prepare(obj, by=by, before=before)
            cls.clean(obj, by=by, before=before, related=related)
            cls.save(obj, by=by, reason=reason)
            cls.save_related(obj, related, by=by)
            cls.after_save(obj, by=by, before=before)
        return obj

    @classmethod
    def delete(cls, *, obj: M, by: Any, reason: str | None = None) -> str | None:
        """To the trash (with the rows that belong to it) when the model has one, else a
        real delete; StillInUse when other records still point to it. An entity that
        deletes in its own way (an account is deactivated) returns what to tell the user."""
        from maillage.core.trash import move_to_trash

        with transaction.atomic():
            cls.before_delete(obj, by=by)
            if hasattr(obj, "deleted_at"):
                move_to_trash(obj, by=by, reason=reason)
                return None
            cls.set_history(obj, by=by, reason=reason or "deleted")
            try:
                with transaction.atomic():
                    obj.delete()
            except ProtectedError as error:
                raise StillInUse(
                    _("%(name)s is still used by other records and cannot be deleted.")
                    % {"name": obj}
                ) from error
        return None

    @classmethod
    def create_many(
        cls, objs: list[M], *, by: Any, reason: str | None = None, batch_size: int = 500
    ) -> list[M]:
        """Bulk creation for imports: each row passes the same `clean` as a single
        create (errors keyed by row index), then one bulk insert with history."""
        errors: dict[int, ValidationError] = {}
        for index, obj in enumerate(objs):
            try:
                cls.prepare(obj, by=by, before=None)
                cls.clean(obj, by=by, before=None, related={})
            except ValidationError as error:
                errors[index] = error
        if errors:
            raise RowErrors(errors)
        model = cast(type[M], cls.model)
        return bulk_save(model, objs, by=by, reason=reason, batch_size=batch_size)

    # -- the hooks an entity overrides -------------------------------------------------

    @classmethod
    def prepare(cls, obj: M, *, by: Any, before: M | None) -> None:
        """Set what no door asks for (who recorded it, derived values) before checks."""

    @classmethod
    def validate(cls, obj: M, *, by: Any, before: M | None, related: dict[str, Any]) -> None:
        """Rules that span rows; raise ValidationError({field: message})."""

    @classmethod
    def after_save(cls, obj: M, *, by: Any, before: M | None) -> None:
        """Side effects of a write (re-arm a reminder, shift dependants, notify)."""

    @classmethod
    def before_delete(cls, obj: M, *, by: Any) -> None:
        """Refuse (ValidationError) or prepare a delete."""

    @classmethod
    def after_trash(cls, obj: M, *, by: Any) -> None:
        """Side effects of the record leaving for the trash (itself or with its parent)."""

    @classmethod
    def after_restore(cls, obj: M, *, by: Any) -> None:
        """Side effects of the record coming back from the trash."""

    @classmethod
    def save_related(cls, obj: M, related: dict[str, Any], *, by: Any) -> None:
        """Write what is not a column: many-to-many values (set here by default) and
        the entity's own extra inputs (override, call super)."""
        for name, value in related.items():
            field = _m2m_field(obj, name)
            if field is not None:
                getattr(obj, name).set(value)

    # -- the steps ------------------------------------------------------------------

    @classmethod
    def lock(cls, obj: M, version: int | None) -> M:
        """The record as stored, its row locked; VersionConflict if it moved on."""
        current: M = type(obj)._base_manager.select_for_update().get(pk=obj.pk)
        if version is not None and getattr(current, "version", version) != version:
            raise VersionConflict(current)
        if hasattr(obj, "version"):
            # The write applies to the row as stored now: the save that follows
            # compares against this version and moves it on by one.
            obj.version = current.version  # type: ignore[attr-defined]  # checked by hasattr
        return current

    @classmethod
    def apply(cls, obj: M, data: Mapping[str, Any]) -> dict[str, Any]:
        """Set the columns from `data`; what is not a column comes back for save_related."""
        related: dict[str, Any] = {}
        for name, value in data.items():
            if name in cls.protected_fields:
                continue
            if _m2m_field(obj, name) is not None:
                related[name] = value
                continue
            try:
                field = obj._meta.get_field(name)
            except Exception:
                related[name] = value
                continue
            if not getattr(field, "concrete", False) or getattr(field, "auto_created", False):
                related[name] = value
                continue
            setattr(obj, name, value)
        return related

    @classmethod
    def clean(cls, obj: M, *, by: Any, before: M | None, related: dict[str, Any]) -> None:
        """The model's rules (fields, clean(), constraints, unique) then the service's;
        every message of both comes back together, keyed by field."""
        errors: dict[str, list[Any]] = {}
        exclude = cls.unchecked_fields(obj)
        for name in _dates_out_of_range(obj, exclude):
            errors.setdefault(name, []).append(out_of_range_message())
        try:
            obj.full_clean(exclude=exclude | set(errors), validate_constraints=False)
        except ValidationError as error:
            _merge(errors, error)
        # Constraints last, on the fields that passed (as full_clean does), each refusal
        # on the field it is about: a negative budget is a 400 naming `budget`.
        try:
            validate_constraints(obj, exclude=exclude | set(errors) - {NON_FIELD_ERRORS})
        except ValidationError as error:
            _merge(errors, error)
        try:
            cls.validate(obj, by=by, before=before, related=related)
        except ValidationError as error:
            _merge(errors, error)
        if errors:
            raise ValidationError(errors)

    @classmethod
    def unchecked_fields(cls, obj: M) -> set[str]:
        """Fields no door sets (derived, system): their blank value is not an error."""
        return {f.name for f in obj._meta.concrete_fields if not f.editable}

    @classmethod
    def save(cls, obj: M, *, by: Any, reason: str | None) -> None:
        cls.set_history(obj, by=by, reason=reason)
        obj.save()

    @staticmethod
    def set_history(obj: models.Model, *, by: Any, reason: str | None) -> None:
        """Who did it and why, for django-simple-history (requests set the user too;
        commands and jobs have only this)."""
        if by is not None and getattr(by, "pk", None) is not None:
            obj._history_user = by  # type: ignore[attr-defined]  # read by simple-history
        if reason:
            obj._change_reason = str(reason)  # type: ignore[attr-defined]  # read by simple-history


class RowErrors(Exception):
    """`create_many` refused some rows: {row index: ValidationError}."""

    def __init__(self, errors: dict[int, ValidationError]) -> None:
        super().__init__(f"{len(errors)} rows refused")
        self.errors = errors


def service_for(model: type[M]) -> type[ModelService[M]]:
    """The registered service of `model` (or of the model it proxies), else the plain one.

    App services modules are imported at start-up (core.apps), so the registry is full."""
    candidates: list[type[models.Model]] = [model, *model._meta.get_parent_list()]
    for candidate in candidates:
        if candidate in _REGISTRY:
            return _REGISTRY[candidate]
    concrete = model._meta.concrete_model
    if concrete is not None and concrete in _REGISTRY:
        return _REGISTRY[concrete]
    plain = type(f"{model.__name__}Service", (ModelService,), {"model": model})
    return plain  # registered by __init_subclass__ on creation


def registered_services() -> dict[type[models.Model], type[ModelService[Any]]]:
    return dict(_REGISTRY)


def bulk_save(
    model: type[M], objs: list[M], *, by: Any, reason: str | None, batch_size: int = 500
) -> list[M]:
    """Insert many rows at once with their history (save() is not called: derived
    values such as `search_text` are computed here; stored sort keys by the insert
    itself, `core.collation.SortKeyField.pre_save`)."""
    from simple_history.utils import bulk_create_with_history

    from maillage.core.models import SearchableModel

    for obj in objs:
        if isinstance(obj, SearchableModel):
            obj.search_text = obj.compute_search_text()
    # A proxy (Task of PlanItem) has its history on the concrete model.
    concrete = model._meta.concrete_model or model
    user = by if getattr(by, "pk", None) else None
    if not hasattr(concrete._meta, "simple_history_manager_attribute"):
        created = list(model._default_manager.bulk_create(objs, batch_size=batch_size))
    elif copies_first_versions(concrete, objs):
        with transaction.atomic(savepoint=False):
            created = list(model._default_manager.bulk_create(objs, batch_size=batch_size))
            write_first_versions(
                concrete,
                [obj.pk for obj in created],
                user=user or _default_history_user(concrete, objs),
                reason=str(reason) if reason else None,
                when=timezone.now(),
            )
    else:
        created = list(
            bulk_create_with_history(
                objs,
                concrete,
                batch_size=batch_size,
                default_user=user,
                default_change_reason=str(reason) if reason else None,
                default_date=timezone.now(),
            )
        )
    if issubclass(model, SearchableModel):
        from maillage.core.search import index

        index(created)  # save() is not called: the search index is written here
    return created


# Who, why, when of one historical row: simple-history's own columns beside the record's.
HISTORY_COLUMNS = frozenset(
    {"history_id", "history_date", "history_change_reason", "history_type", "history_user_id"}
)
FIRST_VERSIONS_CHUNK = 500  # ids per INSERT … SELECT (SQLite allows 999 parameters)


def _history_model(model: type[models.Model]) -> Any:
    return getattr(model, model._meta.simple_history_manager_attribute).model  # type: ignore[attr-defined]  # set by simple-history on models with history


def history_model(model: type[models.Model]) -> type[models.Model] | None:
    """The model of `model`'s history table (its concrete model's), or None without one."""
    concrete = model._meta.concrete_model or model
    if not hasattr(concrete._meta, "simple_history_manager_attribute"):
        return None
    return _history_model(concrete)


def copies_first_versions(model: type[models.Model], objs: list[Any]) -> bool:
    """Whether the first versions of `objs` may be copied by the database: a history of
    the record's columns and simple-history's own only (else its columns are computed in
    Python), and no row asking for its own user, reason or date (simple-history's
    per-instance `_history_user`, `_change_reason`, `_history_date`)."""
    from django.conf import settings

    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return False
    if not connections[router.db_for_write(model)].features.can_return_rows_from_bulk_insert:
        return False  # the new rows' keys are needed (SQLite ≥ 3.35 and PostgreSQL give them)
    history = _history_model(model)
    source = {f.column for f in model._meta.concrete_fields}
    own = {f.column for f in history._meta.concrete_fields} - source
    if own != HISTORY_COLUMNS:
        return False
    return not any(
        hasattr(obj, name)
        for obj in objs
        for name in ("_history_user", "_change_reason", "_history_date")
    )


def _default_history_user(model: type[models.Model], objs: list[Any]) -> Any:
    """simple-history's user when none is given: the request's (its middleware)."""
    if not objs:
        return None
    return _history_model(model).get_default_history_user(objs[0])


def write_first_versions(
    model: type[models.Model],
    pks: list[Any],
    *,
    user: Any,
    reason: str | None,
    when: dt.datetime,
) -> None:
    """The creation ("+") of each of these stored rows in its history, naming `user`,
    `reason` and `when`, copied by the database (`INSERT … SELECT`, in pk order): the
    rows `bulk_create_with_history` writes, without a Python object per historical row
    (the bulk of an import's time). `model` is a concrete model with history whose
    historical table holds its columns and simple-history's own (`copies_first_versions`)."""
    history = _history_model(model)
    alias = router.db_for_write(model)
    connection = connections[alias]
    source = {f.column for f in model._meta.concrete_fields}
    columns = [f.column for f in history._meta.concrete_fields if f.column in source]
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    pk = quote(model._meta.pk.column)
    when_value = connection.ops.adapt_datetimefield_value(when)
    user_id = getattr(user, "pk", None)
    with connection.cursor() as cursor:
        for start in range(0, len(pks), FIRST_VERSIONS_CHUNK):
            chunk = pks[start : start + FIRST_VERSIONS_CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({names}, history_date, "  # noqa: S608 — names from the models, values are parameters
                f"history_change_reason, history_type, history_user_id) SELECT {names}, %s, "
                f"%s, '+', %s FROM {quote(model._meta.db_table)} WHERE {pk} IN ({marks}) "
                f"ORDER BY {pk}",
                [when_value, reason, user_id, *chunk],
            )


def error_dict(error: ValidationError) -> dict[str, list[str]]:
    """Messages by field name ("__all__" for the record as a whole)."""
    if hasattr(error, "error_dict"):
        return {
            field: [str(m) for m in ValidationError(msgs).messages]
            for field, msgs in error.error_dict.items()
        }
    return {NON_FIELD_ERRORS: [str(m) for m in error.messages]}


def add_to_form(form: Any, error: ValidationError) -> None:
    """Show a service's refusal on a form: on the field when the form has it, else at
    the top with the field's label."""
    model = getattr(getattr(form, "_meta", None), "model", None)
    for field, messages in error_dict(error).items():
        if field == NON_FIELD_ERRORS or field in form.fields:
            target = None if field == NON_FIELD_ERRORS else field
            for message in messages:
                form.add_error(target, message)
            continue
        label = field_label(model, field)
        for message in messages:
            form.add_error(None, f"{label} : {message}")


def field_label(model: type[models.Model] | None, name: str) -> str:
    if model is not None:
        try:
            field = model._meta.get_field(name)
        except Exception:  # noqa: S110 — not a model field: its name is the best label
            pass
        else:
            if isinstance(field, models.Field):  # a reverse relation has no verbose name
                return capfirst(str(field.verbose_name))
    return capfirst(name.replace("_", " "))


def today_for(user: Any) -> dt.date:
    """The date where the user is (their time zone when they have one), for rules such
    as "completed on" — not the server's own day."""
    import zoneinfo

    tz_name = getattr(user, "timezone", "") or ""
    try:
        tz = zoneinfo.ZoneInfo(tz_name) if tz_name else timezone.get_current_timezone()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        tz = timezone.get_current_timezone()
    return timezone.localdate(timezone.now(), tz)


def _m2m_field(obj: models.Model, name: str) -> Any:
    try:
        field = obj._meta.get_field(name)
    except Exception:
        return None
    if getattr(field, "many_to_many", False) and not getattr(field, "auto_created", False):
        return field
    return None


def _dates_out_of_range(obj: models.Model, exclude: set[str]) -> list[str]:
    """The date fields a door sets whose value falls outside the years people mean
    (core.dates: EARLIEST … LATEST)."""
    return [
        field.name
        for field in obj._meta.concrete_fields
        if isinstance(field, models.DateField)  # DateTimeField is one too
        and field.name not in exclude
        and out_of_range(getattr(obj, field.attname))
    ]


def _merge(errors: dict[str, list[Any]], error: ValidationError) -> None:
    for field, messages in error_dict(error).items():
        errors.setdefault(field, []).extend(messages)


def changed(before: models.Model | None, obj: models.Model, *names: str) -> bool:
    """Whether any of the fields changed in this write (always, on a create)."""
    if before is None:
        return True
    return any(getattr(before, n) != getattr(obj, n) for n in names)


def iter_errors(error: ValidationError) -> Iterable[tuple[str, str]]:
    for field, messages in error_dict(error).items():
        for message in messages:
            yield field, message
