"""The demo's project management: strategies, programmes, plans, risks and field updates.

`build_project_plans` completes the five demo projects from the fixed data of
`maillage.demo.plans`: their programme, English summary, actual start, DAC sectors, places,
policy markers, SDG targets and tags; their plan (activities, tasks, milestones and
finish-to-start dependencies), told as of the demo's reference date; their risk register;
their field updates with photos and documents.

Sectors, policy markers and SDG targets are IATI codes: they are added only when the
codelists are loaded (`maillage codelists`), and the demo works without them.

The photos and documents are drawn here, in plain Python (PNG: zlib and struct; PDF: the
format's text syntax), so that they are the same bytes on every run.
"""

from __future__ import annotations

import struct
import textwrap
import zlib
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from math import isqrt
from typing import Any, NamedTuple

from django.core.files.base import ContentFile
from simple_history.utils import bulk_create_with_history

from maillage.accounts.models import User
from maillage.actors.models import Organisation, Tag
from maillage.core.models import CodelistItem
from maillage.demo import plans as P
from maillage.demo.actors import PLACES
from maillage.projects.models import (
    Activity,
    AttachmentKind,
    Dependency,
    FieldUpdate,
    ItemKind,
    Milestone,
    PlanItem,
    Programme,
    Project,
    ProjectLocation,
    ProjectPolicyMarker,
    ProjectSector,
    Risk,
    RiskStatus,
    Strategy,
    Task,
    TaskStatus,
    UpdateAttachment,
    creates_cycle,
)

PHOTO_SIZE = (320, 200)


def build_project_plans(
    projects: dict[str, Project],
    users: dict[str, User],
    organisations: dict[str, Organisation],
) -> dict[str, int]:
    """Create the project-management side of the demo; the number of records by kind."""
    # Imported here: `maillage.demo.data` calls this function from its builder.
    from maillage.demo.data import REFERENCE_DATE

    unknown = sorted({*P.PLANS, *P.PROFILES, *P.RISKS, *P.UPDATES} - set(projects))
    if unknown:
        raise ValueError(f"Plans of unknown demo projects: {unknown}")
    counts: dict[str, int] = {}
    counts.update(_create_strategies(projects, users, organisations))
    counts.update(_complete_projects(projects))
    counts.update(_create_plans(projects, users, organisations, REFERENCE_DATE))
    counts["risks"] = len(_create_risks(projects, users))
    counts.update(_create_updates(projects, users))
    return counts


# --- Strategies, programmes and the projects' profile -------------------------------------


def _create_strategies(
    projects: dict[str, Project],
    users: dict[str, User],
    organisations: dict[str, Organisation],
) -> dict[str, int]:
    strategies = []
    for spec in P.STRATEGIES:
        strategy = Strategy(
            title=spec.title,
            owner_organisation=organisations[spec.owner],
            description=spec.description,
            start_on=spec.start_on,
            end_on=spec.end_on,
        )
        strategy.search_text = strategy.compute_search_text()
        strategy._history_user = users["admin"]  # type: ignore[attr-defined]
        strategies.append(strategy)
    by_title = {s.title: s for s in bulk_create_with_history(strategies, Strategy)}

    programmes = []
    for spec in P.PROGRAMMES:
        programme = Programme(
            strategy=by_title[spec.strategy],
            code=spec.code,
            title=spec.title,
            description=spec.description,
            start_on=spec.start_on,
            end_on=spec.end_on,
            owner=users[spec.owner],
        )
        programme.search_text = programme.compute_search_text()
        programme._history_user = users[spec.owner]  # type: ignore[attr-defined]
        programmes.append(programme)
    created = bulk_create_with_history(programmes, Programme)

    for programme, spec in zip(created, P.PROGRAMMES, strict=True):
        for code in spec.projects:
            projects[code].programme = programme
    return {"strategies": len(strategies), "programmes": len(created)}


def _complete_projects(projects: dict[str, Project]) -> dict[str, int]:
    """Programme, English summary and actual start, as if entered with the project: the
    fields are also written into the project's existing history (no new version)."""
    from maillage.demo.data import _add_m2m, _by_name

    for code, profile in P.PROFILES.items():
        project = projects[code]
        project.summary_en = profile.summary_en
        project.actual_start_on = profile.actual_start_on
    for project in projects.values():
        values = {
            "programme_id": project.programme.pk if project.programme else None,
            "summary_en": project.summary_en,
            "actual_start_on": project.actual_start_on,
        }
        Project.all_objects.filter(pk=project.pk).update(**values)
        Project.history.filter(id=project.pk).update(**values)  # type: ignore[attr-defined]

    sectors = _codelist_items("Sector", {c for p in P.PROFILES.values() for c, _ in p.sectors})
    markers = _codelist_items(
        "PolicyMarker", {m for p in P.PROFILES.values() for m, _ in p.markers}
    )
    significances = _codelist_items(
        "PolicySignificance", {s for p in P.PROFILES.values() for _, s in p.markers}
    )
    targets = _codelist_items(
        "UNSDG-Targets", {t for p in P.PROFILES.values() for t in p.sdg_targets}
    )
    tags = _by_name(Tag, sorted({t for p in P.PROFILES.values() for t in p.tags}))

    rows: dict[str, list[Any]] = defaultdict(list)
    target_pairs, tag_pairs = [], []
    for code, profile in P.PROFILES.items():
        project = projects[code]
        user = project.owner
        total = sum(share for _, share in profile.sectors)
        if total != 100:
            raise ValueError(f"Sectors of {code} sum to {total} %, not 100 %")
        # All the project's sectors or none: its shares must still sum to 100.
        if all(sector in sectors for sector, _ in profile.sectors):
            rows["sectors"] += [
                _by(user, ProjectSector(project=project, sector=sectors[c], percentage=share))
                for c, share in profile.sectors
            ]
        rows["locations"] += [
            _by(
                user,
                ProjectLocation(
                    project=project,
                    name=spec.name,
                    country=spec.country,
                    latitude=Decimal(PLACES[spec.place].latitude),
                    longitude=Decimal(PLACES[spec.place].longitude),
                    description=spec.description,
                ),
            )
            for spec in profile.locations
        ]
        rows["policy_markers"] += [
            _by(
                user,
                ProjectPolicyMarker(
                    project=project, marker=markers[m], significance=significances[s]
                ),
            )
            for m, s in profile.markers
            if m in markers and s in significances
        ]
        target_pairs += [(project.pk, targets[t].pk) for t in profile.sdg_targets if t in targets]
        tag_pairs += [(project.pk, tags[t].pk) for t in profile.tags]

    bulk_create_with_history(rows["sectors"], ProjectSector)
    bulk_create_with_history(rows["locations"], ProjectLocation)
    bulk_create_with_history(rows["policy_markers"], ProjectPolicyMarker)
    if target_pairs:
        _add_m2m(Project, "sdg_targets", target_pairs)
    _add_m2m(Project, "tags", tag_pairs)
    return {
        "sectors": len(rows["sectors"]),
        "locations": len(rows["locations"]),
        "policy_markers": len(rows["policy_markers"]),
        "sdg_targets": len(target_pairs),
        "project_tags": len(tag_pairs),
    }


def _codelist_items(codelist: str, codes: set[str]) -> dict[str, CodelistItem]:
    """The items of those codes; none when the codelist is not loaded."""
    items = CodelistItem.objects.filter(codelist__name=codelist, code__in=codes)
    return {item.code: item for item in items}


def _by(user: User | None, record: Any) -> Any:
    """The record, with the user its first history version is attributed to."""
    record._history_user = user
    return record


# --- Plans ------------------------------------------------------------------------------------


class _Item(NamedTuple):
    record: PlanItem
    assignees: list[str]
    after: list[tuple[str, int]]  # (key of the predecessor, lag in days)


def _predecessors(after: str) -> list[tuple[str, int]]:
    result = []
    for word in after.split():
        key, _, lag = word.partition("+")
        result.append((key, int(lag or 0)))
    return result


def _task_state(spec: P.TaskSpec, today: date) -> tuple[str, int, date | None]:
    """Status, progress and completion date of a task, as of `today`."""
    if spec.late is not None:
        if spec.end_on >= today:
            raise ValueError(f"{spec.key} is marked late but is not due yet")
        return (TaskStatus.DOING if spec.late else TaskStatus.TODO), spec.late, None
    if spec.end_on < today:
        return TaskStatus.DONE, 100, spec.end_on
    if spec.start_on <= today:
        elapsed = (today - spec.start_on).days
        total = (spec.end_on - spec.start_on).days + 1
        return TaskStatus.DOING, min(95, max(5, round(20 * elapsed / total) * 5)), None
    return TaskStatus.TODO, 0, None


def _create_plans(
    projects: dict[str, Project],
    users: dict[str, User],
    organisations: dict[str, Organisation],
    today: date,
) -> dict[str, int]:
    activities: dict[tuple[str, str], _Item] = {}
    items: dict[tuple[str, str], _Item] = {}  # tasks and milestones

    def organisation(name: str) -> Organisation | None:
        if name and name not in organisations:
            raise ValueError(f"Unknown demo organisation in a plan: {name}")
        return organisations[name] if name else None

    for code, plan in P.PLANS.items():
        project = projects[code]
        for position, spec in enumerate(plan.activities):
            tasks = []
            for rank, task in enumerate(spec.tasks):
                status, progress, completed_on = _task_state(task, today)
                record = Task(
                    project=project,
                    kind=ItemKind.TASK,
                    position=rank,
                    title=task.title,
                    description=task.description,
                    start_on=task.start_on,
                    end_on=task.end_on,
                    status=status,
                    progress=progress,
                    organisation=organisation(task.organisation),
                    completed_on=completed_on,
                )
                tasks.append(record)
                items[(code, task.key)] = _Item(
                    record, task.assignees.split(), _predecessors(task.after)
                )
            record = Activity(
                project=project,
                kind=ItemKind.ACTIVITY,
                position=position,
                title=spec.title,
                description=spec.description,
                organisation=organisation(spec.organisation),
                **_rollup(tasks),
            )
            activities[(code, spec.key)] = _Item(record, [], [])
        _add_milestones(code, project, plan, activities, items, today)

    for code, plan in P.PLANS.items():
        for spec in plan.milestones:
            if spec.activity:
                _stretch(activities[(code, spec.activity)].record, items[(code, spec.key)].record)

    # Who entered the plan: the project's owner.
    for item in [*activities.values(), *items.values()]:
        item.record._history_user = item.record.project.owner  # type: ignore[attr-defined]
        item.record.search_text = item.record.compute_search_text()
    created = bulk_create_with_history([i.record for i in activities.values()], PlanItem)
    for item, record in zip(activities.values(), created, strict=True):
        item.record.pk = record.pk
    for (code, key), item in items.items():
        parent = _parent_key(code, key)
        if parent:
            item.record.parent = activities[(code, parent)].record
    created = bulk_create_with_history([i.record for i in items.values()], PlanItem)
    for item, record in zip(items.values(), created, strict=True):
        item.record.pk = record.pk

    dependencies = _dependencies(items, today)
    bulk_create_with_history(dependencies, Dependency)

    from maillage.demo.data import _add_m2m

    pairs = [
        (item.record.pk, users[username].pk)
        for item in items.values()
        for username in item.assignees
    ]
    _add_m2m(PlanItem, "assignees", pairs)
    kinds = [i.record.kind for i in items.values()]
    return {
        "activities": len(activities),
        "tasks": kinds.count(ItemKind.TASK),
        "milestones": kinds.count(ItemKind.MILESTONE),
        "dependencies": len(dependencies),
        "assignments": len(pairs),
    }


def _parent_key(code: str, key: str) -> str:
    """The key of the activity a task or milestone belongs to ("" for none)."""
    if key.startswith("A"):
        return key.partition(".")[0]
    spec = next(m for m in P.PLANS[code].milestones if m.key == key)
    return spec.activity


def _rollup(tasks: list[Task]) -> dict[str, Any]:
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
    plan: P.PlanSpec,
    activities: dict[tuple[str, str], _Item],
    items: dict[tuple[str, str], _Item],
    today: date,
) -> None:
    """Milestones in date order: one is reached once passed, if all before it are done."""
    for position, spec in sorted(enumerate(plan.milestones), key=lambda pair: pair[1].on):
        after = _predecessors(spec.after)
        missing = [key for key, _ in after if (code, key) not in items]
        if missing:
            raise ValueError(f"{code} {spec.key}: unknown predecessors {missing}")
        reached = spec.on < today and all(
            items[(code, key)].record.status == TaskStatus.DONE for key, _ in after
        )
        record = Milestone(
            project=project,
            kind=ItemKind.MILESTONE,
            position=100 + position,
            title=spec.title,
            start_on=spec.on,
            end_on=spec.on,
            status=TaskStatus.DONE if reached else TaskStatus.TODO,
            progress=100 if reached else 0,
            completed_on=spec.on if reached else None,
        )
        items[(code, spec.key)] = _Item(record, [], after)
    # Keep the order of the data (tasks, then milestones as listed) for stable ids.
    for spec in plan.milestones:
        items[(code, spec.key)] = items.pop((code, spec.key))
    if any((code, m.activity) not in activities for m in plan.milestones if m.activity):
        raise ValueError(f"{code}: a milestone belongs to an unknown activity")


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
                raise ValueError(f"{code} {key}: unknown predecessor {before}")
            predecessor = items[(code, before)].record
            # As `maillage.projects.planning` schedules: from the day after, plus the lag.
            if successor.start_on < predecessor.end_on + timedelta(days=1 + lag):
                raise ValueError(f"{code} {key} starts before {before} ends (+{lag} days)")
            started = successor.status != TaskStatus.TODO or successor.progress
            if started and predecessor.status != TaskStatus.DONE:
                raise ValueError(f"{code} {key} is under way but {before} is not done")
            if creates_cycle(edges[code], predecessor.pk, successor.pk):
                raise ValueError(f"{code}: {before} → {key} closes a loop")
            edges[code].append((predecessor.pk, successor.pk))
            dependency = Dependency(predecessor=predecessor, successor=successor, lag_days=lag)
            dependency._history_user = successor.project.owner  # type: ignore[attr-defined]
            dependencies.append(dependency)
    return dependencies


# --- Risks ------------------------------------------------------------------------------------


def _create_risks(projects: dict[str, Project], users: dict[str, User]) -> list[Risk]:
    risks = []
    for code, specs in P.RISKS.items():
        for spec in specs:
            risk = Risk(
                project=projects[code],
                title=spec.title,
                description=spec.description,
                category=spec.category,
                likelihood=spec.likelihood,
                impact=spec.impact,
                mitigation=spec.mitigation,
                owner=users[spec.owner],
                review_on=spec.review_on,
                status=RiskStatus.CLOSED if spec.closed else RiskStatus.OPEN,
            )
            risk.search_text = risk.compute_search_text()
            risks.append(_by(users[spec.owner], risk))
    return bulk_create_with_history(risks, Risk)


# --- Field updates, their photos and documents ---------------------------------------------


def _create_updates(projects: dict[str, Project], users: dict[str, User]) -> dict[str, int]:
    specs = [(code, spec) for code, specs in P.UPDATES.items() for spec in specs]
    updates = []
    for code, spec in specs:
        update = FieldUpdate(
            project=projects[code],
            occurred_on=spec.occurred_on,
            title=spec.title,
            body=spec.body,
            author=users[spec.author],
            is_public=spec.public,
        )
        update.search_text = update.compute_search_text()
        updates.append(_by(users[spec.author], update))
    created = bulk_create_with_history(updates, FieldUpdate)

    attachments = []
    for seed, (update, (code, spec)) in enumerate(zip(created, specs, strict=True)):
        for rank, photo in enumerate(spec.photos):
            data = png_image(*PHOTO_SIZE, scene=photo.scene, seed=seed * 7 + rank)
            attachments.append(
                _attachment(update, photo.name, data, AttachmentKind.PHOTO, photo.caption)
            )
        if spec.document:
            name, title = spec.document
            lines = [
                projects[code].title,
                spec.occurred_on.strftime("%d/%m/%Y"),
                "",
                *textwrap.wrap(spec.body.replace("**", ""), 88),
                "",
                "Maillage – données de démonstration",
            ]
            attachments.append(
                _attachment(update, name, pdf_document(title, lines), AttachmentKind.DOCUMENT)
            )
    bulk_create_with_history(attachments, UpdateAttachment)
    photos = sum(a.kind == AttachmentKind.PHOTO for a in attachments)
    return {
        "updates": len(created),
        "photos": photos,
        "documents": len(attachments) - photos,
    }


_CONTENT_TYPES = {".png": "image/png", ".pdf": "application/pdf"}


def _attachment(
    update: FieldUpdate, name: str, data: bytes, kind: str, caption: str = ""
) -> UpdateAttachment:
    """An attachment whose file is stored under the update's month (as `upload_to` would),
    reusing the file of an earlier demo build when it holds the same bytes."""
    field = UpdateAttachment._meta.get_field("file")
    storage = field.storage  # type: ignore[attr-defined]
    path = f"updates/{update.occurred_on:%Y/%m}/{name}"
    stored = None
    if storage.exists(path):
        with storage.open(path, "rb") as existing:
            if existing.read() == data:
                stored = path
    if stored is None:
        stored = storage.save(path, ContentFile(data), max_length=field.max_length)
    attachment = UpdateAttachment(
        update=update,
        file=stored,
        kind=kind,
        original_name=name,
        content_type=_CONTENT_TYPES[name[name.rindex(".") :]],
        size=len(data),
        caption=caption,
    )
    return _by(update.author, attachment)


# A scene: sky (top, bottom), ground, sun, and the colours of its shapes (RGB).
class Scene(NamedTuple):
    sky_top: tuple[int, int, int]
    sky_bottom: tuple[int, int, int]
    ground: tuple[int, int, int]
    sun: tuple[int, int, int]
    shapes: list[tuple[int, int, int]]


SCENES = {
    "kitchen": Scene(
        (236, 236, 230),
        (214, 218, 222),
        (168, 172, 178),
        (255, 250, 235),
        [(192, 196, 202), (120, 128, 138), (250, 250, 248), (220, 120, 60), (90, 140, 70)],
    ),
    "ceremony": Scene(
        (120, 30, 40),
        (170, 60, 60),
        (200, 170, 120),
        (245, 210, 110),
        [(30, 90, 60), (240, 240, 240), (20, 40, 90), (200, 40, 40), (250, 200, 60)],
    ),
    "city": Scene(
        (120, 170, 220),
        (200, 225, 245),
        (150, 140, 130),
        (255, 236, 160),
        [(180, 90, 70), (210, 180, 140), (120, 110, 100), (230, 220, 200), (90, 60, 50)],
    ),
    "meeting": Scene(
        (245, 240, 225),
        (230, 220, 200),
        (140, 100, 70),
        (255, 255, 240),
        [(60, 90, 150), (200, 80, 60), (240, 200, 80), (80, 140, 110), (50, 50, 60)],
    ),
    "site": Scene(
        (150, 195, 235),
        (230, 235, 240),
        (190, 130, 80),
        (255, 230, 120),
        [(130, 130, 125), (200, 190, 170), (240, 170, 40), (90, 80, 70), (60, 120, 180)],
    ),
    "solar": Scene(
        (20, 30, 70),
        (70, 60, 110),
        (60, 60, 65),
        (255, 220, 120),
        [(250, 240, 200), (40, 40, 50), (120, 120, 130), (255, 200, 90), (90, 90, 100)],
    ),
    "water": Scene(
        (90, 160, 225),
        (205, 230, 245),
        (210, 165, 100),
        (255, 240, 170),
        [(40, 110, 190), (230, 230, 225), (150, 110, 70), (70, 150, 200), (100, 140, 60)],
    ),
    "digital": Scene(
        (230, 235, 240),
        (205, 215, 225),
        (120, 90, 60),
        (250, 250, 255),
        [(40, 45, 55), (70, 140, 220), (200, 200, 205), (30, 160, 120), (240, 120, 50)],
    ),
}


def png_image(width: int, height: int, *, scene: str, seed: int) -> bytes:
    """A small picture (sky, ground, a sun, blocks standing on the horizon) as PNG bytes:
    the same `scene` and `seed` always give the same bytes."""
    palette = SCENES[scene]
    horizon = height * (55 + seed % 15) // 100
    rows = []
    for y in range(height):
        if y < horizon:
            t = y / max(1, horizon - 1)
            colour = tuple(
                round(a + (b - a) * t)
                for a, b in zip(palette.sky_top, palette.sky_bottom, strict=True)
            )
        else:
            shade = (y - horizon) * 30 // max(1, height - horizon)
            colour = tuple(max(0, c - shade) for c in palette.ground)
        rows.append(bytearray(bytes(colour) * width))

    cx, cy, radius = 40 + (seed * 61) % (width - 80), horizon // 3, 12 + seed % 10
    for y in range(max(0, cy - radius), min(height, cy + radius + 1)):
        half = isqrt(radius * radius - (y - cy) ** 2)
        x0, x1 = max(0, cx - half), min(width, cx + half + 1)
        rows[y][x0 * 3 : x1 * 3] = bytes(palette.sun) * (x1 - x0)

    for i in range(5 + seed % 4):
        w = 18 + (seed * 37 + i * 53) % 48
        h = 15 + (seed * 29 + i * 71) % max(1, horizon - 20)
        x = (seed * 13 + i * 97) % (width - w)
        base = min(height, horizon + 6 + (i * 11) % 20)
        colour = bytes(palette.shapes[(seed + i) % len(palette.shapes)])
        for y in range(max(0, base - h), base):
            rows[y][x * 3 : (x + w) * 3] = colour * w

    raw = b"".join(b"\x00" + bytes(row) for row in rows)  # filter "none" on every row

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", header),
            chunk(b"IDAT", zlib.compress(raw, 9)),
            chunk(b"IEND", b""),
        ]
    )


def _pdf_text(text: str) -> bytes:
    encoded = text.encode("cp1252", errors="replace")
    return encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf_document(title: str, lines: list[str]) -> bytes:
    """A one-page A4 PDF: a title and lines of text, in the standard Helvetica fonts."""
    content = b"BT /F1 16 Tf 56 780 Td (" + _pdf_text(title) + b") Tj /F2 11 Tf 15 TL 0 -12 Td"
    for line in lines:
        content += b" T* (" + _pdf_text(line) + b") Tj"
    content += b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Title (" + _pdf_text(title) + b") /Producer (Maillage) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (
        len(objects) + 1,
        len(objects),
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
