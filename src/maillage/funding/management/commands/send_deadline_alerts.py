"""`maillage send_deadline_alerts`: email the funding deadline alerts due today.

The scheduler runs it every morning (funding/hooks_calls.py); running it again sends
nothing twice: each alert goes once per deadline, threshold and person.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from maillage.core.dates import day_argument
from maillage.funding.services.alerts import send_deadline_alerts


class Command(BaseCommand):
    help = (
        "Email the owners of the applications being prepared the calls closing in 30, 7 "
        "and 1 days, and the reports due on their grants (each alert once)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", type=day_argument, help="The day to run as (YYYY-MM-DD); default: today."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = options.get("date")
        result = send_deadline_alerts(today=today)
        self.stdout.write(f"{result.emails} email(s) sent for {result.alerts} alert(s).")
        for failure in result.failed:
            self.stderr.write(f"Not sent, tried again later: {failure}")
