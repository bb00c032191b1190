"""A user's calendar feed: the dated events every app adds through the CALENDAR_EVENTS
hook (call deadlines, reports due; missions and meetings later), as iCalendar.

A timed event keeps its own time zone (`DTSTART;TZID=Europe/Paris:20270315T120000`) with
the zone's VTIMEZONE definition in the calendar, so that a calendar program shows it at
the right hour wherever its reader is; an all-day event is a date.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from icalendar import Calendar, Event, Timezone

from maillage.core import hooks
from maillage.core.hooks import CalendarEvent

PAST_DAYS = 90  # events this old stay in the feed (a calendar keeps what it was sent)


def events_for(user: Any, *, today: dt.date | None = None) -> list[CalendarEvent]:
    since = (today or timezone.localdate()) - dt.timedelta(days=PAST_DAYS)
    return hooks.collect(hooks.CALENDAR_EVENTS, user, since)


def ical(events: Iterable[CalendarEvent], *, name: str, base_url: str = "") -> bytes:
    """The events as an iCalendar document (RFC 5545)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Maillage//Calendar feed//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    zones: set[str] = set()
    stamp = timezone.now()
    built = []
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("summary", item.title)
        start = item.start
        if isinstance(start, dt.datetime):
            tz_name = item.tz or str(start.tzinfo)
            start = start.astimezone(zoneinfo.ZoneInfo(tz_name))
            zones.add(tz_name)
            event.add("dtstart", start)
            end = item.end or start
            event.add("dtend", end.astimezone(zoneinfo.ZoneInfo(tz_name)))
        else:
            event.add("dtstart", start)
            event.add("dtend", item.end or start + dt.timedelta(days=1))
        if item.url:
            event.add("url", f"{base_url}{item.url}")
        if item.description:
            event.add("description", item.description)
        if item.categories:
            event.add("categories", list(item.categories))
        built.append(event)
    # The zones' definitions first, as calendar programs expect them.
    for tz_name in sorted(zones):
        calendar.add_component(Timezone.from_tzid(tz_name))
    for event in built:
        calendar.add_component(event)
    return calendar.to_ical()
