"""The trash page reads the latest trashed rows of the large tables from an index of
their trashed rows (`core.models.trash_index`): without it each table was read whole,
192 ms for the page at national scale (docs/performance.md). SQLite's planner is asked
directly; PostgreSQL prefers a scan on tables this small."""

import pytest
from django.db import connection

from maillage.accounts.models import Role
from maillage.actors.models import Interaction
from maillage.core.trash import trashed_for
from maillage.finance.models import Expense
from maillage.projects.models import PlanItem
from maillage.results.models import IndicatorValue
from tests.factories import UserFactory
from tests.plans import queryset_plan

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans"),
]


@pytest.mark.parametrize(
    ("model", "index"),
    [
        (Expense, "expense_trashed"),
        (Interaction, "interaction_trashed"),
        (PlanItem, "plan_item_trashed"),
        (IndicatorValue, "indicator_value_trashed"),
    ],
)
def test_the_trash_reads_the_latest_trashed_rows_from_their_index(model, index):
    officer = UserFactory(role=Role.OFFICER)
    found = queryset_plan(trashed_for(officer, model).order_by("-deleted_at")[:100])
    assert index in found and "SCAN" not in found.split(index)[0], found
    assert "TEMP B-TREE" not in found, found
