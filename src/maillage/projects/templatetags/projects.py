"""The tab bar of a project's pages: the project's own tabs and those higher apps add
(`hooks.PROJECT_TABS`), for the user who reads them."""

from __future__ import annotations

from typing import Any

from django import template

from maillage.core import hooks

register = template.Library()


@register.inclusion_tag("projects/_project_tabs.html", takes_context=True)
def project_tabs(context: template.Context, project: Any, current: str) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    tabs = [
        {"key": tab.key, "url": tab.url, "label": tab.label, "current": tab.key == current}
        for tab in hooks.collect(hooks.PROJECT_TABS, project, user)
    ]
    return {"tabs": tabs, "project": project}
