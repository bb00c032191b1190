"""Writes of meetings, their invitees and action items; invitations sent by email.

A working group's meeting invites the group's members (when it is created or its group
changes). `invitees`, when given whole (the API), replaces the list: rows of the same
person or organisation keep their attendance unless the row says otherwise. A meeting
outside an invitee's working hours is saved: the pages show a warning
(selectors.meetings.outside_working_hours), it is not a refusal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core.deliveries import deliver
from maillage.core.services import ModelService, changed, today_for
from maillage.missions.invitations import meeting_calendar
from maillage.missions.models.meetings import (
    ActionItem,
    ActionStatus,
    Invitee,
    Meeting,
)

INVITEES = "invitees"
INVITEE_FIELDS = ("person", "organisation", "attendance", "note")
# Deliveries (core.deliveries) of invitations: their keys start with this.
KEY_PREFIX = "missions.invitation:"


class MeetingService(ModelService[Meeting]):
    """Meetings: a working group's members are invited; `invitees` replaces the list."""

    model = Meeting

    @classmethod
    def validate(
        cls, obj: Meeting, *, by: Any, before: Meeting | None, related: dict[str, Any]
    ) -> None:
        rows = related.get(INVITEES)
        if rows is None:
            return
        seen: set[tuple[str, int]] = set()
        for index, row in enumerate(rows, start=1):
            person, organisation = row.get("person"), row.get("organisation")
            if bool(person) == bool(organisation):
                raise ValidationError(
                    {
                        INVITEES: _("Invitee %(n)s: choose either a person or an organisation.")
                        % {"n": index}
                    }
                )
            key = ("person", person.pk) if person else ("organisation", organisation.pk)
            if key in seen:
                raise ValidationError(
                    {INVITEES: _("Invitee %(n)s is listed twice.") % {"n": index}}
                )
            seen.add(key)

    @classmethod
    def save_related(cls, obj: Meeting, related: dict[str, Any], *, by: Any) -> None:
        rows = related.pop(INVITEES, None)
        super().save_related(obj, related, by=by)
        if rows is not None:
            set_invitees(obj, rows, by=by)

    @classmethod
    def after_save(cls, obj: Meeting, *, by: Any, before: Meeting | None) -> None:
        if obj.group_id and (before is None or changed(before, obj, "group")):
            invite_group_members(obj, by=by)


def invite_group_members(meeting: Meeting, *, by: Any) -> list[Invitee]:
    """Invite the members of the meeting's group who are not invited yet."""
    from maillage.actors.models import GroupMember

    invited_people = set(meeting.invitees.values_list("person_id", flat=True))
    invited_orgs = set(meeting.invitees.values_list("organisation_id", flat=True))
    members = GroupMember.objects.filter(group=meeting.group).order_by("pk")
    created = []
    data: dict[str, Any]
    for member in members:
        if member.person_id and member.person_id not in invited_people:
            data = {"meeting": meeting, "person": member.person}
        elif member.organisation_id and member.organisation_id not in invited_orgs:
            data = {"meeting": meeting, "organisation": member.organisation}
        else:
            continue
        created.append(InviteeService.create(data=data, by=by, reason="group"))
    return created


def set_invitees(meeting: Meeting, rows: Iterable[Mapping[str, Any]], *, by: Any) -> None:
    """Make the meeting's invitees `rows` (checked by MeetingService.validate)."""
    current = {
        (("person", i.person_id) if i.person_id else ("organisation", i.organisation_id)): i
        for i in Invitee.objects.filter(meeting=meeting)
    }
    kept = set()
    for row in rows:
        person, organisation = row.get("person"), row.get("organisation")
        key = ("person", person.pk) if person else ("organisation", getattr(organisation, "pk", 0))
        kept.add(key)
        data = {name: row[name] for name in INVITEE_FIELDS if name in row}
        if key in current:
            InviteeService.update(obj=current[key], data=data, by=by)
        else:
            InviteeService.create(data={**data, "meeting": meeting}, by=by)
    for key, invitee in current.items():
        if key not in kept:
            InviteeService.delete(obj=invitee, by=by)


class InviteeService(ModelService[Invitee]):
    model = Invitee


class ActionItemService(ModelService[ActionItem]):
    """Action items: marked done on a date (today unless said), open again without."""

    model = ActionItem

    @classmethod
    def prepare(cls, obj: ActionItem, *, by: Any, before: ActionItem | None) -> None:
        if obj.status == ActionStatus.DONE and obj.done_on is None:
            obj.done_on = today_for(by)
        elif obj.status == ActionStatus.OPEN:
            obj.done_on = None


def invitation_key(meeting: Meeting, invitee: Invitee) -> str:
    # The time as it stands: a meeting moved to another time is sent again.
    return f"{KEY_PREFIX}{meeting.pk}:{invitee.pk}:{meeting.starts_at:%Y%m%dT%H%M%z}"


def send_invitations(
    *, meeting: Meeting, by: Any, now: dt.datetime | None = None, base_url: str = ""
) -> list[Invitee]:
    """Email the invitation (.ics attached) to every invitee with an email address,
    once per invitee and meeting time (core.deliveries); the invitees it went to.
    `DeliveryFailed` (the mail server refused) leaves the rest to a later attempt."""
    now = now or timezone.now()
    invitees = list(
        Invitee.objects.filter(meeting=meeting).select_related("person__user", "organisation")
    )
    organiser = meeting.organiser
    sender_email = getattr(organiser, "email", "") or getattr(by, "email", "")
    sent = []
    for invitee in invitees:
        email = invitee.email
        if not email or (invitee.person_id and invitee.person.do_not_contact):
            continue
        # A delivery's recipient is an account: the invitee's own, else who sent it.
        recipient = getattr(invitee.person, "user", None) or by

        def send(keys: list[str], invitee: Invitee = invitee, email: str = email) -> None:
            _send_one(meeting, invitee, email, base_url=base_url, organiser_email=sender_email)

        if deliver([invitation_key(meeting, invitee)], recipient=recipient, now=now, send=send):
            sent.append(invitee)
    return sent


def _send_one(
    meeting: Meeting, invitee: Invitee, email: str, *, base_url: str, organiser_email: str
) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        local = meeting.starts_local
        subject = _("Invitation: %(title)s, %(date)s") % {
            "title": meeting.title,
            "date": local.strftime("%d/%m/%Y %H:%M"),
        }
        lines = [
            _("You are invited to “%(title)s”.") % {"title": meeting.title},
            _("When: %(start)s – %(end)s (%(tz)s)")
            % {
                "start": local.strftime("%d/%m/%Y %H:%M"),
                "end": meeting.ends_local.strftime("%H:%M"),
                "tz": meeting.timezone,
            },
        ]
        if meeting.place:
            lines.append(_("Where: %(place)s") % {"place": meeting.place})
        if meeting.video_url:
            lines.append(_("Video link: %(url)s") % {"url": meeting.video_url})
        if meeting.agenda:
            lines += ["", _("Agenda:"), meeting.agenda]
        lines += ["", _("The invitation is attached for your calendar.")]
    message = EmailMessage(subject=subject, body="\n".join(lines), to=[email])
    ics = meeting_calendar(
        meeting, [invitee], base_url=base_url, method="REQUEST", organiser_email=organiser_email
    )
    message.attach("invitation.ics", ics, "text/calendar; method=REQUEST; charset=UTF-8")
    message.send()
