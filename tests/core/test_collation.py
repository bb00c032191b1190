"""Lists sort text as a reader expects, on SQLite and PostgreSQL alike: accents and
capitals do not push a name out of its letter, numbers sort by value."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from maillage.actors.models import Organisation
from maillage.core.collation import COLLATION, natural_ordering, sort_key
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

NAMES = [
    "Bordeaux Métropole",
    "Fédération des Amis",
    "Éducation sans frontières",
    "association Zéro Déchet",
    "Béarn Solidarité",
    "Eau vive",
    "ABC Lille",
    "Projet 10",
    "Projet 2",
    "Étoile du Sud",
]
EXPECTED = [
    "ABC Lille",
    "association Zéro Déchet",
    "Béarn Solidarité",
    "Bordeaux Métropole",
    "Eau vive",
    "Éducation sans frontières",
    "Étoile du Sud",
    "Fédération des Amis",
    "Projet 2",
    "Projet 10",
]


def _listed(page):
    return [
        n
        for n in re.findall(r'<a href="/actors/organisations/\d+/">([^<]+)</a>', page)
        if n in NAMES
    ]


def test_the_python_key_sorts_like_a_reader():
    assert sorted(NAMES, key=sort_key) == EXPECTED
    assert sorted(["e", "E", "é", "É"], key=sort_key) == ["e", "E", "é", "É"]


def test_the_database_sorts_by_the_collation():
    for name in NAMES:
        OrganisationFactory(name=name)
    ordered = Organisation.objects.order_by(*natural_ordering(Organisation, ["name"]), "pk")
    assert list(ordered.values_list("name", flat=True)) == EXPECTED
    backwards = Organisation.objects.order_by(*natural_ordering(Organisation, ["-name"]))
    assert list(backwards.values_list("name", flat=True)) == EXPECTED[::-1]
    with connection.cursor() as cursor:  # the same collation name on both databases
        cursor.execute(f'SELECT name FROM actors_organisation ORDER BY name COLLATE "{COLLATION}"')
        assert [row[0] for row in cursor.fetchall()] == EXPECTED


def test_the_list_pages_sort_names_by_the_collation(client, officer):
    for name in NAMES:
        OrganisationFactory(name=name)
    client.force_login(officer)
    url = reverse("actors:organisation_list")
    assert _listed(client.get(url).content.decode()) == EXPECTED
    assert _listed(client.get(url, {"sort": "-name"}).content.decode()) == EXPECTED[::-1]
    for last in ("Zola", "Étienne", "de Gaulle", "Durand", "Éluard"):
        PersonFactory(first_name="A", last_name=last)
    page = client.get(reverse("actors:person_list")).content.decode()
    # The list's rows only: the header names the signed-in officer, whose name the
    # factory draws at random ("Alexandrie Étienne" put "Étienne" first once).
    page = page[page.index("<table") :]
    order = [n for n in ("de Gaulle", "Durand", "Éluard", "Étienne", "Zola") if n in page]
    assert sorted(order, key=page.index) == ["de Gaulle", "Durand", "Éluard", "Étienne", "Zola"]
