"""`maillage send_reminders`: email commitment reminders and expiring-agreement notices now.

The scheduler (`maillage scheduler`, started by `maillage serve`) runs them every day at
06:00; this command runs them by hand (or from cron, where the scheduler does not run).
Running it twice sends nothing twice; an email the mail server refused is not marked
sent and goes again at the next run.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from maillage.core.dates import day_argument
from maillage.partnerships.services import send_commitment_reminders


class Command(BaseCommand):
    help = (
        "Email their follow-up users the commitments coming due and the agreements ending "
        "within 90, 30 or 7 days (once each); retry those the mail server refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", type=day_argument, help="The day to run as (YYYY-MM-DD); default: today."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = options.get("date")
        result = send_commitment_reminders(today=today)
        self.stdout.write(
            f"{result.emails} email(s) sent for {len(result.commitments)} commitment(s) "
            f"and {len(result.expiring)} expiring agreement(s)."
        )
        for failure in result.failed:
            self.stderr.write(f"Not sent, tried again at the next run: {failure}")
