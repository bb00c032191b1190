"""The plan's rows of the permission matrix (tests/test_permission_matrix.py): the pages of
activities, tasks and milestones, their dependencies, a task's status, and the project's
Gantt chart, calendar and task board."""

from __future__ import annotations

from typing import Any

from tests.permissions import HIDDEN, SHARED, WRITE_HIDDEN, WRITE_SHARED, Rule, crud, expect

RULES: list[Rule] = [
    *crud("projects", "activity", "activity_shared", "activity_other"),
    *crud("projects", "task", "task_shared", "task_other"),
    *crud("projects", "milestone", "milestone_shared", "milestone_other"),
    Rule("projects:dependency_add", WRITE_SHARED, ("task_shared",)),
    Rule("projects:dependency_add", WRITE_HIDDEN, ("task_other",)),
    Rule(
        "projects:dependency_delete",
        expect(outsider=404, partner=404, viewer=403, officer=302, admin=302),
        ("task_other", "dependency_other"),
        method="post",
    ),
    # A partner moves the tasks it is assigned to on its projects, and no other.
    Rule(
        "projects:task_status",
        expect(outsider=404, partner=302, viewer=403, officer=302, admin=302),
        ("task_shared",),
        method="post",
        data={"status": "doing"},
    ),
    Rule(
        "projects:task_status",
        expect(outsider=404, partner=403, viewer=403, officer=302, admin=302),
        ("task_shared_unassigned",),
        method="post",
        data={"status": "doing"},
    ),
    Rule(
        "projects:task_status",
        expect(outsider=404, partner=404, viewer=403, officer=302, admin=302),
        ("task_other",),
        method="post",
        data={"status": "done"},
    ),
]
for page in ("project_gantt", "project_calendar", "project_board"):
    RULES += [
        Rule(f"projects:{page}", SHARED, ("project_shared",)),
        Rule(f"projects:{page}", HIDDEN, ("project_other",)),
    ]

# basename: (URL segment, shared record key, hidden record key)
API_RESOURCES: dict[str, tuple[str, str | None, str]] = {
    "activity": ("activities", "activity_shared", "activity_other"),
    "task": ("tasks", "task_shared", "task_other"),
    "milestone": ("milestones", "milestone_shared", "milestone_other"),
}


def extend_world(world: dict[str, Any]) -> dict[str, Any]:
    from maillage.projects.models import Project
    from tests.factories import (
        ActivityFactory,
        DependencyFactory,
        MilestoneFactory,
        TaskFactory,
    )

    shared = Project.objects.get(pk=world["project_shared"])
    other = Project.objects.get(pk=world["project_other"])
    partner = world["users"]["partner"]
    activity_shared = ActivityFactory(project=shared)
    activity_other = ActivityFactory(project=other)
    task_other = TaskFactory(parent=activity_other)
    return {
        "activity_shared": activity_shared.pk,
        "activity_other": activity_other.pk,
        "task_shared": TaskFactory(parent=activity_shared, assignees=[partner]).pk,
        "task_shared_unassigned": TaskFactory(parent=activity_shared).pk,
        "task_other": task_other.pk,
        "milestone_shared": MilestoneFactory(project=shared).pk,
        "milestone_other": MilestoneFactory(project=other).pk,
        "dependency_other": DependencyFactory(
            predecessor=TaskFactory(parent=activity_other), successor=task_other
        ).pk,
    }


# The partner ticks its own task through the API, not another one.
RULES += [
    Rule(
        "task-detail",
        expect(anonymous=401, outsider=404, partner=200, viewer=403, officer=200, admin=200),
        ("task_shared",),
        method="patch",
        path="/api/tasks/{task_shared}",
        data={"status": "done"},
    ),
    Rule(
        "task-detail",
        expect(anonymous=401, outsider=404, partner=403, viewer=403, officer=200, admin=200),
        ("task_shared_unassigned",),
        method="patch",
        path="/api/tasks/{task_shared_unassigned}",
        data={"status": "done"},
    ),
]
