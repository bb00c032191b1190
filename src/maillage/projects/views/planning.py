"""The plan of a project: pages of activities, tasks and milestones with their
dependencies; the confirmation of a date change that pushes dependent items; the
Gantt chart, the calendar and the task board.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from maillage.core.access import can_write
from maillage.core.concurrency import VersionConflict, parse_version
from maillage.core.crud import Column, CrudFormView, CrudViews, form_data
from maillage.core.formatting import display_value
from maillage.core.services import add_to_form, error_dict, today_for
from maillage.projects import planning, selectors
from maillage.projects.filters import PlanItemFilterSet
from maillage.projects.forms import (
    ActivityForm,
    DependencyForm,
    MilestoneForm,
    TaskForm,
    TaskStatusForm,
)
from maillage.projects.models import (
    Activity,
    Dependency,
    ItemKind,
    Milestone,
    PlanItem,
    Project,
    Task,
    TaskStatus,
)
from maillage.projects.permissions import may_move_task
from maillage.projects.services import DependencyService, move_task, update_plan_item
from maillage.projects.views import plan_markup

# --- Activities, tasks, milestones -----------------------------------------------------


def _late_badge(item: PlanItem) -> Any:
    when = display_value(item, "end_on")
    if planning.is_late(item, timezone.localdate()):
        return format_html('{} <span class="badge late">{}</span>', when, _("late"))
    return when


def _progress(item: PlanItem) -> str:
    return f"{item.progress} %"


class PlanItemViews(CrudViews):
    """What activities, tasks and milestones share."""

    filterset_class = PlanItemFilterSet
    select_related = ("project",)
    # Across projects, by due date, as an officer scans the work (the "late" badge is on
    # it): an index serves this order (`plan_item_kind_end`), not one through the
    # project, whose join made every page sort the items of a kind. The project column
    # still sorts by project on a click.
    default_ordering = ("end_on", "pk")
    detail_fields = (
        "project",
        "parent",
        "description",
        "start_on",
        "end_on",
        "status",
        "progress",
        "organisation",
        "completed_on",
    )

    initial_from_query = ("project",)

    @classmethod
    def form_kwargs(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"user": request.user}
        parent = request.GET.get("activity", "")
        if obj is None and parent.isdigit():
            # "New task" on an activity's page: `?activity=` fills the activity.
            kwargs["initial"] = {"parent": int(parent)}
        return kwargs

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return {
            **selectors.plan_item_links(item=obj),
            "is_late": planning.is_late(obj, timezone.localdate()),
            "assignees": list(obj.assignees.all()),
            "dependency_form": DependencyForm(item=obj, user=user) if cls.may_write(user) else None,
        }

    @classmethod
    def update_view(cls) -> Any:
        return PlanItemFormView.as_view(crud=cls, creating=False)


class ActivityViews(PlanItemViews):
    model = Activity
    form_class = ActivityForm
    columns = (
        Column("title", link=True),
        Column("project", sort="project__code"),
        Column("start_on"),
        Column("end_on", display=_late_badge),
        Column("status"),
        Column("progress", display=_progress),
    )


class TaskViews(PlanItemViews):
    model = Task
    form_class = TaskForm
    select_related = ("project", "parent")
    columns = (
        Column("title", link=True),
        Column("project", sort="project__code"),
        Column("parent", label=gettext_lazy("Activity"), sort="parent__title"),
        Column("start_on"),
        Column("end_on", display=_late_badge),
        Column("status"),
        Column("progress", display=_progress),
    )


class MilestoneViews(PlanItemViews):
    model = Milestone
    form_class = MilestoneForm
    select_related = ("project", "parent")
    detail_fields = ("project", "parent", "description", "end_on", "status", "completed_on")
    columns = (
        Column("title", link=True),
        Column("project", sort="project__code"),
        Column("end_on", label=gettext_lazy("Date"), display=_late_badge),
        Column("status"),
    )


# --- Saving a date change that pushes dependent items ---------------------------------

KNOCK_ON = "knock_on"  # the POST field of the confirmation's buttons: "shift" or "only"


class PlanItemFormView(CrudFormView):
    """The edit page: a change of dates that would make a dependent item start too early
    is first shown for confirmation (each item's current and proposed dates); then the
    item is saved, with or without its dependent items, in one transaction."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        assert self.object is not None
        before = (self.object.start_on, self.object.end_on)
        form = self.get_form()
        if not form.is_valid():
            messages.error(request, _("Please correct the errors below."))
            return self.render_to_response(self.get_context_data(form=form), status=422)
        obj = form.instance
        start = obj.end_on if obj.kind == ItemKind.MILESTONE else obj.start_on
        after = (start, obj.end_on)
        decision = request.POST.get(KNOCK_ON, "")
        if after != before and decision not in ("shift", "only"):
            shifts = selectors.proposed_shifts(item=obj, start_on=start, end_on=obj.end_on)
            if shifts:
                return render(
                    request,
                    "projects/plan_knock_on.html",
                    self.context(
                        object=obj,
                        before=before,
                        after=after,
                        shifts=shifts,
                        posted=[
                            (name, value)
                            for name, values in request.POST.lists()
                            if name not in ("csrfmiddlewaretoken", KNOCK_ON)
                            for value in values
                        ],
                    ),
                )
        try:
            obj, moved = update_plan_item(
                item=self.object,
                data=form_data(form, creating=False),
                by=request.user,
                version=parse_version(request.POST.get("version")),
                shift=decision == "shift",
            )
        except VersionConflict as conflict:
            return self.conflict(form, conflict.current)
        except ValidationError as error:
            add_to_form(form, error)
            messages.error(request, _("Please correct the errors below."))
            return self.render_to_response(self.get_context_data(form=form), status=422)
        if moved:
            messages.success(
                request,
                _("%(name)s saved; %(count)s dependent item(s) shifted.")
                % {"name": obj, "count": moved},
            )
        else:
            messages.success(request, _("%(name)s saved.") % {"name": obj})
        return redirect(obj.get_absolute_url())


# --- Dependencies ----------------------------------------------------------------------


def _writable_item(request: HttpRequest, pk: int) -> PlanItem:
    item = get_object_or_404(
        PlanItem.objects.visible_to(request.user).select_related("project"), pk=pk
    )
    if not can_write(request.user):
        raise PermissionDenied(_("Your role does not allow changes here."))
    return item


@login_required
def dependency_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Link the item with another of its project; a link on itself, with another
    project's item or closing a loop is refused with the reason, and nothing is saved."""
    item = _writable_item(request, pk)
    form = DependencyForm(request.POST or None, item=item, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            try:
                DependencyService.create(data=form.link(), by=request.user)
            except ValidationError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("Dependency added."))
                return redirect(item.get_absolute_url())
        messages.error(request, _("Please correct the errors below."))
    status = 422 if request.method == "POST" else 200
    return render(
        request, "projects/dependency_form.html", {"object": item, "form": form}, status=status
    )


@login_required
@require_POST
def dependency_delete(request: HttpRequest, pk: int, dep_pk: int) -> HttpResponse:
    item = _writable_item(request, pk)
    link = get_object_or_404(
        Dependency.objects.filter(Q(predecessor=item) | Q(successor=item)), pk=dep_pk
    )
    try:
        DependencyService.delete(obj=link, by=request.user)
    except ValidationError as error:
        for msgs in error_dict(error).values():
            for message in msgs:
                messages.error(request, message)
    else:
        messages.success(request, _("Dependency removed."))
    return redirect(item.get_absolute_url())


# --- A task's status (the board) -------------------------------------------------------


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_POST
def task_status(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(Task.objects.visible_to(request.user), pk=pk)
    if not may_move_task(task, request.user):
        raise PermissionDenied(_("Only the people assigned to this task may move it."))
    form = TaskStatusForm(request.POST)
    if not form.is_valid():
        if _wants_json(request):
            return JsonResponse({"errors": form.errors}, status=400)
        messages.error(request, _("This status is not one of the board's columns."))
        return redirect("projects:project_board", task.project_id)
    try:
        task = move_task(
            task=task,
            status=form.cleaned_data["status"],
            progress=form.cleaned_data["progress"],
            by=request.user,
        )
    except ValidationError as error:
        if _wants_json(request):
            return JsonResponse({"errors": error_dict(error)}, status=400)
        for msgs in error_dict(error).values():
            for message in msgs:
                messages.error(request, message)
        return redirect("projects:project_board", task.project_id)
    label = TaskStatus(task.status).label
    message = _("%(task)s moved to “%(column)s”.") % {"task": task.title, "column": label}
    if _wants_json(request):
        moves = [{"status": s, "label": str(name)} for s, name in selectors.task_moves(task.status)]
        return JsonResponse(
            {
                "id": task.pk,
                "status": task.status,
                "progress": task.progress,
                "moves": moves,
                "message": message,
            }
        )
    messages.success(request, message)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("projects:project_board", args=[task.project_id])
    return redirect(target)


# --- Gantt, calendar, board ------------------------------------------------------------

AGENDA_ROWS = 10  # the calendar's agenda of an empty month: its next ten dates


def _project(request: HttpRequest, pk: int) -> Project:
    return get_object_or_404(Project.objects.visible_to(request.user), pk=pk)


@login_required
def project_gantt(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    scale = request.GET.get("scale", "month")
    if scale not in planning.SCALES:
        scale = "month"
    items, links = selectors.gantt_plan(project=project)
    chart = planning.gantt(items, links, today=today_for(request.user), scale=scale)
    context = {
        "project": project,
        "chart": chart,
        **plan_markup.gantt_markup(chart),
        "scale": scale,
        "scales": [("month", _("Months")), ("quarter", _("Quarters"))],
        "may_write": can_write(request.user),
    }
    return render(request, "projects/plan_gantt.html", context)


@login_required
def project_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    today = today_for(request.user)
    month = planning.parse_month(request.GET.get("month", ""), today)
    first, last = month, planning.next_month(month) - datetime.timedelta(days=1)
    items = selectors.calendar_items(project=project, first=first, last=last)
    grid = planning.month_grid(month, items, today)
    agenda = None
    if not items:  # an empty month: what comes next instead of an empty grid alone
        upcoming = selectors.upcoming_items(project=project, after=last, limit=AGENDA_ROWS)
        agenda = planning.agenda(upcoming, after=last, limit=AGENDA_ROWS)
    context = {
        "project": project,
        "grid": grid,
        "agenda": agenda,
        "previous": planning.previous_month(month).strftime("%Y-%m"),
        "next": planning.next_month(month).strftime("%Y-%m"),
    }
    return render(request, "projects/plan_calendar.html", context)


@login_required
def project_board(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    columns = selectors.board_columns(
        project=project, user=request.user, today=today_for(request.user)
    )
    context = {
        "project": project,
        "columns": plan_markup.board_markup(
            columns, csrf_token=get_token(request), board_url=request.get_full_path()
        ),
        # How to move cards is told only to those who may move one.
        "may_move": any(card["movable"] for column in columns for card in column["cards"]),
    }
    return render(request, "projects/plan_board.html", context)
