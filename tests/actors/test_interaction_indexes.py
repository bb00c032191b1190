"""The interactions list reads its order and its date filters' counts from the index of
live interactions by date: at national scale a count of `?after=` read each of 180,000
rows for its trash date (~150 ms on SQLite). SQLite's planner is asked directly;
PostgreSQL prefers a scan on tables this small."""

import pytest
from django.db import connection
from django.http import QueryDict

from maillage.accounts.models import Role
from maillage.actors.views.interactions import InteractionViews
from maillage.core.pagination import totally_ordered
from tests.factories import UserFactory
from tests.plans import queryset_plan as plan

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans"),
]


@pytest.mark.parametrize("query", ["after=2020-12-19", "before=2020-12-19"])
def test_a_date_filter_counts_from_the_index_alone_and_pages_in_its_order(query):
    officer = UserFactory(role=Role.OFFICER)
    rows, _filterset = InteractionViews.filtered_queryset(officer, QueryDict(query))
    count = plan(rows.values("pk").order_by())
    assert "COVERING INDEX interaction_live_date" in count, count
    page = plan(totally_ordered(rows).values_list("pk", flat=True)[:25])
    assert "interaction_live_date" in page and "TEMP B-TREE" not in page, page
