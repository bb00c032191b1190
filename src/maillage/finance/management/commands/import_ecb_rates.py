"""`maillage import_ecb_rates [--file PATH] [--since YYYY-MM-DD]`: merge the ECB's euro
reference rates into the exchange-rate table.

Without `--file`, the ECB's full history is downloaded
(https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip). The scheduler runs it
every working-day evening (finance/hooks_budgets.py). Running it again changes nothing
already stored; a rate the ECB corrected is updated, its history kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from maillage.core.dates import day_argument
from maillage.core.net import OutboundError
from maillage.finance.ecb import MAX_FILE_BYTES, EcbFileError
from maillage.finance.services.rates import update_from_ecb


class Command(BaseCommand):
    help = (
        "Import the ECB's euro reference rates (eurofxref-hist, CSV or zip) into the "
        "exchange-rate table; downloads the ECB's file when no --file is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", help="The ECB's eurofxref-hist.csv or .zip.")
        parser.add_argument(
            "--since",
            type=day_argument,
            help="The first day to import (YYYY-MM-DD); default: a week before the last "
            "ECB rate stored, or 1 January five years back on a first import.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        content = None
        if options.get("file"):
            path = Path(options["file"])
            if not path.is_file():
                raise CommandError(f"No such file: {path}")
            if path.stat().st_size > MAX_FILE_BYTES:
                raise CommandError(f"{path} is larger than 20 MB: not the ECB's rate file.")
            content = path.read_bytes()
        try:
            result = update_from_ecb(content, since=options.get("since"))
        except (EcbFileError, OutboundError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{result.created} rate(s) created, {result.updated} updated, "
            f"{result.unchanged} unchanged, {result.skipped} of currencies no longer "
            "in ISO 4217 skipped."
        )
