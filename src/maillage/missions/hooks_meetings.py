"""What meetings and action items add to the other apps' pages: the "Meetings" entry,
the project's meetings tab, a person's meetings and action items, the owner's open
action items on the home page, the search, a person's GDPR rows and the calendar
feed's meetings. Imported by missions.hooks at start-up; each function applies
`visible_to` itself."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core import hooks
from maillage.core.hooks import CalendarEvent, NavEntry, SearchProvider, Section, Tab
from maillage.core.trash import register_trash_cascade
from maillage.missions.models import ActionItem, Invitee, Meeting
from maillage.missions.selectors.meetings import (
    home_action_items,
    meetings_of_person,
    meetings_of_user,
)

# A meeting's action items go to the trash with it (and come back with it).
register_trash_cascade(ActionItem, "meeting")


@hooks.register(hooks.NAVIGATION)
def meetings_navigation(user: Any) -> list[NavEntry]:
    """ "Réunions": staff, and partners (the meetings of their projects and those they
    are invited to)."""
    return [NavEntry(gettext_lazy("Meetings"), reverse("missions:meeting_list"), order=46)]


@hooks.register(hooks.PROJECT_TABS)
def meetings_tab(project: Any, user: Any) -> list[Tab]:
    url = f"{reverse('missions:meeting_list')}?{urlencode({'project': project.pk})}"
    return [Tab("meetings", gettext_lazy("Meetings"), url, order=72)]


@hooks.register(hooks.PERSON_SECTIONS)
def person_meetings(person: Any, user: Any) -> list[Section]:
    meetings = list(meetings_of_person(person=person, user=user)[:20])
    actions = list(
        ActionItem.objects.visible_to(user)
        .filter(owner_person=person)
        .order_by("status", "due_on", "pk")[:20]
    )
    if not meetings and not actions:
        return []
    context = {"meetings": meetings, "actions": actions}
    return [Section("missions/_person_meetings.html", context, order=66)]


@hooks.register(hooks.HOME_ITEMS)
def home_actions(user: Any, today: dt.date) -> list[Section]:
    """The user's open action items, overdue ones marked: they stay until done."""
    if not getattr(user, "is_authenticated", False):
        return []
    context = home_action_items(user=user, today=today)
    if not context["items"]:
        return []
    return [Section("missions/_home_actionitems.html", context, order=30)]


@hooks.register(hooks.GDPR_EXPORT)
def gdpr_meetings(person: Any) -> dict[str, list[dict[str, Any]]]:
    invitations = (
        Invitee.objects.filter(person=person)
        .select_related("meeting")
        .order_by("meeting__starts_at", "pk")
    )
    actions = ActionItem.all_objects.filter(owner_person=person).order_by("due_on", "pk")
    return {
        "meeting_invitations": [
            {
                "meeting": row.meeting.title,
                "starts_at": row.meeting.starts_local.isoformat(),
                "attendance": row.attendance,
                "note": row.note,
            }
            for row in invitations
        ],
        "action_items": [
            {
                "action": item.title,
                "due_on": item.due_on.isoformat(),
                "status": item.status,
                "done_on": item.done_on.isoformat() if item.done_on else "",
            }
            for item in actions
        ],
    }


@hooks.register(hooks.SEARCH_PROVIDERS)
def meeting_search_providers() -> list[SearchProvider]:
    return [
        SearchProvider(
            Meeting._meta.verbose_name_plural,
            Meeting.objects.visible_to,
            order=61,
            model=Meeting,
            fields=("agenda", "minutes", "decisions"),
        ),
        SearchProvider(
            ActionItem._meta.verbose_name_plural,
            ActionItem.objects.visible_to,
            order=62,
            model=ActionItem,
            fields=("description",),
        ),
    ]


@hooks.register(hooks.CALENDAR_EVENTS)
def meeting_events(user: Any, since: dt.date) -> list[CalendarEvent]:
    """The meetings the user organises or is invited to, at their time in their own
    time zone (the same UID as the emailed invitation, so calendars merge them)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [
        CalendarEvent(
            uid=meeting.uid,
            title=meeting.title,
            start=meeting.starts_local,
            tz=meeting.timezone,
            end=meeting.ends_local,
            url=meeting.get_absolute_url(),
            description=meeting.place or meeting.video_url,
            categories=(str(_("Meeting")),),
        )
        for meeting in meetings_of_user(user=user, since=since)
    ]
