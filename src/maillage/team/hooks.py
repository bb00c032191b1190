"""What the team app adds to the other apps' pages: the "Team" menu entry, contracts
ending soon on the home page, a person's training history, their GDPR rows, search, the
calendar feed's approved leave, and the trash cascades.

Imported at start-up (core.apps); each function applies `visible_to` itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core import hooks
from maillage.core.history import register_history_child
from maillage.core.hooks import CalendarEvent, NavEntry, SearchProvider, Section
from maillage.core.trash import register_trash_cascade
from maillage.team.models import Leave, StaffMember, TrainingNeed, TrainingSession
from maillage.team.selectors.staff import LEAVE_UID, contracts_ending, own_leave, staff_export
from maillage.team.selectors.training import person_trainings, training_export

# A staff member's leave goes to the trash with them (and comes back with them).
register_trash_cascade(Leave, "staff")
register_history_child(Leave, "staff")


@hooks.register(hooks.NAVIGATION)
def navigation(user: Any) -> list[NavEntry]:
    """The team ("Équipe"): internal, no entry for partners."""
    if not getattr(user, "is_internal", False):
        return []
    return [NavEntry(gettext_lazy("Team"), reverse("team:staffmember_list"), order=47)]


@hooks.register(hooks.HOME_ITEMS)
def contracts_ending_soon(user: Any, today: dt.date) -> list[Section]:
    """Contracts ending within 60 days, for staff and administrators."""
    if not getattr(user, "is_internal", False):
        return []
    staff = contracts_ending(user=user, today=today)
    if not staff:
        return []
    context = {"staff": staff, "today": today}
    return [Section("team/_home_contracts.html", context, order=45)]


@hooks.register(hooks.PERSON_SECTIONS, order=60)
def person_training_history(person: Any, user: Any) -> list[Section]:
    """The sessions a person took part in; internal, never shown to partners (a
    partner's own person included)."""
    if not getattr(user, "is_internal", False):
        return []
    rows = person_trainings(person=person)
    if not rows:
        return []
    return [Section("team/_person_trainings.html", {"participations": rows}, order=60)]


@hooks.register(hooks.GDPR_EXPORT)
def gdpr_export(person: Any) -> dict[str, list[dict[str, Any]]]:
    return {**staff_export(person=person), **training_export(person=person)}


@hooks.register(hooks.CALENDAR_EVENTS)
def leave_events(user: Any, since: dt.date) -> list[CalendarEvent]:
    """The user's own approved leave, as all-day events (the end is exclusive)."""
    if not getattr(user, "is_internal", False):
        return []
    return [
        CalendarEvent(
            uid=f"{LEAVE_UID}{leave.pk}@maillage",
            title=str(_("Leave: %(kind)s") % {"kind": leave.get_kind_display()}),
            start=leave.start_on,
            end=leave.end_on + dt.timedelta(days=1),
            url=leave.get_absolute_url(),
            categories=(str(_("Leave")),),
        )
        for leave in own_leave(user=user, since=since)
    ]


@hooks.register(hooks.SEARCH_PROVIDERS)
def search_providers() -> list[SearchProvider]:
    kinds: list[tuple[Any, tuple[str, ...]]] = [
        (StaffMember, ("notes",)),
        (TrainingSession, ("objectives",)),
        (TrainingNeed, ("note",)),
    ]
    return [
        SearchProvider(
            model._meta.verbose_name_plural,
            model.objects.visible_to,
            order=order,
            model=model,
            fields=fields,
        )
        for order, (model, fields) in enumerate(kinds, start=70)
    ]
