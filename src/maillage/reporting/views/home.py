"""The home page and the global search: what every app contributes, through hooks.

Reporting is the top app, yet it names no domain app here: each app registers its home
sections (`hooks.HOME_ITEMS`) and its search providers (`hooks.SEARCH_PROVIDERS`), so an
app added later appears on both pages without a change in this module.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from maillage.core import hooks
from maillage.core.models import Codelist, Job
from maillage.core.services import today_for

SEARCH_LIMIT = 20  # results per kind of record


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = today_for(user)
    items = hooks.collect(hooks.HOME_ITEMS, user, today)
    sections = [_render_section(request, section, today) for section in items]
    context = {
        "today": today,
        "sections": sections,
        "recent_jobs": Job.objects.visible_to(user)[:5],
        "codelists_missing": getattr(user, "is_admin", False) and not Codelist.objects.exists(),
    }
    return render(request, "reporting/home.html", context)


def _render_section(request: HttpRequest, section: hooks.Section, today: Any) -> SafeString:
    # The section's template sees its own context, the day the page is told as of, and
    # what every page sees (user, request, csrf_token); it escapes as any template does.
    context = {"today": today, **section.context}
    return mark_safe(render_to_string(section.template, context, request=request))  # noqa: S308


@login_required
def search(request: HttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()[:200]
    results: dict[str, list[Any]] = {}
    if query:
        for provider in hooks.collect(hooks.SEARCH_PROVIDERS):
            found = provider.queryset(request.user).search(query)[:SEARCH_LIMIT]
            results.setdefault(str(provider.label), []).extend(found)
    return render(
        request, "reporting/search.html", {"query": query, "results": list(results.items())}
    )
