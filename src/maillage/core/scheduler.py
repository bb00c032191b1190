"""Work that runs by itself at set times: cron-like schedules kept in the database.

An app registers its schedules when it starts, from its `hooks.py`:

    scheduler.register("partnerships.send_reminders", send_reminders_job,
                       title=_("Commitment reminders"), daily_at=dt.time(6, 0))
    scheduler.register("core.feeds", "maillage.….poll_feeds", every=dt.timedelta(hours=1))

Messages such jobs send go through `maillage.core.deliveries` (sent once, marked sent
only once the mail backend accepted them, retried with a growing delay).

The handler is a job handler (`handler(ctx: JobContext) -> None`, core/jobs.py), given as
a function or its dotted path; `ctx.user` is None (nobody started it). `daily_at` is a
wall-clock time in the installation's time zone (TIME_ZONE); `every` slices time into
equal slots counted from 2000-01-01 00:00 UTC.

`tick(now)` — run by `maillage scheduler` every few seconds, which `maillage serve` (and so
`make run`) starts beside the web server and the job worker — finds each schedule's
latest slot not later than `now` and claims it by inserting a `ScheduledRun` row: the
unique (schedule, slot) constraint lets one insert win, so a slot runs once even with two
schedulers (or a restart) ticking at the same instant. The winner starts a `Job` in the
same transaction; the worker runs it, and its log and state show in the jobs pages
(administrators see the jobs nobody started). A slot missed while nothing ran (the server
was down at 06:00) runs at the next tick; only the latest missed slot, never a backlog.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connections, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.module_loading import import_string

from maillage.core.jobs import start_job
from maillage.core.models import Job, ScheduledRun

logger = logging.getLogger(__name__)

EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Schedule:
    """One registered schedule: what runs (a job handler's path) and when."""

    name: str
    handler: str
    title: Any
    daily_at: dt.time | None = None
    every: dt.timedelta | None = None
    only_if: Callable[[dt.datetime], bool] | None = None

    def latest_slot(self, now: dt.datetime) -> dt.datetime:
        """The start of the latest slot not later than `now` (aware, UTC)."""
        if self.every is not None:
            slots = (now - EPOCH) // self.every
            return EPOCH + slots * self.every
        assert self.daily_at is not None  # checked by register()
        zone = timezone.get_default_timezone()
        local = timezone.localtime(now, zone)
        day = local.date()
        slot = timezone.make_aware(dt.datetime.combine(day, self.daily_at), zone)
        if slot > now:
            yesterday = day - dt.timedelta(days=1)
            slot = timezone.make_aware(dt.datetime.combine(yesterday, self.daily_at), zone)
        return slot.astimezone(dt.UTC)

    def next_slot(self, now: dt.datetime) -> dt.datetime:
        """The start of the first slot after `now`."""
        if self.every is not None:
            return self.latest_slot(now) + self.every
        later = now + dt.timedelta(days=1, hours=3)  # past a day that lasts 25 hours
        candidate = self.latest_slot(later)
        while (earlier := self.latest_slot(candidate - dt.timedelta(seconds=1))) > now:
            candidate = earlier
        return candidate


SCHEDULES: dict[str, Schedule] = {}


def register(
    name: str,
    handler: str | Callable[..., Any],
    *,
    title: Any = None,
    daily_at: dt.time | None = None,
    every: dt.timedelta | None = None,
    only_if: Callable[[dt.datetime], bool] | None = None,
) -> Schedule:
    """Run `handler` (a job handler, or its dotted path) at `daily_at` each day, or once in
    every slot of length `every`. Registering the same name again replaces the schedule.

    `only_if(now)`, a cheap query, tells whether there is anything to do: when it answers
    False the slot is not claimed and no job is made (a retry pass every 15 minutes leaves
    no job behind when nothing failed); it is asked again at the next tick."""
    if (daily_at is None) == (every is None):
        raise ValueError(f"schedule {name!r}: give either daily_at or every")
    if every is not None and every < dt.timedelta(minutes=1):
        raise ValueError(f"schedule {name!r}: every must be one minute or more")
    if daily_at is not None and daily_at.tzinfo is not None:
        raise ValueError(f"schedule {name!r}: daily_at is a wall-clock time, without tzinfo")
    path = handler if isinstance(handler, str) else f"{handler.__module__}.{handler.__qualname__}"
    if not path.startswith("maillage."):
        raise ValueError(f"schedule {name!r}: handler outside Maillage: {path!r}")
    if not callable(import_string(path)):
        raise ValueError(f"schedule {name!r}: {path!r} is not callable")
    if len(name) > ScheduledRun._meta.get_field("schedule").max_length:  # type: ignore[operator]  # a CharField's max_length is set
        raise ValueError(f"schedule {name!r}: name too long")
    schedule = Schedule(name, path, title or name, daily_at=daily_at, every=every, only_if=only_if)
    SCHEDULES[name] = schedule
    return schedule


def unregister(name: str) -> None:
    SCHEDULES.pop(name, None)


def schedules() -> list[Schedule]:
    return sorted(SCHEDULES.values(), key=lambda schedule: schedule.name)


def _title(schedule: Schedule) -> str:
    title = schedule.title
    return str(title) if isinstance(title, Promise | str) else schedule.name


def run_slot(schedule: Schedule, slot_at: dt.datetime) -> Job | None:
    """Claim `slot_at` of `schedule` and start its job; None if it was claimed already."""
    try:
        with transaction.atomic():
            run = ScheduledRun.objects.create(schedule=schedule.name, slot_at=slot_at)
            job = start_job(
                handler=schedule.handler,
                title=_title(schedule),
                params={"schedule": schedule.name, "slot_at": slot_at.isoformat()},
                user=None,
            )
            run.job = job
            run.save(update_fields=["job"])
    except IntegrityError:
        return None  # another scheduler (or an earlier tick) has this slot
    logger.info("scheduled job started", extra={"schedule": schedule.name, "job_id": job.pk})
    return job


def tick(now: dt.datetime | None = None, *, names: list[str] | None = None) -> list[Job]:
    """Start the job of every schedule (or of those `names`) whose latest slot has not run;
    the jobs started."""
    now = now or timezone.now()
    started = []
    for schedule in schedules():
        if names is not None and schedule.name not in names:
            continue
        slot_at = schedule.latest_slot(now)
        if ScheduledRun.objects.filter(schedule=schedule.name, slot_at=slot_at).exists():
            continue  # the common case, without an insert that fails
        try:
            if schedule.only_if is not None and not schedule.only_if(now):
                continue
            job = run_slot(schedule, slot_at)
        except Exception:
            # One broken schedule (a handler that no longer imports) stops no other.
            logger.exception("scheduled job could not start", extra={"schedule": schedule.name})
            continue
        if job is not None:
            started.append(job)
    return started


def seconds_until_next(now: dt.datetime, *, at_most: float = 60.0) -> float:
    """How long the scheduler's loop may sleep: until the next slot, at most `at_most`."""
    upcoming = [schedule.next_slot(now) for schedule in schedules()]
    if not upcoming:
        return at_most
    wait = (min(upcoming) - now).total_seconds()
    return max(0.0, min(at_most, wait))


def run_forever(
    *,
    wait: Callable[[float], bool],
    clock: Callable[[], dt.datetime] | None = None,
    max_sleep: float = 30.0,
) -> int:
    """The scheduler's loop: tick, then `wait` until the next slot (at most `max_sleep`
    seconds, so a clock change or a new schedule is seen soon); `wait` returns True to stop
    (`threading.Event.wait` does, once set by a signal). The number of ticks made.

    A tick that fails (the database restarting) is logged, its connections closed, and
    the loop goes on."""
    clock = clock or (lambda: timezone.now())
    ticks = 0
    while True:
        try:
            tick(clock())
        except Exception:
            logger.exception("scheduler tick failed")
            # A connection the database dropped (a restart) is opened again next time.
            connections.close_all()
        ticks += 1
        if wait(max(1.0, seconds_until_next(clock(), at_most=max_sleep))):
            return ticks
