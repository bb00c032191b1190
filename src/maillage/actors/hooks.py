"""What the actors area adds to the shell: its navigation entries, its search providers
and its home-page figure (hooks of maillage.core.hooks, read at start-up)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maillage.actors.models import Group, Interaction, Organisation, Person
from maillage.actors.selectors import follow_ups_due
from maillage.core import hooks
from maillage.core.hooks import NavEntry, SearchProvider, Section


@hooks.register(hooks.NAVIGATION)
def navigation(user: Any) -> list[NavEntry]:
    return [
        NavEntry(_("Organisations"), reverse("actors:organisation_list"), order=10),
        NavEntry(_("People"), reverse("actors:person_list"), order=11),
        NavEntry(_("Interactions"), reverse("actors:interaction_list"), order=12),
        NavEntry(_("Groups"), reverse("actors:group_list"), order=13),
    ]


@hooks.register(hooks.SEARCH_PROVIDERS)
def search_providers() -> list[SearchProvider]:
    # Each kind with the longer texts the index holds beside its SEARCH_FIELDS.
    kinds: list[tuple[Any, tuple[str, ...]]] = [
        (Person, ("notes",)),
        (Organisation, ("notes", "iati_identifier")),
        (Interaction, ()),
        (Group, ()),
    ]
    return [
        SearchProvider(
            label=model._meta.verbose_name_plural,
            queryset=model.objects.visible_to,
            order=order,
            model=model,
            fields=fields,
        )
        for order, (model, fields) in enumerate(kinds, start=10)
    ]


@hooks.register(hooks.HOME_ITEMS)
def home_items(user: Any, today: dt.date) -> list[Section]:
    count = Organisation.objects.visible_to(user).count()
    sections = [Section("actors/_home_organisations.html", {"organisation_count": count}, order=10)]
    # The follow-ups of the interactions the user recorded, when some are due.
    if follow_ups := follow_ups_due(user=user, today=today):
        context = {"follow_ups": follow_ups, "today": today}
        sections.append(Section("actors/_home_follow_ups.html", context, order=35))
    return sections
