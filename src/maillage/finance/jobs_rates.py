"""The daily import of the ECB's reference rates (registered in hooks_budgets.py, run by
the scheduler, core/scheduler.py; `maillage import_ecb_rates` runs it by hand)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from maillage.core.jobs import JobContext
from maillage.core.net import OutboundError
from maillage.finance.ecb import EcbFileError
from maillage.finance.services.rates import update_from_ecb


def import_ecb_rates(ctx: JobContext) -> None:
    """Download the ECB's file and merge its new rates into the table."""
    try:
        result = update_from_ecb()
    except (OutboundError, EcbFileError) as error:
        ctx.message(
            _("The ECB's rates were not imported: %(error)s") % {"error": error}, level="error"
        )
        raise
    ctx.message(
        _("ECB rates: %(created)s new, %(updated)s corrected, %(unchanged)s unchanged.")
        % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
    )
