"""Back up the database and the media files into one archive.

    maillage backup FILE                      write FILE (.tar.gz)
    maillage backup --dir DIR                 write DIR/maillage-YYYYMMDD-HHMMSS.tar.gz (UTC)
    maillage backup --dir DIR --keep-daily 7 --keep-weekly 8
                                              … then delete older scheduled backups in DIR,
                                              keeping the newest of each of the last 7 days
                                              and of each of the last 8 ISO weeks

The archive appears under its name only once complete. See docs/operations.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.backup import BackupError, backup_filename, create_backup, prune_backups


class Command(BaseCommand):
    help = "Write one archive with a database snapshot, the media files and a manifest."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", metavar="FILE", help="The archive to write.")
        parser.add_argument(
            "--dir",
            dest="directory",
            metavar="DIR",
            help="Write maillage-YYYYMMDD-HHMMSS.tar.gz (UTC time) into DIR instead of FILE.",
        )
        parser.add_argument(
            "--keep-daily",
            type=int,
            metavar="N",
            help="With --dir: keep the newest backup of each of the last N days.",
        )
        parser.add_argument(
            "--keep-weekly",
            type=int,
            metavar="M",
            help="With --dir: keep the newest backup of each of the last M ISO weeks.",
        )

    def handle(
        self,
        *args: Any,
        file: str | None,
        directory: str | None,
        keep_daily: int | None,
        keep_weekly: int | None,
        **options: Any,
    ) -> None:
        pruning = keep_daily is not None or keep_weekly is not None
        if bool(file) == bool(directory):
            raise CommandError(_("Give either FILE or --dir DIR."))
        if pruning and not directory:
            raise CommandError(_("--keep-daily and --keep-weekly go with --dir."))
        if (keep_daily or 0) < 0 or (keep_weekly or 0) < 0:
            raise CommandError(_("--keep-daily and --keep-weekly take a number of 0 or more."))
        now = timezone.now()
        path = Path(file) if file else Path(directory or ".") / backup_filename(now)
        try:
            manifest = create_backup(path, now=now)
        except BackupError as exc:
            raise CommandError(str(exc), returncode=1) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Backup written to %(path)s: %(vendor)s database, %(tables)d tables, "
                    "%(rows)d rows, %(media)d media file(s)."
                )
                % {
                    "path": path,
                    "vendor": manifest.vendor,
                    "tables": len(manifest.tables),
                    "rows": sum(manifest.tables.values()),
                    "media": len(manifest.media_members),
                }
            )
        )
        if pruning and directory:
            deleted = prune_backups(
                Path(directory),
                keep_daily=keep_daily or 0,
                keep_weekly=keep_weekly or 0,
                now=now,
            )
            for old in deleted:
                self.stdout.write(_("Deleted old backup %(path)s") % {"path": old})
