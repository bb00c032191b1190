"""Background jobs: a `Job` record with progress, run by the django-tasks worker.

A job's handler is a function `handler(ctx: JobContext) -> None` named by its dotted path
(greppable, and checked to live in Maillage). The web process calls `start_job`; the
worker (`maillage db_worker`) runs `run_job`, which calls the handler and records the end.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.files.base import ContentFile
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

    def save_file(self, name: str, content: bytes) -> None:
        self.job.result_name = name
        self.job.result_file.save(name, ContentFile(content), save=False)
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
    job = Job.objects.select_related("created_by").get(pk=job_id)
    if job.state != JobState.QUEUED:
        return
    job.state = JobState.RUNNING
    job.started_at = timezone.now()
    job.save(update_fields=["state", "started_at"])
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
