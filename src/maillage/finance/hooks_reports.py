"""What the follow-up and the financial reports add to the other apps' pages: the
project's *Budget follow-up* tab, the over-spent lines of the user's projects on the home
page (stored by `services.followup`, refreshed each night here), the financial reports'
navigation entry and their trash cascade. Imported by finance.hooks at start-up; each
function applies `visible_to` itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maillage.core import hooks, scheduler
from maillage.core.hooks import Section, Tab
from maillage.core.trash import register_trash_cascade
from maillage.finance.models import FinancialReport
from maillage.finance.selectors.followup import stored_overspent
from maillage.projects.selectors import my_project_ids

HOME_ROWS = 5

# A grant's financial reports go to the trash with it (and come back with it).
register_trash_cascade(FinancialReport, "grant")

# The writes refresh the over-spent lines they change; the night's run catches what no
# service sees (a budget or project restored from the trash).
scheduler.register(
    "finance.refresh_followup",
    "maillage.finance.jobs_followup.refresh_all_followup",
    title=_("Nightly refresh of the over-spent budget lines"),
    daily_at=dt.time(2, 30),
)


@hooks.register(hooks.PROJECT_TABS)
def followup_tab(project: Any, user: Any) -> list[Tab]:
    """Budget vs actual: the project's members (partners too) and the staff."""
    url = reverse("finance:project_followup", args=[project.pk])
    return [Tab("followup", _("Budget follow-up"), url, order=67)]


@hooks.register(hooks.HOME_ITEMS)
def overspent_alerts(user: Any, today: dt.date) -> list[Section]:
    """The over-spent budget lines of the projects the user owns or is a member of, as
    stored (one query, whatever the number of projects and expenses)."""
    if not getattr(user, "is_authenticated", False):
        return []
    found = stored_overspent(project_ids=my_project_ids(user=user), limit=HOME_ROWS)
    if not found:
        return []
    return [Section("finance/_home_overspent.html", {"lines": found}, order=37)]
