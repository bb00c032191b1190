"""Issue 11, Must show #2, on the demo itself: the header box finds "Verhaeghe",
"CP-2024" and "developpement durable"; the partner `oujda` finds only what it may open
(on SQLite and, with DATABASE_URL, PostgreSQL)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from maillage.accounts.models import User
from maillage.core import search

pytestmark = pytest.mark.django_db

QUERIES = ("Verhaeghe", "CP-2024", "developpement durable")


@pytest.fixture
def demo(built_demo):
    return {name: User.objects.get(username=name) for name in ("youssef", "oujda")}


def _found(user, query):
    return [obj for group in search.search(user, query, limit=1000) for obj in group.results]


def test_the_officer_finds_the_person_the_agreement_and_the_accented_words(client, demo):
    client.force_login(demo["youssef"])
    answers = {
        query: client.get(reverse("reporting:search"), {"q": query}).content.decode()
        for query in QUERIES
    }
    assert "Martine Verhaeghe" in answers["Verhaeghe"]
    assert "CP-2024-GASTRO" in answers["CP-2024"]
    durable = answers["developpement durable"]
    assert "LIL-OUJ-PAEDC" in durable and "RNAC-EAU-SN" in durable
    assert "Stratégie internationale de la Ville de Lille" in durable


def test_oujda_finds_only_what_it_may_open(client, demo):
    officer, oujda = demo["youssef"], demo["oujda"]
    client.force_login(oujda)
    durable = client.get(reverse("reporting:search"), {"q": "developpement durable"})
    assert "LIL-OUJ-PAEDC" in durable.content.decode()  # its own project
    for query in QUERIES:
        body = client.get(reverse("reporting:search"), {"q": query}).content.decode()
        mine = _found(oujda, query)
        for obj in mine:  # everything found opens
            assert client.get(obj.get_absolute_url()).status_code == 200, obj
        hidden = [obj for obj in _found(officer, query) if obj not in mine]
        for obj in hidden:  # and nothing else is named
            assert type(obj).objects.visible_to(oujda).filter(pk=obj.pk).count() == 0
            assert str(obj) not in body, (query, obj)
    assert any(str(obj).startswith("RNAC-EAU-SN") for obj in _found(officer, "durable"))
    assert not any(str(obj).startswith("RNAC-EAU-SN") for obj in _found(oujda, "durable"))
