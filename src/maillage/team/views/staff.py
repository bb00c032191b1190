"""Pages of staff members, their assignments and leave, the leave decision and the team
calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from maillage.core.crud import Column, CrudViews
from maillage.core.crud_children import ChildViews
from maillage.core.services import error_dict, today_for
from maillage.team.filters.staff import LeaveFilterSet, StaffMemberFilterSet
from maillage.team.forms.staff import (
    AssignmentForm,
    LeaveDecisionForm,
    LeaveForm,
    StaffMemberForm,
)
from maillage.team.models import Assignment, Leave, StaffMember
from maillage.team.selectors.staff import staff_detail, team_calendar
from maillage.team.services.staff import LeaveService


class StaffMemberViews(CrudViews):
    model = StaffMember
    form_class = StaffMemberForm
    filterset_class = StaffMemberFilterSet
    select_related = ("person", "employer")
    columns = (
        Column("person", link=True, sort="person__last_name"),
        Column("kind"),
        Column("post"),
        Column("employer", sort="employer__name"),
        Column("base_location"),
        Column("end_on"),
    )
    detail_fields = (
        "person",
        "user",
        "kind",
        "employer",
        "post",
        "base_location",
        "country",
        "manager",
        "start_on",
        "end_on",
        "renewable",
        "notes",
    )

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return staff_detail(staff=obj, today=today_for(user))


class AssignmentViews(ChildViews):
    parent = StaffMemberViews
    child_model = Assignment
    form_class = AssignmentForm
    parent_field = "staff"


class LeaveViews(CrudViews):
    model = Leave
    form_class = LeaveForm
    filterset_class = LeaveFilterSet
    select_related = ("staff__person", "decided_by")
    searchable = False
    columns = (
        Column("staff", link=True, sort="staff__person__last_name"),
        Column("kind"),
        Column("start_on"),
        Column("end_on"),
        Column("status"),
    )
    detail_fields = ("staff", "kind", "start_on", "end_on", "status", "decided_by", "note")
    initial_from_query = ("staff",)

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return {"may_decide": LeaveService.may_decide(obj, user)}


@login_required
def leave_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve or refuse a leave: administrators and the person's manager."""
    leave = get_object_or_404(LeaveViews.base_queryset(request.user), pk=pk)
    if not LeaveService.may_decide(leave, request.user):
        raise PermissionDenied(_("Only an administrator or the manager decides on leave."))
    form = LeaveDecisionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                LeaveService.decide(
                    leave=leave, status=form.cleaned_data["status"], by=request.user
                )
            except ValidationError as error:
                for messages_ in error_dict(error).values():
                    for message in messages_:
                        form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _("%(leave)s: %(status)s.")
                    % {"leave": leave, "status": leave.get_status_display()},
                )
                return redirect(leave.get_absolute_url())
        status = 422
    return render(request, "team/leave_decide.html", {"object": leave, "form": form}, status=status)


def _month(value: str, default: dt.date) -> dt.date:
    """ "2026-09" → 1 September 2026; anything else: the month of `default`."""
    try:
        year, month = (int(part) for part in value.split("-"))
        return dt.date(year, month, 1) if 1900 <= year <= 2200 else default.replace(day=1)
    except ValueError:
        return default.replace(day=1)


@login_required
def calendar_page(request: HttpRequest) -> HttpResponse:
    """The team calendar: a month of leave and travel (missions)."""
    if not getattr(request.user, "is_internal", False):
        raise PermissionDenied
    month = _month(request.GET.get("month", ""), today_for(request.user))
    context = team_calendar(user=request.user, month=month)
    return render(request, "team/calendar.html", context)
