"""Import records from a CSV, XLSX or ODS file, with the same checks as the import pages.

    maillage import organisations FILE               import, skipping duplicates
    maillage import people FILE --dry-run            print the preview, write nothing
    maillage import organisations FILE --update-duplicates   (or --create-duplicates)
    maillage import people FILE --map "Courriel pro=email" --user alice --report out.csv

Columns are matched as on the pages (or as last confirmed there for the same headers);
--map corrects them. Nothing is written unless every row is clean; on errors each is
printed with its row and column, and the exit status is 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from maillage.core.exports import write_table
from maillage.core.imports.engine import CREATE, SKIP, UPDATE, importers
from maillage.core.imports.mapping import initial_mapping, mapping_errors, remember_mapping
from maillage.core.imports.preview import (
    Preview,
    build_preview,
    find_header_row,
    sheet_headers,
)
from maillage.core.imports.readers import ImportFileError, check_size, read_table
from maillage.core.imports.sessions import rejected_rows, summary
from maillage.core.imports.writer import (
    ImportAborted,
    commit,
    decide,
    issue_report_rows,
    report_rows,
)


class Command(BaseCommand):
    help = "Import records from a CSV, XLSX or ODS file (see --help of each option)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("importer", choices=sorted(importers()), help="What to import.")
        parser.add_argument("file", type=Path, help="The CSV, XLSX or ODS file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the preview; write nothing."
        )
        duplicates = parser.add_mutually_exclusive_group()
        duplicates.add_argument(
            "--update-duplicates",
            action="store_true",
            help="Update the existing record a row duplicates (default: skip the row).",
        )
        duplicates.add_argument(
            "--create-duplicates",
            action="store_true",
            help="Create a new record even when a row looks like an existing one.",
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="HEADER=FIELD",
            help="Match a column to a field (FIELD empty to leave the column out); repeatable.",
        )
        parser.add_argument(
            "--valid-rows",
            action="store_true",
            help="Import the valid rows and write the rejected ones, with the reason, to "
            "FILE-rejected.<format> (default: all or nothing).",
        )
        parser.add_argument("--user", help="Username recorded in the history as the author.")
        parser.add_argument("--report", type=Path, help="Write the per-row report (CSV) here.")

    def handle(self, *args: Any, **options: Any) -> None:
        importer_class = importers()[options["importer"]]
        user = self.find_user(options.get("user"))
        importer = importer_class(user=user)
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        try:
            check_size(path.stat().st_size)  # before the file is even opened
            with path.open("rb") as source:
                sheet = read_table(source)
            header_index = find_header_row(sheet, importer_class)
            headers = sheet_headers(sheet, header_index)
            mapping, _remembered = initial_mapping(importer_class, headers)
            mapping = self.corrected(importer_class, headers, mapping, options["map"])
            errors = mapping_errors(importer_class, mapping)
            if errors:
                raise CommandError(
                    "\n".join([*errors, f"Columns of the file: {', '.join(headers)}"])
                )
            preview = build_preview(importer, sheet, mapping, header_index=header_index)
        except ImportFileError as error:
            raise CommandError(f"{path}: {error}") from None
        default = (
            UPDATE
            if options["update_duplicates"]
            else CREATE
            if options["create_duplicates"]
            else SKIP
        )
        self.print_preview(preview, default)
        valid_rows = bool(options["valid_rows"])
        if not preview.is_clean and not valid_rows:
            if options["report"]:
                self.write_report(options["report"], *issue_report_rows(preview.issues()))
            raise CommandError(
                f"{preview.error_count} error(s): nothing was imported. Correct the file and "
                "run the command again."
            )
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was written.")
            return
        try:
            outcomes = commit(importer, preview, default=default, valid_rows_only=valid_rows)
        except ImportAborted as error:
            raise CommandError(str(error)) from None
        rejected = {o.row: o.detail for o in outcomes if o.action == "rejected"}
        if rejected:
            given_back = path.with_name(f"{path.stem}-rejected.{sheet.format}")
            given_back.write_bytes(
                write_table(sheet.format, *rejected_rows(sheet, header_index, rejected))
            )
            self.stdout.write(f"Rejected rows, with the reason: {given_back}")
        if options["map"]:
            remember_mapping(importer_class, headers, mapping, user)
        if options["report"]:
            self.write_report(options["report"], *report_rows(outcomes))
        self.stdout.write(self.style.SUCCESS(summary(outcomes, len(preview.rows))))

    def find_user(self, username: str | None) -> Any:
        if not username:
            return None
        from django.contrib.auth import get_user_model

        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None

    def corrected(
        self, importer_class: Any, headers: list[str], mapping: list[str], pairs: list[str]
    ) -> list[str]:
        mapping = list(mapping)
        fields = importer_class.field_map()
        for pair in pairs:
            header, sep, name = pair.partition("=")
            if not sep or header.strip() not in headers:
                raise CommandError(f"--map {pair!r}: no column {header.strip()!r} in the file.")
            if name.strip() and name.strip() not in fields:
                known = ", ".join(fields)
                raise CommandError(f"--map {pair!r}: unknown field; fields are {known}.")
            mapping[headers.index(header.strip())] = name.strip()
        return mapping

    def print_preview(self, preview: Preview, default: str) -> None:
        matched = [(h, n) for h, n in zip(preview.headers, preview.mapping, strict=False) if n]
        self.stdout.write("Columns: " + ", ".join(f"{h} → {n}" for h, n in matched))
        for issue in preview.issues():
            line = f"{issue.level.upper()}: {issue}"
            if issue.level == "error":
                self.stderr.write(line)
            else:
                self.stdout.write(line)
        plan = {CREATE: 0, UPDATE: 0, SKIP: 0}
        for row in preview.rows:
            decision = decide(row, {}, default)
            plan[decision] += 1
            if row.match is not None:
                target = f"#{row.match.pk} " if row.match.pk else ""
                self.stdout.write(
                    f"DUPLICATE: row {row.number} looks like {target}“{row.match.label}” "
                    f"({row.match.reason}): {decision}"
                )
        self.stdout.write(
            f"{len(preview.rows)} rows, {preview.error_count} errors, "
            f"{preview.warning_count} warnings: {plan[CREATE]} to create, "
            f"{plan[UPDATE]} to update, {plan[SKIP]} to skip."
        )

    def write_report(self, path: Path, headers: list[str], rows: Any) -> None:
        path.write_bytes(write_table("csv", headers, rows))
        self.stdout.write(f"Report written to {path}.")
