"""Every filter of every list keeps the record its value was taken from (on the page and
on the API), every sortable column sorts both ways, and the exports open with the
record in them."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.db import models
from django.urls import reverse
from openpyxl import load_workbook

from maillage.core.models import Job, JobState
from tests.generic.entities import ENTITIES, Entity
from tests.generic.factories import HIDDEN, SHARED, World
from tests.generic.helpers import api_ids, row_ids

NO_VALUE = object()


def _filter_cases() -> list[Any]:
    cases = []
    for entity in ENTITIES:
        try:
            filterset = entity.crud.filterset_class
        except Exception as error:  # a module being rewritten: one failing case says so
            cases.append(pytest.param(entity, f"<{type(error).__name__}>", id=f"{entity}-import"))
            continue
        if filterset is None:
            cases.append(pytest.param(entity, None, id=f"{entity}-no-filterset"))
            continue
        cases += [
            pytest.param(entity, name, id=f"{entity}-{name}") for name in filterset.base_filters
        ]
    return cases


def _reader(entity: Entity) -> str:
    return "admin" if entity.admin_only else "officer"


def filter_value(entity: Entity, name: str, record: Any) -> Any:
    """The value that selects `record`: the entity's own rule, else read from the field."""
    if name in entity.filter_values:
        return entity.filter_values[name](record)
    f = entity.crud.filterset_class.base_filters[name]
    value = resolve(record, f.field_name)
    if value is NO_VALUE:
        return NO_VALUE
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def resolve(obj: Any, path: str) -> Any:
    """`project__code` → obj.project.code; a to-many relation gives its first row."""
    value = obj
    for part in path.split("__"):
        if value is None:
            return None
        if not hasattr(value, part):
            return NO_VALUE
        value = getattr(value, part)
        if isinstance(value, models.Manager):
            value = value.first()
    if isinstance(value, models.Model):
        return value.pk
    return value


@pytest.mark.parametrize(("entity", "name"), _filter_cases())
def test_each_filter_keeps_the_record_its_value_comes_from(client, world, entity, name):
    assert name is not None, f"{entity.views}: a list without a FilterSet"
    assert not name.startswith("<"), f"{entity.views} did not import: {name}"
    record = entity.make(world, SHARED)
    entity.make(world, HIDDEN)
    if entity.enrich:
        entity.enrich(world, record)
    value = filter_value(entity, name, record)
    assert value not in (NO_VALUE, None, ""), (
        f"{entity}: no value for the filter {name!r}; give Entity.filter_values[{name!r}] "
        "or enrich the record so that it has one"
    )
    client.force_login(world.users[_reader(entity)])
    response = client.get(reverse(entity.url_name("list")), {name: value})
    assert response.status_code == 200
    assert record.pk in row_ids(response), f"{entity}: ?{name}={value} left out its record"
    if entity.api and _api_filterset(entity) is entity.crud.filterset_class:
        response = client.get(entity.api_path(), {name: value})
        assert response.status_code == 200, response.content
        assert record.pk in api_ids(response), f"/api/{entity.api}?{name}={value} left it out"


def _api_filterset(entity: Entity) -> Any:
    from django.urls import resolve as resolve_url

    view = resolve_url(entity.api_path()).func
    return getattr(view.cls, "filterset_class", None)


def _sorted(values: list[Any], descending: bool) -> bool:
    """Texts sort as a reader does ("Élodie" among the E's: core.collation)."""
    from maillage.core.collation import sort_key

    known = [v for v in values if v is not None and v is not NO_VALUE]
    if all(isinstance(v, str) for v in known):
        return known == sorted(known, key=sort_key, reverse=descending)
    return known == sorted(known, reverse=descending)


def _three(world: World, entity: Entity) -> None:
    for side in (SHARED, HIDDEN, SHARED):
        entity.make(world, side)


@pytest.mark.parametrize("entity", ENTITIES, ids=str)
def test_each_sortable_column_sorts_both_ways(client, world, entity):
    _three(world, entity)
    client.force_login(world.users[_reader(entity)])
    url = reverse(entity.url_name("list"))
    failures = []
    for column in entity.crud.columns:
        key = column.sort_key()
        if not key:
            continue
        for sort in (key, f"-{key}"):
            response = client.get(url, {"sort": sort})
            if response.status_code != 200:
                failures.append(f"?sort={sort}: {response.status_code}")
                continue
            objs = [obj for obj, _cells in response.context["rows"]]
            values = [resolve(obj, key) for obj in objs]
            if not _sorted(values, sort.startswith("-")):
                failures.append(f"?sort={sort} gave {values}")
    assert not failures, f"{entity}: " + "; ".join(failures)


@pytest.mark.parametrize("entity", [e for e in ENTITIES if e.api], ids=str)
def test_each_api_ordering_field_orders_both_ways(client, world, entity):
    from django.urls import resolve as resolve_url

    _three(world, entity)
    client.force_login(world.officer)
    fields = getattr(resolve_url(entity.api_path()).func.cls, "ordering_fields", None) or []
    failures = []
    for name in fields:
        for ordering in (name, f"-{name}"):
            response = client.get(entity.api_path(), {"ordering": ordering})
            if response.status_code != 200:
                failures.append(f"?ordering={ordering}: {response.status_code}")
                continue
            rows = response.json()["results"]
            values = [row.get(name, NO_VALUE) for row in rows]
            if not _sorted(values, ordering.startswith("-")):
                failures.append(f"?ordering={ordering} gave {values}")
    assert not failures, f"/api/{entity.api}: " + "; ".join(failures)


def _download(client: Any, entity: Entity, fmt: str) -> bytes:
    response = client.post(reverse(entity.url_name("export")), {"format": fmt, "query": ""})
    assert response.status_code == 302, response.status_code
    job = Job.objects.latest("pk")
    assert job.state == JobState.SUCCEEDED, job.messages
    download = client.get(reverse("core:job_download", args=[job.pk]))
    assert download.status_code == 200
    return b"".join(download.streaming_content)


def _rows(fmt: str, content: bytes) -> list[list[str]]:
    if fmt == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("entity", ENTITIES, ids=str)
def test_the_export_opens_and_holds_the_record(client, world, entity, fmt):
    crud = entity.crud
    if fmt not in crud.export_formats:
        pytest.skip(f"{entity} does not export {fmt}")
    reader = world.users[_reader(entity)]
    made = entity.make(world, SHARED)
    record = crud.base_queryset(reader).get(pk=made.pk)  # with the list's annotations
    client.force_login(reader)
    rows = _rows(fmt, _download(client, entity, fmt))
    assert rows[0] == [c.header(crud.model) for c in crud.columns]
    texts = [
        str(value)
        for value in (c.export(record) for c in crud.columns)
        if isinstance(value, str) and value
    ]
    assert texts, f"{entity}: no text column to find the record by"
    assert any(texts[0] in row for row in rows[1:]), f"{entity}: {texts[0]!r} not exported"
