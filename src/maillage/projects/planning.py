"""Scheduling over a project's plan: critical path, late items, the knock-on effect of a
date change, and the time scales of the Gantt chart.

Pure functions over plan items (anything with `pk`, `start_on`, `end_on`) and links
(predecessor, successor, lag in days). Days are calendar days. A finish-to-start link
means the successor may start on the day after its predecessor ends, plus the lag:
`successor.start_on >= predecessor.end_on + 1 + lag`. A milestone takes its one day.
"""

from __future__ import annotations

import datetime
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

from babel.dates import format_date

from maillage.core.dates import EARLIEST, LATEST
from maillage.core.formatting import babel_locale

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from maillage.projects.models import Project

ONE_DAY = datetime.timedelta(days=1)


class Dated(Protocol):
    pk: Any
    start_on: datetime.date
    end_on: datetime.date


@dataclass(frozen=True)
class Link:
    """A finish-to-start dependency."""

    predecessor: int
    successor: int
    lag_days: int = 0


def as_links(rows: Iterable[Any]) -> list[Link]:
    """Links from `Dependency` objects or (predecessor_id, successor_id, lag) tuples."""
    links = []
    for row in rows:
        if isinstance(row, Link):
            links.append(row)
        elif isinstance(row, tuple | list):
            links.append(Link(int(row[0]), int(row[1]), int(row[2]) if len(row) > 2 else 0))
        else:
            links.append(Link(row.predecessor_id, row.successor_id, row.lag_days))
    return links


def _days(item: Dated) -> int:
    """Days the item takes in the schedule, both ends included (a milestone: one)."""
    return (item.end_on - item.start_on).days + 1


def _topological(nodes: Iterable[int], links: Sequence[Link]) -> list[int]:
    """Nodes in an order where every predecessor comes first; nodes caught in a cycle
    (which `check_dependency` refuses, but data may come from elsewhere) come last."""
    nodes = list(nodes)
    known = set(nodes)
    incoming: dict[int, int] = dict.fromkeys(nodes, 0)
    following: dict[int, list[int]] = defaultdict(list)
    for link in links:
        if link.predecessor in known and link.successor in known:
            incoming[link.successor] += 1
            following[link.predecessor].append(link.successor)
    queue = deque(n for n in nodes if incoming[n] == 0)
    order = []
    while queue:
        node = queue.popleft()
        order.append(node)
        for nxt in following[node]:
            incoming[nxt] -= 1
            if incoming[nxt] == 0:
                queue.append(nxt)
    placed = set(order)
    return order + [n for n in nodes if n not in placed]


# --- Critical path -------------------------------------------------------------------


@dataclass(frozen=True)
class Schedule:
    """The result of the forward and backward passes, per item pk."""

    early_start: dict[int, datetime.date]
    early_end: dict[int, datetime.date]
    late_start: dict[int, datetime.date]
    late_end: dict[int, datetime.date]
    total_float: dict[int, int]
    finish: datetime.date | None

    @cached_property
    def critical(self) -> frozenset[int]:
        """Items with no float: a day late on one of them delays the project's end.

        Computed once: a Gantt asks it for every bar (1,033 × 1,033 steps otherwise)."""
        return frozenset(pk for pk, days in self.total_float.items() if days <= 0)


def critical_path(items: Iterable[Dated], links: Iterable[Any]) -> Schedule:
    """Forward and backward passes over the finish-to-start links.

    Each item's planned start is a "start no earlier than" constraint, so an item that
    starts later than its predecessors allow keeps its date and its float shows the gap.
    """
    by_pk = {item.pk: item for item in items}
    edges = [
        link for link in as_links(links) if link.predecessor in by_pk and link.successor in by_pk
    ]
    before: dict[int, list[Link]] = defaultdict(list)
    after: dict[int, list[Link]] = defaultdict(list)
    for link in edges:
        before[link.successor].append(link)
        after[link.predecessor].append(link)
    order = _topological(by_pk, edges)

    early_start: dict[int, datetime.date] = {}
    early_end: dict[int, datetime.date] = {}
    for pk in order:
        start = by_pk[pk].start_on
        for link in before[pk]:
            if link.predecessor in early_end:
                start = max(start, early_end[link.predecessor] + ONE_DAY * (1 + link.lag_days))
        early_start[pk] = start
        early_end[pk] = start + ONE_DAY * (_days(by_pk[pk]) - 1)
    finish = max(early_end.values(), default=None)

    late_start: dict[int, datetime.date] = {}
    late_end: dict[int, datetime.date] = {}
    for pk in reversed(order):
        end = finish
        for link in after[pk]:
            if link.successor in late_start:
                end = min(end, late_start[link.successor] - ONE_DAY * (1 + link.lag_days))
        assert end is not None
        late_end[pk] = end
        late_start[pk] = end - ONE_DAY * (_days(by_pk[pk]) - 1)
    total_float = {pk: (late_start[pk] - early_start[pk]).days for pk in order}
    return Schedule(early_start, early_end, late_start, late_end, total_float, finish)


# --- Late items ----------------------------------------------------------------------


def is_late(item: Any, today: datetime.date) -> bool:
    """Its end has passed and it is not done."""
    from maillage.projects.models import TaskStatus

    return item.end_on < today and item.status != TaskStatus.DONE


def late_items(project: Project, today: datetime.date) -> QuerySet:
    """The project's tasks and milestones whose end has passed and that are not done,
    soonest end first (activities are summaries: their tasks say what is late)."""
    from maillage.projects.models import ItemKind, PlanItem

    return (
        PlanItem.objects.filter(project=project, kind__in=[ItemKind.TASK, ItemKind.MILESTONE])
        .late(today)
        .order_by("end_on", "title", "pk")
    )


# --- Knock-on effect of a date change ------------------------------------------------


@dataclass(frozen=True)
class Shift:
    """A dependent item moved forward to keep its dependencies (same duration)."""

    pk: int
    start_on: datetime.date
    end_on: datetime.date
    new_start_on: datetime.date
    new_end_on: datetime.date

    @property
    def days(self) -> int:
        return (self.new_start_on - self.start_on).days


def knock_on(
    items: Iterable[Dated],
    links: Iterable[Any],
    changed: Mapping[int, tuple[datetime.date, datetime.date]],
) -> list[Shift]:
    """The items that must move when `changed` items take their new (start, end) dates.

    A successor that would start before its moved predecessor's end + 1 + lag is shifted
    forward by the days needed, keeping its duration, and in turn pushes its own
    successors. Items are never pulled earlier. The result is in schedule order.
    """
    by_pk = {item.pk: item for item in items}
    edges = [
        link for link in as_links(links) if link.predecessor in by_pk and link.successor in by_pk
    ]
    dates = {pk: (item.start_on, item.end_on) for pk, item in by_pk.items()}
    dates.update({pk: value for pk, value in changed.items() if pk in by_pk})
    before: dict[int, list[Link]] = defaultdict(list)
    for link in edges:
        before[link.successor].append(link)
    moved = {pk for pk in changed if pk in by_pk}
    shifts = []
    for pk in _topological(by_pk, edges):
        if pk in changed:
            continue
        start, end = dates[pk]
        required = start
        for link in before[pk]:
            if link.predecessor in moved:
                required = max(required, dates[link.predecessor][1] + ONE_DAY * (1 + link.lag_days))
        if required > start:
            delta = required - start
            dates[pk] = (start + delta, end + delta)
            moved.add(pk)
            shifts.append(Shift(pk, start, end, start + delta, end + delta))
    return shifts


# --- Time scales ---------------------------------------------------------------------

SCALES = ("month", "quarter")
DAY_WIDTH = {"month": 4.0, "quarter": 1.5}  # pixels per day


@dataclass(frozen=True)
class Period:
    """One column of the time scale."""

    label: str
    start: datetime.date
    end: datetime.date  # included
    x: float
    width: float


def _period_start(day: datetime.date, scale: str) -> datetime.date:
    month = day.month if scale == "month" else 3 * ((day.month - 1) // 3) + 1
    return day.replace(month=month, day=1)


def _next_period(day: datetime.date, scale: str) -> datetime.date:
    step = 1 if scale == "month" else 3
    month = day.month - 1 + step
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)


@dataclass(frozen=True)
class Timeline:
    """The time axis: from the first day of the first period to the last of the last."""

    scale: str
    start: datetime.date
    end: datetime.date  # included
    periods: list[Period]
    day_width: float

    @property
    def width(self) -> float:
        return ((self.end - self.start).days + 1) * self.day_width

    def x(self, day: datetime.date) -> float:
        """The left edge of `day`."""
        return round((day - self.start).days * self.day_width, 2)

    def span(self, start: datetime.date, end: datetime.date) -> tuple[float, float]:
        """x and width of the days from `start` to `end`, both included."""
        return self.x(start), round(((end - start).days + 1) * self.day_width, 2)

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


def timeline(first: datetime.date, last: datetime.date, scale: str = "month") -> Timeline:
    """The month or quarter columns covering `first` … `last`, labelled in the active
    language ("mars 2026", "T1 2026")."""
    if scale not in SCALES:
        scale = "month"
    if last < first:
        first, last = last, first
    # Within the years a date may be typed in (core.dates): a row stored before that
    # rule (9999-12-31) draws past the edge instead of breaking the chart.
    first, last = (min(max(day, EARLIEST), LATEST) for day in (first, last))
    locale = babel_locale()
    day_width = DAY_WIDTH[scale]
    start = _period_start(first, scale)
    periods = []
    current = start
    while current <= last:
        following = _next_period(current, scale)
        pattern = "LLL yyyy" if scale == "month" else "QQQ yyyy"
        x = (current - start).days * day_width
        periods.append(
            Period(
                label=format_date(current, pattern, locale=locale),
                start=current,
                end=following - ONE_DAY,
                x=round(x, 2),
                width=round((following - current).days * day_width, 2),
            )
        )
        current = following
    return Timeline(scale, start, current - ONE_DAY, periods, day_width)


# --- The Gantt chart -----------------------------------------------------------------

LABEL_WIDTH = 280  # the item titles, left of the bars
ROW_HEIGHT = 28
HEADER_HEIGHT = 36
BAR_HEIGHT = 16


@dataclass(frozen=True)
class Bar:
    """One row of the chart: an item, where its bar goes and how it reads."""

    item: Any
    row: int
    depth: int
    x: float
    width: float
    y: float
    progress_width: float
    critical: bool
    late: bool

    @property
    def is_milestone(self) -> bool:
        return self.item.kind == "milestone"

    @property
    def classes(self) -> str:
        names = ["bar", self.item.kind]
        if self.critical:
            names.append("critical")
        if self.late:
            names.append("late")
        return " ".join(names)

    @property
    def mid_y(self) -> float:
        return self.y + BAR_HEIGHT / 2

    @property
    def end_x(self) -> float:
        return self.x + self.width

    @property
    def diamond(self) -> str:
        """The points of a milestone's diamond, centred on its day."""
        cx, cy, r = self.x + self.width / 2, self.mid_y, BAR_HEIGHT / 2 + 1
        return f"{cx},{cy - r} {cx + r},{cy} {cx},{cy + r} {cx - r},{cy}"

    @property
    def label_x(self) -> int:
        return 8 + 16 * self.depth

    @property
    def text_y(self) -> float:
        return self.y + BAR_HEIGHT - 3


@dataclass(frozen=True)
class Arrow:
    path: str
    critical: bool


@dataclass(frozen=True)
class Gantt:
    timeline: Timeline
    bars: list[Bar]
    arrows: list[Arrow]
    today_x: float | None
    width: float
    height: float
    label_width: int = LABEL_WIDTH
    header_height: int = HEADER_HEIGHT


def gantt_order(items: Sequence[Any]) -> list[tuple[Any, int]]:
    """(item, depth): each activity, then its tasks and milestones indented below it;
    milestones of no activity last."""
    children: dict[Any, list[Any]] = defaultdict(list)
    roots, loose = [], []
    pks = {i.pk for i in items}
    for item in items:
        if item.kind == "activity":
            roots.append(item)
        elif item.parent_id in pks:
            children[item.parent_id].append(item)
        else:
            loose.append(item)
    rows: list[tuple[Any, int]] = []
    for activity in roots:
        rows.append((activity, 0))
        tasks = [c for c in children[activity.pk] if c.kind != "milestone"]
        milestones = [c for c in children[activity.pk] if c.kind == "milestone"]
        rows += [(child, 1) for child in [*tasks, *milestones]]
    rows += [(item, 0) for item in loose]
    return rows


def gantt(
    items: Sequence[Any], links: Iterable[Any], *, today: datetime.date, scale: str = "month"
) -> Gantt:
    """Everything the Gantt template draws, in SVG coordinates (no style attribute)."""
    links = as_links(links)
    critical = critical_path(items, links).critical
    first = min((i.start_on for i in items), default=today)
    last = max((i.end_on for i in items), default=today)
    axis = timeline(first, last, scale)
    bars = []
    for row, (item, depth) in enumerate(gantt_order(items)):
        x, width = axis.span(item.start_on, item.end_on)
        progress = 100 if item.status == "done" else min(item.progress, 100)
        bars.append(
            Bar(
                item=item,
                row=row,
                depth=depth,
                x=LABEL_WIDTH + x,
                width=width,
                y=HEADER_HEIGHT + row * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                progress_width=round(width * progress / 100, 2),
                critical=item.pk in critical,
                late=is_late(item, today),
            )
        )
    by_pk = {bar.item.pk: bar for bar in bars}
    arrows = []
    for link in links:
        before, after = by_pk.get(link.predecessor), by_pk.get(link.successor)
        if before is None or after is None:
            continue
        x1, y1, x2, y2 = before.end_x, before.mid_y, after.x, after.mid_y
        elbow = x1 + 6
        arrows.append(
            Arrow(
                path=f"M{x1},{y1} H{elbow} V{y2} H{max(x2 - 1, elbow)}",
                critical=before.critical and after.critical,
            )
        )
    today_x = LABEL_WIDTH + axis.x(today) if axis.contains(today) else None
    height = HEADER_HEIGHT + max(len(bars), 1) * ROW_HEIGHT + 4
    return Gantt(axis, bars, arrows, today_x, LABEL_WIDTH + axis.width, height)


# --- The calendar --------------------------------------------------------------------


def parse_month(value: str, today: datetime.date) -> datetime.date:
    """The first day of "YYYY-MM"; this month when absent or malformed."""
    try:
        year, month = (int(part) for part in value.split("-"))
        if EARLIEST.year <= year <= LATEST.year:
            return datetime.date(year, month, 1)
    except (ValueError, TypeError):
        pass
    return today.replace(day=1)


def next_month(month: datetime.date) -> datetime.date:
    return _next_period(month, "month")


def previous_month(month: datetime.date) -> datetime.date:
    return (month - ONE_DAY).replace(day=1)


@dataclass(frozen=True)
class CalendarEvent:
    item: Any
    what: str  # "start", "end", "milestone"


@dataclass(frozen=True)
class CalendarDay:
    day: datetime.date
    in_month: bool
    is_today: bool
    events: list[CalendarEvent]


@dataclass(frozen=True)
class MonthGrid:
    month: datetime.date
    title: str
    day_names: list[tuple[str, str]]  # (abbreviated, full)
    weeks: list[list[CalendarDay]]


def _events_of(item: Any) -> list[tuple[datetime.date, CalendarEvent]]:
    """A milestone on its date; a task on its start and, when another day, its end."""
    if item.kind == "milestone":
        return [(item.end_on, CalendarEvent(item, "milestone"))]
    events = [(item.start_on, CalendarEvent(item, "start"))]
    if item.end_on != item.start_on:
        events.append((item.end_on, CalendarEvent(item, "end")))
    return events


@dataclass(frozen=True)
class AgendaEntry:
    day: datetime.date
    event: CalendarEvent


def agenda(items: Iterable[Any], *, after: datetime.date, limit: int) -> list[AgendaEntry]:
    """The next `limit` starts, ends and milestones after `after`, soonest first: what the
    calendar lists when the month it shows is empty."""
    entries = [
        AgendaEntry(day, event) for item in items for day, event in _events_of(item) if day > after
    ]
    entries.sort(key=lambda e: (e.day, e.event.what != "milestone", e.event.item.title))
    return entries[:limit]


def month_grid(month: datetime.date, items: Iterable[Any], today: datetime.date) -> MonthGrid:
    """The weeks of `month` (starting on the locale's first day of the week) with the
    starts and ends of tasks and the milestones of each day."""
    from babel import Locale
    from babel.dates import get_day_names

    locale = Locale.parse(babel_locale())
    first_weekday = locale.first_week_day
    events: dict[datetime.date, list[CalendarEvent]] = defaultdict(list)
    for item in items:
        for day, event in _events_of(item):
            events[day].append(event)
    start = month - ONE_DAY * ((month.weekday() - first_weekday) % 7)
    following = next_month(month)
    weeks = []
    day = start
    while day < following:
        week = []
        for _index in range(7):
            week.append(
                CalendarDay(day, day.month == month.month, day == today, events.get(day, []))
            )
            day += ONE_DAY
        weeks.append(week)
    short = get_day_names("abbreviated", locale=locale)
    wide = get_day_names("wide", locale=locale)
    order = [(first_weekday + i) % 7 for i in range(7)]
    return MonthGrid(
        month=month,
        title=format_date(month, "LLLL yyyy", locale=locale),
        day_names=[(short[i], wide[i]) for i in order],
        weeks=weeks,
    )
