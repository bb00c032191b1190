"""`maillage export_fec --from YYYY-MM-DD --to YYYY-MM-DD`: the accounting export (FEC)
of the validated expenses of a period, as the accountant's page writes it
(`finance.fec.write_period`); to a file named as the legal text requires, or stdout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from maillage.core.dates import day_argument
from maillage.finance.fec import write_period
from maillage.finance.formats import fec


class Command(BaseCommand):
    help = (
        "Write the FEC (fichier des écritures comptables) of the validated expenses dated "
        "in the period: 18 columns, every entry balanced, UTF-8."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start_on", type=day_argument, required=True)
        parser.add_argument("--to", dest="end_on", type=day_argument, required=True)
        parser.add_argument(
            "--siren",
            default=getattr(settings, "FEC_SIREN", "") or "000000000",
            help="SIREN of the accounting entity (names the file).",
        )
        parser.add_argument("--separator", choices=["tab", "pipe"], default="tab")
        parser.add_argument(
            "--output",
            help="A directory to write <SIREN>FEC<YYYYMMDD>.txt into, or '-' for stdout "
            "(the default).",
            default="-",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        start, end = options["start_on"], options["end_on"]
        if end < start:
            raise CommandError("--to comes before --from.")
        if not (options["siren"].isdigit() and len(options["siren"]) == 9):
            raise CommandError("--siren is nine digits.")
        separator = "\t" if options["separator"] == "tab" else "|"
        result = write_period(start, end, separator=separator)
        for problem in result.problems:
            self.stderr.write(f"Left out: {problem}")
        if options["output"] == "-":
            self.stdout.write(result.text, ending="")
            return
        path = Path(options["output"]) / fec.file_name(options["siren"], end)
        path.write_text(result.text, encoding="utf-8", newline="")
        self.stderr.write(f"{result.expenses} expense(s) written to {path}.")
