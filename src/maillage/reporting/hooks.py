"""What reporting adds to the shell: the Home and Observatory entries of the navigation."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maillage.core import hooks
from maillage.core.hooks import NavEntry


@hooks.register(hooks.NAVIGATION)
def navigation(user: Any) -> list[NavEntry]:
    return [
        NavEntry(_("Home"), reverse("reporting:home"), order=0),
        NavEntry(_("Observatory"), reverse("reporting:observatory"), order=15),
    ]
