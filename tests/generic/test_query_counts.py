"""Every list, detail and API endpoint of every entity makes as many queries with 20 rows
as with 2: for the staff, and for a partner where partners see the records."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.generic.entities import ENTITIES, Entity
from tests.generic.factories import SHARED, World
from tests.querycount import assert_constant_queries

DOORS = ("list", "detail", "api_list", "api_detail")
# An N+1 shows from 2 to 7 rows as well as from 2 to 20, for a third of the time.
ROWS = (2, 7)
CASES = [
    (entity, door)
    for entity in ENTITIES
    for door in DOORS
    if entity.api or not door.startswith("api")
]


def _grow_list(world: World, entity: Entity) -> Any:
    def grow(n: int) -> None:
        for _ in range(n):
            entity.make(world, SHARED)

    return grow


def _grow_detail(world: World, entity: Entity, obj: Any) -> Any:
    def grow(n: int) -> None:
        if entity.grow_detail is not None:
            entity.grow_detail(world, obj, n)
        else:
            for _ in range(n):
                entity.make(world, SHARED)

    return grow


@pytest.mark.parametrize(("entity", "door"), CASES, ids=lambda v: str(v))
def test_queries_do_not_grow_with_the_rows(client, world, entity, door):
    readers = ["admin"] if entity.admin_only else ["officer"]
    if entity.partner_reads and not entity.admin_only:
        readers.append("partner")
    obj = entity.make(world, SHARED)
    if door in ("list", "api_list"):
        url = reverse(entity.url_name("list")) if door == "list" else entity.api_path()
        grow = _grow_list(world, entity)
    else:
        url = (
            reverse(entity.url_name("detail"), args=[obj.pk])
            if door == "detail"
            else entity.api_path(obj.pk)
        )
        grow = _grow_detail(world, entity, obj)
    for role in readers:
        client.force_login(world.users[role])
        assert_constant_queries(client, url, grow=grow, rows=ROWS)
