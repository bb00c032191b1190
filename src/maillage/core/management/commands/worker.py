"""The background-job worker: django-tasks' `db_worker`, which first marks as failed the
jobs whose process died (SIGKILL, a crash, a restart) so that none stays "running"
forever; their imports go back to their preview, ready to be confirmed again."""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from maillage.core.jobs import recover_dead_jobs


class Command(DbWorkerCommand):
    help = "Run the job worker, after marking the jobs of dead processes as failed."

    def handle(self, *args: Any, **options: Any) -> None:
        recovered = recover_dead_jobs()
        if recovered:
            self.stderr.write(
                f"{len(recovered)} job(s) of a process that died marked failed: "
                + ", ".join(str(pk) for pk in recovered)
            )
        super().handle(*args, **options)
