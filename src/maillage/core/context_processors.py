"""What every page of the shell needs: the navigation by capability area."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def shell(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {}
    path = request.path
    # Only areas that exist are listed; each capability issue adds its own.
    areas = [
        (_("Home"), reverse("core:home")),
        (_("Organisations"), reverse("actors:organisation_list")),
        (_("People"), reverse("actors:person_list")),
        (_("Interactions"), reverse("actors:interaction_list")),
        (_("Groups"), reverse("actors:group_list")),
        (_("Observatory"), reverse("actors:observatory")),
        (_("Projects"), reverse("projects:project_list")),
        (_("Partnerships"), reverse("partnerships:partnership_list")),
        (_("Jobs"), reverse("core:job_list")),
    ]
    if user.is_admin:
        areas.append((_("Users"), reverse("accounts:user_list")))
    nav = [
        {"label": label, "url": url, "current": path == url if url == "/" else path.startswith(url)}
        for label, url in areas
    ]
    return {"nav": nav}
