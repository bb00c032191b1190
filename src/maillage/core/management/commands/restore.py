"""Rebuild an empty installation from a backup archive: `maillage restore FILE [--force]`.

Every member's SHA-256 is checked before anything is touched; the database is replaced in
one step (SQLite: a file renamed into place; PostgreSQL: one pg_restore transaction), then
the media files, then the row counts are compared with the manifest. Stop the web server
and the worker first. See docs/operations.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from maillage.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore the database and the media files from an archive made by `maillage backup`."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="The archive to restore.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the database and media files even when the installation has data.",
        )

    def handle(self, *args: Any, file: str, force: bool, **options: Any) -> None:
        try:
            report = restore_backup(Path(file), force=force, log=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc), returncode=1) from exc
        manifest = report.manifest
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(warning))
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Restored the backup of %(created)s (Maillage %(version)s): %(tables)d "
                    "tables, %(rows)d rows, %(media)d media file(s); row counts match the "
                    "manifest."
                )
                % {
                    "created": manifest.created_at,
                    "version": manifest.maillage_version,
                    "tables": len(manifest.tables),
                    "rows": sum(manifest.tables.values()),
                    "media": len(manifest.media_members),
                }
            )
        )
