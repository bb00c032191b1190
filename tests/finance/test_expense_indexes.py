"""The expense list and the validation queue read their own indexes: at a million
expenses a plan that scans the table costs seconds (docs/performance.md). SQLite's
planner is asked directly; PostgreSQL prefers a scan on tables this small."""

import pytest
from django.db import connection

from maillage.accounts.models import Role
from maillage.core.pagination import counted, totally_ordered
from maillage.finance.models import Expense
from maillage.finance.selectors.expenses import validation_queue
from tests.factories import UserFactory
from tests.plans import queryset_plan as plan

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans"),
]


def test_the_queue_and_its_count_read_the_status_index():
    officer = UserFactory(role=Role.OFFICER)
    queue = validation_queue(user=officer)
    assert "expense_status_live (status=?)" in plan(queue)
    assert "expense_status_live (status=?)" in plan(queue.values("pk").order_by())  # as COUNT
    assert "TEMP B-TREE" not in plan(queue)


def test_a_deep_page_of_the_list_reads_its_ids_from_the_live_expenses_index():
    ids = totally_ordered(Expense.objects.all()).values_list("pk", flat=True)[5000:5025]
    found = plan(ids)
    assert "expense_spent_idx" in found and "TEMP B-TREE" not in found


def test_the_list_filtered_by_status_counts_and_pages_from_the_status_index():
    # Without it, the count of the validated expenses (95 % of a million) read each
    # expense's row for its status: 2.4 s of CPU at national scale.
    validated = Expense.objects.filter(status="validated")
    assert "expense_status_live (status=?)" in plan(validated.values("pk").order_by())
    ids = totally_ordered(validated).values_list("pk", flat=True)[:25]
    found = plan(ids)
    assert "expense_status_live" in found and "TEMP B-TREE" not in found


@pytest.mark.parametrize("query", ["category=staff", "line_code=L1"])
def test_the_list_filtered_by_a_lines_category_or_code_reads_its_order_not_every_match(
    query,
):
    from django.http import QueryDict

    from maillage.finance.views.expenses import ExpenseViews

    officer = UserFactory(role=Role.OFFICER)
    rows, _filterset = ExpenseViews.filtered_queryset(officer, QueryDict(query))
    ordered = totally_ordered(rows)
    for ids in (
        ordered.values_list("pk", flat=True)[:25],
        ordered.reverse().values_list("pk", flat=True)[:25],
    ):
        found = plan(ids)
        assert "expense_spent_idx" in found and "TEMP B-TREE" not in found, found
    # The count asks the lines' ids of their index (core.pagination.counted), not every
    # expense's line: at national scale the officer's count of a category read the
    # million rows (180 -> 45 ms).
    count = plan(counted(rows).values("pk").order_by())
    assert "COVERING INDEX expense_line_live (budget_line_id=?" in count, count


def test_a_partners_filtered_expenses_are_read_from_its_projects_index_alone():
    """A partner's expenses filtered by a line or a currency: counted and paged from the
    index of their projects' expenses, which carries both columns (national scale,
    SQLite: ~200 -> 35-65 ms); each expense's row was read for them. Which index SQLite
    picks for a currency depends on statistics an empty database does not have: the
    index itself is checked for it, its use in docs/performance.md."""
    from django.http import QueryDict

    from maillage.finance.views.expenses import ExpenseViews
    from tests.factories import MembershipFactory, ProjectFactory

    partner = UserFactory(role=Role.PARTNER)
    for _ in range(2):
        MembershipFactory(project=ProjectFactory(), user=partner)
    rows, _filterset = ExpenseViews.filtered_queryset(partner, QueryDict("category=staff"))
    ids = totally_ordered(rows).values_list("pk", flat=True)[:25]
    assert "COVERING INDEX expense_project_live (project_id=?)" in plan(ids), plan(ids)
    count = plan(counted(rows).values("pk").order_by())
    assert "COVERING INDEX" in count and "finance_expense_project_id" not in count, count
    index = next(i for i in Expense._meta.indexes if i.name == "expense_project_live")
    assert {"currency", "budget_line", "deleted_at"} <= set(index.fields)


def test_the_officers_expenses_of_a_currency_read_the_currency_index():
    from django.http import QueryDict

    from maillage.finance.views.expenses import ExpenseViews

    officer = UserFactory(role=Role.OFFICER)
    rows, _filterset = ExpenseViews.filtered_queryset(officer, QueryDict("currency=XOF"))
    found = plan(totally_ordered(rows).values_list("pk", flat=True)[:25])
    assert "expense_currency_live (currency=?)" in found and "TEMP B-TREE" not in found, found


def test_the_list_sorted_by_budget_line_walks_the_lines_in_code_order():
    from django.http import QueryDict

    from maillage.core.statistics import gather
    from maillage.finance.views.expenses import ExpenseViews
    from tests.factories import ProjectFactory
    from tests.finance.factories_expenses import budget_line, expense

    project = ProjectFactory()
    for n in range(12):
        line = budget_line(project, code=f"L{n}")
        expense(project, line=line)
        expense(project, line=line)
    gather()  # as every night: the planner knows a line has a few expenses
    officer = UserFactory(role=Role.OFFICER)
    for sort in ("budget_line__code", "-budget_line__code"):
        rows, _filterset = ExpenseViews.filtered_queryset(officer, QueryDict(f"sort={sort}"))
        ordered = totally_ordered(rows)
        for ids in (
            ordered.values_list("pk", flat=True)[:25],
            ordered.reverse().values_list("pk", flat=True)[:25],
        ):
            found = plan(ids)
            assert "budget_line_code_order" in found, found
            assert "expense_line_spent (budget_line_id=?)" in found, found
            assert "TEMP B-TREE" not in found, found


def test_the_index_of_a_projects_expenses_of_a_status_holds_their_order_and_only_live_ones():
    """A partner's expenses of a status are read per project from this index. Keyed by
    project and status alone, it left SQLite to read 111,000 rows for their `deleted_at`
    to count a partner's validated expenses, and to sort them all for a page (national
    scale: 180 -> 25 ms). Which index SQLite picks for a partner depends on statistics an
    empty database does not have: the index itself is checked here, its use in
    docs/performance.md."""
    index = next(i for i in Expense._meta.indexes if i.name == "expense_project_status")
    assert index.fields == ["project", "status", "spent_on", "id"]
    assert index.condition is not None and "deleted_at__isnull" in str(index.condition)
