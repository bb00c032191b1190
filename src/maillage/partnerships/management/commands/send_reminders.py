"""`maillage send_reminders`: email commitment reminders and list expiring agreements.

Meant to run once a day (cron or a systemd timer); running it twice sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.formats import date_format

from maillage.partnerships.services import send_commitment_reminders


class Command(BaseCommand):
    help = (
        "Email their follow-up users the commitments coming due (once per commitment) "
        "and list the agreements expiring within 90 days."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="The day to run as (YYYY-MM-DD); default: today.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options.get("date"):
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date: {error}") from error
        result = send_commitment_reminders(today=today)
        self.stdout.write(
            f"{result.emails} email(s) sent for {len(result.commitments)} commitment(s)."
        )
        if result.expiring:
            self.stdout.write(f"{len(result.expiring)} agreement(s) expiring within 90 days:")
            for agreement in result.expiring:
                end = date_format(agreement.effective_end_on, "Y-m-d")
                self.stdout.write(f"  {end}  {agreement}")
        else:
            self.stdout.write("No agreement expiring within 90 days.")
