"""iCalendar (RFC 5545) for meetings: the invitation a meeting's page offers and its
email carries (writer), and an .ics file a user uploads to create or update a meeting
(reader).

The writer keeps the meeting's own time zone (`DTSTART;TZID=Africa/Casablanca:…`) with
the zone's VTIMEZONE, built from the tz database by `icalendar` as the calendar feed's
(reporting) is, so a calendar program shows it at the right hour wherever its reader
is. The reader takes untrusted bytes: a size limit, one VEVENT, each required property
checked and every refusal naming the property; it never fetches anything (an
`ATTACH` or `TZURL` is ignored).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from maillage.core.text import TEXT

MAX_ICS_BYTES = 256 * 1024
FIELD = "file"  # the upload form's field, named by every refusal


def meeting_calendar(
    meeting: Any,
    invitees: Iterable[Any] = (),
    *,
    base_url: str = "",
    method: str = "PUBLISH",
    organiser_email: str = "",
) -> bytes:
    """The meeting as an iCalendar document: one VEVENT in the meeting's time zone,
    with its VTIMEZONE; invitees with an email are ATTENDEEs (an emailed invitation is
    `method="REQUEST"`)."""
    tz_name = meeting.timezone or settings.TIME_ZONE
    zone = zoneinfo.ZoneInfo(tz_name)
    calendar = Calendar()
    calendar.add("prodid", "-//Maillage//Meetings//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add_component(Timezone.from_tzid(tz_name))
    event = Event()
    event.add("uid", meeting.uid)
    event.add("dtstamp", timezone.now())
    # The version makes a re-sent invitation replace the one calendars already hold.
    event.add("sequence", getattr(meeting, "version", 0))
    event.add("summary", meeting.title)
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    location = meeting.place or meeting.video_url
    if location:
        event.add("location", location)
    if meeting.video_url:
        event.add("url", meeting.video_url)
    elif base_url:
        event.add("url", f"{base_url}{meeting.get_absolute_url()}")
    if meeting.agenda:
        event.add("description", meeting.agenda)
    event.add("categories", [str(meeting.get_kind_display())])
    if organiser_email:
        organiser = vCalAddress(f"mailto:{organiser_email}")
        organiser.params["cn"] = vText(str(getattr(meeting, "organiser", "") or organiser_email))
        event.add("organizer", organiser)
    for invitee in invitees:
        email = invitee.email
        if not email:
            continue
        attendee = vCalAddress(f"mailto:{email}")
        attendee.params["cn"] = vText(str(invitee))
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText(PARTSTAT.get(invitee.attendance, "NEEDS-ACTION"))
        event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    return calendar.to_ical()


PARTSTAT = {
    "invited": "NEEDS-ACTION",
    "attending": "ACCEPTED",
    "excused": "DECLINED",
    "present": "ACCEPTED",
    "absent": "DECLINED",
}


@dataclass(frozen=True)
class ParsedEvent:
    """What an uploaded .ics says of a meeting, ready for MeetingService."""

    uid: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    timezone: str
    place: str = ""
    video_url: str = ""
    agenda: str = ""

    def data(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "starts_at": self.starts_at,
            "ends_at": self.ends_at,
            "timezone": self.timezone,
            "place": self.place,
            "video_url": self.video_url,
            "agenda": self.agenda,
        }


def _refuse(message: str) -> ValidationError:
    return ValidationError({FIELD: [message]}, code="ics")


def _instant(event: Any, name: str, default_tz: str) -> tuple[dt.datetime, str]:
    """An aware instant and its IANA zone, from DTSTART or DTEND."""
    prop = event.get(name)
    try:
        value = prop.dt if prop is not None else None
    except Exception:  # any parse failure is the same refusal
        value = None
    if value is None:
        raise _refuse(_("The .ics has no valid %(property)s.") % {"property": name})
    if not isinstance(value, dt.datetime):
        raise _refuse(
            _("%(property)s is a whole day: a meeting needs a start and end time.")
            % {"property": name}
        )
    if not 1900 <= value.year <= 2200:
        raise _refuse(_("%(property)s is out of range.") % {"property": name})
    if value.tzinfo is None:  # a floating time: read in the site's time zone
        zone_name = default_tz
        return value.replace(tzinfo=zoneinfo.ZoneInfo(zone_name)), zone_name
    key = getattr(value.tzinfo, "key", None) or str(prop.params.get("TZID", ""))
    if key in zoneinfo.available_timezones():
        return value.astimezone(zoneinfo.ZoneInfo(key)), key
    # UTC ("Z") or a zone the tz database does not know by that name (a Windows name):
    # the instant is kept, shown in the site's time zone.
    return value.astimezone(zoneinfo.ZoneInfo(default_tz)), default_tz


def read_ics(content: bytes, *, default_tz: str = "") -> ParsedEvent:
    """The one event of an uploaded .ics; ValidationError on `file`, naming the
    property, when it is too large, not iCalendar, or lacks what a meeting needs."""
    default_tz = default_tz or settings.TIME_ZONE
    if len(content) > MAX_ICS_BYTES:
        raise _refuse(
            _("The .ics is larger than %(size)s KB: export only the one meeting.")
            % {"size": MAX_ICS_BYTES // 1024}
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refuse(_("The .ics is not UTF-8 text.")) from None
    if "BEGIN:VCALENDAR" not in text.upper():
        raise _refuse(_("This is not an iCalendar file: BEGIN:VCALENDAR is missing."))
    try:
        calendar = Calendar.from_ical(text)
    except Exception as error:  # icalendar raises several kinds on bad input
        raise _refuse(
            _("The .ics could not be read (%(error)s).")
            % {"error": " ".join(str(error).split())[:200]}
        ) from None
    events = list(calendar.walk("VEVENT"))
    if len(events) != 1:
        raise _refuse(
            _("The .ics must hold exactly one VEVENT (it holds %(count)s).")
            % {"count": len(events)}
        )
    event = events[0]
    title = str(event.get("SUMMARY", "")).strip()
    if not title:
        raise _refuse(_("The .ics has no SUMMARY (the meeting's title)."))
    starts_at, zone_name = _instant(event, "DTSTART", default_tz)
    if event.get("DTEND") is not None:
        ends_at, _zone = _instant(event, "DTEND", default_tz)
    elif event.get("DURATION") is not None:
        try:
            ends_at = starts_at + event.decoded("DURATION")
        except Exception:
            raise _refuse(_("The .ics has no valid DURATION.")) from None
    else:
        raise _refuse(_("The .ics has neither DTEND nor DURATION."))
    if ends_at < starts_at:
        raise _refuse(_("DTEND comes before DTSTART."))
    url = str(event.get("URL", "") or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        url = ""
    return ParsedEvent(
        uid=str(event.get("UID", "")).strip()[:255],
        title=title[:200],
        starts_at=starts_at,
        ends_at=ends_at,
        timezone=zone_name,
        place=str(event.get("LOCATION", "") or "").strip()[:250],
        video_url=url[:500],
        agenda=str(event.get("DESCRIPTION", "") or "").strip()[:TEXT],
    )


def meeting_pk_from_uid(uid: str) -> int | None:
    """The meeting an uploaded event updates: one of our own UIDs, "meeting-12@maillage"."""
    if uid.startswith("meeting-") and uid.endswith("@maillage"):
        number = uid.removeprefix("meeting-").removesuffix("@maillage")
        if number.isdigit():
            return int(number)
    return None
