"""The funding area's scheduled job (registered in hooks_calls.py, run by the scheduler,
core/scheduler.py): the daily deadline alerts."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maillage.core.jobs import JobContext
from maillage.funding.services.alerts import send_deadline_alerts as send


def send_deadline_alerts(ctx: JobContext) -> None:
    """Calls closing and reports due in 30, 7 and 1 days, emailed once to who prepares
    them; an email the mail server refused is tried again at the next run."""
    result = send()
    ctx.message(
        ngettext(
            "%(emails)d email sent (%(alerts)d deadline alerts).",
            "%(emails)d emails sent (%(alerts)d deadline alerts).",
            result.emails,
        )
        % {"emails": result.emails, "alerts": result.alerts}
    )
    if result.failed:
        ctx.message(
            _("%(n)d email(s) refused by the mail server: tried again at the next run.")
            % {"n": result.failed},
            level="error",
        )
