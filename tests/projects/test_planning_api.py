"""The plan's API: validation (dates, activity, dependencies) and who may change what."""

import pytest
from django.utils import timezone

from maillage.projects.models import Dependency, PlanItem, TaskStatus
from tests.factories import (
    ActivityFactory,
    DependencyFactory,
    MilestoneFactory,
    ProjectFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db


def _task(activity, **extra):
    return {
        "project": activity.project_id,
        "activity": activity.pk,
        "title": "Atelier",
        "start_on": "2026-03-02",
        "end_on": "2026-03-06",
        **extra,
    }


def test_an_officer_creates_a_task_with_its_predecessor(client, officer):
    before = TaskFactory()
    client.force_login(officer)
    response = client.post(
        "/api/tasks",
        _task(before.parent, predecessors=[{"id": before.pk, "lag_days": 2}]),
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    task = PlanItem.objects.get(pk=response.json()["id"])
    assert task.kind == "task" and task.parent == before.parent
    assert Dependency.objects.get(successor=task).lag_days == 2
    assert response.json()["predecessors"] == [{"id": before.pk, "lag_days": 2}]


def test_dates_in_the_wrong_order_are_refused(client, officer):
    activity = ActivityFactory()
    client.force_login(officer)
    response = client.post(
        "/api/tasks", _task(activity, start_on="2026-03-10"), content_type="application/json"
    )
    assert response.status_code == 400 and "end_on" in response.json()
    task = TaskFactory()
    response = client.patch(
        f"/api/tasks/{task.pk}", {"end_on": "2026-02-01"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert PlanItem.objects.filter(kind="task").count() == 1


def test_a_task_needs_an_activity_of_its_project(client, officer):
    activity = ActivityFactory()
    client.force_login(officer)
    response = client.post(
        "/api/tasks",
        _task(activity, project=ProjectFactory().pk),
        content_type="application/json",
    )
    assert response.status_code == 400 and "activity" in response.json()
    response = client.post(
        "/api/tasks", {**_task(activity), "activity": None}, content_type="application/json"
    )
    assert response.status_code == 400
    assert not PlanItem.objects.filter(kind="task").exists()


@pytest.mark.parametrize("case", ["self", "other_project", "cycle"])
def test_a_bad_dependency_is_refused_and_nothing_saved(client, officer, case):
    a = TaskFactory(title="A")
    b = TaskFactory(parent=a.parent, title="B")
    DependencyFactory(predecessor=a, successor=b)
    other = {"self": a, "other_project": TaskFactory(), "cycle": b}[case]
    client.force_login(officer)
    response = client.patch(
        f"/api/tasks/{a.pk}",
        {"title": "A renamed", "predecessors": [{"id": other.pk}]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "predecessors" in response.json()
    a.refresh_from_db()
    assert a.title == "A" and list(Dependency.objects.values_list("predecessor", "successor")) == [
        (a.pk, b.pk)
    ]


def test_a_milestone_takes_its_date_on_both_ends(client, officer):
    project = ProjectFactory()
    client.force_login(officer)
    response = client.post(
        "/api/milestones",
        {"project": project.pk, "title": "Comité", "end_on": "2026-06-30"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["start_on"] == "2026-06-30"


def test_a_partner_ticks_its_own_task(client, partner, partner_project):
    task = TaskFactory(parent=ActivityFactory(project=partner_project), assignees=[partner])
    client.force_login(partner)
    response = client.patch(
        f"/api/tasks/{task.pk}",
        {"status": "done", "progress": 100},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE


def test_a_partner_changes_nothing_else(client, partner, partner_project):
    task = TaskFactory(parent=ActivityFactory(project=partner_project), assignees=[partner])
    client.force_login(partner)
    response = client.patch(
        f"/api/tasks/{task.pk}",
        {"status": "done", "end_on": "2026-12-31"},
        content_type="application/json",
    )
    assert response.status_code == 403
    task.refresh_from_db()
    assert task.status == TaskStatus.TODO


def test_a_partner_cannot_tick_a_task_it_is_not_assigned_to(client, partner, partner_project):
    task = TaskFactory(parent=ActivityFactory(project=partner_project))
    milestone = MilestoneFactory(project=partner_project)
    client.force_login(partner)
    for url in (f"/api/tasks/{task.pk}", f"/api/milestones/{milestone.pk}"):
        response = client.patch(url, {"status": "done"}, content_type="application/json")
        assert response.status_code == 403
    assert client.get(f"/api/tasks/{task.pk}").status_code == 200


def test_a_partner_does_not_see_other_projects_tasks(
    client, partner, partner_project, other_project
):
    task = TaskFactory(parent=ActivityFactory(project=other_project), assignees=[partner])
    mine = TaskFactory(parent=ActivityFactory(project=partner_project))
    client.force_login(partner)
    assert client.get(f"/api/tasks/{task.pk}").status_code == 404
    response = client.patch(
        f"/api/tasks/{task.pk}", {"status": "done"}, content_type="application/json"
    )
    assert response.status_code == 404
    assert [row["id"] for row in client.get("/api/tasks").json()["results"]] == [mine.pk]


def test_a_viewer_cannot_tick(client, viewer):
    task = TaskFactory(assignees=[viewer])
    client.force_login(viewer)
    response = client.patch(
        f"/api/tasks/{task.pk}", {"status": "done"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_the_task_list_uses_a_constant_number_of_queries(
    client, officer, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    activity = ActivityFactory()
    TaskFactory.create_batch(3, parent=activity)
    client.force_login(officer)
    client.get("/api/tasks")
    with CaptureQueriesContext(connection) as few:
        client.get("/api/tasks")
    for task in TaskFactory.create_batch(20, parent=activity):
        DependencyFactory(predecessor=task, successor=TaskFactory(parent=activity))
    with django_assert_num_queries(len(few)):
        response = client.get("/api/tasks", {"late": "true", "start_on": timezone.localdate()})
    assert response.status_code == 200
