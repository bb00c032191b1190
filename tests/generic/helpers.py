"""What the generic suites share: signing in as a role, a record's snapshot, the full
POST of an edit form, and comparing a record with the input that made it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from http.cookies import SimpleCookie
from typing import Any

from django import forms
from django.conf import settings
from django.db import models, transaction
from django.test import RequestFactory

from tests.generic.entities import Entity, _pk
from tests.generic.factories import World


def login(client: Any, world: World, role: str) -> None:
    """`client` as `role`, with no cookie but the session the role's sign-in made when the
    world was built. A `logout` and a `force_login` per role and test were a quarter of the
    CRUD pages' time (the sign-in's signals: last login, audit, axes)."""
    client.cookies = SimpleCookie()
    if role == "anonymous":
        return
    if role in world.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    else:
        client.force_login(world.users[role])


def for_roles(
    client: Any, world: World, roles: Iterable[str], attempt: Callable[[str], list[str]]
) -> list[str]:
    """Run `attempt(role)` for each role in a savepoint rolled back afterwards, so that
    each role finds the records as they were; the failures of all roles together."""
    failures: list[str] = []
    for role in roles:
        sid = transaction.savepoint()
        try:
            login(client, world, role)
            failures += attempt(role)
        finally:
            transaction.savepoint_rollback(sid)
    return failures


def snapshot(model: type[models.Model], pk: Any) -> tuple[int, dict[str, Any] | None]:
    """The table's row count (trash included) and the row's stored values."""
    manager = model._base_manager
    return manager.count(), manager.filter(pk=pk).values().first()


def newest(model: type[models.Model]) -> Any:
    return model._base_manager.order_by("-pk").first()


def is_gone(obj: models.Model) -> bool:
    """Deleted, in the trash, or (an account) deactivated."""
    model = type(obj)
    row = model._base_manager.filter(pk=obj.pk).first()
    if row is None:
        return True
    if getattr(row, "deleted_at", None) is not None:
        return True
    if hasattr(row, "is_active") and hasattr(row, "role"):
        return not row.is_active
    return not model._default_manager.filter(pk=obj.pk).exists()


def edit_data(entity: Entity, obj: models.Model, user: Any) -> dict[str, Any]:
    """What the edit page's form posts when saved unchanged (files and disabled fields
    left out), with the record's version."""
    crud = entity.crud
    request = RequestFactory().get("/")
    request.user = user
    form = crud.form_class(instance=obj, **crud.form_kwargs(request, obj))
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField) or field.disabled:
            continue
        value = form[name].value()
        if isinstance(field, forms.NullBooleanField):
            data[name] = {True: "true", False: "false"}.get(value, "unknown")
        elif isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
        elif value is None:
            data[name] = ""
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif isinstance(value, dt.date):
            data[name] = value.isoformat()
        else:
            data[name] = str(value)
    if hasattr(obj, "version") and "version" not in data:
        data["version"] = str(obj.version)
    return data


def plain(value: Any) -> Any:
    """A value as the inputs give it: records by primary key, many-to-many as a set."""
    if hasattr(value, "all") and callable(value.all):
        return {item.pk for item in value.all()}
    if isinstance(value, list | tuple | set):
        return {_pk(v) for v in value}
    return _pk(value)


def differences(obj: models.Model, values: dict[str, Any]) -> list[str]:
    """The fields of `obj` that do not hold the input's value."""
    found = []
    for name, wanted in values.items():
        actual = plain(getattr(obj, name))
        if actual != plain(wanted):
            found.append(f"{name}={actual!r} (sent {plain(wanted)!r})")
    return found


def row_ids(response: Any) -> list[int]:
    """The records of a list page, in their order."""
    return [obj.pk for obj, _cells in response.context["rows"]]


def api_ids(response: Any) -> list[int]:
    body = response.json()
    rows = body["results"] if isinstance(body, dict) and "results" in body else body
    return [row["id"] for row in rows]
