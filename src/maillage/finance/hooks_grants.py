"""What finance adds to a grant's page (funding, below finance, knows it only through
`hooks.GRANT_SECTIONS`): the contractual rates its agreement fixes and its financial
reports, each with a link to add one for the staff who write. Both are internal like
the grant: `visible_to` gives a partner none, and then no section."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from maillage.core import hooks
from maillage.core.hooks import Section
from maillage.finance.models import ContractualRate, FinancialReport
from maillage.finance.models.rates import plain
from maillage.finance.views.rates import ContractualRateViews
from maillage.finance.views.reports import FinancialReportViews


@hooks.register(hooks.GRANT_SECTIONS, order=50)
def grant_finance_sections(grant: Any, user: Any) -> list[Section]:
    if not getattr(user, "is_internal", False):
        return []
    query = f"?grant={grant.pk}"
    rates = ContractualRate.objects.visible_to(user).filter(grant=grant).order_by("currency")
    reports = (
        FinancialReport.objects.visible_to(user)
        .filter(grant=grant)
        .select_related("grant")
        .order_by("-period_end_on", "pk")
    )
    return [
        Section(
            "finance/_grant_rates.html",
            {
                "grant": grant,
                "rates": [(rate, plain(rate.rate)) for rate in rates],
                "add_url": reverse("finance:contractualrate_create") + query,
                "may_add": ContractualRateViews.may_write(user),
            },
            order=50,
        ),
        Section(
            "finance/_grant_reports.html",
            {
                "grant": grant,
                "reports": list(reports),
                "add_url": reverse("finance:financialreport_create") + query,
                "expenses_url": reverse("finance:expense_list") + query,
                "may_add": FinancialReportViews.may_write(user),
            },
            order=55,
        ),
    ]
