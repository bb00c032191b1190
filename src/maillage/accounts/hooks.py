"""What accounts adds to the shell: the users' management, for administrators."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maillage.core import hooks
from maillage.core.hooks import NavEntry


@hooks.register(hooks.NAVIGATION)
def navigation(user: Any) -> list[NavEntry]:
    if not getattr(user, "is_admin", False):
        return []
    return [NavEntry(_("Users"), reverse("accounts:user_list"), order=95)]
