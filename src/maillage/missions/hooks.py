"""What the missions app adds to the other apps' pages: its navigation entry, the
project's missions tab, a person's missions, the search, a person's GDPR rows, the
calendar feed's mission events and every participant's travel on the team calendar.

Imported at start-up (core.apps); each function applies `visible_to` itself."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core import hooks
from maillage.core.history import register_history_child
from maillage.core.hooks import (
    CalendarEvent,
    NavEntry,
    SearchProvider,
    Section,
    Tab,
    TeamEvent,
)
from maillage.missions.models import ChecklistEntry, Mission, MissionApproval, MissionParticipant
from maillage.missions.selectors.missions import (
    missions_between,
    missions_of_person,
    missions_of_user,
)

# Approval decisions and the participants' checklist items show on their mission's
# history, as its rows do (ChildViews).
register_history_child(MissionApproval, "mission")
register_history_child(ChecklistEntry, "mission")

# The uid prefix of a mission's events (the calendar feed's and the team calendar's).
MISSION_UID = "mission-"


@hooks.register(hooks.NAVIGATION)
def missions_navigation(user: Any) -> list[NavEntry]:
    """ "Missions": staff, and partners (who see the missions they take part in or of
    their projects)."""
    return [NavEntry(gettext_lazy("Missions"), reverse("missions:mission_list"), order=45)]


@hooks.register(hooks.PROJECT_TABS)
def missions_tab(project: Any, user: Any) -> list[Tab]:
    url = f"{reverse('missions:mission_list')}?{urlencode({'project': project.pk})}"
    return [Tab("missions", gettext_lazy("Missions"), url, order=70)]


@hooks.register(hooks.PERSON_SECTIONS)
def person_missions(person: Any, user: Any) -> list[Section]:
    missions = list(missions_of_person(person=person, user=user)[:20])
    if not missions:
        return []
    return [Section("missions/_person_missions.html", {"missions": missions}, order=65)]


@hooks.register(hooks.GDPR_EXPORT)
def gdpr_missions(person: Any) -> dict[str, list[dict[str, Any]]]:
    rows = (
        MissionParticipant.objects.filter(person=person)
        .select_related("mission")
        .order_by("mission__departure_on", "pk")
    )
    return {
        "mission_participations": [
            {
                "mission": row.mission.title,
                "departure_on": row.mission.departure_on.isoformat(),
                "return_on": row.mission.return_on.isoformat(),
                "destination": f"{row.mission.city}, {row.mission.country}",
                "role": row.role,
                "passport_expires_on": (
                    row.passport_expires_on.isoformat() if row.passport_expires_on else ""
                ),
                "note": row.note,
            }
            for row in rows
        ]
    }


@hooks.register(hooks.SEARCH_PROVIDERS)
def mission_search_providers() -> list[SearchProvider]:
    return [
        SearchProvider(
            Mission._meta.verbose_name_plural,
            Mission.objects.visible_to,
            order=60,
            model=Mission,
            fields=("purpose", "report"),
        )
    ]


@hooks.register(hooks.CALENDAR_EVENTS)
def mission_events(user: Any, since: dt.date) -> list[CalendarEvent]:
    """The missions the user takes part in or organises, as all-day events from the
    departure to the return (the end is exclusive); the uid starts with "mission-" and
    the category is "Mission"."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [
        CalendarEvent(
            uid=f"{MISSION_UID}{mission.pk}@maillage",
            title=str(_("Mission: %(title)s") % {"title": mission.title}),
            start=mission.departure_on,
            end=mission.return_on + dt.timedelta(days=1),
            url=mission.get_absolute_url(),
            description=f"{mission.city} — {mission.get_status_display()}",
            categories=(str(_("Mission")),),
        )
        for mission in missions_of_user(user=user, since=since)
    ]


@hooks.register(hooks.TEAM_EVENTS)
def mission_team_events(viewer: Any, since: dt.date, until: dt.date) -> list[TeamEvent]:
    """Each participant of each mission under way between `since` and `until` that the
    viewer may see, departure to return: the team app keeps those who are its staff."""
    if not getattr(viewer, "is_authenticated", False):
        return []
    return [
        TeamEvent(
            uid=f"{MISSION_UID}{mission.pk}-{participant.pk}@maillage",
            kind="mission",
            label=_("Mission"),
            title=mission.title,
            start=mission.departure_on,
            end=mission.return_on,
            person_id=participant.person_id,
            user_id=participant.user_id,
            url=mission.get_absolute_url(),
        )
        for mission in missions_between(viewer=viewer, since=since, until=until)
        for participant in mission.participants.all()
    ]


# Meetings and action items: their hooks are in hooks_meetings (G2).
from maillage.missions import hooks_meetings  # noqa: E402, F401
