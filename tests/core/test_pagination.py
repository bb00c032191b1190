"""Deep pages (`core.pagination.DeepPaginator`): every page, however it is read (from
the start or from the end, in one query or ids first), holds exactly the rows of the
plain OFFSET page, with ties and NULLs in the sort; and the list pages and the API's
last pages show them, at a constant number of queries."""

import datetime as dt
import re

import pytest
from django.core.paginator import Paginator
from django.db.models import F, Prefetch
from django.urls import reverse

from maillage.core import pagination
from maillage.core.pagination import DeepPaginator, totally_ordered
from maillage.projects.models import Project
from tests.factories import ProjectFactory
from tests.querycount import count_queries

pytestmark = pytest.mark.django_db

ORDERINGS = [
    ("start_on", "title"),  # NULLs and ties, no primary key: the paginator appends it
    ("-start_on",),
    (F("start_on").asc(nulls_last=True), "-code"),
    ("country", "-pk"),
]


@pytest.fixture
def projects():
    """23 projects: seven start dates shared by several, some without a date."""
    rows = []
    for i in range(23):
        start = None if i % 5 == 0 else dt.date(2026, 1, 1) + dt.timedelta(days=i % 7)
        rows.append(
            ProjectFactory.build(
                code=f"P-{i:03d}", title=f"Projet {i % 4}", start_on=start, country="MA"
            )
        )
    return Project.objects.bulk_create(rows)


def pages_of(paginator):
    return [[p.code for p in paginator.page(n).object_list] for n in paginator.page_range]


@pytest.mark.parametrize("ordering", ORDERINGS, ids=str)
@pytest.mark.parametrize("direct", [0, 2, 500])
def test_every_page_holds_the_rows_of_the_offset_page(projects, monkeypatch, ordering, direct):
    monkeypatch.setattr(pagination, "DIRECT_ROWS", direct)
    rows = Project.objects.order_by(*ordering)
    expected = pages_of(Paginator(totally_ordered(rows), 4))
    assert pages_of(DeepPaginator(rows, 4)) == expected
    flat = [code for page in expected for code in page]
    assert sorted(flat) == sorted(p.code for p in projects)  # none repeated, none skipped
    assert len(expected) == 6 and len(expected[-1]) == 3


def test_orphans_join_the_last_page_whichever_end_it_is_read_from(projects, monkeypatch):
    monkeypatch.setattr(pagination, "DIRECT_ROWS", 0)
    rows = Project.objects.order_by("code")
    deep = DeepPaginator(rows, 5, orphans=3)
    assert deep.num_pages == 4
    assert [p.code for p in deep.page(4).object_list] == [f"P-{i:03d}" for i in range(15, 23)]


def test_the_model_ordering_is_kept_when_the_queryset_names_none(projects, monkeypatch):
    monkeypatch.setattr(pagination, "DIRECT_ROWS", 0)
    rows = Project.objects.all()  # Meta.ordering
    assert pages_of(DeepPaginator(rows, 4)) == pages_of(Paginator(rows.order_by("code", "pk"), 4))


def test_a_deep_page_reads_ids_then_rows_in_a_fixed_number_of_queries(projects, monkeypatch):
    monkeypatch.setattr(pagination, "DIRECT_ROWS", 0)
    rows = Project.objects.order_by("start_on", "title").prefetch_related(Prefetch("partners"))
    paginator = DeepPaginator(rows, 4)
    paginator.count  # noqa: B018 — counted apart
    for number in (2, 3, 4, 5):
        queries, sql, _page = count_queries(lambda n=number: list(paginator.page(n)))
        # ids, rows by id, the prefetch: whatever the depth.
        assert queries == 3, sql
        assert "LIMIT" in sql[0] and "OFFSET" in sql[0]
    monkeypatch.setattr(pagination, "DIRECT_ROWS", 500)
    queries, sql, _page = count_queries(lambda: list(paginator.page(6)))
    assert queries == 2, sql  # near an end: one query for the rows (and the prefetch)


@pytest.mark.parametrize("number", [1, 3, 6])
def test_a_list_that_joins_reads_its_ids_first_even_near_an_end(projects, number):
    """The database sorts and limits the list's own table, then joins a page of rows: not
    every row of the list joined before a page is kept."""
    rows = Project.objects.select_related("programme").order_by("start_on", "title")
    expected = pages_of(Paginator(totally_ordered(rows), 4))[number - 1]
    paginator = DeepPaginator(rows, 4)
    paginator.count  # noqa: B018 — counted apart
    queries, sql, page = count_queries(lambda: list(paginator.page(number)))
    assert [p.code for p in page] == expected
    assert queries == 2, sql  # the ids, then their rows with the joins
    assert "JOIN" not in sql[0] and "JOIN" in sql[1]
    distinct = DeepPaginator(rows.distinct(), 4)
    distinct.count  # noqa: B018
    queries, sql, page = count_queries(lambda: list(distinct.page(number)))
    assert [p.code for p in page] == expected and queries == 1, sql


def test_the_last_page_is_read_from_the_end(projects):
    rows = Project.objects.order_by("code")
    _queries, sql, page = count_queries(lambda: list(DeepPaginator(rows, 4).page(6)))
    assert [p.code for p in page] == ["P-020", "P-021", "P-022"]
    assert "DESC" in sql[-1] and "OFFSET" not in sql[-1]


def test_a_list_of_rows_pages_as_usual():
    assert list(DeepPaginator(list(range(10)), 3).page(4).object_list) == [9]


def test_the_html_list_and_the_api_show_the_deep_and_last_pages(
    client, officer, projects, monkeypatch
):
    monkeypatch.setattr(pagination, "DIRECT_ROWS", 0)
    for i in range(37):
        ProjectFactory(code=f"Q-{i:03d}")
    client.force_login(officer)
    url = reverse("projects:project_list")
    shown = re.compile(r">([PQ]-\d{3})</a>")
    # 60 projects, 25 a page: the middle page is read ids first, the last from the end.
    middle = shown.findall(client.get(url, {"sort": "code", "page": 2}).content.decode())
    assert middle == [f"Q-{i:03d}" for i in range(2, 27)]
    tail = shown.findall(client.get(url, {"sort": "code", "page": 3}).content.decode())
    assert tail == [f"Q-{i:03d}" for i in range(27, 37)]
    api = client.get("/api/projects", {"ordering": "code", "page_size": 5, "page": "last"})
    assert api.status_code == 200
    assert [r["code"] for r in api.json()["results"]] == [f"Q-{i:03d}" for i in range(32, 37)]
    deep = client.get("/api/projects", {"ordering": "-code", "page_size": 5, "page": 9})
    assert [r["code"] for r in deep.json()["results"]] == [f"P-{i:03d}" for i in range(19, 14, -1)]


@pytest.mark.parametrize("number", [1, 2, 3])
def test_a_searched_list_reads_its_rows_by_id_without_listing_the_matches_again(number):
    """A search's matches (`core.search.Matches`) are listed once for the page's ids: the
    statement that reads those rows by id leaves them out (the ids matched already)."""
    for i in range(9):
        ProjectFactory(code=f"S-{i}", title=f"Assainissement {i}" if i % 3 else f"Autre {i}")
    rows = Project.objects.select_related("programme").search("assainis").order_by("code")
    expected = pages_of(Paginator(totally_ordered(rows), 2))[number - 1]
    paginator = DeepPaginator(rows, 2)
    assert paginator.count == 6
    queries, sql, page = count_queries(lambda: list(paginator.page(number)))
    assert [p.code for p in page] == expected
    assert queries == 2, sql
    assert "core_searchentry" in sql[0] and "core_searchentry" not in sql[1], sql


def test_a_search_in_an_alternative_is_kept_for_the_rows_by_id():
    """Only a condition every row must meet may be left out; one of an OR is not."""
    from django.db.models import Q

    from maillage.core.search import matching

    ProjectFactory(code="S-1", title="Assainissement")
    either = Q(pk__in=matching(Project, "assainis")) | Q(code="S-2")
    rows = pagination.by_ids(Project.objects.filter(either), [1, 2, 3])
    assert "core_searchentry" in str(rows.query)


@pytest.mark.parametrize("number", [1, 3])
def test_a_filters_subquery_on_the_lists_own_column_is_not_run_again_for_the_rows(number):
    """A filter given as a subquery (`pk__in`, a foreign key among ids) is met by the
    page's ids: the statement that reads the rows by id leaves it out (a grant's 30,379
    charged expenses were read again for each page's 25 rows)."""
    for i in range(9):
        ProjectFactory(code=f"F-{i}", title=f"Projet {i}")
    chosen = Project.objects.filter(code__in=["F-1", "F-2", "F-4", "F-5", "F-7", "F-8"])
    rows = (
        Project.objects.select_related("programme")
        .filter(pk__in=chosen.values("pk"))
        .order_by("code")
    )
    expected = pages_of(Paginator(totally_ordered(rows), 2))[number - 1]
    paginator = DeepPaginator(rows, 2)
    assert paginator.count == 6
    queries, sql, page = count_queries(lambda: list(paginator.page(number)))
    assert [p.code for p in page] == expected
    assert queries == 2, sql  # the ids (with the subquery), then the rows (without it)
    assert sql[0].count("SELECT") == 2 and sql[1].count("SELECT") == 1, sql


def test_a_subquery_on_a_joined_table_stays_for_the_rows_by_id():
    """A condition on a joined table is kept: without it, its join would repeat a row
    for every related row."""
    from maillage.projects.models import ProjectMembership

    rows = pagination.by_ids(
        Project.objects.filter(
            memberships__in=ProjectMembership.objects.filter(role="x").values("pk")
        ),
        [1, 2, 3],
    )
    assert str(rows.query).count("SELECT") == 2


def test_a_count_asks_the_column_a_page_reads_unindexed():
    """`core.filters.Unindexed` (`column + 0`) keeps a page in the list's order; the count
    asks the column itself, whose index it may read alone. Same rows either way."""
    from maillage.core.filters import through_related

    for i in range(6):
        ProjectFactory(code=f"U-{i}")
    chosen = Project.objects.filter(code__in=["U-1", "U-3"])
    rows = through_related(Project.objects.all(), "id", chosen)
    counted = pagination.counted(rows)
    sql = str(counted.query)
    if "+ 0" in str(rows.query):  # SQLite only writes it
        assert "+ 0" not in sql
    assert DeepPaginator(rows, 10).count == 2 == rows.count()
    assert [p.code for p in DeepPaginator(rows.order_by("code"), 10).page(1)] == ["U-1", "U-3"]


def test_a_searched_list_counts_and_pages_up_to_the_cap(monkeypatch):
    """A search of more rows than SEARCH_COUNT_CAP counts that many (`capped`) and pages
    through the first of them, read from the start (its end is not known); a list not
    searched counts every row."""
    monkeypatch.setattr(pagination, "SEARCH_COUNT_CAP", 5)
    monkeypatch.setattr(pagination, "DIRECT_ROWS", 0)
    for i in range(9):
        ProjectFactory(code=f"S-{i}", title=f"Assainissement {i}")
    rows = Project.objects.search("assainis").order_by("-code")
    paginator = DeepPaginator(rows, 2)
    assert (paginator.count, paginator.capped, paginator.num_pages) == (5, True, 3)
    assert pages_of(paginator) == [["S-8", "S-7"], ["S-6", "S-5"], ["S-4"]]
    plain = DeepPaginator(Project.objects.order_by("code"), 2)
    assert (plain.count, plain.capped) == (9, False)
    exactly = DeepPaginator(Project.objects.search("assainis").filter(code__lt="S-5"), 2)
    assert (exactly.count, exactly.capped) == (5, False)
    # The count reads no further than one row past the cap.
    queries, sql, count = count_queries(lambda: DeepPaginator(rows, 2).count)
    assert count == 5 and queries == 1 and "LIMIT 6" in sql[0], sql


def test_the_list_page_and_the_api_say_a_search_found_more_than_they_page(
    client, officer, monkeypatch
):
    monkeypatch.setattr(pagination, "SEARCH_COUNT_CAP", 5)
    for i in range(9):
        ProjectFactory(code=f"S-{i}", title=f"Assainissement {i}")
    client.force_login(officer)
    page = client.get(reverse("projects:project_list"), {"q": "assainissement"})
    text = re.sub(r"\s+", " ", page.content.decode())
    assert "Plus de 5 résultats : les 5 premiers sont listés." in text
    assert "9 résultats" not in text
    plain = re.sub(r"\s+", " ", client.get(reverse("projects:project_list")).content.decode())
    assert "9 résultats" in plain and "Plus de" not in plain
    api = client.get("/api/projects", {"search": "assainissement", "page_size": 2, "page": 3})
    body = api.json()
    assert (body["count"], body["count_capped"], body["next"]) == (5, True, None)
    assert len(body["results"]) == 1
    assert client.get("/api/projects", {"page_size": 2}).json()["count_capped"] is False
    few = client.get("/api/projects", {"search": "assainissement 3"}).json()
    assert (few["count"], few["count_capped"]) == (1, False)


def test_a_searched_list_stops_counting_where_the_global_search_does():
    from maillage.core.search import COUNT_CAP

    assert pagination.SEARCH_COUNT_CAP == COUNT_CAP


@pytest.mark.parametrize("ordering", ["-code", "budget"])
def test_a_capped_search_walks_its_sort_index_where_there_is_one(monkeypatch, ordering):
    """SQLite: a page of a search of more matches than the cap is read in the list's
    order, each row tested against the matches, when an index gives that order; without
    one, from the matches (testing every row of the table would be slower)."""
    from django.db import connection

    monkeypatch.setattr(pagination, "SEARCH_COUNT_CAP", 5)
    for i in range(9):
        ProjectFactory(code=f"S-{i}", title=f"Assainissement {i}", budget=100 - i)
    rows = Project.objects.search("assainis").order_by(ordering)
    paginator = DeepPaginator(rows, 2)
    expected = pages_of(Paginator(totally_ordered(rows), 2))[:3]
    expected[-1] = expected[-1][:1]  # the fifth row ends the pages
    _queries, sql, pages = count_queries(lambda: pages_of(paginator))
    assert pages == expected
    if connection.vendor == "sqlite":
        statements = [q for q in sql if q.startswith('SELECT "projects_project"."id"')]
        walked = [q for q in statements if "EXISTS" in q]
        assert bool(walked) == (ordering == "-code"), sql
