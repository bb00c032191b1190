"""The kit's own scheduled jobs: the nightly backup (core/backup.py), registered with the
scheduler (core/scheduler.py) when Django starts, unless BACKUP_DIR is empty."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core import scheduler
from maillage.core.backup import BackupError, backup_filename, create_backup, prune_backups
from maillage.core.jobs import JobContext

BACKUP_SCHEDULE = "core.backup"


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


def register_schedules() -> None:
    """Called by CoreConfig.ready: the nightly backup, when a folder is set for it."""
    if not getattr(settings, "BACKUP_DIR", ""):
        scheduler.unregister(BACKUP_SCHEDULE)
        return
    scheduler.register(
        BACKUP_SCHEDULE,
        scheduled_backup,
        title=gettext_lazy("Backup"),
        daily_at=dt.time.fromisoformat(settings.BACKUP_TIME),
    )
