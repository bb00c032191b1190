"""MS Project XML (MSPDI): write a project's plan, read one into a new project.

The writer gives MS Project (and ProjectLibre, GanttProject…) the plan as it stands: one
summary task for the project, then the activities (level 1, summary), their tasks and
milestones (level 2), with their dates, progress, outline numbers and finish-to-start links.

The reader never trusts the file: size and task count are capped, the XML parser resolves
no entity, loads no DTD and touches no network, and a file with a DOCTYPE is refused
outright (MS Project never writes one). It maps MS Project's outline to Maillage's plan —
level 1 → activity, deeper levels → tasks of their level-1 ancestor, milestones stay
milestones — and checks what the database would refuse (finish before start, a task linked
to itself, a cycle) so that every problem is reported per task, before anything is saved.
`read_mspdi` writes nothing; `save_plan` creates the project in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from lxml import etree

from maillage.projects.models import (
    Dependency,
    ItemKind,
    MembershipRole,
    PlanItem,
    Project,
    TaskStatus,
)
from maillage.projects.models.planning import creates_cycle

NS = "http://schemas.microsoft.com/project"
_Q = f"{{{NS}}}"
MINUTES_PER_DAY = 8 * 60
LAG_UNITS_PER_DAY = MINUTES_PER_DAY * 10  # LinkLag is in tenths of minutes
DAY_START = dt.time(8, 0)
DAY_END = dt.time(17, 0)
LINK_FS = 1
LINK_TYPES = {0: "FF", 1: "FS", 2: "SF", 3: "SS"}
TITLE_MAX = 250


def max_bytes() -> int:
    return int(getattr(settings, "MSPDI_MAX_BYTES", 5 * 1024 * 1024))


def max_tasks() -> int:
    return int(getattr(settings, "MSPDI_MAX_TASKS", 2000))


# --- The outline of a plan, shared by the MSPDI and XLSX exports ---------------------------


@dataclass
class OutlineRow:
    item: PlanItem
    level: int
    wbs: str


def plan_outline(items: Iterable[PlanItem]) -> list[OutlineRow]:
    """The plan in reading order: each activity followed by its tasks and milestones, the
    milestones outside any activity among the activities, by date then position."""
    items = list(items)
    ids = {item.pk for item in items}

    def order(item: PlanItem) -> tuple[Any, ...]:
        return (item.start_on, item.position, item.pk)

    top = sorted((i for i in items if i.parent_id is None or i.parent_id not in ids), key=order)
    children: dict[int, list[PlanItem]] = {}
    for item in items:
        if item.parent_id is not None and item.parent_id in ids:
            children.setdefault(item.parent_id, []).append(item)
    rows: list[OutlineRow] = []
    for number, item in enumerate(top, start=1):
        rows.append(OutlineRow(item, 1, str(number)))
        for sub, child in enumerate(sorted(children.get(item.pk, []), key=order), start=1):
            rows.append(OutlineRow(child, 2, f"{number}.{sub}"))
    return rows


# --- Writer ------------------------------------------------------------------------------


def working_days(start: dt.date, end: dt.date) -> int:
    """Monday-to-Friday days from start to end, both included."""
    days = (end - start).days + 1
    if days <= 0:
        return 0
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for offset in range(rest):
        if (start + dt.timedelta(days=weeks * 7 + offset)).weekday() < 5:
            count += 1
    return count


def _stamp(day: dt.date, time: dt.time) -> str:
    return dt.datetime.combine(day, time).strftime("%Y-%m-%dT%H:%M:%S")


def _duration(hours: int) -> str:
    return f"PT{hours}H0M0S"


def _sub(parent: Any, tag: str, text: Any) -> Any:
    element = etree.SubElement(parent, _Q + tag)
    element.text = str(text)
    return element


def _person(user: Any) -> str:
    return user.get_full_name() or user.get_username()


def write_mspdi(
    project: Project,
    items: Sequence[PlanItem],
    links: Iterable[tuple[int, int, int]],
) -> bytes:
    """The plan as an MSPDI document. `items` should carry their assignees prefetched;
    `links` are (predecessor pk, successor pk, lag days)."""
    rows = plan_outline(items)
    uid_of = {row.item.pk: uid for uid, row in enumerate(rows, start=1)}
    predecessors: dict[int, list[tuple[int, int]]] = {}
    for before, after, lag in links:
        if before in uid_of and after in uid_of:
            predecessors.setdefault(after, []).append((uid_of[before], lag))
    with_children = {row.item.parent_id for row in rows if row.level == 2}
    starts = [row.item.start_on for row in rows] or [project.start_on or timezone.localdate()]
    ends = [row.item.end_on for row in rows] or [project.end_on or starts[0]]
    start, finish = min(starts), max(ends)

    root = etree.Element(_Q + "Project", nsmap={None: NS})
    _sub(root, "SaveVersion", 14)
    _sub(root, "Name", f"{project.code}.xml")
    _sub(root, "Title", project.title)
    _sub(root, "ScheduleFromStart", 1)
    _sub(root, "StartDate", _stamp(start, DAY_START))
    _sub(root, "FinishDate", _stamp(finish, DAY_END))
    _sub(root, "CalendarUID", 1)
    _sub(root, "DefaultStartTime", "08:00:00")
    _sub(root, "DefaultFinishTime", "17:00:00")
    _sub(root, "MinutesPerDay", MINUTES_PER_DAY)
    _sub(root, "MinutesPerWeek", MINUTES_PER_DAY * 5)
    _sub(root, "DaysPerMonth", 20)
    _sub(root, "DurationFormat", 7)
    _sub(root, "WeekStartDay", 1)
    _write_calendar(root)

    tasks = etree.SubElement(root, _Q + "Tasks")
    summary = etree.SubElement(tasks, _Q + "Task")
    for tag, value in (
        ("UID", 0),
        ("ID", 0),
        ("Name", project.title),
        ("Type", 1),
        ("IsNull", 0),
        ("WBS", 0),
        ("OutlineNumber", 0),
        ("OutlineLevel", 0),
        ("Start", _stamp(start, DAY_START)),
        ("Finish", _stamp(finish, DAY_END)),
        ("Duration", _duration(working_days(start, finish) * 8)),
        ("Summary", 1),
        ("Milestone", 0),
    ):
        _sub(summary, tag, value)

    resources: dict[int, tuple[int, str]] = {}
    assignments: list[tuple[int, int]] = []
    for uid, row in enumerate(rows, start=1):
        item = row.item
        milestone = item.kind == ItemKind.MILESTONE
        task = etree.SubElement(tasks, _Q + "Task")
        _sub(task, "UID", uid)
        _sub(task, "ID", uid)
        _sub(task, "Name", item.title)
        _sub(task, "Type", 0)
        _sub(task, "IsNull", 0)
        _sub(task, "WBS", row.wbs)
        _sub(task, "OutlineNumber", row.wbs)
        _sub(task, "OutlineLevel", row.level)
        if milestone:
            _sub(task, "Start", _stamp(item.end_on, DAY_END))
            _sub(task, "Finish", _stamp(item.end_on, DAY_END))
            _sub(task, "Duration", _duration(0))
        else:
            _sub(task, "Start", _stamp(item.start_on, DAY_START))
            _sub(task, "Finish", _stamp(item.end_on, DAY_END))
            hours = max(1, working_days(item.start_on, item.end_on)) * 8
            _sub(task, "Duration", _duration(hours))
        _sub(task, "DurationFormat", 7)
        _sub(task, "Milestone", 1 if milestone else 0)
        _sub(task, "Summary", 1 if item.pk in with_children else 0)
        _sub(task, "PercentComplete", item.progress)
        # "Start no earlier than": MS Project keeps the planned dates unless a link pushes.
        _sub(task, "ConstraintType", 4)
        _sub(task, "ConstraintDate", _stamp(item.start_on, DAY_START))
        if item.description:
            _sub(task, "Notes", item.description)
        for predecessor_uid, lag in predecessors.get(item.pk, []):
            link = etree.SubElement(task, _Q + "PredecessorLink")
            _sub(link, "PredecessorUID", predecessor_uid)
            _sub(link, "Type", LINK_FS)
            _sub(link, "CrossProject", 0)
            _sub(link, "LinkLag", lag * LAG_UNITS_PER_DAY)
            _sub(link, "LagFormat", 7)
        for user in item.assignees.all():
            if user.pk not in resources:
                resources[user.pk] = (len(resources) + 1, _person(user))
            assignments.append((uid, resources[user.pk][0]))

    if resources:
        element = etree.SubElement(root, _Q + "Resources")
        for resource_uid, name in resources.values():
            resource = etree.SubElement(element, _Q + "Resource")
            _sub(resource, "UID", resource_uid)
            _sub(resource, "ID", resource_uid)
            _sub(resource, "Name", name)
            _sub(resource, "Type", 1)
        element = etree.SubElement(root, _Q + "Assignments")
        for number, (task_uid, resource_uid) in enumerate(assignments, start=1):
            assignment = etree.SubElement(element, _Q + "Assignment")
            _sub(assignment, "UID", number)
            _sub(assignment, "TaskUID", task_uid)
            _sub(assignment, "ResourceUID", resource_uid)
            _sub(assignment, "Units", 1)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _write_calendar(root: Any) -> None:
    calendars = etree.SubElement(root, _Q + "Calendars")
    calendar = etree.SubElement(calendars, _Q + "Calendar")
    _sub(calendar, "UID", 1)
    _sub(calendar, "Name", "Standard")
    _sub(calendar, "IsBaseCalendar", 1)
    _sub(calendar, "BaseCalendarUID", -1)
    week = etree.SubElement(calendar, _Q + "WeekDays")
    for day_type in range(1, 8):  # 1 Sunday … 7 Saturday
        day = etree.SubElement(week, _Q + "WeekDay")
        _sub(day, "DayType", day_type)
        working = day_type not in (1, 7)
        _sub(day, "DayWorking", 1 if working else 0)
        if working:
            times = etree.SubElement(day, _Q + "WorkingTimes")
            for begin, end in (("08:00:00", "12:00:00"), ("13:00:00", "17:00:00")):
                time = etree.SubElement(times, _Q + "WorkingTime")
                _sub(time, "FromTime", begin)
                _sub(time, "ToTime", end)


# --- Reader ------------------------------------------------------------------------------


class MspdiError(ValueError):
    """A file that cannot be read as an MS Project plan at all."""


@dataclass
class ParsedItem:
    uid: int
    kind: str
    title: str
    start_on: dt.date
    end_on: dt.date
    progress: int = 0
    status: str = TaskStatus.TODO
    parent_uid: int | None = None
    position: int = 0
    description: str = ""


@dataclass
class ParsedLink:
    predecessor_uid: int
    successor_uid: int
    lag_days: int = 0


@dataclass
class ParsedPlan:
    name: str = ""
    items: list[ParsedItem] = field(default_factory=list)
    dependencies: list[ParsedLink] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, kind: str) -> int:
        return sum(1 for item in self.items if item.kind == kind)

    @property
    def counts(self) -> dict[str, int]:
        return {kind: self.count(kind) for kind in ItemKind.values}

    @property
    def first_date(self) -> dt.date | None:
        return min((i.start_on for i in self.items), default=None)

    @property
    def last_date(self) -> dt.date | None:
        return max((i.end_on for i in self.items), default=None)


@dataclass
class _RawTask:
    uid: int
    name: str
    level: int
    milestone: bool
    start: dt.date | None
    finish: dt.date | None
    percent: int
    notes: str
    links: list[tuple[int, int, int, bool]]  # predecessor uid, type, lag, cross-project


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


# How "<!DOCTYPE" and "<!ENTITY" look in the encodings an XML file may use.
_DTD_MARKS = tuple(
    mark.encode(encoding)
    for mark in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)


def _declares_dtd(data: bytes) -> bool:
    """Whether the file carries a DOCTYPE or an entity declaration: refused before the
    parser ever sees it (a file in another encoding is caught after parsing)."""
    upper = data.upper()
    return any(mark in upper for mark in _DTD_MARKS)


def _dtd_refused() -> MspdiError:
    return MspdiError(
        _(
            "This file declares a DOCTYPE (a DTD or entities), which MS Project files never "
            "have; it is refused for safety."
        )
    )


def parse_document(data: bytes) -> Any:
    """The root element of an MSPDI document, or `MspdiError` saying why not."""
    limit = max_bytes()
    if not data or not data.strip():
        raise MspdiError(_("The file is empty."))
    if len(data) > limit:
        raise MspdiError(
            _("The file weighs %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(len(data)), "limit": filesizeformat(limit)}
        )
    if _declares_dtd(data):
        raise _dtd_refused()
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser()))
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise MspdiError(
            _(
                "This file is not XML, or its XML is damaged: it cannot be read as an MS "
                "Project plan."
            )
        ) from exc
    docinfo = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise _dtd_refused()
    root = tree.getroot()
    if any(isinstance(node, etree._Entity) for node in root.iter()):
        raise MspdiError(_("This file uses XML entities; it is refused for safety."))
    if root.tag != _Q + "Project":
        raise MspdiError(
            _(
                "This XML file is not an MS Project plan: its root element should be "
                "<Project> in the namespace %(ns)s. In MS Project, use File › Save as › "
                "XML format."
            )
            % {"ns": NS}
        )
    return root


def _text(element: Any, tag: str) -> str:
    child = element.find(_Q + tag)
    return (child.text or "").strip() if child is not None and child.text else ""


def _int(element: Any, tag: str, default: int = 0) -> int:
    value = _text(element, tag)
    try:
        return int(float(value)) if value else default
    except (ValueError, OverflowError):
        return default


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def read_mspdi(data: bytes) -> ParsedPlan:
    """Read an MSPDI file into a plan to preview. Never writes to the database.

    A file that cannot be read at all gives a plan with one error and no items."""
    plan = ParsedPlan()
    try:
        root = parse_document(data)
    except MspdiError as exc:
        plan.errors.append(str(exc))
        return plan
    plan.name = _text(root, "Title") or _text(root, "Name")
    raw = _raw_tasks(root, plan)
    if plan.errors:
        return plan
    _build_items(raw, plan)
    _build_links(raw, plan)
    if root.find(f"{_Q}Assignments/{_Q}Assignment") is not None:
        plan.warnings.append(
            _("Resource assignments are not imported: assign the tasks to people in Maillage.")
        )
    return plan


def _raw_tasks(root: Any, plan: ParsedPlan) -> list[_RawTask]:
    elements = root.findall(f"{_Q}Tasks/{_Q}Task")
    if len(elements) > max_tasks() + 1:
        plan.errors.append(
            _("The file holds %(count)d tasks; at most %(max)d can be imported.")
            % {"count": len(elements), "max": max_tasks()}
        )
        return []
    raw: list[_RawTask] = []
    seen: set[int] = set()
    for element in elements:
        uid_text = _text(element, "UID")
        try:
            uid = int(uid_text)
        except ValueError:
            plan.errors.append(_("A task has no valid UID (“%(uid)s”).") % {"uid": uid_text[:40]})
            continue
        level = _int(element, "OutlineLevel", 1)
        if level <= 0 or _int(element, "IsNull") == 1:
            continue  # the project's own summary task, or an empty row
        if uid in seen:
            plan.errors.append(_("Two tasks have the same UID %(uid)d.") % {"uid": uid})
            continue
        seen.add(uid)
        links = []
        for link in element.findall(_Q + "PredecessorLink"):
            links.append(
                (
                    _int(link, "PredecessorUID", -1),
                    _int(link, "Type", LINK_FS),
                    _int(link, "LinkLag"),
                    _int(link, "CrossProject") == 1,
                )
            )
        raw.append(
            _RawTask(
                uid=uid,
                name=_text(element, "Name"),
                level=level,
                milestone=_int(element, "Milestone") == 1,
                start=_date(_text(element, "Start")),
                finish=_date(_text(element, "Finish")),
                percent=min(100, max(0, _int(element, "PercentComplete"))),
                notes=_text(element, "Notes"),
                links=links,
            )
        )
    if not raw and not plan.errors:
        plan.errors.append(_("The file holds no task to import."))
    return raw


def _label(task: _RawTask) -> str:
    return _("Task “%(name)s” (UID %(uid)d)") % {"name": task.name or "—", "uid": task.uid}


def _build_items(raw: list[_RawTask], plan: ParsedPlan) -> None:
    flattened = 0
    activity_uid: int | None = None  # the level-1 ancestor of what follows
    positions: dict[int | None, int] = {}
    # An intermediate summary (level 2 with children) stays a task beside its children.
    for task in raw:
        title = task.name
        if not title:
            title = _("Task %(uid)d") % {"uid": task.uid}
            plan.warnings.append(
                _("%(task)s has no name; it is called “%(title)s”.")
                % {"task": _label(task), "title": title}
            )
        elif len(title) > TITLE_MAX:
            title = title[:TITLE_MAX]
            plan.warnings.append(
                _("%(task)s: the name is cut to %(max)d characters.")
                % {"task": _label(task), "max": TITLE_MAX}
            )
        if task.start is None or task.finish is None:
            plan.errors.append(_("%(task)s has no start or finish date.") % {"task": _label(task)})
            continue
        if task.finish < task.start:
            plan.errors.append(
                _("%(task)s finishes (%(finish)s) before it starts (%(start)s).")
                % {
                    "task": _label(task),
                    "finish": formats.date_format(task.finish, "DATE_FORMAT"),
                    "start": formats.date_format(task.start, "DATE_FORMAT"),
                }
            )
            continue
        if task.level == 1:
            activity_uid = None
        if task.milestone:
            kind, parent = ItemKind.MILESTONE, (None if task.level == 1 else activity_uid)
        elif task.level == 1:
            kind, parent = ItemKind.ACTIVITY, None
        elif activity_uid is None:
            # A level-2 row whose level-1 ancestor was refused or is missing.
            kind, parent = ItemKind.ACTIVITY, None
        else:
            kind, parent = ItemKind.TASK, activity_uid
        if task.level > 2:
            flattened += 1
        if task.level == 1 and kind == ItemKind.ACTIVITY:
            activity_uid = task.uid
        start, finish = task.start, task.finish
        if kind == ItemKind.MILESTONE and start != finish:
            start = finish
        position = positions.get(parent, 0)
        positions[parent] = position + 1
        plan.items.append(
            ParsedItem(
                uid=task.uid,
                kind=kind,
                title=title,
                start_on=start,
                end_on=finish,
                progress=task.percent,
                status=TaskStatus.DONE
                if task.percent >= 100
                else TaskStatus.DOING
                if task.percent > 0
                else TaskStatus.TODO,
                parent_uid=parent,
                position=position,
                description=task.notes,
            )
        )
    if flattened:
        plan.warnings.append(
            _(
                "%(count)d tasks below the second outline level are placed directly under "
                "their activity."
            )
            % {"count": flattened}
        )


def _build_links(raw: list[_RawTask], plan: ParsedPlan) -> None:
    by_uid = {task.uid: task for task in raw}
    imported = {item.uid for item in plan.items}
    edges: list[tuple[int, int]] = []
    for task in raw:
        if task.uid not in imported:
            continue
        for predecessor_uid, link_type, lag, cross in task.links:
            if cross:
                plan.warnings.append(
                    _("%(task)s: a link to another project is not imported.")
                    % {"task": _label(task)}
                )
                continue
            if predecessor_uid == task.uid:
                plan.errors.append(_("%(task)s is linked to itself.") % {"task": _label(task)})
                continue
            predecessor = by_uid.get(predecessor_uid)
            if predecessor is None or predecessor_uid not in imported:
                plan.warnings.append(
                    _("%(task)s: the link from the unknown task UID %(uid)d is not imported.")
                    % {"task": _label(task), "uid": predecessor_uid}
                )
                continue
            if (predecessor_uid, task.uid) in edges:
                continue
            if link_type != LINK_FS:
                plan.warnings.append(
                    _(
                        "%(task)s: the %(type)s link from “%(other)s” is imported as "
                        "finish-to-start (the only kind Maillage knows)."
                    )
                    % {
                        "task": _label(task),
                        "type": LINK_TYPES.get(link_type, str(link_type)),
                        "other": predecessor.name,
                    }
                )
            if creates_cycle(edges, predecessor_uid, task.uid):
                plan.errors.append(
                    _("%(task)s: the link from %(other)s closes a cycle of dependencies.")
                    % {"task": _label(task), "other": _label(predecessor)}
                )
                continue
            edges.append((predecessor_uid, task.uid))
            plan.dependencies.append(
                ParsedLink(predecessor_uid, task.uid, round(lag / LAG_UNITS_PER_DAY))
            )


# --- Saving ------------------------------------------------------------------------------


@transaction.atomic
def save_plan(plan: ParsedPlan, *, code: str, title: str, country: str, user: Any) -> Project:
    """Create the project and its plan, all or nothing, through the services (the same
    rules as the pages and the API; ValidationError or RowErrors when they refuse).
    `plan` must have no errors."""
    from maillage.projects.services import (
        DependencyService,
        PlanItemService,
        ProjectMembershipService,
        ProjectService,
    )

    if plan.errors:
        raise ValueError("a plan with errors cannot be saved")
    project = ProjectService.create(
        data={
            "code": code,
            "title": title,
            "country": country,
            "owner": user,
            "start_on": plan.first_date,
            "end_on": plan.last_date,
        },
        by=user,
        reason=_("Imported from MS Project"),
    )
    if user is not None:
        ProjectMembershipService.create(
            data={"project": project, "user": user, "role": MembershipRole.MANAGER}, by=user
        )
    saved: dict[int, PlanItem] = {}
    # Activities first: tasks and milestones point to them.
    for level in (False, True):
        rows = [item for item in plan.items if (item.parent_uid is not None) is level]
        records = [
            PlanItem(
                project=project,
                kind=item.kind,
                parent=saved[item.parent_uid] if item.parent_uid is not None else None,
                position=item.position,
                title=item.title,
                description=item.description,
                start_on=item.start_on,
                end_on=item.end_on,
                progress=item.progress,
                status=item.status,
            )
            for item in rows
        ]
        created = PlanItemService.create_many(
            records, by=user, reason=_("Imported from MS Project")
        )
        saved.update({item.uid: record for item, record in zip(rows, created, strict=True)})
    DependencyService.create_many(
        [
            Dependency(
                predecessor=saved[link.predecessor_uid],
                successor=saved[link.successor_uid],
                lag_days=link.lag_days,
            )
            for link in plan.dependencies
        ],
        by=user,
        reason=_("Imported from MS Project"),
    )
    return project


def refusals(refused: Any) -> list[str]:
    """What the services refused (a ValidationError, or core.services.RowErrors of
    `create_many`), one line per message, as the preview and the command list them."""
    from maillage.core.services import RowErrors, error_dict

    errors = refused.errors.values() if isinstance(refused, RowErrors) else [refused]
    return [message for error in errors for msgs in error_dict(error).values() for message in msgs]
