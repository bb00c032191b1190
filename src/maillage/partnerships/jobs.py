"""The partnerships area's scheduled jobs (registered in hooks.py, run by the scheduler,
core/scheduler.py): the daily reminders, and the pass that retries the emails the mail
backend refused."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maillage.core.jobs import JobContext
from maillage.partnerships.services import ReminderResult, send_commitment_reminders


def send_reminders(ctx: JobContext) -> None:
    """Commitments coming due and agreements ending soon, emailed to who follows them."""
    _report(ctx, send_commitment_reminders())


def retry_reminders(ctx: JobContext) -> None:
    """Only the reminders whose email failed, once their delay has passed."""
    _report(ctx, send_commitment_reminders(retries_only=True))


def _report(ctx: JobContext, result: ReminderResult) -> None:
    ctx.message(
        ngettext(
            "%(emails)d email sent: %(commitments)d commitment(s), %(agreements)d agreement(s).",
            "%(emails)d emails sent: %(commitments)d commitment(s), %(agreements)d agreement(s).",
            result.emails,
        )
        % {
            "emails": result.emails,
            "commitments": len(result.commitments),
            "agreements": len(result.expiring),
        }
    )
    for failure in result.failed:
        ctx.message(_("Not sent, tried again later: %(error)s") % {"error": failure}, level="error")
