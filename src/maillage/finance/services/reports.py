"""The write path of financial reports (E4): a report names a grant and a period within
the grant's; its figures are never stored (`finance.selectors.reports.collect`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from maillage.core.formatting import display_value
from maillage.core.services import ModelService
from maillage.finance.models import FinancialReport


class FinancialReportService(ModelService[FinancialReport]):
    model = FinancialReport

    @classmethod
    def validate(
        cls,
        obj: FinancialReport,
        *,
        by: Any,
        before: FinancialReport | None,
        related: dict[str, Any],
    ) -> None:
        grant = obj.grant
        errors = {}
        if grant.start_on and obj.period_start_on and obj.period_start_on < grant.start_on:
            errors["period_start_on"] = _("The period starts before the grant (%(start)s).") % {
                "start": display_value(grant, "start_on")
            }
        if grant.end_on and obj.period_end_on and obj.period_end_on > grant.end_on:
            errors["period_end_on"] = _("The period ends after the grant (%(end)s).") % {
                "end": display_value(grant, "end_on")
            }
        if errors:
            raise ValidationError(errors)
