"""The scheduler (core/scheduler.py): slots, one run per slot whatever the number of
schedulers, the loop with a set clock, the jobs it leaves, and `serve` starting it."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from maillage.core import scheduled, scheduler
from maillage.core.models import Job, JobState, ScheduledRun

PARIS = ZoneInfo("Europe/Paris")
CALLS: list[str] = []


def probe(ctx):
    CALLS.append(ctx.params["slot_at"])
    ctx.message("probe ran")


def broken(ctx):
    raise RuntimeError("boom")


@pytest.fixture
def probe_schedule(monkeypatch):
    """A schedule whose handler records its runs (handlers must live in maillage.*)."""
    monkeypatch.setattr(scheduled, "probe", probe, raising=False)
    monkeypatch.setattr(scheduled, "broken", broken, raising=False)
    monkeypatch.setattr(scheduler, "SCHEDULES", {})
    CALLS.clear()
    return scheduler.register(
        "tests.probe", "maillage.core.scheduled.probe", title="Probe", daily_at=dt.time(6, 0)
    )


def at(*args):
    return dt.datetime(*args, tzinfo=PARIS)


# -- slots -------------------------------------------------------------------------------


def test_a_daily_slot_is_a_wall_clock_time_in_the_installations_time_zone():
    daily = scheduler.Schedule("x", "maillage.x", "x", daily_at=dt.time(6, 0))
    assert daily.latest_slot(at(2025, 6, 10, 6, 0)) == at(2025, 6, 10, 6, 0)
    assert daily.latest_slot(at(2025, 6, 10, 5, 59)) == at(2025, 6, 9, 6, 0)
    assert daily.latest_slot(at(2025, 6, 10, 23, 0)) == at(2025, 6, 10, 6, 0)
    # Across the change to summer time (30 March 2025), still 06:00 in Paris.
    assert daily.latest_slot(at(2025, 3, 30, 7, 0)) == at(2025, 3, 30, 6, 0)
    assert daily.latest_slot(at(2025, 3, 30, 7, 0)).utcoffset() == dt.timedelta(0)
    assert daily.next_slot(at(2025, 3, 29, 7, 0)) == at(2025, 3, 30, 6, 0)
    assert daily.next_slot(at(2025, 6, 10, 5, 0)) == at(2025, 6, 10, 6, 0)


def test_a_periodic_slot_is_counted_from_a_fixed_origin():
    hourly = scheduler.Schedule("x", "maillage.x", "x", every=dt.timedelta(hours=1))
    now = dt.datetime(2025, 6, 10, 14, 37, tzinfo=dt.UTC)
    assert hourly.latest_slot(now) == dt.datetime(2025, 6, 10, 14, 0, tzinfo=dt.UTC)
    assert hourly.next_slot(now) == dt.datetime(2025, 6, 10, 15, 0, tzinfo=dt.UTC)


def test_register_refuses_what_could_not_run(probe_schedule):
    with pytest.raises(ValueError, match="either daily_at or every"):
        scheduler.register("x", "maillage.core.scheduled.probe")
    with pytest.raises(ValueError, match="outside Maillage"):
        scheduler.register("x", "os.getcwd", every=dt.timedelta(hours=1))
    with pytest.raises(ImportError):
        scheduler.register("x", "maillage.core.scheduled.nothing", every=dt.timedelta(hours=1))
    # A function is named by its dotted path.
    schedule = scheduler.register("y", scheduled.scheduled_backup, daily_at=dt.time(2, 30))
    assert schedule.handler == "maillage.core.scheduled.scheduled_backup"


# -- one run per slot --------------------------------------------------------------------


@pytest.mark.django_db
def test_a_due_slot_runs_once_and_a_second_tick_does_not_run_it_again(probe_schedule):
    # Started at 05:00 on 10 June, the scheduler runs the 06:00 slot of 9 June it missed.
    assert len(scheduler.tick(at(2025, 6, 10, 5, 0))) == 1
    assert scheduler.tick(at(2025, 6, 10, 5, 30)) == []
    started = scheduler.tick(at(2025, 6, 10, 6, 0, 5))
    assert [job.title for job in started] == ["Probe"]
    assert scheduler.tick(at(2025, 6, 10, 6, 0, 35)) == []
    assert scheduler.tick(at(2025, 6, 10, 18, 0)) == []
    assert len(scheduler.tick(at(2025, 6, 11, 6, 0))) == 1
    assert CALLS == [
        "2025-06-09T04:00:00+00:00",
        "2025-06-10T04:00:00+00:00",
        "2025-06-11T04:00:00+00:00",
    ]
    job = started[0]
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED and job.created_by is None
    assert job.messages == [{"level": "info", "text": "probe ran"}]
    assert ScheduledRun.objects.get(slot_at=at(2025, 6, 10, 6, 0)).job == job


@pytest.mark.django_db
def test_two_schedulers_claiming_the_same_slot_run_it_once(probe_schedule):
    slot = at(2025, 6, 10, 6, 0)
    first = scheduler.run_slot(probe_schedule, slot)
    second = scheduler.run_slot(probe_schedule, slot)  # as another process would
    assert first is not None and second is None
    assert len(CALLS) == 1 and Job.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        ScheduledRun.objects.create(schedule="tests.probe", slot_at=slot)


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_stops_no_other_schedule(probe_schedule):
    scheduler.register(
        "tests.broken", "maillage.core.scheduled.broken", every=dt.timedelta(hours=1)
    )
    started = scheduler.tick(at(2025, 6, 10, 6, 0))
    states = {job.title: Job.objects.get(pk=job.pk).state for job in started}
    assert states == {"tests.broken": JobState.FAILED, "Probe": JobState.SUCCEEDED}


@pytest.mark.django_db
def test_the_loop_with_a_set_clock_runs_each_slot_once(probe_schedule):
    """`maillage scheduler`'s loop, its clock and sleep replaced: from 05:58 to 06:02,
    ticking as often as it asks, the 06:00 slot runs once."""
    ScheduledRun.objects.create(schedule="tests.probe", slot_at=at(2025, 6, 9, 6, 0))
    now = [at(2025, 6, 10, 5, 58)]
    waits: list[float] = []

    def wait(seconds):
        waits.append(seconds)
        now[0] += dt.timedelta(seconds=seconds)
        return now[0] >= at(2025, 6, 10, 6, 2)

    ticks = scheduler.run_forever(clock=lambda: now[0], wait=wait, max_sleep=30)
    assert ticks == 8  # 05:58:00, :30, 05:59:00, :30, 06:00:00, :30, 06:01:00, :30
    assert CALLS == ["2025-06-10T04:00:00+00:00"]
    assert max(waits) == 30


@pytest.mark.django_db
def test_scheduled_jobs_show_in_the_jobs_pages_of_administrators(
    client, probe_schedule, admin_user, officer
):
    (job,) = scheduler.tick(at(2025, 6, 10, 6, 0))
    client.force_login(admin_user)
    assert "Probe" in client.get(reverse("core:job_list")).content.decode()
    page = client.get(reverse("core:job_detail", args=[job.pk])).content.decode()
    assert "probe ran" in page
    client.force_login(officer)
    assert "Probe" not in client.get(reverse("core:job_list")).content.decode()
    assert client.get(reverse("core:job_detail", args=[job.pk])).status_code == 404


# -- `maillage serve` starts it ----------------------------------------------------------


class FakeProcess:
    """A child process that has already stopped (so `serve` returns at once)."""

    started: list[list[str]] = []

    def __init__(self, argv, env=None):
        FakeProcess.started.append([arg.rsplit("/", 1)[-1] for arg in argv[:2]])
        self.returncode = 0

    def poll(self):
        return self.returncode

    def terminate(self):
        pass

    def wait(self, timeout=None):
        return self.returncode


@pytest.mark.django_db
def test_serve_starts_the_scheduler_beside_the_web_server_and_the_worker(monkeypatch):
    """`make run` ends with `maillage serve`: it starts `maillage scheduler`, which runs
    the daily reminders without cron (test_reminders_retry.py runs its loop)."""
    import signal

    from maillage.core.management.commands import serve

    FakeProcess.started = []
    monkeypatch.setattr(serve.subprocess, "Popen", FakeProcess)
    monkeypatch.setattr(signal, "signal", lambda *args: None)
    call_command("serve", "--port", "8123", stdout=io.StringIO())
    assert ["maillage", "scheduler"] in FakeProcess.started
    assert ["maillage", "worker"] in FakeProcess.started
    assert ["gunicorn", "maillage.config.wsgi"] in FakeProcess.started


# -- the nightly backup ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_nightly_backup_is_scheduled_when_a_folder_is_set_and_keeps_the_retention(
    settings, tmp_path, monkeypatch
):
    """The schedule and its job; the archive itself is tested in test_backup.py (the
    tests' in-memory database cannot be backed up, so its writer is replaced here)."""
    monkeypatch.setattr(scheduler, "SCHEDULES", {})
    settings.BACKUP_DIR = ""
    scheduled.register_schedules()
    assert [s.name for s in scheduler.schedules() if s.name != "core.statistics"] == []
    monkeypatch.setattr(scheduler, "SCHEDULES", {})

    settings.BACKUP_DIR = str(tmp_path)
    settings.BACKUP_TIME = "02:30"
    settings.BACKUP_KEEP_DAILY = 3
    settings.BACKUP_KEEP_WEEKLY = 0
    scheduled.register_schedules()
    scheduler.unregister("core.statistics")  # tested on its own: test_statistics.py
    (backup,) = scheduler.schedules()
    assert backup.name == "core.backup" and backup.daily_at == dt.time(2, 30)

    class Manifest:
        tables = {"core_job": 1}
        media_members = []

    def fake_create_backup(path, *, now):
        path.write_bytes(b"archive")
        return Manifest()

    monkeypatch.setattr(scheduled, "create_backup", fake_create_backup)
    for name in ("maillage-20250607-003000.tar.gz", "maillage-20250608-003000.tar.gz"):
        (tmp_path / name).write_bytes(b"old")
    night = at(2025, 6, 10, 2, 30)
    monkeypatch.setattr(scheduled.timezone, "now", lambda: night.astimezone(dt.UTC))
    (job,) = scheduler.tick(night)
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "maillage-20250608-003000.tar.gz",  # 8 June: within the 3 days kept
        "maillage-20250610-003000.tar.gz",  # tonight's, 02:30 in Paris is 00:30 UTC
    ]
    assert "maillage-20250607-003000.tar.gz" in job.messages[-1]["text"]
    assert scheduler.tick(night + dt.timedelta(hours=1)) == []
