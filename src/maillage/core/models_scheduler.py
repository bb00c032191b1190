"""The scheduler's ledgers: one row per slot of a schedule that was started, and one per
message a scheduled job sends (`Delivery`).

`maillage.core.scheduler` claims a slot by inserting its row; the unique constraint on
(schedule, slot_at) lets one insert win whatever the number of schedulers running, so a
slot runs once. The row points to the `Job` that ran it (its log and state).
"""

from __future__ import annotations

from django.conf import settings
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


class Delivery(models.Model):
    """One message a scheduled job sends, once: sent only after the mail backend accepted
    it, retried with a growing delay after a failure (`maillage.core.deliveries`).

    `key` names what it is about and for whom ("partnerships.commitment:12:2026-09-11:
    user 4"): a new due date or recipient makes a new key, so a new message."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("failed attempts"), default=0)
    # Not before this instant: the delay after a failure, or the lease of the process
    # sending it now (a process that dies mid-send leaves it to be tried again).
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(sent_at__isnull=True, attempts__gt=0),
                name="delivery_retry_due",
            )
        ]

    def __str__(self) -> str:
        return self.key
