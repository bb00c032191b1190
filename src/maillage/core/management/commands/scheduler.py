"""`maillage scheduler`: run the registered schedules (core/scheduler.py) until stopped.

`maillage serve` (and so `make run`) starts it beside the web server and the job worker;
the jobs it starts are run by the worker. Two schedulers may run at once (two servers):
each slot still runs once. `--once` makes one tick and exits (for a cron line, if wanted).
"""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from maillage.core import scheduler


class Command(BaseCommand):
    help = "Start the scheduled jobs (daily reminders, backups…) when their time comes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Start what is due now, then exit.")
        parser.add_argument(
            "--max-sleep",
            type=float,
            default=30.0,
            help="Longest wait between two ticks, in seconds (default 30).",
        )

    def handle(self, *args: Any, once: bool, max_sleep: float, **options: Any) -> None:
        if once:
            for job in scheduler.tick(timezone.now()):
                self.stdout.write(f"{job.title} (job {job.pk})")
            return
        names = ", ".join(schedule.name for schedule in scheduler.schedules()) or "—"
        self.stdout.write(f"Scheduler: {names}")
        stop = threading.Event()

        def on_signal(*_args: Any) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        scheduler.run_forever(wait=stop.wait, max_sleep=max(1.0, max_sleep))
