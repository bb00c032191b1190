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
from django.template import engines
from django.template.loader import render_to_string
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from maillage.core import hooks
from maillage.core import search as core_search
from maillage.core.models import Codelist, Job
from maillage.core.services import today_for

SEARCH_LIMIT = 5  # results per kind of record on the page of every kind
KIND_PAGE = 50  # results per page of one kind


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = today_for(user)
    items = hooks.collect(hooks.HOME_ITEMS, user, today)
    shared = _shared_context(request)
    sections = [_render_section(section, shared, today) for section in items]
    context = {
        "today": today,
        "sections": sections,
        "recent_jobs": Job.objects.visible_to(user)[:5],
        "codelists_missing": getattr(user, "is_admin", False) and not Codelist.objects.exists(),
    }
    return render(request, "reporting/home.html", context)


def _shared_context(request: HttpRequest) -> dict[str, Any]:
    """What every page's template sees (user, request, csrf_token, the navigation…): the
    context processors' output, worked out once for all the sections. Rendered with the
    request, each section ran them again (the navigation alone is some twenty URL
    reversals: ~2 ms a section)."""
    shared: dict[str, Any] = {}
    for processor in engines["django"].engine.template_context_processors:
        shared.update(processor(request))
    return shared


def _render_section(section: hooks.Section, shared: dict[str, Any], today: Any) -> SafeString:
    # The section's template sees its own context, the day the page is told as of, and
    # what every page sees (`_shared_context`); it escapes as any template does.
    context = {**shared, "today": today, **section.context}
    return mark_safe(render_to_string(section.template, context))  # noqa: S308


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Everything the user may open that matches the words typed in the header box,
    grouped by kind with their counts; `?kind=` pages through one kind."""
    query = (request.GET.get("q") or "").strip()[:200]
    known = dict(core_search.kinds())
    kind = request.GET.get("kind") or ""
    kind = kind if kind in known else ""
    page = _page_number(request.GET.get("page"))
    groups: list[core_search.Group] = []
    if query:
        if kind:
            groups = core_search.search(
                request.user,
                query,
                kinds=[kind],
                limit=KIND_PAGE,
                offset=(page - 1) * KIND_PAGE,
            )
        else:
            groups = core_search.search(request.user, query, limit=SEARCH_LIMIT)
    context = {
        "query": query,
        "kind": kind,
        "kind_label": known.get(kind, ""),
        "groups": [_group(group, query, kind, page) for group in groups],
        "page": page,
    }
    return render(request, "reporting/search.html", context)


def _page_number(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), core_search.COUNT_CAP // KIND_PAGE + 1))
    except ValueError:
        return 1


def _group(group: core_search.Group, query: str, kind: str, page: int) -> dict[str, Any]:
    shown_until = (page - 1) * KIND_PAGE + len(group.results)
    count = min(group.count, core_search.COUNT_CAP)

    def url(**params: Any) -> str:
        return "?" + urlencode({"q": query, "kind": group.key, **params})

    return {
        "key": group.key,
        "label": group.label,
        "count": count,
        "capped": group.capped,
        "results": group.results,
        "more_url": url() if not kind and group.more else "",
        "previous_url": url(page=page - 1) if kind and page > 1 else "",
        "next_url": url(page=page + 1) if kind and shown_until < count else "",
    }
