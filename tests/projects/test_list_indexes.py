"""The lists of plan items, risks and field updates across projects sort by date (risks
by score) and read that order from an index: ordered through the project, each page
sorted the ~200,000 items of a kind at national scale (docs/performance.md). The orders
are checked on both databases; the plans on SQLite, whose planner is asked directly
(PostgreSQL prefers a scan on tables this small)."""

import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.core.pagination import totally_ordered
from maillage.projects.views.planning import ActivityViews, MilestoneViews, TaskViews
from maillage.projects.views.risks import RiskViews
from maillage.projects.views.updates import FieldUpdateViews
from tests.factories import (
    ActivityFactory,
    FieldUpdateFactory,
    MilestoneFactory,
    ProjectFactory,
    RiskFactory,
    TaskFactory,
)
from tests.plans import plan, queryset_plan

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans")

# (list views, API resource, table, index of the default order)
LISTS = [
    (ActivityViews, "/api/activities", "projects_planitem", "plan_item_kind_end"),
    (TaskViews, "/api/tasks", "projects_planitem", "plan_item_kind_end"),
    (MilestoneViews, "/api/milestones", "projects_planitem", "plan_item_kind_end"),
    (RiskViews, "/api/risks", "projects_risk", "risk_score"),
    (FieldUpdateViews, "/api/updates", "projects_fieldupdate", "field_update_occurred"),
]
NAMES = ["activities", "tasks", "milestones", "risks", "updates"]
ROWS = {
    ActivityViews: ActivityFactory,
    TaskViews: TaskFactory,
    MilestoneViews: MilestoneFactory,
    RiskViews: RiskFactory,
    FieldUpdateViews: FieldUpdateFactory,
}


def rows_query(url: str, client, table: str, params=None) -> str:
    """The SQL of the query that reads the page's rows (the one ordered and cut)."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    found = [
        q["sql"]
        for q in ctx.captured_queries
        if f'FROM "{table}"' in q["sql"] and "ORDER BY" in q["sql"] and "LIMIT" in q["sql"]
    ]
    assert found, f"{url}: no query of {table}"
    return found[0]


def _page_ids(response) -> list[int]:
    return [obj.pk for obj, _cells in response.context["rows"]]


def _api_ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


# --- The default orders -------------------------------------------------------------


def test_plan_items_across_projects_come_by_due_date_not_by_project(client, officer):
    early, late = ProjectFactory(code="A-1"), ProjectFactory(code="Z-9")
    first = TaskFactory(parent=ActivityFactory(project=late), end_on=datetime.date(2026, 3, 5))
    second = TaskFactory(parent=ActivityFactory(project=early), end_on=datetime.date(2026, 3, 20))
    third = TaskFactory(parent=ActivityFactory(project=late), end_on=datetime.date(2026, 3, 20))
    client.force_login(officer)
    expected = [first.pk, second.pk, third.pk]
    assert _page_ids(client.get(reverse("projects:task_list"))) == expected
    assert _api_ids(client.get("/api/tasks")) == expected
    # The project column still sorts by project on a click.
    by_project = client.get(reverse("projects:task_list"), {"sort": "project__code"})
    assert _page_ids(by_project) == [second.pk, first.pk, third.pk]


def test_activities_and_milestones_come_by_their_end(client, officer):
    a, z = ProjectFactory(code="A-1"), ProjectFactory(code="Z-9")
    d = datetime.date
    # Started first, ended last: by start it would come first.
    later = ActivityFactory(project=a, start_on=d(2026, 1, 1), end_on=d(2026, 9, 1))
    soon = ActivityFactory(project=z, start_on=d(2026, 5, 1), end_on=d(2026, 5, 9))
    one = MilestoneFactory(project=z, start_on=d(2026, 4, 1), end_on=d(2026, 4, 1))
    two = MilestoneFactory(project=a, start_on=d(2026, 8, 1), end_on=d(2026, 8, 1))
    client.force_login(officer)
    assert _page_ids(client.get(reverse("projects:activity_list"))) == [soon.pk, later.pk]
    assert _api_ids(client.get("/api/activities")) == [soon.pk, later.pk]
    assert _page_ids(client.get(reverse("projects:milestone_list"))) == [one.pk, two.pk]
    assert _api_ids(client.get("/api/milestones")) == [one.pk, two.pk]


def test_risks_across_projects_come_by_score_then_as_recorded_not_by_project(client, officer):
    z, a = ProjectFactory(code="Z-9"), ProjectFactory(code="A-1")
    low = RiskFactory(project=a, title="A", likelihood=1, impact=1)
    first = RiskFactory(project=z, title="Z", likelihood=3, impact=3)
    second = RiskFactory(project=a, title="A", likelihood=3, impact=3)
    client.force_login(officer)
    expected = [first.pk, second.pk, low.pk]
    assert _page_ids(client.get(reverse("projects:risk_list"))) == expected
    assert _api_ids(client.get("/api/risks")) == expected


def test_field_updates_across_projects_come_newest_first(client, officer):
    a, z = ProjectFactory(code="A-1"), ProjectFactory(code="Z-9")
    old = FieldUpdateFactory(project=a, occurred_on=datetime.date(2026, 1, 5))
    same_day = FieldUpdateFactory(project=z, occurred_on=datetime.date(2026, 2, 5))
    newer = FieldUpdateFactory(project=a, occurred_on=datetime.date(2026, 2, 5))
    client.force_login(officer)
    expected = [newer.pk, same_day.pk, old.pk]
    assert _page_ids(client.get(reverse("projects:fieldupdate_list"))) == expected
    assert _api_ids(client.get("/api/updates")) == expected


# --- The plans (SQLite) ---------------------------------------------------------------


@sqlite_only
@pytest.mark.parametrize(("views", "api", "table", "index"), LISTS, ids=NAMES)
def test_the_default_order_of_page_and_api_is_read_from_its_index(
    client, officer, views, api, table, index
):
    ROWS[views]()  # a row, so that the page reads rows
    client.force_login(officer)
    for url in (reverse(f"projects:{views.model._meta.model_name}_list"), api):
        found = plan(rows_query(url, client, table))
        assert index in found and "TEMP B-TREE" not in found, f"{url}: {found}"


@sqlite_only
@pytest.mark.parametrize(("views", "api", "table", "index"), LISTS, ids=NAMES)
def test_the_count_and_a_deep_pages_ids_read_the_index(officer, views, api, table, index):
    rows, _filterset = views.filtered_queryset(officer, QueryDict())
    ordered = totally_ordered(rows)
    count = queryset_plan(rows.values("pk").order_by())  # as COUNT reads it
    # A plan item kind's count: either index of live items of a kind holds them all.
    assert index in count or "plan_item_kind_status (kind=?)" in count, count
    for ids in (
        ordered.values_list("pk", flat=True)[5000:5025],  # past DIRECT_ROWS from the start
        ordered.reverse().values_list("pk", flat=True)[5000:5025],  # and from the end
    ):
        found = queryset_plan(ids)
        assert index in found and "TEMP B-TREE" not in found, found


@sqlite_only
@pytest.mark.parametrize("query", ["status=todo", "late=true"])
@pytest.mark.parametrize("views", [ActivityViews, TaskViews, MilestoneViews], ids=NAMES[:3])
def test_the_count_of_a_status_or_of_the_late_items_reads_the_status_index(officer, views, query):
    """Counted through the kind's due-date index, the 53,180 tasks to do at national
    scale were read row by row for their status: 165 ms (the late ones: 140 ms)."""
    rows, _filterset = views.filtered_queryset(officer, QueryDict(query))
    count = queryset_plan(rows.values("pk").order_by())  # as COUNT reads it
    assert "plan_item_kind_status (kind=? AND status=?" in count, count


def test_late_items_are_those_past_their_end_and_not_done(officer):
    today = datetime.date(2026, 12, 7)
    past, future = datetime.date(2026, 12, 6), datetime.date(2026, 12, 8)
    doing = TaskFactory(end_on=past, start_on=past, status="doing")
    todo = TaskFactory(end_on=past, start_on=past, status="todo")
    TaskFactory(end_on=past, start_on=past, status="done")
    TaskFactory(end_on=today, start_on=today, status="todo")  # due today: not late yet
    TaskFactory(end_on=future, start_on=today, status="todo")
    from maillage.projects.models import PlanItem

    late = PlanItem.objects.late(today).filter(kind="task").values_list("pk", flat=True)
    assert set(late) == {doing.pk, todo.pk}


@sqlite_only
def test_a_projects_plan_items_of_one_kind_are_read_in_order_from_the_project_index(officer):
    project = ProjectFactory()
    rows, _filterset = TaskViews.filtered_queryset(officer, QueryDict(f"project={project.pk}"))
    for query in (rows, totally_ordered(rows).reverse().values_list("pk", flat=True)[600:625]):
        found = queryset_plan(query)
        assert "plan_item_project_end (project_id=? AND kind=?)" in found, found
        assert "TEMP B-TREE" not in found, found


@sqlite_only
@pytest.mark.parametrize("views", [RiskViews, FieldUpdateViews], ids=["risks", "updates"])
def test_a_projects_risks_and_updates_are_found_by_project_not_by_scanning_the_order(
    officer, views
):
    project = ProjectFactory()
    rows, _filterset = views.filtered_queryset(officer, QueryDict(f"project={project.pk}"))
    found = queryset_plan(rows)
    assert "(project_id=?)" in found, found


# --- Sorted by project (core.ordering) ------------------------------------------------


def test_plan_items_sorted_by_project_come_by_due_date_within_each_project(client, officer):
    a, z = ProjectFactory(code="A-1"), ProjectFactory(code="Z-9")
    d, start = datetime.date, datetime.date(2026, 1, 1)
    z_late = TaskFactory(parent=ActivityFactory(project=z), start_on=start, end_on=d(2026, 9, 1))
    a_late = TaskFactory(parent=ActivityFactory(project=a), start_on=start, end_on=d(2026, 9, 1))
    z_soon = TaskFactory(parent=ActivityFactory(project=z), start_on=start, end_on=d(2026, 2, 1))
    a_soon = TaskFactory(parent=ActivityFactory(project=a), start_on=start, end_on=d(2026, 3, 1))
    client.force_login(officer)
    url = reverse("projects:task_list")
    expected = [a_soon.pk, a_late.pk, z_soon.pk, z_late.pk]
    assert _page_ids(client.get(url, {"sort": "project__code"})) == expected
    # Descending: the exact mirror (a deep page is read backwards, core.pagination).
    assert _page_ids(client.get(url, {"sort": "-project__code"})) == expected[::-1]


def test_a_sort_through_a_relation_orders_by_the_related_tables_own_id(officer):
    rows, _filterset = TaskViews.filtered_queryset(officer, QueryDict("sort=-project__code"))
    order = str(rows.query).split("ORDER BY", 1)[1]
    # Not the item's project_id, which SQLite does not see in the project index's order.
    assert '"projects_project"."id" DESC' in order, order
    assert '"projects_planitem"."end_on" DESC' in order, order


@sqlite_only
@pytest.mark.parametrize("views", [ActivityViews, TaskViews, MilestoneViews], ids=NAMES[:3])
def test_plan_items_by_project_walk_the_projects_in_order_then_each_projects_items(officer, views):
    from maillage.core.statistics import gather

    for n in range(30):
        project = ProjectFactory(code=f"P-{n:03}")
        activity = ActivityFactory(project=project)
        TaskFactory(parent=activity)
        MilestoneFactory(project=project)
    gather()  # as every night: the planner knows a project has a few items
    for sort in ("project__code", "-project__code"):
        rows, _filterset = views.filtered_queryset(officer, QueryDict(f"sort={sort}"))
        ordered = totally_ordered(rows)
        for ids in (
            ordered.values_list("pk", flat=True)[:25],
            ordered.reverse().values_list("pk", flat=True)[:25],
        ):
            found = queryset_plan(ids)
            assert "project_code_order" in found, found
            assert "plan_item_project_end (project_id=? AND kind=?)" in found, found
            assert "TEMP B-TREE" not in found, found
