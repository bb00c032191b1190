"""The time-zone slot finder (G3): the best slots of a week for people in several time
zones, each within their own working hours and days.

Pure functions over `Participant`s (a name, an IANA time zone, working hours and ISO
weekdays). Every candidate is an instant in UTC, converted to each participant's local
time by `zoneinfo`: clock changes (Europe's last Sundays of March and October, North
America's second Sunday of March and first of November) and Morocco's suspension of
its UTC+1 offset during Ramadan come from the tz database, never from offsets written
here. A slot is proposed only if, for every participant, it starts and ends on the same
local day, a working day, within their working hours.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

DEFAULT_START = dt.time(9, 0)
DEFAULT_END = dt.time(18, 0)
WORK_WEEK = frozenset({1, 2, 3, 4, 5})


@dataclass(frozen=True)
class Participant:
    """Someone whose working hours a slot must respect, in their own time zone."""

    name: str
    tz: str
    start: dt.time = DEFAULT_START
    end: dt.time = DEFAULT_END
    days: frozenset[int] = WORK_WEEK  # ISO weekdays, Monday 1 … Sunday 7
    key: str = ""  # what the caller knows them by ("person-3", "user-2")

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.tz)

    def local(self, instant: dt.datetime) -> dt.datetime:
        return instant.astimezone(self.zone)

    def margin(self, start: dt.datetime, end: dt.datetime) -> int | None:
        """Minutes between the slot and the nearer edge of this participant's working
        day, None when the slot is not inside it."""
        local_start, local_end = self.local(start), self.local(end)
        if local_start.date() != local_end.date() and local_end.time() != dt.time(0):
            return None
        if local_start.isoweekday() not in self.days:
            return None
        day = local_start.date()
        # Work out the local edges of the day as instants: on a day the clocks change,
        # 9:00–18:00 is 8 or 10 hours of real time, and the instants say so.
        opens = dt.datetime.combine(day, self.start, tzinfo=self.zone)
        closes = dt.datetime.combine(day, self.end, tzinfo=self.zone)
        if local_start < opens or local_end > closes:
            return None
        return int(min(local_start - opens, closes - local_end).total_seconds() // 60)

    def fits(self, start: dt.datetime, end: dt.datetime) -> bool:
        return self.margin(start, end) is not None


@dataclass(frozen=True)
class Slot:
    """A proposed slot: its instants (UTC), how comfortable it is, and each
    participant's local start and end."""

    start: dt.datetime
    end: dt.datetime
    score: int  # the smallest margin, in minutes, of anyone to the edge of their day
    local: tuple[tuple[Participant, dt.datetime, dt.datetime], ...] = field(default=())


def week_start(day: dt.date) -> dt.date:
    """The Monday of `day`'s week."""
    return day - dt.timedelta(days=day.weekday())


def candidates(
    *, monday: dt.date, tz: str, duration: dt.timedelta, step: dt.timedelta
) -> Iterable[tuple[dt.datetime, dt.datetime]]:
    """Every (start, end) of the week of `monday` in time zone `tz`, `step` apart, as
    UTC instants (real elapsed time, so no slot is skipped or doubled at a change)."""
    zone = zoneinfo.ZoneInfo(tz)
    first = dt.datetime.combine(monday, dt.time(0), tzinfo=zone).astimezone(dt.UTC)
    last = dt.datetime.combine(monday + dt.timedelta(days=7), dt.time(0), tzinfo=zone)
    last = last.astimezone(dt.UTC)
    start = first
    while start + duration <= last:
        yield start, start + duration
        start += step


def fitting_slots(
    participants: Sequence[Participant],
    *,
    monday: dt.date,
    duration: dt.timedelta,
    step: dt.timedelta = dt.timedelta(minutes=30),
    tz: str = "UTC",
) -> list[Slot]:
    """Every slot of the week, `step` apart, that fits everyone's working hours and
    days, in order; `tz` is the time zone whose Monday-to-Sunday the week is."""
    if not participants or duration <= dt.timedelta(0) or step <= dt.timedelta(0):
        return []
    fitting: list[Slot] = []
    for start, end in candidates(monday=week_start(monday), tz=tz, duration=duration, step=step):
        margins = [p.margin(start, end) for p in participants]
        if any(m is None for m in margins):
            continue
        local = tuple((p, p.local(start), p.local(end)) for p in participants)
        fitting.append(Slot(start, end, min(m for m in margins if m is not None), local))
    return fitting


def find_slots(
    participants: Sequence[Participant],
    *,
    monday: dt.date,
    duration: dt.timedelta,
    step: dt.timedelta = dt.timedelta(minutes=30),
    tz: str = "UTC",
    limit: int = 10,
) -> list[Slot]:
    """The best of the fitting slots: most comfortable first (farthest from anyone's
    start or end of day), at most `limit`, never two overlapping, returned in order."""
    fitting = fitting_slots(participants, monday=monday, duration=duration, step=step, tz=tz)
    chosen: list[Slot] = []
    for slot in sorted(fitting, key=lambda s: (-s.score, s.start)):
        if all(slot.end <= c.start or slot.start >= c.end for c in chosen):
            chosen.append(slot)
            if len(chosen) >= limit:
                break
    return sorted(chosen, key=lambda s: s.start)


def outside_hours(
    participants: Iterable[Participant], start: dt.datetime, end: dt.datetime
) -> list[Participant]:
    """Who would meet outside their working hours or days at this time."""
    return [p for p in participants if not p.fits(start, end)]
