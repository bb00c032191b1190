"""Every entity's list, detail, create, edit and delete pages, for every role.

A refused write must change nothing (the row's stored values and the table's row count
are compared before and after); a granted one must answer with its redirect (a 422 is a
failure) and the change must be there.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.generic import expect
from tests.generic.entities import ENTITIES, Entity, page_data
from tests.generic.factories import HIDDEN, ROLES, SHARED, World
from tests.generic.helpers import differences, edit_data, for_roles, is_gone, newest, snapshot

DOORS = (
    "list", "detail", "create_form", "create", "update_form", "update", "delete_form", "delete",
)  # fmt: skip


def _said(response: Any) -> str:
    """Why a page refused (form errors), for the failure message."""
    context = getattr(response, "context", None)
    form = context.get("form") if context is not None else None
    return f" {form.errors.as_data()!r}" if form is not None and form.errors else ""


def _answer(role: str, response: Any, want: int) -> list[str]:
    if response.status_code == want:
        return []
    return [f"{role}: {response.status_code} (expected {want}){_said(response)}"]


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("entity", ENTITIES, ids=str)
def test_each_role_gets_its_answer_from_the_pages(client, world, entity, door):
    records = {side: entity.make(world, side) for side in (SHARED, HIDDEN)}
    failures = DOOR_CHECKS[door](client, world, entity, records)
    assert not failures, f"{entity.url_name(door)}: " + "; ".join(failures)


def _list(client: Any, world: World, entity: Entity, records: dict) -> list[str]:
    url = reverse(entity.url_name("list"))
    return for_roles(
        client,
        world,
        ROLES,
        lambda role: _answer(role, client.get(url), expect.page(entity, "list", role)),
    )


def _detail(client: Any, world: World, entity: Entity, records: dict) -> list[str]:
    failures = []
    for side, obj in records.items():
        for action in ("detail", "history"):
            url = reverse(entity.url_name(action), args=[obj.pk])

            def attempt(role: str, url: str = url, side: str = side) -> list[str]:
                want = expect.page(entity, "detail", role, side)
                return _answer(f"{role} ({side})", client.get(url), want)

            failures += for_roles(client, world, ROLES, attempt)
    return failures


def _create_form(client: Any, world: World, entity: Entity, records: dict) -> list[str]:
    url = reverse(entity.url_name("create"))
    return for_roles(
        client,
        world,
        ROLES,
        lambda role: _answer(role, client.get(url), expect.page(entity, "create_form", role)),
    )


def _create(client: Any, world: World, entity: Entity, records: dict) -> list[str]:
    url = reverse(entity.url_name("create"))
    values = entity.valid(world)
    data = page_data(values)
    model = entity.model_class

    def attempt(role: str) -> list[str]:
        before, _row = snapshot(model, None)
        response = client.post(url, data)
        want = expect.page(entity, "create", role)
        failures = _answer(role, response, want)
        after, _row = snapshot(model, None)
        if role != "anonymous" and want == 302:
            if after != before + 1:
                return [*failures, f"{role}: granted, but {after - before} rows were added"]
            wrong = differences(newest(model), values)
            if wrong:
                failures.append(f"{role}: created with {', '.join(wrong)}")
        elif after != before:
            failures.append(f"{role}: refused ({response.status_code}), yet a row was added")
        return failures

    return for_roles(client, world, ROLES, attempt)


def _form(action: str) -> Any:
    def check(client: Any, world: World, entity: Entity, records: dict) -> list[str]:
        failures = []
        for side, roles in ((SHARED, ROLES), (HIDDEN, expect.PARTNERS)):
            url = reverse(entity.url_name(action), args=[records[side].pk])

            def attempt(role: str, url: str = url, side: str = side) -> list[str]:
                want = expect.page(entity, f"{action}_form", role, side)
                return _answer(f"{role} ({side})", client.get(url), want)

            failures += for_roles(client, world, roles, attempt)
        return failures

    return check


def _write(action: str) -> Any:
    def check(client: Any, world: World, entity: Entity, records: dict) -> list[str]:
        model = entity.model_class
        failures = []
        for side, roles in ((SHARED, ROLES), (HIDDEN, expect.PARTNERS)):
            obj = records[side]
            url = reverse(entity.url_name(action), args=[obj.pk])
            data = {}
            if action == "update":
                data = edit_data(entity, obj, world.officer) | page_data(entity.update)

            def attempt(
                role: str, obj: Any = obj, url: str = url, data: dict = data, side: str = side
            ) -> list[str]:
                before = snapshot(model, obj.pk)
                response = client.post(url, data)
                who = f"{role} ({side})"
                want = expect.page(entity, action, role, side)
                found = _answer(who, response, want)
                if role != "anonymous" and want == 302:
                    if action == "update":
                        obj.refresh_from_db()
                        wrong = differences(obj, entity.update)
                        if wrong:
                            found.append(f"{who}: saved {', '.join(wrong)}")
                    if action == "delete" and not is_gone(obj):
                        found.append(f"{who}: granted, but the record is still there")
                elif snapshot(model, obj.pk) != before:
                    found.append(f"{who}: refused ({response.status_code}), yet the row changed")
                return found

            failures += for_roles(client, world, roles, attempt)
        return failures

    return check


DOOR_CHECKS = {
    "list": _list,
    "detail": _detail,
    "create_form": _create_form,
    "create": _create,
    "update_form": _form("update"),
    "update": _write("update"),
    "delete_form": _form("delete"),
    "delete": _write("delete"),
}
