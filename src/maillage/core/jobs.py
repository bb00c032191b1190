"""Background jobs: a `Job` record with progress, run by the django-tasks worker.

A job's handler is a function `handler(ctx: JobContext) -> None` named by its dotted path
(greppable, and checked to live in Maillage). The web process calls `start_job`; the
worker (`maillage worker`, which runs django-tasks' `db_worker`) runs `run_job`, which
records the process running it, calls the handler and records the end.

A process can die mid-job (SIGKILL, a crash, a server restart): `recover_dead_jobs` —
run when the worker starts, and for one job when its page is shown — marks the running
jobs whose process is gone as failed, and lets their handler put back what it had
changed (`JobRecovery.on_dead`: an import goes back to its preview). A failed job whose
handler registered a `JobRecovery` may be run again (`retry_job`).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import time
from typing import Any

from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task

from maillage.core.models import Job, JobState

logger = logging.getLogger(__name__)


class JobContext:
    """What a handler sees: its parameters, its user, and ways to report progress."""

    SAVE_EVERY_SECONDS = 0.5

    def __init__(self, job: Job) -> None:
        self.job = job
        self.params: dict[str, Any] = job.params
        self.user = job.created_by
        self._last_save = 0.0

    def set_total(self, total: int) -> None:
        self.job.progress_total = total
        self.job.save(update_fields=["progress_total"])

    def advance(self, n: int = 1) -> None:
        self.job.progress_done += n
        now = time.monotonic()
        if now - self._last_save >= self.SAVE_EVERY_SECONDS:
            self._last_save = now
            self.job.save(update_fields=["progress_done"])

    def message(self, text: str, level: str = "info") -> None:
        self.job.messages = [*self.job.messages, {"level": level, "text": str(text)}]
        self.job.save(update_fields=["messages"])

    def save_file(self, name: str, content: bytes | File) -> None:
        """Store the job's result: bytes, or a file (copied in chunks, then closed)."""
        self.job.result_name = name
        if isinstance(content, bytes):
            content = ContentFile(content)
        try:
            self.job.result_file.save(name, content, save=False)
        finally:
            content.close()
        self.job.save(update_fields=["result_file", "result_name"])


def start_job(*, handler: str, title: str, params: dict[str, Any], user: Any) -> Job:
    if not handler.startswith("maillage."):
        raise ValueError(f"job handler outside Maillage: {handler!r}")
    import_string(handler)  # fail now, not in the worker, on a wrong name
    job = Job.objects.create(handler=handler, title=title, params=params, created_by=user)
    # The database task backend writes its queue row in the same database, so the worker
    # cannot see the task before the job row is committed: no on_commit needed.
    run_job.enqueue(job.pk)
    return job


@task()
def run_job(job_id: int) -> None:
    # Claimed by one conditional update: a job queued twice (a retry sent twice) runs once.
    claimed = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=timezone.now(), **this_process()
    )
    if not claimed:
        return
    job = Job.objects.select_related("created_by").get(pk=job_id)
    ctx = JobContext(job)
    try:
        import_string(job.handler)(ctx)
    except Exception:
        logger.exception("job failed", extra={"job_id": job.pk, "handler": job.handler})
        job.refresh_from_db(fields=["messages"])
        job.messages = [
            *job.messages,
            {
                "level": "error",
                "text": _("The job failed; nothing was changed. Details are in the server log."),
            },
        ]
        job.state = JobState.FAILED
    else:
        job.state = JobState.SUCCEEDED
        job.progress_done = max(job.progress_done, job.progress_total)
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "finished_at", "messages", "progress_done"])


# --- The process running a job, and jobs whose process died -------------------------------


def process_namespace() -> str:
    """Where a process id means something: the host name and, on Linux, the PID namespace
    (two containers of one host name do not see each other's processes)."""
    host = socket.gethostname()
    try:
        return f"{host} {os.readlink('/proc/self/ns/pid')}"[:255]
    except OSError:
        return host[:255]


def _proc_stat(pid: int) -> tuple[str, dt.datetime] | None:
    """A Linux process's state letter and start instant, from /proc; None elsewhere."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat_file:
            stat = stat_file.read()
        with open("/proc/stat", "rb") as boot_file:
            boot = next(int(line.split()[1]) for line in boot_file if line.startswith(b"btime "))
    except (OSError, StopIteration, ValueError, IndexError):
        return None
    # The command name, in parentheses, may hold spaces: the fields follow its last ")".
    fields = stat[stat.rindex(b")") + 2 :].split()
    ticks = int(fields[19])  # field 22 of proc(5): start time, in clock ticks after boot
    started = boot + ticks / os.sysconf("SC_CLK_TCK")
    return fields[0].decode(), dt.datetime.fromtimestamp(started, tz=dt.UTC)


def this_process() -> dict[str, Any]:
    """The fields of `Job` that name the process running it (this one)."""
    stat = _proc_stat(os.getpid())
    return {
        "worker_pid": os.getpid(),
        "worker_host": process_namespace(),
        "worker_started_at": stat[1] if stat else None,
    }


# Start instants read from /proc move with the clock's corrections: a margin.
_START_MARGIN = dt.timedelta(seconds=2)


def process_is_alive(pid: int, started_at: dt.datetime | None) -> bool:
    """Whether process `pid`, started at `started_at`, still runs on this host: not a
    dead or a zombie process, nor another one that was given the same number since."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, run by another account
    except (OverflowError, ValueError):
        return False
    stat = _proc_stat(pid)
    if stat is None:
        return True
    state, actual = stat
    if state in ("Z", "X"):
        return False
    return started_at is None or abs(actual - started_at) <= _START_MARGIN


class JobRecovery:
    """How a kind of job (its handler) recovers from a process that died, and runs again.

    Register one beside the handler, `register_recovery("maillage.….handler",
    JobRecovery())`; a failed job whose handler has none is not offered a retry (its
    work might not bear being done twice)."""

    def on_dead(self, job: Job) -> None:
        """Its process died while it ran: put back what it had moved outside the
        transaction that died with it. Runs in the transaction marking it failed."""

    def may_retry(self, job: Job) -> bool:
        """Whether this failed job may run again (the retry button is shown)."""
        return True

    def before_retry(self, job: Job) -> bool:
        """Just before it is queued again, in the same transaction; False if it cannot
        run again after all."""
        return True


RECOVERIES: dict[str, JobRecovery] = {}


def register_recovery(handler: str, recovery: JobRecovery) -> None:
    RECOVERIES[handler] = recovery


def recovery_for(handler: str) -> JobRecovery | None:
    """The handler's recovery; importing the handler's module registers it."""
    if handler not in RECOVERIES and handler.startswith("maillage."):
        try:
            import_string(handler)
        except ImportError:
            return None
    return RECOVERIES.get(handler)


def recover_dead_jobs(jobs: QuerySet[Job] | None = None) -> list[int]:
    """Mark as failed the running jobs (of `jobs`, else all) whose process on this host
    died; their handler then puts back what it had moved. The ids of those jobs.

    A running job without a process recorded was started before processes were recorded,
    by a version since stopped. Jobs run on another host (or container) are left alone:
    their processes cannot be seen from here."""
    namespace = process_namespace()
    candidates = (jobs if jobs is not None else Job.objects.all()).filter(
        Q(worker_host=namespace) | Q(worker_pid__isnull=True), state=JobState.RUNNING
    )
    recovered = []
    for job in candidates:
        if job.worker_pid is not None and process_is_alive(job.worker_pid, job.worker_started_at):
            continue
        if _fail_dead_job(job):
            recovered.append(job.pk)
    return recovered


@transaction.atomic
def _fail_dead_job(job: Job) -> bool:
    message = {
        "level": "error",
        "text": _(
            "The job stopped before its end: the process running it died (a server "
            "restart or a crash). Nothing it was writing was kept; run it again with "
            "Retry."
        ),
    }
    failed = Job.objects.filter(pk=job.pk, state=JobState.RUNNING, worker_pid=job.worker_pid)
    if not failed.update(
        state=JobState.FAILED, finished_at=timezone.now(), messages=[*job.messages, message]
    ):
        return False  # it ended, or another process recovered it, meanwhile
    logger.warning("job of a dead process marked failed", extra={"job_id": job.pk})
    recovery = recovery_for(job.handler)
    if recovery is not None:
        job.refresh_from_db()
        recovery.on_dead(job)
    return True


def may_retry(job: Job) -> bool:
    """Whether `job` failed and may be run again (its handler says how)."""
    if job.state != JobState.FAILED:
        return False
    recovery = recovery_for(job.handler)
    return recovery is not None and recovery.may_retry(job)


@transaction.atomic
def retry_job(*, job: Job, by: Any) -> bool:
    """Run a failed job again, as the same job (its page follows the new run), for the
    user who started it. False when it may not run again."""
    recovery = recovery_for(job.handler)
    if recovery is None or not may_retry(job):
        return False
    note = {"level": "info", "text": _("Started again by %(name)s.") % {"name": by}}
    requeued = Job.objects.filter(pk=job.pk, state=JobState.FAILED).update(
        state=JobState.QUEUED,
        progress_done=0,
        progress_total=0,
        started_at=None,
        finished_at=None,
        worker_pid=None,
        worker_host="",
        worker_started_at=None,
        messages=[*job.messages, note],
    )
    if not requeued or not recovery.before_retry(job):
        transaction.set_rollback(True)
        return False
    # As in start_job: the queue row is written in this transaction, seen once committed.
    run_job.enqueue(job.pk)
    return True
