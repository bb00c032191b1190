"""Pages of the plan: forms and their rules, dependencies, the knock-on confirmation,
the task board's status changes, and the Gantt, calendar and board pages."""

import datetime
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from maillage.accounts.models import Role
from maillage.projects.models import Dependency, PlanItem, Task, TaskStatus
from tests.factories import (
    ActivityFactory,
    DependencyFactory,
    MilestoneFactory,
    ProjectFactory,
    TaskFactory,
    UserFactory,
)
from tests.projects.helpers import d
from tests.projects.helpers import task_form as _task_data

pytestmark = pytest.mark.django_db
ONE = datetime.timedelta(days=1)


# --- Forms ---------------------------------------------------------------------------


def test_a_task_is_created_in_an_activity_of_its_project(client, officer):
    activity = ActivityFactory()
    client.force_login(officer)
    url = reverse("projects:task_create")
    page = client.get(url, {"project": activity.project_id, "activity": activity.pk})
    assert page.context["form"].initial == {"project": activity.project_id, "parent": activity.pk}
    response = client.post(
        url,
        {
            "project": activity.project_id,
            "parent": activity.pk,
            "title": "Atelier de lancement",
            "start_on": "2026-03-02",
            "end_on": "2026-03-06",
            "status": "todo",
            "progress": "0",
        },
    )
    task = Task.objects.get(title="Atelier de lancement")
    assert response.status_code == 302 and response.url == task.get_absolute_url()
    assert task.kind == "task" and task.parent == activity


def test_a_task_in_an_activity_of_another_project_is_refused(client, officer):
    activity = ActivityFactory()
    elsewhere = ProjectFactory()
    client.force_login(officer)
    response = client.post(
        reverse("projects:task_create"),
        {
            "project": elsewhere.pk,
            "parent": activity.pk,
            "title": "Mal placée",
            "start_on": "2026-03-02",
            "end_on": "2026-03-06",
            "status": "todo",
            "progress": "0",
        },
    )
    assert response.status_code == 422
    assert "parent" in response.context["form"].errors
    assert not Task.objects.filter(title="Mal placée").exists()


def test_dates_in_the_wrong_order_are_refused(client, officer):
    task = TaskFactory()
    client.force_login(officer)
    response = client.post(
        reverse("projects:task_update", args=[task.pk]),
        _task_data(task, start_on="2026-03-20", end_on="2026-03-10"),
    )
    assert response.status_code == 422
    assert "end_on" in response.context["form"].errors
    task.refresh_from_db()
    assert task.start_on == d(1)


def test_a_milestone_takes_one_day(client, officer):
    project = ProjectFactory()
    client.force_login(officer)
    response = client.post(
        reverse("projects:milestone_create"),
        {"project": project.pk, "title": "Rapport final", "end_on": "2026-06-30", "status": "todo"},
    )
    assert response.status_code == 302
    milestone = PlanItem.objects.get(title="Rapport final")
    assert milestone.kind == "milestone" and milestone.start_on == milestone.end_on == d(30, 6)


def test_the_project_is_offered_among_those_the_partner_sees_only(client, partner, partner_project):
    # Partners may not write at all: the create page answers 403 before any form.
    client.force_login(partner)
    assert client.get(reverse("projects:activity_create")).status_code == 403


def test_lists_filter_late_items_across_projects(client, viewer):
    today = timezone.localdate()
    late = TaskFactory(
        title="En retard", start_on=today - datetime.timedelta(days=9), end_on=today - ONE
    )
    TaskFactory(title="À jour", start_on=today - ONE, end_on=today)
    TaskFactory(title="Finie", start_on=today - ONE, end_on=today - ONE, status="done")
    client.force_login(viewer)
    response = client.get(reverse("projects:task_list"), {"late": "true"})
    assert [obj.pk for obj, _cells in response.context["rows"]] == [late.pk]
    assert 'class="badge late"' in response.content.decode()


# --- Dependencies --------------------------------------------------------------------


def _add(client, item, other, direction="predecessor", lag=0):
    return client.post(
        reverse("projects:dependency_add", args=[item.pk]),
        {"direction": direction, "other": other.pk, "lag_days": lag},
    )


def test_a_dependency_is_added_and_removed(client, officer):
    a = TaskFactory()
    b = TaskFactory(parent=a.parent)
    client.force_login(officer)
    response = _add(client, b, a, lag=2)
    assert response.status_code == 302
    link = Dependency.objects.get()
    assert (link.predecessor, link.successor, link.lag_days) == (a, b, 2)
    page = client.get(b.get_absolute_url())
    assert page.context["predecessors"] == [link]
    response = client.post(reverse("projects:dependency_delete", args=[b.pk, link.pk]))
    assert response.status_code == 302 and not Dependency.objects.exists()


@pytest.mark.parametrize("case", ["self", "other_project", "cycle"])
def test_a_bad_dependency_is_refused_with_its_reason_and_nothing_saved(client, officer, case):
    a = TaskFactory()
    b = TaskFactory(parent=a.parent)
    DependencyFactory(predecessor=a, successor=b)
    client.force_login(officer)
    if case == "self":
        response, reason = _add(client, a, a), "dépendre de lui-même"
    elif case == "other_project":
        response, reason = _add(client, a, TaskFactory()), "même projet"
    else:
        response, reason = _add(client, a, b), "cycle"
    assert response.status_code == 422
    with translation.override("en"):
        errors = " ".join(str(e) for e in response.context["form"].non_field_errors().data[0])
    assert reason in errors
    assert Dependency.objects.count() == 1


def test_a_viewer_cannot_add_a_dependency(client, viewer):
    a = TaskFactory()
    b = TaskFactory(parent=a.parent)
    client.force_login(viewer)
    assert _add(client, b, a).status_code == 403
    assert not Dependency.objects.exists()


# --- Knock-on confirmation -----------------------------------------------------------


@pytest.fixture
def chain():
    activity = ActivityFactory(start_on=d(1), end_on=d(30, 4))
    a = TaskFactory(parent=activity, title="A", start_on=d(1), end_on=d(10))
    b = TaskFactory(parent=activity, title="B", start_on=d(11), end_on=d(20))
    c = MilestoneFactory(project=activity.project, title="C", start_on=d(21), end_on=d(21))
    DependencyFactory(predecessor=a, successor=b)
    DependencyFactory(predecessor=b, successor=c)
    return a, b, c


def test_moving_an_item_others_depend_on_asks_first_and_saves_nothing(client, officer, chain):
    a, _b, _c = chain
    client.force_login(officer)
    response = client.post(
        reverse("projects:task_update", args=[a.pk]), _task_data(a, end_on="2026-03-13")
    )
    assert response.status_code == 200
    assert [
        (item.title, s.new_start_on, s.new_end_on) for item, s in response.context["shifts"]
    ] == [
        ("B", d(14), d(23)),
        ("C", d(24), d(24)),
    ]
    body = response.content.decode()
    assert 'name="knock_on" value="shift"' in body and 'name="knock_on" value="only"' in body
    a.refresh_from_db()
    assert a.end_on == d(10)  # not saved yet


def test_save_and_shift_moves_the_dependent_items_in_one_go(client, officer, chain):
    a, b, c = chain
    client.force_login(officer)
    response = client.post(
        reverse("projects:task_update", args=[a.pk]),
        _task_data(a, end_on="2026-03-13", knock_on="shift"),
    )
    assert response.status_code == 302
    for obj in (a, b, c):
        obj.refresh_from_db()
    assert a.end_on == d(13)
    assert (b.start_on, b.end_on) == (d(14), d(23))
    assert (c.start_on, c.end_on) == (d(24), d(24))
    assert b.history.first().history_change_reason.startswith("Shifted") or b.version == 2


def test_save_this_item_only_leaves_the_others(client, officer, chain):
    a, b, _c = chain
    client.force_login(officer)
    response = client.post(
        reverse("projects:task_update", args=[a.pk]),
        _task_data(a, end_on="2026-03-13", knock_on="only"),
    )
    assert response.status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.end_on == d(13) and b.start_on == d(11)


def test_the_confirmation_keeps_the_version_check(client, officer, chain):
    a, b, _c = chain
    client.force_login(officer)
    data = _task_data(a, end_on="2026-03-13", knock_on="shift")
    PlanItem.objects.get(pk=a.pk).save()  # someone saved meanwhile
    response = client.post(reverse("projects:task_update", args=[a.pk]), data)
    assert response.status_code == 409
    b.refresh_from_db()
    assert b.start_on == d(11)


def test_a_change_that_leaves_room_saves_at_once(client, officer, chain):
    a, _b, _c = chain
    client.force_login(officer)
    response = client.post(
        reverse("projects:task_update", args=[a.pk]), _task_data(a, title="A bis")
    )
    assert response.status_code == 302


# --- Task status (board) -------------------------------------------------------------


def _move(client, task, status="doing", **extra):
    return client.post(reverse("projects:task_status", args=[task.pk]), {"status": status, **extra})


def test_a_partner_ticks_its_own_task_on_its_project(client, partner, partner_project):
    task = TaskFactory(parent=ActivityFactory(project=partner_project), assignees=[partner])
    client.force_login(partner)
    response = _move(client, task, "done")
    assert response.status_code == 302
    assert response.url == reverse("projects:project_board", args=[partner_project.pk])
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.progress == 100


def test_a_partner_cannot_move_a_task_it_is_not_assigned_to(client, partner, partner_project):
    task = TaskFactory(parent=ActivityFactory(project=partner_project))
    client.force_login(partner)
    assert _move(client, task).status_code == 403
    task.refresh_from_db()
    assert task.status == TaskStatus.TODO


def test_a_partner_does_not_see_the_tasks_of_other_projects(client, partner, other_project):
    task = TaskFactory(parent=ActivityFactory(project=other_project), assignees=[partner])
    client.force_login(partner)
    assert _move(client, task).status_code == 404
    assert client.get(task.get_absolute_url()).status_code == 404
    assert client.get(reverse("projects:project_board", args=[other_project.pk])).status_code == 404


def test_a_viewer_cannot_move_a_task(client, viewer):
    task = TaskFactory(assignees=[viewer])
    client.force_login(viewer)
    assert _move(client, task).status_code == 403


def test_a_fetched_move_answers_json(client, officer):
    task = TaskFactory()
    client.force_login(officer)
    response = client.post(
        reverse("projects:task_status", args=[task.pk]),
        {"status": "doing", "progress": "40"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    assert response.json()["status"] == "doing" and response.json()["progress"] == 40
    # The moves it may make next, for the board script to rebuild the card's buttons.
    assert [m["status"] for m in response.json()["moves"]] == ["todo", "done"]
    bad = client.post(
        reverse("projects:task_status", args=[task.pk]),
        {"status": "lost"},
        headers={"Accept": "application/json"},
    )
    assert bad.status_code == 400


def test_a_foreign_next_url_is_ignored(client, officer):
    task = TaskFactory()
    client.force_login(officer)
    response = _move(client, task, next="https://evil.example/")
    assert response.url == reverse("projects:project_board", args=[task.project_id])


def test_the_board_offers_moves_only_on_the_partners_own_tasks(client, partner, partner_project):
    activity = ActivityFactory(project=partner_project)
    mine = TaskFactory(parent=activity, assignees=[partner])
    theirs = TaskFactory(parent=activity)
    client.force_login(partner)
    response = client.get(reverse("projects:project_board", args=[partner_project.pk]))
    cards = {c["task"].pk: c for col in response.context["columns"] for c in col["cards"]}
    assert cards[mine.pk]["moves"] and not cards[theirs.pk]["moves"]
    assert "style=" not in response.content.decode()


# --- Gantt, calendar, board ----------------------------------------------------------


def _plan(project, count):
    activity = ActivityFactory(project=project, start_on=d(1), end_on=d(30, 6))
    tasks = [
        TaskFactory(parent=activity, start_on=d(1 + i % 20), end_on=d(5 + i % 20))
        for i in range(count)
    ]
    for before, after in itertools.pairwise(tasks[:10]):
        DependencyFactory(predecessor=before, successor=after)
    MilestoneFactory(project=project, end_on=d(30, 6))
    assignee = UserFactory(role=Role.PARTNER)
    for task in tasks:
        task.assignees.add(assignee)


@pytest.mark.parametrize("name", ["project_gantt", "project_calendar", "project_board"])
def test_plan_pages_use_a_constant_number_of_queries(
    client, officer, django_assert_num_queries, name
):
    small, large = ProjectFactory(), ProjectFactory()
    _plan(small, 5)
    _plan(large, 30)
    client.force_login(officer)
    params = {"month": "2026-03"}
    client.get(reverse(f"projects:{name}", args=[small.pk]), params)  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(f"projects:{name}", args=[small.pk]), params).status_code == 200
    with django_assert_num_queries(len(few)):
        response = client.get(reverse(f"projects:{name}", args=[large.pk]), params)
    assert response.status_code == 200
    assert "style=" not in response.content.decode()


def test_the_gantt_marks_the_critical_path_and_late_items(client, officer):
    activity = ActivityFactory(start_on=d(1, 1), end_on=d(31, 1))
    a = TaskFactory(parent=activity, title="A", start_on=d(1, 1), end_on=d(10, 1))
    b = TaskFactory(parent=activity, title="B", start_on=d(11, 1), end_on=d(31, 1))
    c = TaskFactory(parent=activity, title="C", start_on=d(1, 1), end_on=d(3, 1))
    DependencyFactory(predecessor=a, successor=b)
    client.force_login(officer)
    response = client.get(reverse("projects:project_gantt", args=[activity.project_id]))
    bars = {bar.item.pk: bar for bar in response.context["chart"].bars}
    assert bars[a.pk].critical and bars[b.pk].critical and not bars[c.pk].critical
    assert bars[c.pk].late  # 3 January 2026 has passed, not done
    body = response.content.decode()
    assert body.count('class="bar task critical') == 2
    assert 'class="today"' in body or response.context["chart"].today_x is None
    quarter = client.get(
        reverse("projects:project_gantt", args=[activity.project_id]), {"scale": "quarter"}
    )
    assert quarter.context["chart"].timeline.scale == "quarter"
    odd = client.get(reverse("projects:project_gantt", args=[activity.project_id]), {"scale": "x"})
    assert odd.context["scale"] == "month"


def test_the_calendar_shows_starts_ends_and_milestones_of_the_month(client, officer):
    task = TaskFactory(title="Formation", start_on=d(2), end_on=d(6))
    MilestoneFactory(project=task.project, title="Comité", end_on=d(20))
    client.force_login(officer)
    url = reverse("projects:project_calendar", args=[task.project_id])
    response = client.get(url, {"month": "2026-03"})
    body = response.content.decode()
    assert "Formation" in body and "Comité" in body and "mars 2026" in body.lower()
    assert response.context["previous"] == "2026-02" and response.context["next"] == "2026-04"
    for odd in ("garbage", "9999-12", "2026-13", "0-1"):
        assert client.get(url, {"month": odd}).status_code == 200
