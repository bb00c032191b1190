"""Pages of missions and their rows; the status, approval, checklist and pre-departure
sheet pages. Every page starts from `Mission.objects.visible_to(user)`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from maillage.accounts.models import Role
from maillage.core.concurrency import VersionConflict
from maillage.core.crud import Column, CrudViews
from maillage.core.crud_children import ChildViews
from maillage.core.services import add_to_form, error_dict
from maillage.missions.filters.missions import (
    MissionApproverFilterSet,
    MissionFilterSet,
    PerDiemRateFilterSet,
)
from maillage.missions.forms.missions import (
    AgendaItemForm,
    ApprovalDecisionForm,
    ChecklistFormSet,
    EmergencyContactForm,
    ItineraryLegForm,
    MissionApproverForm,
    MissionCostForm,
    MissionFollowUpForm,
    MissionForm,
    MissionParticipantForm,
    MissionStatusForm,
    PerDiemRateForm,
)
from maillage.missions.models import (
    AgendaItem,
    ChecklistEntry,
    EmergencyContact,
    ItineraryLeg,
    Mission,
    MissionApprover,
    MissionCost,
    MissionFollowUp,
    MissionParticipant,
    PerDiemRate,
)
from maillage.missions.selectors.missions import mission_detail
from maillage.missions.services.missions import MissionService
from maillage.missions.sheets import render_sheet

ADMINS = frozenset({Role.ADMIN})


class MissionViews(CrudViews):
    model = Mission
    form_class = MissionForm
    filterset_class = MissionFilterSet
    select_related = ("partnership",)
    columns = (
        Column("title", link=True),
        Column("direction"),
        Column("status"),
        Column("departure_on"),
        Column("return_on"),
        Column("city"),
        Column("country"),
        Column("risk_level"),
    )
    detail_fields = (
        "direction",
        "purpose",
        "partnership",
        "organiser",
        "departure_on",
        "return_on",
        "country",
        "city",
        "timezone",
        "risk_level",
        "risk_assessed_on",
        "risk_source",
        "report",
        "decisions",
    )
    initial_from_query = ("partnership",)

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return {
            **mission_detail(mission=obj, user=user),
            "projects": list(obj.projects.visible_to(user).order_by("code", "pk")),
        }


class _MissionRowViews(ChildViews):
    parent = MissionViews
    parent_field = "mission"


class MissionParticipantViews(_MissionRowViews):
    child_model = MissionParticipant
    form_class = MissionParticipantForm
    route_name = "participant"


class ItineraryLegViews(_MissionRowViews):
    child_model = ItineraryLeg
    form_class = ItineraryLegForm
    route_name = "leg"


class AgendaItemViews(_MissionRowViews):
    child_model = AgendaItem
    form_class = AgendaItemForm
    route_name = "agendaitem"


class EmergencyContactViews(_MissionRowViews):
    child_model = EmergencyContact
    form_class = EmergencyContactForm
    route_name = "contact"


class MissionCostViews(_MissionRowViews):
    child_model = MissionCost
    form_class = MissionCostForm
    route_name = "cost"


class MissionFollowUpViews(_MissionRowViews):
    child_model = MissionFollowUp
    form_class = MissionFollowUpForm
    route_name = "followup"


class PerDiemRateViews(CrudViews):
    """The per-diem rate table: staff read it, administrators write it."""

    model = PerDiemRate
    form_class = PerDiemRateForm
    filterset_class = PerDiemRateFilterSet
    write_roles = ADMINS
    searchable = False
    columns = (
        Column("country", link=True),
        Column("amount", money="currency"),
        Column("valid_from"),
        Column("source"),
    )
    detail_fields = ("country", "amount", "currency", "valid_from", "source")


class MissionApproverViews(CrudViews):
    """Who approves missions to orange or red zones: designated by administrators."""

    model = MissionApprover
    form_class = MissionApproverForm
    filterset_class = MissionApproverFilterSet
    write_roles = ADMINS
    searchable = False
    select_related = ("user",)
    columns = (Column("user", link=True, sort="user__username"), Column("note"))
    detail_fields = ("user", "note")


def _writable_mission(request: HttpRequest, pk: int) -> Mission:
    mission = get_object_or_404(MissionViews.base_queryset(request.user), pk=pk)
    if not MissionViews.may_change(mission, request.user):
        raise PermissionDenied(_("Your role does not allow changes here."))
    return mission


@login_required
def mission_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a mission (GET: the form; POST: the move through MissionService.move).
    Confirming a mission to an orange or red zone without approval is refused here as
    in the API."""
    mission = _writable_mission(request, pk)
    form = MissionStatusForm(request.POST or None, initial={"status": mission.status})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                MissionService.move(
                    mission=mission,
                    to=form.cleaned_data["status"],
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except VersionConflict:
                form.add_error(None, _("Someone changed this mission meanwhile: try again."))
            except ValidationError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s is now “%(status)s”.")
                    % {"name": mission, "status": mission.get_status_display()},
                )
                return redirect(mission.get_absolute_url())
        status = 422
    context = {"object": mission, "form": form}
    return render(request, "missions/mission_status.html", context, status=status)


@login_required
def mission_approval(request: HttpRequest, pk: int) -> HttpResponse:
    """An approver's decision on a mission awaiting approval (approved or refused, with
    the reason); anyone else is refused by the service."""
    mission = get_object_or_404(MissionViews.base_queryset(request.user), pk=pk)
    if not getattr(request.user, "is_internal", False):
        raise PermissionDenied(_("Your role does not allow changes here."))
    form = ApprovalDecisionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                MissionService.decide_approval(
                    mission=mission,
                    decision=form.cleaned_data["decision"],
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            except ValidationError as error:
                for field, msgs in error_dict(error).items():
                    for message in msgs:
                        form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(request, _("Decision recorded."))
                return redirect(mission.get_absolute_url())
        status = 422
    context = {"object": mission, "form": form}
    return render(request, "missions/mission_approval.html", context, status=status)


@login_required
def participant_checklist(request: HttpRequest, pk: int, child_pk: int) -> HttpResponse:
    """A participant's whole logistics checklist, edited at once."""
    mission = _writable_mission(request, pk)
    participant = get_object_or_404(MissionParticipant, pk=child_pk, mission=mission)
    entries = ChecklistEntry.objects.filter(participant=participant).order_by("pk")
    formset = ChecklistFormSet(request.POST or None, queryset=entries, prefix="checklist")
    status = 200
    if request.method == "POST":
        if formset.is_valid():
            from maillage.missions.services.mission_rows import ChecklistEntryService

            errors = False
            for form in formset.forms:
                if not form.has_changed():
                    continue
                try:
                    ChecklistEntryService.update(
                        obj=form.instance,
                        data={
                            "status": form.cleaned_data["status"],
                            "note": form.cleaned_data["note"],
                        },
                        by=request.user,
                    )
                except ValidationError as error:
                    add_to_form(form, error)
                    errors = True
            if not errors:
                messages.success(request, _("Checklist saved."))
                return redirect(mission.get_absolute_url())
        status = 422
    context = {"object": mission, "participant": participant, "formset": formset}
    return render(request, "missions/mission_checklist.html", context, status=status)


@login_required
def participant_sheet(request: HttpRequest, pk: int, child_pk: int) -> HttpResponse:
    """A participant's pre-departure sheet as a PDF (whoever may open the mission)."""
    mission = get_object_or_404(MissionViews.base_queryset(request.user), pk=pk)
    participant = get_object_or_404(
        MissionParticipant.objects.select_related("person", "user", "mission"),
        pk=child_pk,
        mission=mission,
    )
    response = HttpResponse(render_sheet(participant), content_type="application/pdf")
    name = slugify(f"{mission.title}-{participant}") or "mission"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
