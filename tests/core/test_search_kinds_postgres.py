"""PostgreSQL reads a kind's matches in one of three ways (issue 16): from the statement's
matches of the kinds without an index of their own ("rest"), through a large kind's own
GIN index ("own"), or by walking a large kind's newest entries when a word is common in
it ("walk"). Each must find what the others find: the same records, counts and order,
whatever the user may open. The indexes themselves follow the kinds' sizes."""

from __future__ import annotations

import pytest
from django.db import connection

from maillage.core import search, search_indexing
from maillage.core.search import PostgresEngine
from tests.factories import InteractionFactory, OrganisationFactory, PersonFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's engine"),
]


def groups(user, query, **kwargs):
    return {
        g.key: (g.count, [obj.pk for obj in g.results])
        for g in search.search(user, query, limit=20, **kwargs)
    }


@pytest.fixture
def records():
    made = []
    for n in range(9):
        made.append(
            InteractionFactory(
                subject=f"Crue numéro {n}" if n % 3 == 0 else f"Compte rendu {n}",
                notes="Il fut question de la crue." if n % 3 else "",
            )
        )
    OrganisationFactory(name="Syndicat de la crue")
    PersonFactory(last_name="Crue", first_name="Alix")
    return made


def as_large(monkeypatch, *models, sampled=None):
    """The kinds of `models` taken for large ones, of a million entries each."""
    kinds = {search.kind_id(model): 1_000_000.0 for model in models}
    monkeypatch.setattr(search, "large_kinds", lambda: dict(kinds))
    return kinds


@pytest.mark.parametrize("mode", [("own", 0), ("walk", 4), ("walk", 50)])
def test_each_way_of_reading_a_large_kind_finds_what_the_others_find(
    monkeypatch, officer, partner, records, mode
):
    from maillage.actors.models import Interaction, Person

    monkeypatch.setattr(search, "COUNT_CAP", 4)
    expected = {q: groups(officer, q) for q in ("crue", "compte crue", "alix")}
    assert expected["crue"]["actors.interaction"][0] == 5  # capped: 4 and one more
    as_large(monkeypatch, Interaction, Person)

    def forced(self, ct):  # as `mode` does: a walked kind asked again goes through its index
        if ct not in self.large:
            return "rest", 0
        return ("own", 0) if ct in self.walked else mode

    monkeypatch.setattr(PostgresEngine, "mode", forced)
    for query, found in expected.items():
        assert groups(officer, query) == found, query
    assert groups(partner, "crue") == {}  # none of the partner's projects


def test_a_walk_that_comes_back_short_asks_the_kind_again_through_its_index(
    monkeypatch, officer, records
):
    from maillage.actors.models import Interaction

    monkeypatch.setattr(search, "COUNT_CAP", 4)
    expected = groups(officer, "crue")
    as_large(monkeypatch, Interaction)
    # Two entries walked: at most two matches, fewer than the cap though more exist.
    real_mode = PostgresEngine.mode

    def shallow(self, ct):
        mode, depth = real_mode(self, ct)
        return ("walk", 2) if mode == "walk" else (mode, depth)

    monkeypatch.setattr(PostgresEngine, "mode", shallow)
    monkeypatch.setattr(search, "SAMPLE", 4)  # every sampled entry holds the word: a walk
    assert groups(officer, "crue") == expected


def test_a_search_of_one_small_kind_leaves_every_large_kind_out_of_the_shared_matches(
    monkeypatch, officer, records
):
    from django.test.utils import CaptureQueriesContext

    from maillage.actors.models import Interaction, Person

    expected = groups(officer, "crue", kinds=["actors.organisation"])
    large = as_large(monkeypatch, Interaction, Person)
    with CaptureQueriesContext(connection) as ctx:
        assert groups(officer, "crue", kinds=["actors.organisation"]) == expected
    statement = next(q["sql"] for q in ctx.captured_queries if "search_rest" in q["sql"])
    # The condition of the shared index, whole: a large kind not asked about is left out
    # too, so that the index serves the statement.
    assert search_indexing.rest_condition(large) in statement, statement


def test_the_way_is_chosen_by_the_words_share_of_the_newest_entries(monkeypatch):
    engine = PostgresEngine()
    engine.large = {1: 1_000_000.0, 2: 1_000_000.0, 3: 60_000.0}
    engine.sampled = {1: 120, 2: 3, 3: 120}  # of SAMPLE (1,000) newest entries
    # Common in a million entries: 12,513 walked rather than 120,000 matches read.
    assert engine.mode(1) == ("walk", 12513)
    assert engine.mode(2) == ("own", 0)  # rare: its few matches through its index
    # Common in a smaller kind: its 7,200 matches cost less than walking 12,513 entries.
    assert engine.mode(3) == ("own", 0)
    assert engine.mode(4) == ("rest", 0)  # no index of its own


def test_the_indexes_follow_the_kinds_sizes(monkeypatch, records):
    from maillage.actors.models import Interaction

    interaction = search.kind_id(Interaction)
    monkeypatch.setattr(search_indexing, "LARGE_KIND", 9)
    with connection.cursor() as cursor:  # the test's transaction: its checks done first
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    made = search_indexing.kind_indexes()
    assert any(f"_k{interaction} " in s and s.startswith("CREATE INDEX") for s in made), made
    assert any("_rest_" in s for s in made), made
    assert search_indexing.kind_indexes() == []  # nothing to do the second time
    assert set(search_indexing.large_kinds()) == {interaction}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            [f"core_searchentry_doc_k{interaction}"],
        )
        (definition,) = cursor.fetchone()
    assert f"gin (document) WHERE (content_type_id = {interaction})" in definition, definition
    monkeypatch.setattr(search_indexing, "LARGE_KIND", 1000)
    dropped = search_indexing.kind_indexes()
    assert dropped and all(s.startswith("DROP INDEX") for s in dropped), dropped
    assert search_indexing.large_kinds() == {}


def test_a_partner_finds_the_same_whether_a_kind_is_stepped_through_or_joined(
    monkeypatch, partner, partner_project, other_project
):
    # A partner's matches of a large kind are read either by joining all the kind's
    # matches to the partner's rows, or row by row from the partner's rows (`stepped`,
    # chosen by `plan_among`): the same records and counts, capped alike, and nothing of
    # a project the partner is not a member of.
    from django.test.utils import CaptureQueriesContext

    from maillage.projects.models import Task
    from tests.factories import ActivityFactory, TaskFactory

    mine = ActivityFactory(project=partner_project, title="Préparer la crue")
    theirs = ActivityFactory(project=other_project, title="Crue ailleurs")
    for n in range(6):
        TaskFactory(parent=mine, title=f"Crue {n}" if n % 2 else f"Digue {n}")
        TaskFactory(parent=theirs, title=f"Crue voisine {n}")
    monkeypatch.setattr(search, "COUNT_CAP", 2)
    as_large(monkeypatch, Task)
    found = {}
    for way in ("joined", "stepped", "bounded"):

        def plan(self, kinds, way=way):
            self.stepped = {k.ct_id for k in kinds if k.ct_id in self.large}
            # Bounded: one row of the partner's read, short of the cap, so joined again.
            self.step_limit = dict.fromkeys(self.stepped, 1) if way == "bounded" else {}
            if way == "joined":
                self.stepped = set()

        monkeypatch.setattr(PostgresEngine, "plan_among", plan)
        with CaptureQueriesContext(connection) as ctx:
            found[way] = (
                groups(partner, "crue"),
                groups(partner, "digue"),
                groups(partner, "crue", project_id=partner_project.pk),
            )
        lateral = any("CROSS JOIN LATERAL" in q["sql"] for q in ctx.captured_queries)
        assert lateral is (way != "joined")
        bounded = [q["sql"] for q in ctx.captured_queries if " LIMIT 1) v (pk)" in q["sql"]]
        assert bool(bounded) is (way == "bounded")
    assert found["stepped"] == found["joined"]
    assert found["bounded"] == found["joined"]
    crue, digue, in_project = found["stepped"]
    assert in_project["projects.task"][0] == 3  # within the partner's project: the same
    assert crue["projects.task"][0] == 3  # the partner's three, over the cap of 2: "more"
    assert digue["projects.task"][0] == 3
    theirs_ids = set(Task.objects.filter(project=other_project).values_list("pk", flat=True))
    assert not theirs_ids & set(crue["projects.task"][1])


def test_a_kind_is_stepped_through_when_all_the_user_s_rows_cost_less_than_its_matches(
    partner, partner_project
):
    from django.test.utils import CaptureQueriesContext

    from maillage.projects.models import Task
    from tests.factories import TaskFactory

    TaskFactory(project=partner_project)
    few = Task.objects.filter(pk__in=[1, 2])  # the planner knows: at most two rows
    engine = PostgresEngine()
    engine.large = {1: 1_000_000.0, 2: 1_000_000.0, 3: 1_000_000.0}
    # Of the 1,000 newest entries: half hold the word (500,000 matches), one does (1,000:
    # joined, reading them is cheap whatever the user sees), ten do (10,000).
    engine.sampled = {1: 500, 2: 1, 3: 10}
    kinds = [search.Kind(key=f"k{ct}", label="", ct_id=ct, visible=few) for ct in (1, 2, 3)]
    with CaptureQueriesContext(connection) as ctx:
        engine.plan_among(kinds)
    assert engine.stepped == {1, 3}
    # One statement estimates the user's rows of every kind that needs it.
    assert [q["sql"][:7] for q in ctx.captured_queries] == ["EXPLAIN"]
    assert ctx.captured_queries[0]["sql"].count("UNION ALL") == 1
    engine.sampled = {3: 10}
    engine.plan_among([search.Kind(key="k3", label="", ct_id=3, visible=few.none())])
    assert engine.stepped == set()  # nothing visible: nothing to step through
