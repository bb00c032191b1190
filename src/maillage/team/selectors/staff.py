"""Reads of staff, their assignments and leave: a staff member's page, contracts coming
to an end, the team calendar (leave and travel), a person's GDPR rows."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from maillage.core import hooks
from maillage.team.models import (
    CONTRACT_NOTICE_DAYS,
    Assignment,
    Leave,
    LeaveStatus,
    StaffMember,
)

LEAVE_UID = "leave-"


def staff_detail(*, staff: StaffMember, today: dt.date) -> dict[str, Any]:
    assignments = list(
        Assignment.objects.filter(staff=staff).select_related("project").order_by("start_on")
    )
    current = [
        a for a in assignments if a.start_on <= today and (a.end_on is None or today <= a.end_on)
    ]
    return {
        "assignments": assignments,
        "current_share": sum(a.share for a in current),
        "leaves": list(Leave.objects.filter(staff=staff).order_by("-start_on", "pk")),
        "contract_ends_soon": staff.contract_ends_soon(today),
        "today": today,
    }


def contracts_ending(
    *, user: Any, today: dt.date, days: int = CONTRACT_NOTICE_DAYS
) -> list[StaffMember]:
    """The contracts ending within `days` days of `today`, soonest first."""
    return list(
        StaffMember.objects.visible_to(user)
        .contract_ending(today, days)
        .select_related("person")
        .order_by("end_on", "pk")
    )


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


@dataclass(frozen=True)
class CalendarRow:
    """A line of the team calendar: a leave or a staff member's trip (a mission of the
    missions app)."""

    kind: str  # "leave", or a TeamEvent's kind ("mission")
    label: str
    title: str
    start: dt.date
    end: dt.date
    url: str = ""
    status: str = ""
    tentative: bool = False


class _StaffIndex:
    """The staff records of the events' people, found by person and by user account (its
    own, or its person's), so that each event costs a lookup, not a scan."""

    def __init__(self, staff: list[StaffMember]) -> None:
        self.by_person: dict[int | None, list[StaffMember]] = {}
        self.by_user: dict[int | None, list[StaffMember]] = {}
        for member in staff:
            self.by_person.setdefault(member.person_id, []).append(member)
            for user_id in {member.user_id, member.person.user_id} - {None}:
                self.by_user.setdefault(user_id, []).append(member)

    def on(self, event: hooks.TeamEvent) -> list[StaffMember]:
        """The records the event concerns (its person, its user or the user's person)
        under contract on some day of it, one per person."""
        candidates = [
            *(self.by_person.get(event.person_id, []) if event.person_id else []),
            *(self.by_user.get(event.user_id, []) if event.user_id else []),
        ]
        found: dict[int | None, StaffMember] = {}
        for member in candidates:
            if (member.start_on is None or member.start_on <= event.end) and (
                member.end_on is None or member.end_on >= event.start
            ):
                found.setdefault(member.person_id, member)
        return list(found.values())


def travel_rows(*, user: Any, first: dt.date, last: dt.date) -> list[CalendarRow]:
    """The staff's travel of the month, from the TEAM_EVENTS hook (the missions app
    registers every participant of the missions `user` may see; the team app never names
    it, a sibling): one row per staff member away, whoever views the calendar. One query
    for the staff, whatever the number of events."""
    events = [
        event
        for event in hooks.collect(hooks.TEAM_EVENTS, user, first, last)
        if event.start <= last and event.end >= first
    ]
    person_ids = {e.person_id for e in events if e.person_id is not None}
    user_ids = {e.user_id for e in events if e.user_id is not None}
    if not person_ids and not user_ids:
        return []
    staff = _StaffIndex(
        list(
            StaffMember.objects.visible_to(user)
            .filter(
                Q(person_id__in=person_ids)
                | Q(user_id__in=user_ids)
                | Q(person__user_id__in=user_ids)
            )
            .select_related("person")
            .order_by("pk")
        )
    )
    rows: dict[tuple[Any, ...], CalendarRow] = {}
    for event in events:
        for member in staff.on(event):
            key = (event.kind, event.url, event.start, event.end, member.person_id)
            rows.setdefault(
                key,
                CalendarRow(
                    kind=event.kind,
                    label=event.label,
                    title=f"{member.person} — {event.title}",
                    start=event.start,
                    end=event.end,
                    url=event.url,
                ),
            )
    return list(rows.values())


def leave_rows(*, user: Any, first: dt.date, last: dt.date) -> list[CalendarRow]:
    """Everyone's leave of the month that stands (requested or approved)."""
    leaves = (
        Leave.objects.visible_to(user)
        .filter(staff__deleted_at__isnull=True, start_on__lte=last, end_on__gte=first)
        .exclude(status=LeaveStatus.REFUSED)
        .select_related("staff__person")
    )
    return [
        CalendarRow(
            kind="leave",
            label=_("Leave"),
            title=f"{leave.staff} — {leave.get_kind_display()}",
            start=leave.start_on,
            end=leave.end_on,
            url=leave.get_absolute_url(),
            status=leave.get_status_display(),
            tentative=leave.status == LeaveStatus.REQUESTED,
        )
        for leave in leaves
    ]


def team_calendar(*, user: Any, month: dt.date) -> dict[str, Any]:
    """The month's leave and travel, in date order, with the months around it."""
    first, last = month_bounds(month)
    rows = leave_rows(user=user, first=first, last=last)
    rows += travel_rows(user=user, first=first, last=last)
    rows.sort(key=lambda row: (row.start, row.end, row.kind, row.title))
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = last + dt.timedelta(days=1)
    return {
        "month": first,
        "rows": rows,
        "previous": previous,
        "following": following,
    }


def own_leave(*, user: Any, since: dt.date) -> QuerySet[Leave]:
    """The approved leave of the user's own staff records, from `since` on."""
    return (
        Leave.objects.visible_to(user)
        .filter(
            staff__user=user,
            staff__deleted_at__isnull=True,
            status=LeaveStatus.APPROVED,
            end_on__gte=since,
        )
        .select_related("staff__person")
        .order_by("start_on", "pk")
    )


def staff_export(*, person: Any) -> dict[str, list[dict[str, Any]]]:
    """A person's staff records, assignments and leave (GDPR access export), the trash
    included."""
    staff = list(StaffMember.all_objects.filter(person=person).select_related("employer"))
    assignments = Assignment.objects.filter(staff__in=staff).select_related("project")
    leaves = Leave.all_objects.filter(staff__in=staff).order_by("start_on", "pk")
    return {
        "staff_records": [
            {
                "kind": s.kind,
                "post": s.post,
                "employer": str(s.employer) if s.employer_id else None,
                "base_location": s.base_location,
                "country": s.country,
                "start_on": s.start_on,
                "end_on": s.end_on,
                "renewable": s.renewable,
                "notes": s.notes,
            }
            for s in staff
        ],
        "staff_assignments": [
            {
                "project": str(a.project),
                "share": a.share,
                "start_on": a.start_on,
                "end_on": a.end_on,
            }
            for a in assignments
        ],
        "leave": [
            {
                "kind": leave.kind,
                "start_on": leave.start_on,
                "end_on": leave.end_on,
                "status": leave.status,
                "note": leave.note,
            }
            for leave in leaves
        ],
    }
