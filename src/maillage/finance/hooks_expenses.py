"""What expenses add to the other apps' pages: the project's *Expenses* tab, the
navigation entry, the officers' count of expenses to validate on the home page, search,
the trash cascade and the history of their rows. Imported by finance.hooks at start-up;
each function applies `visible_to` itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maillage.core import hooks
from maillage.core.history import register_history_child
from maillage.core.hooks import NavEntry, SearchProvider, Section, Tab
from maillage.core.trash import register_trash_cascade
from maillage.finance.models import Expense, ExpenseCharge
from maillage.finance.selectors.expenses import waiting_count
from maillage.finance.services.expenses import is_reviewer

# A project's expenses go to the trash with it (and come back with it).
register_trash_cascade(Expense, "project")
# The funder splits show on their expense's history (receipts: ReceiptViews registers).
register_history_child(ExpenseCharge, "expense")


@hooks.register(hooks.NAVIGATION)
def expenses_navigation(user: Any) -> list[NavEntry]:
    """Expenses, for partners (they enter theirs); the staff reach them from "Finances"
    (`_finance_links.html`), so that the menu holds one entry per area."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "is_internal", False):
        return []
    return [NavEntry(_("Expenses"), reverse("finance:expense_list"), order=42)]


@hooks.register(hooks.PROJECT_TABS)
def expenses_tab(project: Any, user: Any) -> list[Tab]:
    """The project's expenses: its members (partners too) and the staff see them."""
    url = reverse("finance:expense_list") + f"?project={project.pk}"
    return [Tab("expenses", _("Expenses"), url, order=66)]


@hooks.register(hooks.HOME_ITEMS)
def expenses_to_validate(user: Any, today: dt.date) -> list[Section]:
    """Officers: how many submitted expenses wait for validation, when there are any."""
    if not is_reviewer(user):
        return []
    count = waiting_count(user=user)
    if not count:
        return []
    context = {"count": count, "url": reverse("finance:expense_queue")}
    return [Section("finance/_home_expenses.html", context, order=38)]


@hooks.register(hooks.SEARCH_PROVIDERS)
def expense_search_providers() -> list[SearchProvider]:
    return [
        SearchProvider(
            Expense._meta.verbose_name_plural,
            Expense.objects.visible_to,
            order=70,
            model=Expense,
        )
    ]
