"""Pages of meetings (with their invitees) and action items; the invitation download,
sending and .ics upload; the slot finder. Every page starts from `visible_to(user)`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.crud import Column, CrudViews
from maillage.core.crud_children import ChildViews
from maillage.core.deliveries import DeliveryFailed
from maillage.core.services import add_to_form, error_dict, today_for
from maillage.missions.filters.meetings import ActionItemFilterSet, MeetingFilterSet
from maillage.missions.forms.meetings import (
    ActionItemForm,
    InviteeForm,
    MeetingForm,
    MeetingUploadForm,
    SlotFinderForm,
)
from maillage.missions.invitations import meeting_calendar, meeting_pk_from_uid, read_ics
from maillage.missions.models import ActionItem, Invitee, Meeting
from maillage.missions.selectors.meetings import meeting_detail, meeting_participants, participants
from maillage.missions.services.meetings import MeetingService, send_invitations
from maillage.missions.slots import find_slots, week_start


def _local_start(meeting: Meeting) -> str:
    return meeting.starts_local.strftime("%d/%m/%Y %H:%M")


class MeetingViews(CrudViews):
    model = Meeting
    form_class = MeetingForm
    filterset_class = MeetingFilterSet
    select_related = ("group", "partnership")
    columns = (
        Column("title", link=True),
        Column("kind"),
        Column("starts_at", display=_local_start, value=lambda m: m.starts_local.isoformat()),
        Column("timezone"),
        Column("place"),
        Column("group", sort="group__name"),
    )
    detail_fields = (
        "kind",
        "timezone",
        "place",
        "video_url",
        "group",
        "partnership",
        "organiser",
    )

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return {
            **meeting_detail(meeting=obj, user=user, today=today_for(user)),
            "projects": list(obj.projects.visible_to(user).order_by("code")),
        }


class InviteeViews(ChildViews):
    parent = MeetingViews
    child_model = Invitee
    form_class = InviteeForm
    parent_field = "meeting"


class ActionItemViews(CrudViews):
    model = ActionItem
    form_class = ActionItemForm
    filterset_class = ActionItemFilterSet
    select_related = ("owner_user", "owner_person", "meeting", "mission")
    columns = (
        Column("title", link=True),
        Column("owner_user", sort="owner_user__username"),
        Column("owner_person", sort="owner_person__last_name"),
        Column("due_on"),
        Column("status"),
        Column("meeting", sort="meeting__starts_at"),
    )
    detail_fields = (
        "description",
        "owner_user",
        "owner_person",
        "due_on",
        "status",
        "done_on",
        "meeting",
        "mission",
    )
    # "Add an action item" from a meeting's or a mission's page starts from it.
    initial_from_query = ("meeting", "mission")


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    return get_object_or_404(MeetingViews.base_queryset(request.user), pk=pk)


def _filename(meeting: Meeting) -> str:
    return f"{slugify(meeting.title)[:60] or 'meeting'}-{meeting.starts_local:%Y%m%d}.ics"


@login_required
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting's invitation, for a calendar program (in its own time zone)."""
    meeting = _meeting(request, pk)
    invitees = Invitee.objects.filter(meeting=meeting).select_related("person", "organisation")
    if not request.user.is_internal:  # type: ignore[union-attr]  # signed in
        invitees = invitees.filter(person__user=request.user)
    body = meeting_calendar(meeting, invitees, base_url=request.build_absolute_uri("/")[:-1])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(meeting)}"'
    return response


@login_required
@require_POST
def meeting_send(request: HttpRequest, pk: int) -> HttpResponse:
    """Email the invitation to the invitees who have not received it for this time."""
    meeting = _meeting(request, pk)
    if not MeetingViews.may_change(meeting, request.user):
        raise PermissionDenied(_("Your role does not allow changes here."))
    try:
        sent = send_invitations(
            meeting=meeting, by=request.user, base_url=request.build_absolute_uri("/")[:-1]
        )
    except DeliveryFailed:
        messages.error(request, _("The mail server refused the invitation: try again later."))
    else:
        if sent:
            messages.success(
                request,
                _("Invitation sent to %(names)s.") % {"names": ", ".join(str(i) for i in sent)},
            )
        else:
            messages.info(request, _("Every invitee with an email address already has it."))
    return redirect(meeting.get_absolute_url())


@login_required
def meeting_upload(request: HttpRequest) -> HttpResponse:
    """Create a meeting from an .ics, or update the meeting it was exported from."""
    if not MeetingViews.may_write(request.user):
        raise PermissionDenied(_("Your role does not allow changes here."))
    form = MeetingUploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                event = read_ics(form.cleaned_data["file"])
                existing = None
                pk = meeting_pk_from_uid(event.uid)
                if pk is not None:
                    existing = MeetingViews.base_queryset(request.user).filter(pk=pk).first()
                if existing is not None:
                    meeting = MeetingService.update(
                        obj=existing, data=event.data(), by=request.user, reason="ics"
                    )
                    messages.success(request, _("%(name)s saved.") % {"name": meeting})
                else:
                    meeting = MeetingService.create(
                        data=event.data(), by=request.user, reason="ics"
                    )
                    messages.success(request, _("%(name)s created.") % {"name": meeting})
            except ValidationError as error:
                errors = error_dict(error)
                if "file" not in errors:
                    # A refusal of the meeting itself (its end before its start…): named
                    # by the meeting's field, on the file the values came from.
                    error = ValidationError(
                        {"file": [f"{name}: {m}" for name, ms in errors.items() for m in ms]}
                    )
                add_to_form(form, error)
            else:
                return redirect(meeting.get_absolute_url())
    return render(request, "missions/meeting_upload.html", {"form": form}, status=status)


@login_required
def slot_finder(request: HttpRequest) -> HttpResponse:
    """The best slots of a week for the chosen people (or a meeting's invitees), each
    inside everyone's working hours, with each one's local time."""
    user: Any = request.user
    if not user.is_internal:
        # The staff's tool: it names every invitee and their hours.
        raise PermissionDenied
    meeting = None
    initial: dict[str, Any] = {"week": week_start(today_for(user) + dt.timedelta(days=7))}
    if request.GET.get("meeting", "").isdigit():
        meeting = _meeting(request, int(request.GET["meeting"]))
        initial["timezone"] = meeting.timezone
        initial["week"] = week_start(meeting.starts_local.date())
    data = request.GET if "week" in request.GET else None
    form = SlotFinderForm(data, initial=initial, user=user, meeting=meeting)
    slots: list[Any] = []
    who: list[Any] = []
    if meeting is not None and (data is None or form.is_valid()):
        who = meeting_participants(meeting)
    elif form.is_bound and form.is_valid():
        people = form.cleaned_data["people"].select_related("user")
        who = participants(people, form.cleaned_data["users"])
    if who:
        week = form.cleaned_data["week"] if form.is_bound and form.is_valid() else initial["week"]
        duration = form.cleaned_data.get("duration", 60) if form.is_bound else 60
        step = form.cleaned_data.get("step", 30) if form.is_bound else 30
        tz = (form.cleaned_data.get("timezone") if form.is_bound else "") or (
            meeting.timezone if meeting else user.timezone or settings.TIME_ZONE
        )
        slots = find_slots(
            who,
            monday=week,
            duration=dt.timedelta(minutes=duration),
            step=dt.timedelta(minutes=step),
            tz=tz,
        )
    context = {"form": form, "meeting": meeting, "participants": who, "slots": slots}
    return render(request, "missions/meeting_slots.html", context)
