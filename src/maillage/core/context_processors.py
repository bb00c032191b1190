"""What every page of the shell needs: the navigation by capability area."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maillage.core import hooks
from maillage.core.hooks import NavEntry


def shell(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {}
    path = request.path
    # Each app adds its own areas (hooks.NAVIGATION); core only knows its jobs page.
    entries = [
        *hooks.collect(hooks.NAVIGATION, user),
        NavEntry(_("Jobs"), reverse("core:job_list"), order=90),
    ]
    entries.sort(key=lambda entry: entry.order)
    nav = [
        {
            "label": entry.label,
            "url": entry.url,
            "current": path == entry.url if entry.url == "/" else path.startswith(entry.url),
        }
        for entry in entries
    ]
    return {"nav": nav}
