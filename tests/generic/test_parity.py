"""One write path: the same input sent through every door of an entity — the page form,
the API and (where the entity imports) a one-row file — is refused by all of them with
the same message, and the same valid input creates the same record.

The cases include the divergences found before the kit: rules that only the form, only
the serializer or only the importer knew, each with its own wording.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext

from maillage.core.dates import END_BEFORE_START, out_of_range_message
from maillage.core.text import LONG_TEXT
from tests.generic.entities import BY_KEY, WITH_API, Entity, Values, api_data, page_data
from tests.generic.factories import SHARED, World, codelist_item
from tests.generic.helpers import newest, plain, snapshot

JSON = "application/json"
OUT_OF_RANGE = lazy(out_of_range_message, str)()  # in the language of the moment
SIREN, OTHER_SIRET = "217701473", "21590350100017"  # both valid; the SIRET is Lille's


@dataclass(frozen=True)
class Case:
    """An invalid input: the entity's valid one, changed by `change`; refused on `field`
    with `message` (its English msgid, compared in French), or — None — with the same
    words through every door."""

    id: str
    entity: str
    change: Callable[[World], Values]
    field: str
    message: Any  # str, or a lazy message of the app
    importer: str | None = None  # the `maillage import` name, when the entity imports

    def values(self, world: World) -> Values:
        return BY_KEY[self.entity].valid(world) | self.change(world)


CASES = [
    Case(
        "organisation-siret-not-of-its-siren",
        "organisation",
        lambda w: {"siren": SIREN, "siret": OTHER_SIRET},
        "siret",
        "The SIRET must start with the organisation's SIREN.",
        importer="organisations",
    ),
    Case(
        "organisation-latitude-without-longitude",
        "organisation",
        lambda w: {"latitude": Decimal("44.837789")},
        "longitude",
        "Give both latitude and longitude, or neither.",
        importer="organisations",
    ),
    Case(
        "organisation-departement-abroad",
        "organisation",
        lambda w: {"country": "MA", "departement": "33"},
        "departement",
        "A département is only for organisations in France.",
        importer="organisations",
    ),
    Case(
        "person-consent-without-its-date",
        "person",
        lambda w: {"lawful_basis": "consent"},
        "consent_on",
        "Record when consent was given.",
        importer="people",
    ),
    Case(
        "agreement-ends-before-it-starts",
        "agreement",
        lambda w: {"start_on": dt.date(2027, 1, 1), "end_on": dt.date(2026, 1, 1)},
        "end_on",
        END_BEFORE_START,
    ),
    Case(
        "partnership-same-authority-twice",
        "partnership",
        lambda w: {"foreign_authority": BY_KEY["partnership"].valid(w)["french_authority"]},
        "foreign_authority",
        "The foreign authority must differ from the French one.",
    ),
    Case(
        "risk-likelihood-6",
        "risk",
        lambda w: {"likelihood": 6},
        "likelihood",
        None,
    ),
    Case(
        "task-progress-over-100",
        "task",
        lambda w: {"progress": 101},
        "progress",
        "Progress is a percentage, from 0 to 100.",
    ),
    Case(
        "commitment-reminder-over-a-year",
        "commitment",
        lambda w: {"remind_days_before": 400},
        "remind_days_before",
        None,
    ),
    # Every free text has a length limit (core.text), said in the same words (Django's)
    # by the form, the API and the importer.
    Case(
        "organisation-notes-over-their-limit",
        "organisation",
        lambda w: {"notes": "x" * (LONG_TEXT + 1)},
        "notes",
        None,
        importer="organisations",
    ),
    Case(
        "fieldupdate-body-over-its-limit",
        "fieldupdate",
        lambda w: {"body": "x" * (LONG_TEXT + 1)},
        "body",
        None,
    ),
    # Every typed date falls within the years of core.dates.
    Case(
        "person-consent-in-9999",
        "person",
        lambda w: {"lawful_basis": "consent", "consent_on": dt.date(9999, 12, 31)},
        "consent_on",
        OUT_OF_RANGE,
        importer="people",
    ),
    Case(
        "activity-ending-9999-12-31",
        "activity",
        lambda w: {"end_on": dt.date(9999, 12, 31)},
        "end_on",
        OUT_OF_RANGE,
    ),
]


def _translated(message: Any) -> str:
    with translation.override("fr"):
        return gettext(message) if isinstance(message, str) else str(message)


def _flat(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [m for v in value.values() for m in _flat(v)]
    if isinstance(value, list):
        return [m for v in value for m in _flat(v)]
    return []


def page_refusal(client: Any, entity: Entity, values: Values, field: str) -> list[str]:
    """POST the create form: 422, nothing written; the messages on `field`, or at the
    top of the form (where they name the field)."""
    model = entity.model_class
    before, _row = snapshot(model, None)
    response = client.post(reverse(entity.url_name("create")), page_data(values))
    assert response.status_code == 422, f"page: {response.status_code}, expected 422"
    assert snapshot(model, None)[0] == before, "page: refused, yet a row was added"
    errors = response.context["form"].errors
    if errors.get(field):
        return list(errors[field])
    # Not a field of the form: at the top, as "Label : message".
    return [m.split(" : ", 1)[-1] for m in errors.get("__all__", [])]


def api_refusal(client: Any, entity: Entity, values: Values, field: str) -> list[str]:
    """POST to the API: 400 naming the field, nothing written; the field's messages."""
    model = entity.model_class
    before, _row = snapshot(model, None)
    response = client.post(entity.api_path(), api_data(entity, values), content_type=JSON)
    assert response.status_code == 400, f"API: {response.status_code}, expected 400"
    assert snapshot(model, None)[0] == before, "API: refused, yet a row was added"
    body = response.json()
    name = entity.api_names.get(field, field)
    assert name in body, f"API: the 400 does not name {name!r}: {body}"
    return _flat(body[name])


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def import_refusal(importer: str, entity: Entity, values: Values, tmp_path: Path, user: Any) -> str:
    """A one-row file through `maillage import`: refused, nothing written; what it said."""
    from maillage.core.imports.engine import importers

    known = importers()[importer].field_map()
    columns = [name for name in values if name in known]
    path = tmp_path / f"{importer}.csv"
    lines = [";".join(columns), ";".join(_cell(values[c]) for c in columns)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    model = entity.model_class
    before, _row = snapshot(model, None)
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("import", importer, str(path), "--user", user.username, stdout=out, stderr=err)
    assert snapshot(model, None)[0] == before, "import: refused, yet a row was added"
    return f"{err.getvalue()}\n{refused.value}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_door_refuses_the_same_input_with_the_same_message(client, world, case, tmp_path):
    entity = BY_KEY[case.entity]
    values = case.values(world)
    client.force_login(world.officer)
    said = {"page": page_refusal(client, entity, values, case.field)}
    if entity.api:
        said["API"] = api_refusal(client, entity, values, case.field)
    expected = _translated(case.message) if case.message else None
    failures = []
    for door, messages in said.items():
        if not messages:
            failures.append(f"{door}: no message on {case.field}")
        elif expected is not None and expected not in messages:
            failures.append(f"{door} said {messages}, expected {expected!r}")
    if expected is None and len({tuple(sorted(m)) for m in said.values()}) > 1:
        failures.append(f"the doors disagree: {said}")
    if case.importer:
        output = import_refusal(case.importer, entity, values, tmp_path, world.officer)
        for message in [expected] if expected else said["page"]:
            if message not in output:
                failures.append(f"import did not say {message!r}: {output.strip()}")
    assert not failures, "; ".join(failures)


# -- the refusals that have their own door ----------------------------------------------


def test_sectors_not_summing_to_100_are_refused_by_the_page_and_the_api(client, world):
    project = world.shared
    sector = codelist_item("Sector", "15110")
    client.force_login(world.officer)
    before = list(project.sectors.values_list("sector_id", "percentage"))
    response = client.post(
        reverse("projects:project_sectors", args=[project.pk]),
        {
            "sectors-TOTAL_FORMS": "1",
            "sectors-INITIAL_FORMS": "0",
            "sectors-0-sector": str(sector.pk),
            "sectors-0-percentage": "60",
        },
    )
    assert response.status_code == 422
    page = list(response.context["formset"].non_form_errors())
    api = client.patch(
        BY_KEY["project"].api_path(project.pk),
        {"sectors": [{"code": "15110", "percentage": "60"}]},
        content_type=JSON,
    )
    assert api.status_code == 400, api.content
    assert list(project.sectors.values_list("sector_id", "percentage")) == before
    assert page and page == _flat(api.json().get("sectors")), (page, api.json())


def test_a_dependency_of_an_item_on_itself_is_refused_by_the_page_and_the_api(client, world):
    from maillage.projects.models import Dependency

    task = BY_KEY["task"].make(world, SHARED)
    client.force_login(world.officer)
    response = client.post(
        reverse("projects:dependency_add", args=[task.pk]),
        {"direction": "predecessor", "other": str(task.pk), "lag_days": "0"},
    )
    assert response.status_code == 422, response.status_code
    page = [m for errors in response.context["form"].errors.values() for m in errors]
    api = client.patch(
        BY_KEY["task"].api_path(task.pk),
        {"predecessors": [{"id": task.pk, "lag_days": 0}]},
        content_type=JSON,
    )
    assert api.status_code == 400, api.content
    assert not Dependency.objects.filter(successor=task).exists()
    expected = _translated("An item cannot depend on itself.")
    assert expected in page, page
    assert expected in _flat(api.json()), api.json()


# -- the same valid input, the same record ----------------------------------------------

SYSTEM = {"id", "created_at", "updated_at", "version", "search_text", "password", "last_login"}
SYSTEM_TIMES = {"date_joined"}


def _record(obj: Any) -> dict[str, Any]:
    values = {
        f.name: plain(getattr(obj, f.name))
        for f in obj._meta.concrete_fields
        if f.name not in SYSTEM | SYSTEM_TIMES
    }
    values |= {f.name: plain(getattr(obj, f.name)) for f in obj._meta.many_to_many}
    return values


def _created_by(client: Any, do: Callable[[], Any], entity: Entity) -> dict[str, Any]:
    sid = transaction.savepoint()
    try:
        before, _row = snapshot(entity.model_class, None)
        response = do()
        assert response.status_code in (201, 302), (response.status_code, _said(response))
        assert snapshot(entity.model_class, None)[0] == before + 1
        return _record(newest(entity.model_class))
    finally:
        transaction.savepoint_rollback(sid)


def _said(response: Any) -> Any:
    if response.status_code == 400:
        return response.content
    context = getattr(response, "context", None)
    form = context.get("form") if context is not None else None
    return form.errors if form is not None else ""


@pytest.mark.parametrize("entity", WITH_API, ids=str)
def test_the_same_valid_input_creates_the_same_record_through_the_page_and_the_api(
    client, world, entity
):
    values = entity.valid(world)
    # The role that writes this entity (an instrument's rules: an administrator).
    client.force_login(world.users["admin" if entity.admin_writes else "officer"])
    by_page = _created_by(
        client,
        lambda: client.post(reverse(entity.url_name("create")), page_data(values)),
        entity,
    )
    by_api = _created_by(
        client,
        lambda: client.post(entity.api_path(), api_data(entity, values), content_type=JSON),
        entity,
    )
    differ = {k: (by_page[k], by_api.get(k)) for k in by_page if by_page[k] != by_api.get(k)}
    assert not differ, f"{entity}: page → API values differ: {differ}"
