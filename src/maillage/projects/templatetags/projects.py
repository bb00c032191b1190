"""The tabs of a project's pages: overview, plan views, risks, updates, history."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()

TABS = (
    ("detail", "projects:project_detail", _("Overview")),
    ("gantt", "projects:project_gantt", _("Gantt")),
    ("calendar", "projects:project_calendar", _("Calendar")),
    ("board", "projects:project_board", _("Task board")),
    ("risks", "projects:project_risks", _("Risks")),
    ("updates", "projects:project_updates", _("Field updates")),
    ("history", "projects:project_history", _("History")),
)


@register.inclusion_tag("projects/_project_tabs.html")
def project_tabs(project: Any, current: str) -> dict[str, Any]:
    tabs = []
    for key, name, label in TABS:
        try:
            url = reverse(name, args=[project.pk])
        except NoReverseMatch:  # while the session's areas are being built
            continue
        tabs.append({"key": key, "url": url, "label": label, "current": key == current})
    return {"tabs": tabs, "project": project}
