"""Stored sort keys (core.collation.SortKeyField): their plain binary order is the order
of `sort_key`, whatever wrote the row, and an index serves a list's page."""

import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Concat, Upper
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from hypothesis import example, given, settings
from hypothesis import strategies as st

from maillage.actors.models import Organisation, Person
from maillage.core.collation import (
    KEY_LENGTH,
    natural_ordering,
    sort_key,
    sort_key_fields,
    sort_key_text,
)
from maillage.core.models import SortKeyQuerySet, TimestampedModel
from maillage.core.services import bulk_save, service_for
from maillage.projects.models import Project
from tests.factories import OrganisationFactory, PersonFactory, ProjectFactory

# Texts where a careless key goes wrong: accents (composed or not), capitals, numbers of
# any length and script, a number against punctuation ("a2" / "a-"), prefixes, control
# characters (below the key's own marks), the empty text.
PIECES = [
    *"aAbBeEéÉèzZ",
    "e\u0301",
    "Œ",
    "ß",
    "ﬁ",
    *"0129",
    "00",
    "10",
    "٣",
    "²",
    *" -_.'/",
    "\x00",
    "\x01",
    "\x02",
    "\x03",
    "Projet ",
]
texts = st.lists(st.sampled_from(PIECES), max_size=10).map("".join)


@settings(max_examples=3000, deadline=None)
@given(st.lists(texts, min_size=2, max_size=8))
@example(["a2", "a-", "a10", "a", ""])
@example(["Bordeaux", "Béarn", "béarn", "BEARN", "Bearn"])
@example(["Projet 10", "Projet 2", "Projet 02", "Projet 2b", "Projet"])
def test_the_stored_key_sorts_as_sort_key(names):
    assert sorted(names, key=sort_key_text) == sorted(names, key=sort_key)
    for a in names:
        for b in names:
            assert (sort_key_text(a) < sort_key_text(b)) == (sort_key(a) < sort_key(b))
            assert (sort_key_text(a) == sort_key_text(b)) == (a == b)


def test_a_key_is_text_a_database_stores_and_bounded():
    long_name = "Association " + "é" * 300 + " 12"
    for name in ("", "Béarn", "\x00", long_name):
        key = sort_key_text(name)
        assert "\x00" not in key and len(key) <= KEY_LENGTH
    assert sort_key_text(None) == sort_key_text("")


def test_every_keyed_model_keeps_its_keys_on_every_write_path():
    """A key is derived by the base model's save and the base queryset's bulk writes,
    and stays out of the history (an anonymised name leaves no trace there)."""
    keyed = [m for m in apps.get_models() if sort_key_fields(m)]
    assert {Organisation, Person, Project} <= set(keyed)
    for model in keyed:
        assert issubclass(model, TimestampedModel), model
        assert issubclass(model._default_manager._queryset_class, SortKeyQuerySet), model
        history = {f.name for f in model.history.model._meta.fields}  # type: ignore[attr-defined]
        assert not history & {f.name for f in sort_key_fields(model)}, model


pytestmark_db = pytest.mark.django_db


def _stored(model, pk, *fields):
    return model.all_objects.values_list(*fields).get(pk=pk)


@pytestmark_db
def test_the_key_follows_the_text_through_the_service_and_partial_saves(officer):
    service = service_for(Organisation)
    org = service.create(data={"name": "Béarn", "type": "association"}, by=officer)
    assert _stored(Organisation, org.pk, "name_key") == (sort_key_text("Béarn"),)
    service.update(obj=org, data={"name": "Bordeaux", "acronym": "BX"}, by=officer)
    assert _stored(Organisation, org.pk, "name_key", "acronym_key") == (
        sort_key_text("Bordeaux"),
        sort_key_text("BX"),
    )
    org.name = "Agen"
    org.save(update_fields=["name"])
    assert _stored(Organisation, org.pk, "name_key") == (sort_key_text("Agen"),)
    # Loaded without its text, saved without it: the key stays as it was.
    partial = Organisation.objects.only("pk", "version", "city").get(pk=org.pk)
    partial.city = "Pau"
    partial.save()
    assert _stored(Organisation, org.pk, "name_key") == (sort_key_text("Agen"),)
    # Loaded without its key, the text changed: the key goes with it.
    renamed = Organisation.objects.defer("name_key").get(pk=org.pk)
    renamed.name = "Zurich"
    renamed.save()
    assert _stored(Organisation, org.pk, "name_key") == (sort_key_text("Zurich"),)


@pytestmark_db
def test_the_key_follows_the_text_through_bulk_writes(officer):
    created = bulk_save(
        Organisation,
        [Organisation(name="Éducation 10", type="association")],
        by=officer,
        reason=None,
    )
    pk = created[0].pk
    assert _stored(Organisation, pk, "name_key") == (sort_key_text("Éducation 10"),)
    org = Organisation.objects.get(pk=pk)
    org.name = "Éducation 2"
    Organisation.objects.bulk_update([org], ["name"])
    assert _stored(Organisation, pk, "name_key") == (sort_key_text("Éducation 2"),)
    Organisation.objects.filter(pk=pk).update(name="Zéro")
    assert _stored(Organisation, pk, "name_key") == (sort_key_text("Zéro"),)
    # A text set by an expression: its key is written once the text is known.
    Organisation.objects.filter(pk=pk).update(name=Concat(Upper("name"), Value(" 3")))
    name, key = _stored(Organisation, pk, "name", "name_key")
    assert name.startswith("Z") and name.endswith(" 3") and key == sort_key_text(name)


@pytestmark_db
def test_the_key_follows_the_text_through_an_import(tmp_path):
    existing = OrganisationFactory(name="Agence Est", siret="21590350100017")
    path = tmp_path / "orgs.csv"
    path.write_text(
        "Nom,Type,SIRET\nAgence de l'Est,association,21590350100017\nÉcole 2,association,\n",
        encoding="utf-8",
    )
    with translation.override("en"):
        call_command(
            "import", "organisations", str(path), "--update-duplicates", stdout=io.StringIO()
        )
    assert _stored(Organisation, existing.pk, "name_key") == (sort_key_text("Agence de l'Est"),)
    school = Organisation.objects.get(name="École 2")
    assert _stored(Organisation, school.pk, "name_key") == (sort_key_text("École 2"),)


NAMES = ["Bordeaux", "Projet 10", "béarn", "Béarn", "Projet 2", "Éducation", "Eau", "ABC"]
EXPECTED = ["ABC", "béarn", "Béarn", "Bordeaux", "Eau", "Éducation", "Projet 2", "Projet 10"]


@pytestmark_db
def test_the_lists_order_is_the_readers_on_the_page_and_in_the_api(client, officer):
    for name in NAMES:
        OrganisationFactory(name=name)
    client.force_login(officer)
    page = client.get(reverse("actors:organisation_list")).content.decode()
    listed = re.findall(r'<a href="/actors/organisations/\d+/">([^<]+)</a>', page)
    assert [n for n in listed if n in NAMES] == EXPECTED
    backwards = client.get(reverse("actors:organisation_list"), {"sort": "-name"})
    listed = re.findall(
        r'<a href="/actors/organisations/\d+/">([^<]+)</a>', backwards.content.decode()
    )
    assert [n for n in listed if n in NAMES] == EXPECTED[::-1]
    api = client.get("/api/organisations", {"page_size": 50}).json()
    assert [r["name"] for r in api["results"]] == EXPECTED
    api = client.get("/api/organisations", {"ordering": "-name", "page_size": 50}).json()
    assert [r["name"] for r in api["results"]] == EXPECTED[::-1]
    # Another model's key: the project codes, "P-2" before "P-10".
    for code in ("P-10", "P-2", "p-3"):
        ProjectFactory(code=code)
    ordered = Project.objects.order_by(*natural_ordering(Project, ["code"]), "pk")
    assert list(ordered.values_list("code", flat=True)) == ["P-2", "p-3", "P-10"]


def _plan(sql, params):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return " ".join(str(row[-1]) for row in cursor.fetchall())
        # A handful of rows: the planner would rightly scan them. Forbidding the scan
        # and the sort shows whether the index can give the order at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return " ".join(row[0] for row in cursor.fetchall())


@pytestmark_db
@pytest.mark.parametrize(
    ("list_name", "index", "page"),
    [
        ("actors:organisation_list", "organisation_name_key", 1),
        ("actors:organisation_list", "organisation_name_key", 3),
        ("actors:person_list", "person_name_key", 1),
    ],
)
def test_a_list_page_reads_the_index_instead_of_sorting(client, officer, list_name, index, page):
    for i in range(60):
        OrganisationFactory(name=f"Organisation {i}")
        PersonFactory(last_name=f"Nom {i}", first_name="Éric")
    client.force_login(officer)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(list_name), {"page": page}).status_code == 200
    table = "actors_organisation" if "organisation" in list_name else "actors_person"
    rows = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT")
        and f'FROM "{table}"' in q["sql"]
        and "ORDER BY" in q["sql"]
    ]
    assert rows, "the list's query"
    sql = rows[0]
    plan = _plan(sql, ())
    assert index in plan, plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan, plan
