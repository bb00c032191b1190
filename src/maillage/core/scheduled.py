"""The kit's own scheduled jobs, registered with the scheduler (core/scheduler.py) when
Django starts: the nightly backup (core/backup.py), unless BACKUP_DIR is empty, and the
query planner's statistics (core/statistics.py) on SQLite."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core import scheduler
from maillage.core.backup import BackupError, backup_filename, create_backup, prune_backups
from maillage.core.jobs import JobContext
from maillage.core.statistics import gather

BACKUP_SCHEDULE = "core.backup"
STATISTICS_SCHEDULE = "core.statistics"


def scheduled_backup(ctx: JobContext) -> None:
    """Write BACKUP_DIR/maillage-YYYYMMDD-HHMMSS.tar.gz, then apply the retention
    (`maillage backup --dir BACKUP_DIR --keep-daily … --keep-weekly …`)."""
    directory = Path(settings.BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    now = timezone.now()
    path = directory / backup_filename(now)
    try:
        manifest = create_backup(path, now=now)
    except BackupError as error:
        ctx.message(str(error), level="error")
        raise
    ctx.message(
        _("Backup written to %(path)s: %(tables)d tables, %(rows)d rows, %(media)d media file(s).")
        % {
            "path": path,
            "tables": len(manifest.tables),
            "rows": sum(manifest.tables.values()),
            "media": len(manifest.media_members),
        }
    )
    deleted = prune_backups(
        directory,
        keep_daily=settings.BACKUP_KEEP_DAILY,
        keep_weekly=settings.BACKUP_KEEP_WEEKLY,
        now=now,
    )
    for old in deleted:
        ctx.message(_("Deleted old backup %(path)s") % {"path": old})


def refresh_statistics(ctx: JobContext) -> None:
    """The planner's statistics of every table, gathered again (a day's writes change
    them); PostgreSQL's autovacuum does it in its own time."""
    ctx.message(_("Statistics gathered (%(statement)s).") % {"statement": gather()})


def register_schedules() -> None:
    """Called by CoreConfig.ready: the nightly statistics on SQLite, and the nightly
    backup, when a folder is set for it."""
    if connection.vendor == "sqlite":
        scheduler.register(
            STATISTICS_SCHEDULE,
            refresh_statistics,
            title=gettext_lazy("Database statistics"),
            daily_at=dt.time(3, 15),
        )
    else:
        scheduler.unregister(STATISTICS_SCHEDULE)
    if not getattr(settings, "BACKUP_DIR", ""):
        scheduler.unregister(BACKUP_SCHEDULE)
        return
    scheduler.register(
        BACKUP_SCHEDULE,
        scheduled_backup,
        title=gettext_lazy("Backup"),
        daily_at=dt.time.fromisoformat(settings.BACKUP_TIME),
    )
