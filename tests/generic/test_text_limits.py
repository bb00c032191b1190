"""Text has limits (issue 10): 6 MB of Markdown in one field update took 36 s to save and
made the project's updates take 75 s for everyone; 9 MB of notes on one organisation
made deep list pages take 36 s.

Every free-text column has a length limit the model enforces (so every door refuses
longer text, naming the field: tests/generic/test_parity.py) and the form's textarea
says; lists leave unloaded the long texts they do not show; Markdown is rendered once,
when it is saved.
"""

from __future__ import annotations

import re
from typing import Any
from unittest import mock

import pytest
from django.apps import apps
from django.core.validators import MaxLengthValidator
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.models import HistoricalChanges

from maillage.core.text import LONG_TEXT
from tests.generic.entities import BY_KEY, ENTITIES, WITH_API
from tests.generic.factories import SHARED

# Columns derived from others on every save, never typed: their length follows from the
# limits of what they are made of.
DERIVED = {
    "search_text": "made of the record's searchable fields, each with its own limit",
    "body_html": "a field update's body (limited) rendered as HTML",
    "minutes_html": "a meeting's minutes (limited) rendered as HTML",
    "decisions_html": "a meeting's decisions (limited) rendered as HTML",
}
DERIVED_MODELS = {
    "core.SearchEntry": "the search index: the words of records whose own texts are limited",
}


def _maillage_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("maillage.")
        and not issubclass(model, HistoricalChanges)
        and model._meta.label not in DERIVED_MODELS
    ]


def _text_fields(model: type[models.Model]) -> list[models.TextField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.TextField)]


def test_every_free_text_column_has_a_length_limit_the_model_enforces():
    checked, failures = 0, []
    for model in _maillage_models():
        for field in _text_fields(model):
            label = f"{model._meta.label}.{field.name}"
            if not field.editable:
                if field.name not in DERIVED:
                    failures.append(f"{label}: derived? say so in DERIVED, with why")
                continue
            checked += 1
            limits = [v.limit_value for v in field.validators if isinstance(v, MaxLengthValidator)]
            if field.max_length is None:
                failures.append(f"{label}: no max_length (the form's textarea says none)")
            if limits != [field.max_length]:
                failures.append(
                    f"{label}: the model checks {limits or 'no length'}, max_length is "
                    f"{field.max_length} (add validators=[MaxLengthValidator(<the limit>)])"
                )
    assert checked > 10, f"only {checked} text fields found: the test sees too few"
    assert all(apps.get_model(label) for label in DERIVED_MODELS)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("entity", [e for e in ENTITIES if e.crud.form_class], ids=str)
def test_the_form_textareas_say_their_limit(client, world, entity):
    limits = {f.name: f.max_length for f in _text_fields(entity.model_class) if f.editable}
    if not limits:
        pytest.skip(f"{entity} has no free text")
    client.force_login(world.users["admin"])
    page = client.get(reverse(entity.url_name("create"))).content.decode()
    found = dict(re.findall(r'<textarea name="(\w+)"[^>]*?maxlength="(\d+)"', page))
    areas = set(re.findall(r'<textarea name="(\w+)"', page))
    shown = {name: limit for name, limit in limits.items() if name in areas}
    assert shown, f"{entity}: no textarea of {sorted(limits)} on the form"
    assert {name: int(found.get(name, 0)) for name in shown} == shown, found


# -- lists do not load what they do not show --------------------------------------------


def _selected_columns(queries: list[dict[str, Any]], table: str) -> set[str]:
    """The columns of `table` named in the SELECT lists of the queries."""
    columns: set[str] = set()
    for query in queries:
        sql = query["sql"]
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        select = sql.split(" FROM ", 1)[0]
        columns |= set(re.findall(rf'"{table}"\."(\w+)"', select))
    return columns


def _long_record(world: Any, entity: Any) -> Any:
    record = entity.make(world, SHARED)
    texts = {f.attname: "x" * 50 for f in _text_fields(type(record)) if f.editable}
    type(record)._base_manager.filter(pk=record.pk).update(**texts)
    return record


@pytest.mark.parametrize("entity", ENTITIES, ids=str)
def test_a_list_page_loads_no_long_text_it_does_not_show(client, world, entity):
    crud = entity.crud
    unshown = {entity.model_class._meta.get_field(n).column for n in crud.unshown_texts()}
    if not unshown:
        pytest.skip(f"{entity}'s list shows all its texts")
    _long_record(world, entity)
    client.force_login(world.users["admin"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(entity.url_name("list")))
    assert response.status_code == 200
    loaded = _selected_columns(queries.captured_queries, entity.model_class._meta.db_table)
    assert loaded, "the list's query was not found: the test sees nothing"
    assert not loaded & unshown, f"{entity}'s list loads {sorted(loaded & unshown)}"


@pytest.mark.parametrize("entity", WITH_API, ids=str)
def test_an_api_list_loads_no_long_text_its_serializer_does_not_give(client, world, entity):
    _long_record(world, entity)
    client.force_login(world.users["admin"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(entity.api_path())
    assert response.status_code == 200
    given = set(response.json()["results"][0]) if response.json()["results"] else set()
    model = entity.model_class
    unshown = {
        f.column for f in _text_fields(model) if f.name not in given and f.attname not in given
    }
    loaded = _selected_columns(queries.captured_queries, model._meta.db_table)
    assert loaded, "the list's query was not found: the test sees nothing"
    assert not loaded & unshown, f"/api/{entity.api} loads {sorted(loaded & unshown)}"


# -- Markdown, rendered once --------------------------------------------------------------


def test_a_field_update_is_rendered_when_saved_and_never_on_display(client, world):
    from maillage.core.services import service_for
    from maillage.projects.models import FieldUpdate

    values = BY_KEY["fieldupdate"].valid(world) | {"body": "**fait** <script>x</script>"}
    update = service_for(FieldUpdate).create(data=values, by=world.officer)
    assert "<strong>fait</strong>" in update.body_html and "<script>" not in update.body_html
    client.force_login(world.officer)
    boom = mock.Mock(side_effect=AssertionError("Markdown rendered on display"))
    with mock.patch("maillage.core.sanitize.render_markdown", boom):
        pages = [
            client.get(reverse("projects:project_updates", args=[update.project_id])),
            client.get(reverse("projects:fieldupdate_detail", args=[update.pk])),
            client.get("/api/updates"),
            client.get(f"/api/updates/{update.pk}"),
        ]
    assert [p.status_code for p in pages] == [200] * 4
    for page in pages[:2]:
        assert "<strong>fait</strong>" in page.content.decode()
    assert "<strong>fait</strong>" in pages[3].json()["body_html"]
    # An edit renders the new text.
    service_for(FieldUpdate).update(obj=update, data={"body": "_neuf_"}, by=world.officer)
    assert "<em>neuf</em>" in FieldUpdate.objects.get(pk=update.pk).body_html


def test_the_updates_written_before_are_rendered_by_the_migration(world):
    import importlib

    from maillage.projects.models import FieldUpdate

    migration = importlib.import_module(
        "maillage.projects.migrations.0008_text_limits_and_rendered_updates"
    )
    update = BY_KEY["fieldupdate"].make(world, SHARED)
    FieldUpdate._base_manager.filter(pk=update.pk).update(body="*vu*", body_html="")
    migration.render_bodies(apps, None)
    assert "<em>vu</em>" in FieldUpdate._base_manager.get(pk=update.pk).body_html


def test_a_field_update_over_its_limit_is_refused_before_it_is_rendered(world):
    from django.core.exceptions import ValidationError

    from maillage.core.services import service_for
    from maillage.projects.models import FieldUpdate

    values = BY_KEY["fieldupdate"].valid(world) | {"body": "x" * (LONG_TEXT + 1)}
    boom = mock.Mock(side_effect=AssertionError("rendered before the check"))
    with (
        mock.patch("maillage.projects.models.updates.render_markdown", boom),
        pytest.raises(ValidationError) as refused,
    ):
        service_for(FieldUpdate).create(data=values, by=world.officer)
    assert "body" in refused.value.message_dict
