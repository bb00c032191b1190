"""Reads of meetings and action items: a meeting's page, who is outside their working
hours, the slot finder's participants, the home page's action items, a person's
meetings, the calendar feed's meetings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from maillage.accounts.working_hours import parse_days
from maillage.core.access import hide_unseen
from maillage.missions.models.meetings import ActionItem, Invitee, Meeting
from maillage.missions.slots import Participant, outside_hours

HOME_ROWS = 10


def person_participant(person: Any) -> Participant:
    """A contact's working hours, in their time zone (else their account's, else the
    site's)."""
    user = getattr(person, "user", None) if person.user_id else None
    tz = person.timezone or getattr(user, "timezone", "") or settings.TIME_ZONE
    return Participant(
        name=str(person),
        tz=tz,
        start=person.working_hours_start,
        end=person.working_hours_end,
        days=parse_days(person.working_days),
        key=f"person-{person.pk}",
    )


def user_participant(user: Any) -> Participant:
    return Participant(
        name=str(user),
        tz=user.timezone or settings.TIME_ZONE,
        start=user.working_hours_start,
        end=user.working_hours_end,
        days=parse_days(user.working_days),
        key=f"user-{user.pk}",
    )


def participants(people: Iterable[Any] = (), users: Iterable[Any] = ()) -> list[Participant]:
    """People and users as slot-finder participants, each once (a person whose account
    is also listed counts once, with the person's hours)."""
    found: list[Participant] = []
    accounts = set()
    for person in people:
        found.append(person_participant(person))
        if person.user_id:
            accounts.add(person.user_id)
    found += [user_participant(u) for u in users if u.pk not in accounts]
    return found


def meeting_participants(meeting: Meeting) -> list[Participant]:
    """The meeting's invited people (organisations have no hours) and its organiser."""
    invitees = (
        Invitee.objects.filter(meeting=meeting, person__isnull=False)
        .exclude(attendance__in=["excused", "absent"])
        .select_related("person__user")
        .order_by("pk")
    )
    organiser = [meeting.organiser] if meeting.organiser_id else []
    return participants([i.person for i in invitees], organiser)


def outside_working_hours(meeting: Meeting) -> list[Participant]:
    """Who would meet outside their working hours or days: a warning on the meeting's
    form and page, never a refusal."""
    if not meeting.pk or not meeting.starts_at or not meeting.ends_at:
        return []
    return outside_hours(meeting_participants(meeting), meeting.starts_at, meeting.ends_at)


def meeting_detail(*, meeting: Meeting, user: Any, today: dt.date) -> dict[str, Any]:
    invitees = list(
        Invitee.objects.filter(meeting=meeting)
        .select_related("person", "organisation")
        .order_by("pk")
    )
    hide_unseen(user, invitees, "person", "organisation")  # a partner reads only its own
    actions = list(
        ActionItem.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("owner_user", "owner_person")
        .order_by("due_on", "pk")
    )
    return {
        "invitees": invitees,
        "action_items": actions,
        # Whose hours they are names people: only for the staff, who see them all.
        "outside_hours": outside_working_hours(meeting) if user.is_internal else [],
        "today": today,
    }


def action_items_of(user: Any) -> QuerySet[ActionItem]:
    """The open action items the user owns (as an account or as the person it is)."""
    return (
        ActionItem.objects.visible_to(user)
        .owned_by(user)
        .open()
        .select_related("meeting", "mission")
        .order_by("due_on", "pk")
    )


def home_action_items(*, user: Any, today: dt.date) -> dict[str, Any]:
    """The user's open action items, overdue first: they stay until marked done."""
    items = list(action_items_of(user)[: HOME_ROWS + 1])
    return {
        "items": [(item, item.is_overdue(today)) for item in items[:HOME_ROWS]],
        "more": len(items) > HOME_ROWS,
        "today": today,
    }


def meetings_of_person(*, person: Any, user: Any) -> QuerySet[Meeting]:
    return (
        Meeting.objects.visible_to(user)
        .filter(invitees__person=person)
        .distinct()
        .order_by("-starts_at", "pk")
    )


def meetings_of_user(*, user: Any, since: dt.date) -> QuerySet[Meeting]:
    """The meetings the user organises or is invited to (as its person), from `since`."""
    start = dt.datetime.combine(since, dt.time(0), tzinfo=dt.UTC)
    mine = Q(organiser=user) | Q(invitees__person__user=user)
    return (
        Meeting.objects.visible_to(user)
        .filter(mine, ends_at__gte=start)
        .distinct()
        .order_by("starts_at", "pk")
    )
