"""The values list's filters on period dates read the matching periods from an index of
each date, then the values either by period (a few periods) or along the list's own
order (many): filtered through a join, SQLite read every period and every value for the
count and walked the whole list for a page of a narrow filter (docs/performance.md).
The rows are checked on both databases; the plans on SQLite, whose planner is asked
directly (PostgreSQL prefers a scan on tables this small)."""

import datetime as dt

import pytest
from django.db import connection
from django.http import QueryDict

from maillage.core.pagination import totally_ordered
from maillage.core.statistics import gather
from maillage.results.filters import values as value_filters
from maillage.results.views.values import IndicatorValueViews
from tests.factories import ProjectFactory
from tests.plans import queryset_plan as plan
from tests.results.factories import LogframeIndicatorFactory, LogframePeriodFactory, ValueFactory

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans")


@pytest.fixture
def values_by_year():
    """Values of yearly periods 2020-2027, two a period (one in the trash in 2024)."""
    indicator = LogframeIndicatorFactory(project=ProjectFactory())
    found = {}
    for year in range(2020, 2028):
        period = LogframePeriodFactory(
            indicator=indicator, starts_on=dt.date(year, 1, 1), ends_on=dt.date(year, 12, 31)
        )
        found[year] = [ValueFactory(period=period), ValueFactory(period=period)]
    trashed = found[2024].pop()
    trashed.deleted_at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    trashed.save()
    return found


def _rows(officer, query: str):
    rows, _filterset = IndicatorValueViews.filtered_queryset(officer, QueryDict(query))
    return rows


@pytest.mark.parametrize("few", [100, 1], ids=["few periods", "many periods"])
def test_the_period_date_filters_keep_the_values_of_the_periods_whose_dates_match(
    officer, values_by_year, monkeypatch, few
):
    monkeypatch.setattr(value_filters, "FEW_PERIODS", few)

    def expected(years):
        return sorted(v.pk for year in years for v in values_by_year[year])

    assert sorted(v.pk for v in _rows(officer, "ends_after=2025-06-30")) == expected(
        range(2025, 2028)
    )
    assert sorted(v.pk for v in _rows(officer, "starts_before=2021-01-01")) == expected(
        (2020, 2021)
    )
    both = _rows(officer, "ends_after=2023-01-01&starts_before=2024-12-31")
    assert sorted(v.pk for v in both) == expected((2023, 2024))
    assert both.count() == 3  # the 2024 value in the trash is not counted


@pytest.mark.parametrize("few", [100, 1], ids=["few periods", "many periods"])
def test_a_partners_date_filter_keeps_its_own_values_of_those_dates_only(
    partner, partner_project, values_by_year, monkeypatch, few
):
    """A partner's values are checked on the periods its visibility joins (SQLite): the
    dates and the projects both hold, the other project's values of the same dates
    (`values_by_year`) stay out, and so does the trash."""
    monkeypatch.setattr(value_filters, "FEW_PERIODS", few)
    indicator = LogframeIndicatorFactory(project=partner_project)
    mine = {}
    for year in (2020, 2024, 2027):
        period = LogframePeriodFactory(
            indicator=indicator, starts_on=dt.date(year, 1, 1), ends_on=dt.date(year, 12, 31)
        )
        mine[year] = ValueFactory(period=period)
    trashed = ValueFactory(period=mine[2024].period)
    trashed.deleted_at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    trashed.save()
    rows = _rows(partner, "starts_before=2024-06-30")
    assert sorted(v.pk for v in rows) == sorted([mine[2020].pk, mine[2024].pk])
    assert rows.count() == 2
    later = _rows(partner, "ends_after=2024-01-01&starts_before=2030-01-01")
    assert sorted(v.pk for v in later) == sorted([mine[2024].pk, mine[2027].pk])


@sqlite_only
def test_a_narrow_date_filter_reads_the_values_of_its_periods_by_the_period_index(
    officer, values_by_year
):
    gather()
    rows = _rows(officer, "ends_after=2027-01-01")
    count = plan(rows.values("pk").order_by())
    assert "indicator_value_period_live (period_id=? AND deleted_at=?)" in count, count
    page = plan(totally_ordered(rows).values_list("pk", flat=True)[:25])
    assert "indicator_value_period_live (period_id=?" in page, page


@sqlite_only
def test_a_broad_date_filter_walks_the_lists_order_and_counts_from_an_index_alone(
    officer, values_by_year, monkeypatch
):
    monkeypatch.setattr(value_filters, "FEW_PERIODS", 1)
    gather()
    for query, date_index in (
        ("starts_before=2026-01-01", "indicator_period_starts"),
        ("ends_after=2021-01-01", "indicator_period_ends"),
    ):
        rows = _rows(officer, query)
        count = plan(rows.values("pk").order_by())
        assert "COVERING INDEX indicator_value_period_live" in count, count
        assert f"COVERING INDEX {date_index}" in count, count
        ordered = totally_ordered(rows).values_list("pk", flat=True)
        for page in (ordered[:25], totally_ordered(rows).reverse().values_list("pk")[:25]):
            found = plan(page)
            assert "indicator_value_recent" in found and "TEMP B-TREE" not in found, found


# --- Sorted by indicator (core.ordering) ----------------------------------------------


def test_values_sorted_by_indicator_come_by_its_code_then_as_the_list_orders_them(officer):
    project = ProjectFactory()
    b, a = (LogframeIndicatorFactory(project=project, code=code) for code in ("B2", "A10"))
    a_period, b_period = LogframePeriodFactory(indicator=a), LogframePeriodFactory(indicator=b)
    a_first, b_first = ValueFactory(period=a_period), ValueFactory(period=b_period)
    a_last = ValueFactory(period=a_period)
    ids = [v.pk for v in _rows(officer, "sort=period__indicator__code")]
    # "A10" before "B2"; within an indicator the list's own order, newest first.
    assert ids == [a_last.pk, a_first.pk, b_first.pk]
    assert [v.pk for v in _rows(officer, "sort=-period__indicator__code")] == ids[::-1]


@sqlite_only
def test_values_sorted_by_indicator_walk_the_indicators_in_code_order(officer):
    for n in range(20):
        indicator = LogframeIndicatorFactory(project=ProjectFactory(), code=f"I{n}")
        for year in (2025, 2026):
            period = LogframePeriodFactory(
                indicator=indicator,
                starts_on=dt.date(year, 1, 1),
                ends_on=dt.date(year, 12, 31),
            )
            ValueFactory(period=period)
    gather()
    for sort in ("period__indicator__code", "-period__indicator__code"):
        ordered = totally_ordered(_rows(officer, f"sort={sort}"))
        for ids in (
            ordered.values_list("pk", flat=True)[:25],
            ordered.reverse().values_list("pk", flat=True)[:25],
        ):
            found = plan(ids)
            # Each indicator's few values are sorted (the right part), never all of them.
            assert "indicator_code_order" in found, found
            assert "USE TEMP B-TREE FOR ORDER BY" not in found, found


def test_the_api_lists_values_as_the_page_does_newest_first(client, officer, values_by_year):
    """Not in the model's order (through the period, the indicator and the project),
    which sorted every value of the service for each page (national scale: 120 ms)."""
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client.force_login(officer)
    page = client.get(reverse("results:indicatorvalue_list"))
    page_ids = [obj.pk for obj, _cells in page.context["rows"]]
    with CaptureQueriesContext(connection) as queries:
        api = client.get("/api/indicator-values")
    assert [row["id"] for row in api.json()["results"]] == page_ids
    created = [row["created_at"] for row in api.json()["results"]]
    assert created == sorted(created, reverse=True)
    if connection.vendor == "sqlite":
        ordered = [
            q["sql"]
            for q in queries.captured_queries
            if 'FROM "results_indicatorvalue"' in q["sql"] and "LIMIT" in q["sql"]
        ]  # the page's ids, ordered and cut (its rows, by those ids, sort only them)
        assert ordered
        from tests.plans import plan as sql_plan

        for sql in ordered:
            assert "TEMP B-TREE" not in sql_plan(sql), sql
