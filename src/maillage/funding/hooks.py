"""What the funding area adds to the other apps' pages, and its trash cascades.

Imported at start-up (core.apps); each function applies `visible_to` itself.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maillage.core import hooks
from maillage.core.hooks import NavEntry, SearchProvider, Tab
from maillage.core.trash import register_trash_cascade
from maillage.funding.models import Donor, FinancingPlan, Instrument

# A project's financing plan goes to the trash with the project, a donor's instruments
# with the donor (and they come back with it).
register_trash_cascade(FinancingPlan, "project")
register_trash_cascade(Instrument, "donor")


@hooks.register(hooks.NAVIGATION)
def navigation(user: Any) -> list[NavEntry]:
    """The funding area ("Financement"): internal, no entry for partners."""
    if not getattr(user, "is_internal", False):
        return []
    return [NavEntry(_("Funding"), reverse("funding:financingplan_list"), order=35)]


@hooks.register(hooks.PROJECT_TABS)
def financing_tab(project: Any, user: Any) -> list[Tab]:
    """The project's co-financing plan; internal, no tab for partners."""
    if not getattr(user, "is_internal", False):
        return []
    url = reverse("funding:project_financing", args=[project.pk])
    return [Tab("financing", _("Financing"), url, order=55)]


@hooks.register(hooks.SEARCH_PROVIDERS)
def plan_search_providers() -> list[SearchProvider]:
    kinds: list[tuple[Any, tuple[str, ...]]] = [
        (Donor, ("notes",)),
        (Instrument, ("description",)),
        (FinancingPlan, ()),
    ]
    return [
        SearchProvider(
            model._meta.verbose_name_plural,
            model.objects.visible_to,
            order=order,
            model=model,
            fields=fields,
        )
        for order, (model, fields) in enumerate(kinds, start=50)
    ]


# Calls, applications and grants: their hooks are in hooks_calls (F2).
from maillage.funding import hooks_calls  # noqa: E402, F401
