"""Writes of staff members, their assignments and their leave.

An assignment may not take one person's shares past 100 % on any day; leave may not
overlap another (not refused) leave of the same person; a leave is decided — approved or
refused — only by an administrator or the person's manager (`LeaveService.decide`, the
page's and the API's one door).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.services import ModelService
from maillage.team.models import Assignment, Leave, LeaveStatus, StaffMember

FAR_FUTURE = dt.date.max


class StaffMemberService(ModelService[StaffMember]):
    model = StaffMember


def peak_share(
    rows: list[tuple[int, dt.date, dt.date | None]], start: dt.date, end: dt.date | None
) -> int:
    """The highest sum of shares on any day of `start`…`end` (None: open-ended), for
    rows (share, from, to) that may overlap it. The peak falls on the start of the
    period or of one of the rows, so only those days are counted."""
    last = end or FAR_FUTURE
    days = {start} | {row_start for _s, row_start, _e in rows if start <= row_start <= last}
    peak = 0
    for day in days:
        total = sum(
            share
            for share, row_start, row_end in rows
            if row_start <= day and (row_end is None or day <= row_end)
        )
        peak = max(peak, total)
    return peak


class AssignmentService(ModelService[Assignment]):
    """One person's shares of time add up to 100 % at most, whatever the day."""

    model = Assignment

    @classmethod
    def validate(
        cls, obj: Assignment, *, by: Any, before: Assignment | None, related: dict[str, Any]
    ) -> None:
        if not obj.staff_id or obj.share is None or obj.start_on is None:
            return
        if obj.end_on is not None and obj.end_on < obj.start_on:
            return  # the model's own message says it
        others = Assignment.objects.filter(staff_id=obj.staff_id).exclude(pk=obj.pk)
        others = others.filter(Q(end_on__isnull=True) | Q(end_on__gte=obj.start_on))
        if obj.end_on is not None:
            others = others.filter(start_on__lte=obj.end_on)
        rows = [(obj.share, obj.start_on, obj.end_on)]
        rows += list(others.values_list("share", "start_on", "end_on"))
        peak = peak_share(rows, obj.start_on, obj.end_on)
        if peak > 100:
            raise ValidationError(
                {
                    "share": _(
                        "With this assignment %(person)s would be assigned %(total)s %% of "
                        "their time over these dates: the shares may not exceed 100 %%."
                    )
                    % {"person": obj.staff, "total": peak}
                }
            )


class LeaveService(ModelService[Leave]):
    """Leave of one person never overlaps another of their leave still standing."""

    model = Leave
    # Decided only through `decide`, whatever the door.
    protected_fields = ModelService.protected_fields | {"status", "decided_by", "decided_at"}

    @classmethod
    def validate(
        cls, obj: Leave, *, by: Any, before: Leave | None, related: dict[str, Any]
    ) -> None:
        if not obj.staff_id or obj.start_on is None or obj.end_on is None:
            return
        if obj.end_on < obj.start_on:
            return  # the model's own message says it
        clash = (
            Leave.objects.filter(
                staff_id=obj.staff_id, start_on__lte=obj.end_on, end_on__gte=obj.start_on
            )
            .exclude(pk=obj.pk)
            .exclude(status=LeaveStatus.REFUSED)
            .order_by("start_on")
            .first()
        )
        if clash is not None:
            raise ValidationError(
                {
                    "start_on": _(
                        "This leave overlaps another leave of the same person (%(start)s to "
                        "%(end)s)."
                    )
                    % {
                        "start": clash.start_on.strftime("%d/%m/%Y"),
                        "end": clash.end_on.strftime("%d/%m/%Y"),
                    }
                }
            )

    @classmethod
    def prepare(cls, obj: Leave, *, by: Any, before: Leave | None) -> None:
        # Changed dates or kind after a decision: the leave is to be decided again.
        decided = before is not None and before.status != LeaveStatus.REQUESTED
        moved = before is not None and (before.start_on, before.end_on, before.kind) != (
            obj.start_on,
            obj.end_on,
            obj.kind,
        )
        if decided and moved:
            obj.status = LeaveStatus.REQUESTED
            obj.decided_by = None
            obj.decided_at = None

    @classmethod
    def may_decide(cls, leave: Leave, user: Any) -> bool:
        """Administrators, and the manager of the person on leave."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return False
        if getattr(user, "is_admin", False):
            return True
        return bool(leave.staff.manager_id and leave.staff.manager_id == user.pk)

    @classmethod
    def decide(cls, *, leave: Leave, status: str, by: Any, reason: str | None = None) -> Leave:
        """Approve or refuse a requested leave (or change one's mind); refused when the
        user may not decide (PermissionDenied) or the status is not a decision."""
        if not cls.may_decide(leave, by):
            raise PermissionDenied(_("Only an administrator or the manager decides on leave."))
        if status not in (LeaveStatus.APPROVED, LeaveStatus.REFUSED):
            raise ValidationError({"status": _("Choose approved or refused.")})
        with transaction.atomic():
            before = cls.lock(leave, None)
            leave.status = status
            leave.decided_by = by
            leave.decided_at = timezone.now()
            # An approval must not make two standing leaves overlap.
            cls.clean(leave, by=by, before=before, related={})
            cls.save(leave, by=by, reason=reason or status)
        return leave
