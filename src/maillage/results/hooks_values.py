"""What the values workflow and the dashboards add to the other apps' pages: the
project's results tab, the home page's missing values, the dashboards' menu entry, and
the rows of a value in its history. Imported by results.hooks at start-up; each function
applies `visible_to` itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maillage.core import hooks
from maillage.core.history import register_history_child
from maillage.core.hooks import NavEntry, Section, Tab
from maillage.results.models import ValueEvidence, ValuePart
from maillage.results.selectors.values import missing_page

HOME_ROWS = 10

# A value's parts and evidence files are entries of the value's history.
register_history_child(ValuePart, "value")
register_history_child(ValueEvidence, "value")


@hooks.register(hooks.NAVIGATION)
def dashboards_navigation(user: Any) -> list[NavEntry]:
    """The aggregated dashboards (programmes, donors, countries, SDGs): internal."""
    if not getattr(user, "is_internal", False):
        return []
    return [NavEntry(_("Results"), reverse("results:dashboards"), order=25)]


@hooks.register(hooks.PROJECT_TABS)
def results_tab(project: Any, user: Any) -> list[Tab]:
    """The project's progress towards its targets: its partners read it too."""
    url = reverse("results:project_results", args=[project.pk])
    return [Tab("results_progress", _("Results"), url, order=46)]


@hooks.register(hooks.HOME_ITEMS)
def missing_values_home(user: Any, today: dt.date) -> list[Section]:
    """The indicators whose last due period has no value yet, for whoever enters them."""
    missing, total = missing_page(user, today, limit=HOME_ROWS)
    if not missing:
        return []
    context = {"missing": missing, "more": total - len(missing)}
    return [Section("results/_home_missing.html", context, order=28)]
