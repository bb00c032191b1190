"""The funding area's scheduled jobs (registered in hooks_calls.py, run by the scheduler,
core/scheduler.py): the daily deadline alerts, and the pass that retries the emails the
mail backend refused."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maillage.core.jobs import JobContext
from maillage.funding.services.alerts import AlertResult
from maillage.funding.services.alerts import send_deadline_alerts as send


def send_deadline_alerts(ctx: JobContext) -> None:
    """Calls closing and reports due in 30, 7 and 1 days, emailed once to who prepares
    them."""
    _report(ctx, send())


def retry_deadline_alerts(ctx: JobContext) -> None:
    """Only the alerts whose email failed, once their delay has passed."""
    _report(ctx, send(retries_only=True))


def _report(ctx: JobContext, result: AlertResult) -> None:
    ctx.message(
        ngettext(
            "%(emails)d email sent (%(alerts)d deadline alerts).",
            "%(emails)d emails sent (%(alerts)d deadline alerts).",
            result.emails,
        )
        % {"emails": result.emails, "alerts": result.alerts}
    )
    for failure in result.failed:
        ctx.message(_("Not sent, tried again later: %(error)s") % {"error": failure}, level="error")
