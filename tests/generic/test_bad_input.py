"""Bad input is refused, with the field (or the parameter) named, never a 500.

A hostile probe of the running demo (issue 10) got a 500 from each of: a negative
budget, an agreement amount of −5, a latitude of 95, a country abroad on an organisation
with a French département, `?project=99999999999999999999`, a JSON body nested 100,000
deep and an activity ending 9999-12-31 (which also broke that project's Gantt). Each is
here through the API and the page; the mechanisms are swept over every resource.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from maillage.config.api import app_routes
from maillage.core.dates import out_of_range_message
from maillage.core.services import service_for
from tests.generic.entities import BY_KEY, ENTITIES, Values, api_data, page_data
from tests.generic.factories import SHARED, World
from tests.generic.helpers import snapshot

JSON = "application/json"


@dataclass(frozen=True)
class BadInput:
    id: str
    entity: str
    change: Values
    field: str  # where the refusal is said
    message: str | None = None  # the English msgid, when the case has its own words
    before: Values = field(default_factory=dict)  # the stored record's values first


CASES = [
    BadInput("project-negative-budget", "project", {"budget": Decimal("-5")}, "budget",
             "The budget cannot be negative."),
    BadInput("agreement-negative-amount", "agreement", {"amount": Decimal("-5")}, "amount",
             "The amount cannot be negative."),
    BadInput("organisation-latitude-95", "organisation",
             {"latitude": Decimal("95"), "longitude": Decimal("3")}, "latitude"),
    BadInput("organisation-abroad-with-a-departement", "organisation", {"country": "MA"},
             "departement", "A département is only for organisations in France.",
             before={"country": "FR", "departement": "33"}),
    BadInput("activity-ends-9999-12-31", "activity", {"end_on": dt.date(9999, 12, 31)},
             "end_on"),
    BadInput("project-starts-1899", "project", {"start_on": dt.date(1899, 12, 31)}, "start_on"),
    BadInput("commitment-due-in-2201", "commitment", {"due_on": dt.date(2201, 1, 1)}, "due_on"),
]  # fmt: skip

DATE_CASES = {"activity-ends-9999-12-31", "project-starts-1899", "commitment-due-in-2201"}


def _expected(case: BadInput) -> str | None:
    if case.id in DATE_CASES:
        return out_of_range_message()
    return gettext(case.message) if case.message else None


def _stored(world: World, case: BadInput) -> Any:
    entity = BY_KEY[case.entity]
    obj = entity.make(world, SHARED)
    if case.before:
        type(obj)._base_manager.filter(pk=obj.pk).update(**case.before)
        obj.refresh_from_db()
    return obj


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_the_api_answers_400_naming_the_field_and_changes_nothing(client, world, case):
    entity = BY_KEY[case.entity]
    obj = _stored(world, case)
    client.force_login(world.officer)
    before = snapshot(type(obj), obj.pk)
    response = client.patch(
        entity.api_path(obj.pk), api_data(entity, case.change), content_type=JSON
    )
    assert response.status_code == 400, (response.status_code, response.content[:300])
    body = response.json()
    name = entity.api_names.get(case.field, case.field)
    assert name in body, f"the 400 does not name {name!r}: {body}"
    expected = _expected(case)
    if expected is not None:
        assert expected in body[name], body
    assert snapshot(type(obj), obj.pk) == before


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_the_page_form_shows_the_refusal_and_writes_nothing(client, world, case):
    entity = BY_KEY[case.entity]
    values = entity.valid(world) | case.before | case.change
    client.force_login(world.officer)
    model = entity.model_class
    count = model._base_manager.count()
    response = client.post(reverse(entity.url_name("create")), page_data(values))
    assert response.status_code == 422, response.status_code
    assert model._base_manager.count() == count
    errors = response.context["form"].errors
    # Beside the field it is about, as the API names it, never only at the top.
    said = list(errors.get(case.field, []))
    assert said, f"nothing said on {case.field}: {dict(errors)}"
    expected = _expected(case)
    if expected is not None:
        assert any(expected in message for message in said), said


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_the_service_refuses_before_the_database_does(world, case):
    """The service names the field; the database's constraint is never reached."""
    from django.core.exceptions import ValidationError

    obj = _stored(world, case)
    with pytest.raises(ValidationError) as refused:
        service_for(type(obj)).update(obj=obj, data=case.change, by=world.officer)
    assert case.field in refused.value.message_dict, refused.value.message_dict


# -- dates: the years people mean ----------------------------------------------------


@pytest.mark.parametrize(
    ("day", "accepted"),
    [
        (dt.date(1899, 12, 31), False),
        (dt.date(1900, 1, 1), True),
        (dt.date(2200, 12, 31), True),
        (dt.date(2201, 1, 1), False),
    ],
)
def test_a_date_is_accepted_from_1900_to_2200_only(client, world, day, accepted):
    activity = BY_KEY["activity"].make(world, SHARED)
    client.force_login(world.officer)
    data = {"start_on": "1900-01-01", "end_on": day.isoformat()}
    if day.year < 1900:
        data["start_on"] = day.isoformat()
    response = client.patch(f"/api/activities/{activity.pk}", data, content_type=JSON)
    assert (response.status_code == 200) is accepted, response.content[:300]
    if not accepted:
        said = response.json()
        assert out_of_range_message() in said.get("end_on", []) + said.get("start_on", [])
        assert "1900" in out_of_range_message() and "2200" in out_of_range_message()


def test_the_gantt_of_a_project_stays_up_when_a_bad_end_is_refused(client, world):
    activity = BY_KEY["activity"].make(world, SHARED)
    client.force_login(world.officer)
    response = client.patch(
        f"/api/activities/{activity.pk}", {"end_on": "9999-12-31"}, content_type=JSON
    )
    assert response.status_code == 400
    gantt = client.get(reverse("projects:project_gantt", args=[activity.project_id]))
    assert gantt.status_code == 200


def test_the_gantt_survives_a_date_stored_before_the_bound(client, world):
    """A row written before the services bounded dates (or past them) still draws."""
    activity = BY_KEY["activity"].make(world, SHARED)
    type(activity)._base_manager.filter(pk=activity.pk).update(end_on=dt.date(9999, 12, 31))
    client.force_login(world.officer)
    gantt = client.get(reverse("projects:project_gantt", args=[activity.project_id]))
    assert gantt.status_code == 200


def test_the_date_pickers_offer_only_the_accepted_years(client, world):
    client.force_login(world.officer)
    page = client.get(reverse("projects:activity_create")).content.decode()
    assert 'type="date"' in page
    assert page.count('min="1900-01-01"') == page.count('type="date"')
    assert page.count('max="2200-12-31"') == page.count('type="date"')


# -- query parameters ----------------------------------------------------------------

HUGE = "99999999999999999999"
NASTY = [HUGE, f"-{HUGE}", "9223372036854775808", "1.5", "1e400", "NaN", "inf", "\x00"]
BAD_DAYS = ["0000-01-01", "0001-01-01", "9999-12-31", "1899-12-31", "2201-01-01"]


def _routes() -> list[tuple[str, Any]]:
    return [(segment, viewset) for segment, viewset, _basename in app_routes()]


def _filters(viewset: Any) -> dict[str, Any]:
    filterset = getattr(viewset, "filterset_class", None)
    return dict(filterset.base_filters) if filterset else {}


@pytest.mark.parametrize("role", ["admin", "partner"])
def test_no_query_parameter_of_any_resource_makes_a_500(client, world, role):
    """Every filter of every API resource, with values that overflow, are not numbers
    or not dates: 200 or 400, never a 500."""
    client.force_login(world.users[role])
    failures = []
    for segment, viewset in _routes():
        names = [*_filters(viewset), "page", "page_size", "ordering", "search", "q"]
        for name in names:
            for value in [*NASTY, *BAD_DAYS]:
                try:
                    status = client.get(f"/api/{segment}", {name: value}).status_code
                except Exception as error:  # a 500, raised by the test client
                    status = type(error).__name__
                if status not in (200, 400):
                    failures.append(f"/api/{segment}?{name}={value!r}: {status}")
    assert not failures, "\n".join(failures)


def test_an_integer_parameter_out_of_range_is_a_400_naming_it(client, world):
    import django_filters

    client.force_login(world.users["admin"])
    checked, failures = 0, []
    for segment, viewset in _routes():
        for name, flt in _filters(viewset).items():
            if not isinstance(flt, django_filters.NumberFilter | django_filters.ModelChoiceFilter):
                continue
            for value in (HUGE, f"-{HUGE}", "1e400"):
                response = client.get(f"/api/{segment}", {name: value})
                checked += 1
                if response.status_code != 400 or name not in response.json():
                    failures.append(f"/api/{segment}?{name}={value}: {response.status_code}")
    assert checked, "no integer filter found: the test sees none"
    assert not failures, "\n".join(failures)


def test_the_commitments_project_filter_refuses_an_overflowing_id(client, world):
    client.force_login(world.users["officer"])
    response = client.get("/api/commitments", {"project": HUGE})
    assert response.status_code == 400
    assert "project" in response.json()


def test_a_date_parameter_out_of_the_years_is_a_400_naming_it(client, world):
    import django_filters

    client.force_login(world.users["admin"])
    checked, failures = 0, []
    for segment, viewset in _routes():
        for name, flt in _filters(viewset).items():
            if not isinstance(flt, django_filters.DateFilter):
                continue
            for value in BAD_DAYS:
                response = client.get(f"/api/{segment}", {name: value})
                checked += 1
                if response.status_code != 400 or name not in response.json():
                    failures.append(f"/api/{segment}?{name}={value}: {response.status_code}")
            ok = client.get(f"/api/{segment}", {name: "2026-01-01"})
            if ok.status_code != 200:
                failures.append(f"/api/{segment}?{name}=2026-01-01: {ok.status_code}")
    assert checked, "no date filter found: the test sees none"
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"page": "abc"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": HUGE}, "page"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "-5"}, "page_size"),
        ({"page_size": "x"}, "page_size"),
        ({"ordering": "nope"}, "ordering"),
        ({"ordering": "title,-nope"}, "ordering"),
    ],
)
def test_paging_and_ordering_parameters_that_mean_nothing_are_a_400(client, world, params, named):
    client.force_login(world.officer)
    response = client.get("/api/projects", params)
    assert response.status_code == 400, response.status_code
    assert named in response.json(), response.json()


def test_a_page_past_the_last_one_is_not_found(client, world):
    """A well-formed page number past the last page: DRF's 404, not a bad request."""
    client.force_login(world.officer)
    assert client.get("/api/projects", {"page": "1000"}).status_code == 404


def test_paging_and_ordering_that_mean_something_still_work(client, world):
    client.force_login(world.officer)
    response = client.get("/api/projects", {"ordering": "-code", "page_size": "1000", "page": "1"})
    assert response.status_code == 200
    codes = [p["code"] for p in response.json()["results"]]
    assert codes == sorted(codes, reverse=True) and codes
    assert client.get("/api/projects", {"page": "last"}).status_code == 200


@pytest.mark.parametrize("entity", ENTITIES, ids=str)
def test_a_list_page_with_bad_filter_values_answers_and_says_why(client, world, entity):
    """The pages share the FilterSets: a bad value is the filter form's error (the list
    is empty), never a 500."""
    import django_filters

    crud = entity.crud
    if crud.filterset_class is None:
        pytest.skip(f"{entity} lists without filters")
    client.force_login(world.users["admin"])
    url = reverse(entity.url_name("list"))
    for name, flt in crud.filterset_class.base_filters.items():
        values = BAD_DAYS if isinstance(flt, django_filters.DateFilter) else NASTY
        for value in values:
            response = client.get(url, {name: value})
            # A NUL is refused before any view (core.security): 400.
            expected = 400 if "\x00" in value else 200
            assert response.status_code == expected, (name, value, response.status_code)
    for params in ({"page": HUGE}, {"sort": "nope"}, {"ids": HUGE}, {"page": "-1"}):
        assert client.get(url, params).status_code == 200, params


# -- request bodies ------------------------------------------------------------------


def test_a_json_body_nested_100000_deep_is_a_400(client, world):
    client.force_login(world.officer)
    body = "[" * 100_000 + "]" * 100_000
    response = client.post("/api/projects", body, content_type=JSON)
    assert response.status_code == 400
    assert "64" in response.json()["detail"]


def test_nesting_is_counted_outside_strings_and_up_to_64_levels(client, world):
    from maillage.core.api_settings import json_depth_exceeds

    assert not json_depth_exceeds(b"[" * 64 + b"]" * 64)
    assert json_depth_exceeds(b"[" * 65 + b"]" * 65)
    assert not json_depth_exceeds(b'{"title": "' + b"[{" * 1000 + b'"}')
    assert not json_depth_exceeds(b'{"a": "\\"[[[[", "b": [[], [], {}]}')
    assert not json_depth_exceeds(b"[" + b"[]," * 100_000 + b"[]]")
    client.force_login(world.officer)
    # 64 levels parse: the serializer then says what is wrong with the field.
    nested = '{"title": ' + "[" * 63 + "]" * 63 + "}"
    response = client.post("/api/projects", nested, content_type=JSON)
    assert response.status_code == 400 and "title" in response.json()


def test_a_body_over_the_upload_limit_is_refused(client, world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client.force_login(world.officer)
    count = BY_KEY["project"].model_class._base_manager.count()
    big = '{"title": "' + "x" * 20_000 + '"}'
    response = client.post("/api/projects", big, content_type=JSON)
    assert response.status_code in (400, 413)
    form = client.post(
        "/api/projects", f"title={'x' * 20_000}", content_type="application/x-www-form-urlencoded"
    )
    assert form.status_code in (400, 413)
    page = client.post(reverse("projects:project_create"), {"title": "x" * 20_000})
    assert page.status_code == 400
    assert BY_KEY["project"].model_class._base_manager.count() == count


def test_the_api_parsers_read_no_more_than_the_limit(settings):
    """DRF's parsers read the stream themselves, past Django's check of the body's size:
    ours stop at the limit."""
    import io

    from maillage.core.api_settings import BodyTooLarge, FormParser, JSONParser

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    for parser, body in (
        (JSONParser(), b'{"a": "' + b"x" * 200 + b'"}'),
        (FormParser(), b"a=" + b"x" * 200),
    ):
        with pytest.raises(BodyTooLarge):
            parser.parse(io.BytesIO(body), parser.media_type, {})
    assert JSONParser().parse(io.BytesIO(b'{"a": 1}'), JSON, {}) == {"a": 1}


def test_the_request_size_limits_are_set_deliberately():
    from django.conf import settings

    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    assert 1000 <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS <= 5000


def test_every_filterset_and_api_serializer_derives_from_the_kits_base():
    """The limits above hold for every list and resource because their FilterSets and
    serializers derive from the kit's: one that does not is named here."""
    from rest_framework import serializers

    from maillage.core.api import ModelSerializer
    from maillage.core.filters import FilterSet

    failures = []
    filtersets = {entity.crud.filterset_class for entity in ENTITIES}
    filtersets |= {getattr(viewset, "filterset_class", None) for _segment, viewset in _routes()}
    for filterset in filtersets - {None}:
        if not issubclass(filterset, FilterSet):
            failures.append(
                f"{filterset.__qualname__}: derive from maillage.core.filters.FilterSet"
            )
    for _segment, viewset in _routes():
        serializer = viewset.serializer_class()
        nested = [
            f.child if isinstance(f, serializers.ListSerializer) else f
            for f in serializer.fields.values()
        ]
        for one in [serializer, *nested]:
            if isinstance(one, serializers.ModelSerializer) and not isinstance(
                one, ModelSerializer
            ):
                failures.append(
                    f"{type(one).__qualname__}: derive from maillage.core.api.ModelSerializer"
                )
    assert not failures, "\n".join(sorted(set(failures)))


@pytest.mark.parametrize("entity", ENTITIES, ids=str)
def test_a_record_id_out_of_range_is_not_found(client, world, entity):
    """An id no integer column holds is a record that does not exist: 404 on the pages
    and the API, never an overflow."""
    client.force_login(world.users["admin"])
    for action in ("detail", "update", "history"):
        url = reverse(entity.url_name(action), args=[int(HUGE)])
        assert client.get(url).status_code == 404, url
    if entity.api:
        path = entity.api_path(int(HUGE))
        assert client.get(path).status_code == 404
        assert client.patch(path, {}, content_type=JSON).status_code == 404
        assert client.delete(path).status_code == 404


@pytest.mark.parametrize("entity", [e for e in ENTITIES if e.crud.form_class], ids=str)
def test_every_date_picker_offers_only_the_accepted_years(client, world, entity):
    client.force_login(world.users["admin"])
    page = client.get(reverse(entity.url_name("create"))).content.decode()
    pickers = re.findall(r"<input[^>]*type=\"date\"[^>]*>", page)
    for picker in pickers:
        assert 'min="1900-01-01"' in picker and 'max="2200-12-31"' in picker, picker


def _routes_with_ids() -> list[tuple[str, list[str]]]:
    """(URL name, its parameters) of every named route whose parameters are all `int`."""
    from django.urls import URLPattern, URLResolver, get_resolver
    from django.urls.converters import IntConverter

    found: list[tuple[str, list[str]]] = []

    def walk(patterns: Any, namespace: str, converters: dict[str, Any]) -> None:
        for pattern in patterns:
            seen = {**converters, **getattr(pattern.pattern, "converters", {})}
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner, seen)
            elif (
                isinstance(pattern, URLPattern)
                and pattern.name
                and seen
                and all(isinstance(c, IntConverter) for c in seen.values())
            ):
                found.append((f"{namespace}{pattern.name}", sorted(seen)))

    walk(get_resolver().url_patterns, "", {})
    return found


def test_no_page_overflows_on_an_id_no_column_holds(client, world):
    """Every route taking ids, given one past any integer column: not found (or refused),
    never an overflow."""
    client.force_login(world.users["admin"])
    routes = _routes_with_ids()
    assert len(routes) > 20, routes
    failures = []
    for name, params in routes:
        url = reverse(name, kwargs=dict.fromkeys(params, int(HUGE)))
        try:
            status = client.get(url).status_code
        except Exception as error:  # a 500, raised by the test client
            status = type(error).__name__
        if status not in (302, 400, 403, 404, 405):
            failures.append(f"{url}: {status}")
    assert not failures, "\n".join(failures)
