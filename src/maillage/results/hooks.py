"""What the results area adds to the other apps' pages, and its trash cascades.

Imported at start-up (core.apps); each function applies `visible_to` itself.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maillage.core import hooks
from maillage.core.hooks import NavEntry, SearchProvider, Tab
from maillage.core.trash import register_trash_cascade
from maillage.results.models import Dimension, Indicator, Result

# A project's logframe goes to the trash with the project (and comes back with it); a
# level takes its sub-levels and indicators along.
register_trash_cascade(Result, "project")
register_trash_cascade(Result, "parent")
register_trash_cascade(Indicator, "project")
register_trash_cascade(Indicator, "result")
register_trash_cascade(Dimension, "project")


@hooks.register(hooks.NAVIGATION)
def navigation(user: Any) -> list[NavEntry]:
    """ "Results": the staff land on the dashboards (results/hooks_values.py), partners
    on the indicators of their projects."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "is_internal", False):
        return []
    return [NavEntry(_("Results"), reverse("results:indicator_list"), order=25)]


@hooks.register(hooks.PROJECT_TABS)
def logframe_tab(project: Any, user: Any) -> list[Tab]:
    """The project's logframe: partners of the project read it."""
    url = reverse("results:project_logframe", args=[project.pk])
    return [Tab("logframe", _("Logframe"), url, order=45)]


@hooks.register(hooks.SEARCH_PROVIDERS)
def search_providers() -> list[SearchProvider]:
    kinds: list[tuple[Any, tuple[str, ...]]] = [
        (Result, ("description",)),
        (Indicator, ("definition", "means_of_verification")),
    ]
    return [
        SearchProvider(
            model._meta.verbose_name_plural,
            model.objects.visible_to,
            order=order,
            model=model,
            fields=fields,
        )
        for order, (model, fields) in enumerate(kinds, start=60)
    ]


# Values, their workflow and the dashboards: their hooks are in hooks_values (F2, F3).
from maillage.results import hooks_values  # noqa: E402, F401
