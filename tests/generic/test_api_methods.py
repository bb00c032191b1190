"""Every entity's API resource — GET list and detail, POST, PUT, PATCH, DELETE — for every
role: a refused write changes nothing, a granted one answers 2xx (a 400 is a failure)
and the change is there. And what a partner may change of its own, through both doors."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.generic import expect
from tests.generic.entities import ENTITIES, WITH_API, Entity, api_data, page_data
from tests.generic.factories import HIDDEN, ROLES, SHARED, World
from tests.generic.helpers import differences, edit_data, for_roles, is_gone, newest, snapshot

DOORS = ("list", "detail", "post", "put", "patch", "delete")
JSON = "application/json"


def _answer(role: str, response: Any, want: int) -> list[str]:
    if response.status_code == want:
        return []
    body = ""
    if response.status_code == 400:
        body = f" {response.content.decode()[:300]}"
    return [f"{role}: {response.status_code} (expected {want}){body}"]


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("entity", WITH_API, ids=str)
def test_each_role_gets_its_answer_from_the_api(client, world, entity, door):
    records = {side: entity.make(world, side) for side in (SHARED, HIDDEN)}
    failures = CHECKS[door](client, world, entity, records)
    assert not failures, f"{door.upper()} /api/{entity.api}: " + "; ".join(failures)


def _list(client: Any, world: World, entity: Entity, records: dict) -> list[str]:
    url = entity.api_path()

    def attempt(role: str) -> list[str]:
        response = client.get(url)
        failures = _answer(role, response, expect.api(entity, "list", role))
        if response.status_code == 200:
            ids = {row["id"] for row in response.json()["results"]}
            for side, obj in records.items():
                if (obj.pk in ids) != expect.sees(entity, role, side):
                    failures.append(f"{role}: the {side} record is wrongly (not) listed")
        return failures

    return for_roles(client, world, ROLES, attempt)


def _detail(client: Any, world: World, entity: Entity, records: dict) -> list[str]:
    failures = []
    for side, obj in records.items():

        def attempt(role: str, obj: Any = obj, side: str = side) -> list[str]:
            want = expect.api(entity, "detail", role, side)
            return _answer(f"{role} ({side})", client.get(entity.api_path(obj.pk)), want)

        failures += for_roles(client, world, ROLES, attempt)
    return failures


def _post(client: Any, world: World, entity: Entity, records: dict) -> list[str]:
    values = entity.valid(world)
    body = api_data(entity, values)
    model = entity.model_class

    def attempt(role: str) -> list[str]:
        before, _row = snapshot(model, None)
        response = client.post(entity.api_path(), body, content_type=JSON)
        want = expect.api(entity, "post", role)
        failures = _answer(role, response, want)
        after, _row = snapshot(model, None)
        if want == 201:
            if after != before + 1:
                return [*failures, f"{role}: granted, but {after - before} rows were added"]
            wrong = differences(newest(model), values)
            if wrong:
                failures.append(f"{role}: created with {', '.join(wrong)}")
        elif after != before:
            failures.append(f"{role}: refused ({response.status_code}), yet a row was added")
        return failures

    return for_roles(client, world, ROLES, attempt)


def full_body(client: Any, world: World, entity: Entity, obj: Any) -> dict[str, Any]:
    """The record as the API gives it to an officer: what a PUT sends back."""
    client.force_login(world.officer)
    response = client.get(entity.api_path(obj.pk))
    assert response.status_code == 200, response.content
    return response.json()


def _write(door: str) -> Any:
    def check(client: Any, world: World, entity: Entity, records: dict) -> list[str]:
        model = entity.model_class
        failures = []
        for side, roles in ((SHARED, ROLES), (HIDDEN, expect.PARTNERS)):
            obj = records[side]
            url = entity.api_path(obj.pk)
            body: dict[str, Any] = api_data(entity, entity.update)
            if door == "put":
                body = full_body(client, world, entity, obj) | body

            def attempt(
                role: str, obj: Any = obj, url: str = url, body: dict = body, side: str = side
            ) -> list[str]:
                before = snapshot(model, obj.pk)
                response = getattr(client, door)(url, body, content_type=JSON)
                who = f"{role} ({side})"
                want = expect.api(entity, door, role, side)
                found = _answer(who, response, want)
                if want in (200, 204):
                    if door == "delete":
                        if not is_gone(obj):
                            found.append(f"{who}: granted, but the record is still there")
                    else:
                        obj.refresh_from_db()
                        wrong = differences(obj, entity.update)
                        if wrong:
                            found.append(f"{who}: saved {', '.join(wrong)}")
                elif snapshot(model, obj.pk) != before:
                    found.append(f"{who}: refused ({response.status_code}), yet the row changed")
                return found

            failures += for_roles(client, world, roles, attempt)
        return failures

    return check


CHECKS = {
    "list": _list,
    "detail": _detail,
    "post": _post,
    "put": _write("put"),
    "patch": _write("patch"),
    "delete": _write("delete"),
}


# -- what a partner changes of its own ------------------------------------------------


def _attempt(
    client: Any, model: Any, obj: Any, call: Any, want: int, change: dict | None
) -> list[str]:
    """One write: its answer, then the change (when granted) or no change at all."""
    before = snapshot(model, obj.pk)
    response = call()
    failures = [] if response.status_code == want else [f"{response.status_code} (expected {want})"]
    if want in (200, 204, 302) and change is not None:
        obj.refresh_from_db()
        failures += [f"not saved: {d}" for d in differences(obj, change)]
    elif want in (200, 204, 302) and change is None:
        if not is_gone(obj):
            failures.append("granted, but the record is still there")
    elif snapshot(model, obj.pk) != before:
        failures.append(f"refused ({response.status_code}), yet the row changed")
    return failures


OWNED = [entity for entity in ENTITIES if entity.partner_own]


@pytest.mark.parametrize("entity", OWNED, ids=str)
def test_a_partner_changes_its_own_records_and_no_one_else_does(client, world, entity):
    model = entity.model_class
    obj = entity.partner_own(world)
    page = edit_data(entity, obj, world.officer) | page_data(entity.update)
    patch = api_data(entity, entity.partner_patch or {})
    other_patch = api_data(entity, entity.update)
    urls = {
        "update": reverse(entity.url_name("update"), args=[obj.pk]),
        "delete": reverse(entity.url_name("delete"), args=[obj.pk]),
        "api": entity.api_path(obj.pk),
    }
    own = entity.partner_page_writes
    mine, more = entity.partner_patch or {}, entity.update
    cases = [
        # role, what, method, URL, data, JSON?, expected answer, change (None: deleted)
        ("partner", "edit page", "post", urls["update"], page, False, 302 if own else 403, more),
        ("partner", "API PATCH", "patch", urls["api"], patch, True, 200, mine),
        ("partner", "API PATCH of more", "patch", urls["api"], other_patch, True,
         200 if own else 403, more),
        ("partner", "delete page", "post", urls["delete"], {}, False, 302 if own else 403, None),
        ("partner", "API DELETE", "delete", urls["api"], {}, True, 204 if own else 403, None),
        ("outsider", "API PATCH", "patch", urls["api"], patch, True, 404, mine),
        ("outsider", "edit page", "post", urls["update"], page, False, 404, more),
        ("viewer", "API PATCH", "patch", urls["api"], patch, True, 403, mine),
    ]  # fmt: skip
    failures = []
    for role, what, method, url, data, as_json, want, change in cases:

        def attempt(
            role: str, what: str = what, method: str = method, url: str = url, data: Any = data,
            as_json: bool = as_json, want: int = want, change: Any = change,
        ) -> list[str]:  # fmt: skip
            extra = {"content_type": JSON} if as_json else {}
            found = _attempt(
                client,
                model,
                obj,
                lambda: getattr(client, method)(url, data, **extra),
                want,
                change,
            )
            return [f"{role} {what}: {message}" for message in found]

        failures += for_roles(client, world, [role], attempt)
    assert not failures, "; ".join(failures)
