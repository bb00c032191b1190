"""The demo projects' plans, risk registers and field updates, from plans.toml, tasks.csv,
risks.toml and updates.toml, told as of the demo's reference date.

A task that ended before the reference date is done unless it is marked `late` (then its
progress is the one given), one that runs across it is under way (its progress follows
the time spent), one that starts after it is to do. An activity spans its tasks and
milestones and rolls up their progress; a milestone is reached once passed if all it
waits for is done. The finish-to-start links are checked: in time, without a loop, and
nothing under way while what it waits for is not done.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.files.base import ContentFile

from maillage.accounts.models import User
from maillage.demo.build_actors import Actors
from maillage.demo.dataset import Dataset, DemoDataError, Row
from maillage.demo.media import PHOTO_SIZE, pdf_document, png_image
from maillage.demo.rows import add_m2m, create_rows
from maillage.projects.models import (
    Activity,
    AttachmentKind,
    Dependency,
    FieldUpdate,
    ItemKind,
    Milestone,
    PlanItem,
    Project,
    Risk,
    RiskStatus,
    Task,
    TaskStatus,
    UpdateAttachment,
    creates_cycle,
)


def build_plans(
    ds: Dataset, users: dict[str, User], actors: Actors, projects: dict[str, Project]
) -> dict[str, int]:
    """Plans, risks and updates of the projects; the number of records by kind."""
    counts = _create_plans(ds, users, actors, projects)
    counts["risks"] = len(_create_risks(ds, users, projects))
    counts.update(_create_updates(ds, users, projects))
    return counts


# --- Plans ------------------------------------------------------------------------------------


@dataclass
class _Plan:
    activities: list[tuple[Row, list[Row]]] = field(default_factory=list)  # with their tasks
    milestones: list[Row] = field(default_factory=list)


@dataclass
class _Item:
    record: PlanItem
    assignees: list[str]
    after: list[tuple[str, int]]  # (key of the predecessor, lag in days)


def _plans(ds: Dataset) -> dict[str, _Plan]:
    """Each project's activities with their tasks ("A1.2" belongs to "A1"), and milestones."""
    plans: dict[str, _Plan] = defaultdict(_Plan)
    tasks: dict[tuple[str, str], list[Row]] = {}
    for spec in ds["plans.toml"]["activities"]:
        tasks[(spec["project"], spec["key"])] = []
        plans[spec["project"]].activities.append((spec, tasks[(spec["project"], spec["key"])]))
    for line, task in enumerate(ds["tasks.csv"], start=2):
        activity = (task["project"], task["key"].partition(".")[0])
        if activity not in tasks:
            raise DemoDataError(f"tasks.csv, line {line}: no activity {activity[1]} in plans.toml")
        tasks[activity].append(task)
    for spec in ds["plans.toml"]["milestones"]:
        plans[spec["project"]].milestones.append(spec)
    return plans


def _predecessors(after: str) -> list[tuple[str, int]]:
    result = []
    for word in after.split():
        key, _, lag = word.partition("+")
        result.append((key, int(lag or 0)))
    return result


def _task_state(task: Row, today: date) -> tuple[str, int, date | None]:
    """Status, progress and completion date of a task, as of `today`."""
    if task["late"] is not None:
        if task["end_on"] >= today:
            raise DemoDataError(f"tasks.csv: {task['key']} is marked late but is not due yet")
        return (TaskStatus.DOING if task["late"] else TaskStatus.TODO), task["late"], None
    if task["end_on"] < today:
        return TaskStatus.DONE, 100, task["end_on"]
    if task["start_on"] <= today:
        elapsed = (today - task["start_on"]).days
        total = (task["end_on"] - task["start_on"]).days + 1
        return TaskStatus.DOING, min(95, max(5, round(20 * elapsed / total) * 5)), None
    return TaskStatus.TODO, 0, None


def _create_plans(
    ds: Dataset, users: dict[str, User], actors: Actors, projects: dict[str, Project]
) -> dict[str, int]:
    today = ds.reference_date
    orgs = actors.organisations
    activities: dict[tuple[str, str], _Item] = {}
    items: dict[tuple[str, str], _Item] = {}  # tasks and milestones
    plans = _plans(ds)
    for code, plan in plans.items():
        project = projects[code]
        for position, (spec, specs) in enumerate(plan.activities):
            tasks: list[PlanItem] = []
            for rank, task in enumerate(specs):
                status, progress, completed_on = _task_state(task, today)
                record: PlanItem = Task(
                    project=project,
                    kind=ItemKind.TASK,
                    position=rank,
                    title=task["title"],
                    description=task["description"],
                    start_on=task["start_on"],
                    end_on=task["end_on"],
                    status=status,
                    progress=progress,
                    organisation=orgs[task["organisation"]] if task["organisation"] else None,
                    completed_on=completed_on,
                )
                tasks.append(record)
                after = _predecessors(task["after"])
                items[(code, task["key"])] = _Item(record, task["assignees"].split(), after)
            record = Activity(
                project=project,
                kind=ItemKind.ACTIVITY,
                position=position,
                title=spec["title"],
                description=spec["description"],
                organisation=orgs[spec["organisation"]],
                **_rollup(tasks),
            )
            activities[(code, spec["key"])] = _Item(record, [], [])
        _add_milestones(code, project, plan.milestones, activities, items, today)
        for spec in plan.milestones:
            if spec.get("activity"):
                activity = activities[(code, spec["activity"])].record
                _stretch(activity, items[(code, spec["key"])].record)

    # Who entered the plan: the project's owner.
    created = create_rows((i.record, i.record.project.owner) for i in activities.values())
    for item, saved in zip(activities.values(), created, strict=True):
        item.record.pk = saved.pk
    for (code, key), item in items.items():
        parent = key.partition(".")[0] if key.startswith("A") else item_activity(plans[code], key)
        if parent:
            item.record.parent = activities[(code, parent)].record
    created = create_rows((i.record, i.record.project.owner) for i in items.values())
    for item, saved in zip(items.values(), created, strict=True):
        item.record.pk = saved.pk

    dependencies = create_rows((d, d.successor.project.owner) for d in _dependencies(items, today))
    pairs = [
        (item.record.pk, users[username].pk)
        for item in items.values()
        for username in item.assignees
    ]
    add_m2m(PlanItem, "assignees", pairs)
    kinds = [i.record.kind for i in items.values()]
    return {
        "activities": len(activities),
        "tasks": kinds.count(ItemKind.TASK),
        "milestones": kinds.count(ItemKind.MILESTONE),
        "dependencies": len(dependencies),
        "assignments": len(pairs),
    }


def item_activity(plan: _Plan, milestone: str) -> str:
    """The key of the activity a milestone belongs to ("" for none)."""
    return str(next(m for m in plan.milestones if m["key"] == milestone).get("activity", ""))


def _rollup(tasks: list[PlanItem]) -> dict[str, Any]:
    """An activity's dates, status and progress, from its tasks."""
    total = sum(t.duration_days for t in tasks)
    progress = round(sum(t.progress * t.duration_days for t in tasks) / total)
    if all(t.status == TaskStatus.DONE for t in tasks):
        status = TaskStatus.DONE
    elif any(t.status != TaskStatus.TODO or t.progress for t in tasks):
        status = TaskStatus.DOING
    else:
        status = TaskStatus.TODO
    return {
        "start_on": min(t.start_on for t in tasks),
        "end_on": max(t.end_on for t in tasks),
        "status": status,
        "progress": 100 if status == TaskStatus.DONE else min(progress, 99),
        "completed_on": max(t.end_on for t in tasks) if status == TaskStatus.DONE else None,
    }


def _add_milestones(
    code: str,
    project: Project,
    milestones: list[Row],
    activities: dict[tuple[str, str], _Item],
    items: dict[tuple[str, str], _Item],
    today: date,
) -> None:
    """Milestones in date order: one is reached once passed, if all before it are done."""
    for position, spec in sorted(enumerate(milestones), key=lambda pair: pair[1]["on"]):
        after = _predecessors(spec.get("after", ""))
        missing = [key for key, _ in after if (code, key) not in items]
        if missing:
            raise DemoDataError(f"plans.toml, {code} {spec['key']}: unknown predecessors {missing}")
        reached = spec["on"] < today and all(
            items[(code, key)].record.status == TaskStatus.DONE for key, _ in after
        )
        record = Milestone(
            project=project,
            kind=ItemKind.MILESTONE,
            position=100 + position,
            title=spec["title"],
            start_on=spec["on"],
            end_on=spec["on"],
            status=TaskStatus.DONE if reached else TaskStatus.TODO,
            progress=100 if reached else 0,
            completed_on=spec["on"] if reached else None,
        )
        items[(code, spec["key"])] = _Item(record, [], after)
    # Keep the order of the data (tasks, then milestones as listed) for stable ids.
    for spec in milestones:
        items[(code, spec["key"])] = items.pop((code, spec["key"]))
    unknown = [m["activity"] for m in milestones if m.get("activity")]
    if any((code, key) not in activities for key in unknown):
        raise DemoDataError(f"plans.toml, {code}: a milestone belongs to an unknown activity")


def _stretch(activity: PlanItem, milestone: PlanItem) -> None:
    """An activity spans its milestones too, and is not done while one is ahead."""
    activity.start_on = min(activity.start_on, milestone.start_on)
    activity.end_on = max(activity.end_on, milestone.end_on)
    if activity.status != TaskStatus.DONE:
        return
    if milestone.status == TaskStatus.DONE:
        activity.completed_on = max(activity.completed_on or milestone.end_on, milestone.end_on)
    else:
        activity.status, activity.progress, activity.completed_on = TaskStatus.DOING, 99, None


def _dependencies(items: dict[tuple[str, str], _Item], today: date) -> list[Dependency]:
    """The finish-to-start links, checked: in time, without a loop, and nothing under way
    while what it waits for is not done."""
    dependencies: list[Dependency] = []
    edges: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for (code, key), item in items.items():
        successor = item.record
        for before, lag in item.after:
            if (code, before) not in items:
                raise DemoDataError(f"{code} {key}: unknown predecessor {before}")
            predecessor = items[(code, before)].record
            # As `maillage.projects.planning` schedules: from the day after, plus the lag.
            if successor.start_on < predecessor.end_on + timedelta(days=1 + lag):
                raise DemoDataError(f"{code} {key} starts before {before} ends (+{lag} days)")
            started = successor.status != TaskStatus.TODO or successor.progress
            if started and predecessor.status != TaskStatus.DONE:
                raise DemoDataError(f"{code} {key} is under way but {before} is not done")
            if creates_cycle(edges[code], predecessor.pk, successor.pk):
                raise DemoDataError(f"{code}: {before} → {key} closes a loop")
            edges[code].append((predecessor.pk, successor.pk))
            dependencies.append(
                Dependency(predecessor=predecessor, successor=successor, lag_days=lag)
            )
    return dependencies


# --- Risks ------------------------------------------------------------------------------------


def _create_risks(ds: Dataset, users: dict[str, User], projects: dict[str, Project]) -> list[Risk]:
    return create_rows(
        (
            Risk(
                project=projects[spec["project"]],
                title=spec["title"],
                description=spec.get("description", ""),
                category=spec["category"],
                likelihood=spec["likelihood"],
                impact=spec["impact"],
                mitigation=spec["mitigation"],
                owner=users[spec["owner"]],
                review_on=spec["review_on"],
                status=RiskStatus.CLOSED if spec.get("closed") else RiskStatus.OPEN,
            ),
            users[spec["owner"]],
        )
        for spec in ds["risks.toml"]["risks"]
    )


# --- Field updates, their photos and documents ---------------------------------------------


def _create_updates(
    ds: Dataset, users: dict[str, User], projects: dict[str, Project]
) -> dict[str, int]:
    specs = ds["updates.toml"]["updates"]
    created = create_rows(
        (
            FieldUpdate(
                project=projects[spec["project"]],
                occurred_on=spec["occurred_on"],
                title=spec["title"],
                body=spec["body"],
                author=users[spec["author"]],
                is_public=spec.get("public", False),
            ),
            users[spec["author"]],
        )
        for spec in specs
    )
    attachments = []
    for seed, (update, spec) in enumerate(zip(created, specs, strict=True)):
        for rank, photo in enumerate(spec.get("photos", [])):
            data = png_image(*PHOTO_SIZE, scene=photo["scene"], seed=seed * 7 + rank)
            attachments.append(
                _attachment(update, photo["file"], data, AttachmentKind.PHOTO, photo["caption"])
            )
        if "document" in spec:
            lines = [
                projects[spec["project"]].title,
                spec["occurred_on"].strftime("%d/%m/%Y"),
                "",
                *textwrap.wrap(spec["body"].replace("**", ""), 88),
                "",
                "Maillage – données de démonstration",
            ]
            data = pdf_document(spec["document"]["title"], lines)
            attachments.append(
                _attachment(update, spec["document"]["file"], data, AttachmentKind.DOCUMENT)
            )
    create_rows((attachment, attachment.update.author) for attachment in attachments)
    photos = sum(a.kind == AttachmentKind.PHOTO for a in attachments)
    return {"updates": len(created), "photos": photos, "documents": len(attachments) - photos}


_CONTENT_TYPES = {".png": "image/png", ".pdf": "application/pdf"}


def _attachment(
    update: FieldUpdate, name: str, data: bytes, kind: str, caption: str = ""
) -> UpdateAttachment:
    """An attachment whose file is stored under the update's month (as `upload_to` would),
    reusing the file of an earlier demo build when it holds the same bytes."""
    file_field = UpdateAttachment._meta.get_field("file")
    storage = file_field.storage
    path = f"updates/{update.occurred_on:%Y/%m}/{name}"
    stored = None
    if storage.exists(path):
        with storage.open(path, "rb") as existing:
            if existing.read() == data:
                stored = path
    if stored is None:
        stored = storage.save(path, ContentFile(data), max_length=file_field.max_length)
    return UpdateAttachment(
        update=update,
        file=stored,
        kind=kind,
        original_name=name,
        content_type=_CONTENT_TYPES[name[name.rindex(".") :]],
        size=len(data),
        caption=caption,
    )
