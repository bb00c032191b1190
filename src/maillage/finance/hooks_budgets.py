"""What budgets and exchange rates add to the other apps' pages: the "Finances" entry of
the navigation (staff), the project's "Budget" tab (its partners read it too), the trash
cascades, and the daily import of the ECB's rates. Imported by finance.hooks at start-up;
each function applies `visible_to` itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maillage.core import hooks, scheduler
from maillage.core.hooks import NavEntry, Tab
from maillage.core.trash import register_trash_cascade
from maillage.finance.models import Budget, BudgetLine, BudgetVersion

# A project's budget goes to the trash with it, a budget's versions with the budget and a
# version's lines with the version (and they come back with them).
register_trash_cascade(Budget, "project")
register_trash_cascade(BudgetVersion, "budget")
register_trash_cascade(BudgetLine, "budget_version")

# The ECB publishes its reference rates around 16:00 CET on working days: the evening's
# run merges them (`maillage import_ecb_rates` does it by hand, or from a file).
scheduler.register(
    "finance.import_ecb_rates",
    "maillage.finance.jobs_rates.import_ecb_rates",
    title=_("Daily import of the ECB's exchange rates"),
    daily_at=dt.time(17, 30),
)


@hooks.register(hooks.NAVIGATION)
def finance_navigation(user: Any) -> list[NavEntry]:
    """The finances (budgets, rates): the service's staff."""
    if not getattr(user, "is_internal", False):
        return []
    return [NavEntry(_("Finances"), reverse("finance:budget_list"), order=40)]


@hooks.register(hooks.PROJECT_TABS)
def budget_tab(project: Any, user: Any) -> list[Tab]:
    """The project's budget: its members (partners too, read only) and the staff."""
    url = reverse("finance:project_budget", args=[project.pk])
    return [Tab("budget", _("Budget"), url, order=64)]
