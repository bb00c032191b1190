"""The scheduler's ledger: one row per slot of a schedule that was started.

`maillage.core.scheduler` claims a slot by inserting its row; the unique constraint on
(schedule, slot_at) lets one insert win whatever the number of schedulers running, so a
slot runs once. The row points to the `Job` that ran it (its log and state).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    schedule = models.CharField(_("schedule"), max_length=100)
    slot_at = models.DateTimeField(_("slot"))
    job = models.ForeignKey(
        "core.Job",
        verbose_name=_("job"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scheduled_runs",
    )
    claimed_at = models.DateTimeField(_("claimed"), default=timezone.now)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        ordering = ["-slot_at", "schedule"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "slot_at"], name="scheduled_run_once_per_slot"
            )
        ]

    def __str__(self) -> str:
        return f"{self.schedule} @ {self.slot_at.isoformat()}"
