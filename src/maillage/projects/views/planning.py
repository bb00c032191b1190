"""The plan of a project: pages of activities, tasks and milestones with their
dependencies; the confirmation of a date change that pushes dependent items; the
Gantt chart, the calendar and the task board.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from maillage.core.concurrency import VersionConflict, lock_current, parse_version
from maillage.core.crud import Column, CrudFormView, CrudViews
from maillage.core.formatting import display_value
from maillage.projects import planning
from maillage.projects.forms_planning import (
    ActivityForm,
    DependencyForm,
    MilestoneForm,
    PlanItemFilterSet,
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
    default_ordering = ("project__code", "start_on", "position", "title")
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

    @classmethod
    def form_kwargs(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"user": request.user}
        if obj is None:
            initial = {}
            project = request.GET.get("project", "")
            if project.isdigit():
                initial["project"] = int(project)
            parent = request.GET.get("activity", "")
            if parent.isdigit():
                initial["parent"] = int(parent)
            kwargs["initial"] = initial
        return kwargs

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        today = timezone.localdate()
        predecessors = Dependency.objects.filter(successor=obj).select_related("predecessor")
        successors = Dependency.objects.filter(predecessor=obj).select_related("successor")
        context: dict[str, Any] = {
            "predecessors": list(predecessors.order_by("predecessor__start_on", "pk")),
            "successors": list(successors.order_by("successor__start_on", "pk")),
            "is_late": planning.is_late(obj, today),
            "assignees": list(obj.assignees.all()),
            "dependency_form": DependencyForm(item=obj, user=user) if cls.may_write(user) else None,
        }
        if obj.kind == ItemKind.ACTIVITY:
            context["children"] = list(obj.children.order_by("start_on", "position", "pk"))
        return context

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


def _proposed_shifts(item: PlanItem, start: datetime.date, end: datetime.date) -> list[Any]:
    """The dependent items to move when `item` takes these dates, with their objects."""
    items = list(PlanItem.objects.filter(project_id=item.project_id).order_by("pk"))
    links = Dependency.objects.filter(successor__project_id=item.project_id).values_list(
        "predecessor_id", "successor_id", "lag_days"
    )
    by_pk = {i.pk: i for i in items}
    shifts = planning.knock_on(items, list(links), {item.pk: (start, end)})
    return [(by_pk[s.pk], s) for s in shifts]


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
            shifts = _proposed_shifts(obj, *after)
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
            with transaction.atomic():
                lock_current(self.object, parse_version(request.POST.get("version")))
                obj = form.save(commit=False)
                self.crud.before_save(obj, request.user, creating=False)
                obj.save()
                form.save_m2m()
                moved = 0
                if decision == "shift" and after != before:
                    for item, shift in _proposed_shifts(obj, *after):
                        item.start_on, item.end_on = shift.new_start_on, shift.new_end_on
                        item._change_reason = _("Shifted after %(item)s moved") % {"item": obj}
                        item.save()
                        moved += 1
        except VersionConflict as conflict:
            return self.conflict(form, conflict.current)
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
    if not request.user.can_write:  # type: ignore[union-attr]
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
            Dependency.objects.create(
                predecessor=form.cleaned_data["predecessor"],
                successor=form.cleaned_data["successor"],
                lag_days=form.cleaned_data["lag_days"],
            )
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
    link.delete()
    messages.success(request, _("Dependency removed."))
    return redirect(item.get_absolute_url())


# --- A task's status (the board) -------------------------------------------------------


def may_change_status(task: PlanItem, user: Any) -> bool:
    """Staff who write move any task; a partner only the tasks it is assigned to (on its
    own projects: the others it does not even see)."""
    if user.can_write:
        return True
    return user.role == "partner" and task.assignees.filter(pk=user.pk).exists()


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_POST
def task_status(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(Task.objects.visible_to(request.user), pk=pk)
    if not may_change_status(task, request.user):
        raise PermissionDenied(_("Only the people assigned to this task may move it."))
    form = TaskStatusForm(request.POST)
    if not form.is_valid():
        if _wants_json(request):
            return JsonResponse({"errors": form.errors}, status=400)
        messages.error(request, _("This status is not one of the board's columns."))
        return redirect("projects:project_board", task.project_id)
    with transaction.atomic():
        task = lock_current(task, None)  # type: ignore[assignment]
        task.status = form.cleaned_data["status"]
        if form.cleaned_data["progress"] is not None:
            task.progress = form.cleaned_data["progress"]
        elif task.status == TaskStatus.TODO:
            task.progress = 0
        task.save()
    label = TaskStatus(task.status).label
    message = _("%(task)s moved to “%(column)s”.") % {"task": task.title, "column": label}
    if _wants_json(request):
        return JsonResponse(
            {"id": task.pk, "status": task.status, "progress": task.progress, "message": message}
        )
    messages.success(request, message)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("projects:project_board", args=[task.project_id])
    return redirect(target)


# --- Gantt, calendar, board ------------------------------------------------------------


def _project(request: HttpRequest, pk: int) -> Project:
    return get_object_or_404(Project.objects.visible_to(request.user), pk=pk)


@login_required
def project_gantt(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    scale = request.GET.get("scale", "month")
    if scale not in planning.SCALES:
        scale = "month"
    items = list(PlanItem.objects.filter(project=project).order_by("start_on", "position", "pk"))
    links = list(
        Dependency.objects.filter(successor__project=project).values_list(
            "predecessor_id", "successor_id", "lag_days"
        )
    )
    chart = planning.gantt(items, links, today=timezone.localdate(), scale=scale)
    context = {
        "project": project,
        "chart": chart,
        "scale": scale,
        "scales": [("month", _("Months")), ("quarter", _("Quarters"))],
        "may_write": request.user.can_write,  # type: ignore[union-attr]
    }
    return render(request, "projects/plan_gantt.html", context)


@login_required
def project_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    today = timezone.localdate()
    month = planning.parse_month(request.GET.get("month", ""), today)
    first, last = month, planning.next_month(month) - datetime.timedelta(days=1)
    items = PlanItem.objects.filter(
        project=project, kind__in=[ItemKind.TASK, ItemKind.MILESTONE]
    ).filter(Q(start_on__range=(first, last)) | Q(end_on__range=(first, last)))
    grid = planning.month_grid(month, list(items.order_by("start_on", "title", "pk")), today)
    context = {
        "project": project,
        "grid": grid,
        "previous": planning.previous_month(month).strftime("%Y-%m"),
        "next": planning.next_month(month).strftime("%Y-%m"),
    }
    return render(request, "projects/plan_calendar.html", context)


@login_required
def project_board(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    user = request.user
    tasks = list(
        Task.objects.filter(project=project)
        .select_related("parent")
        .prefetch_related("assignees")
        .order_by("start_on", "position", "pk")
    )
    today = timezone.localdate()
    order = [s for s, _label in TaskStatus.choices]
    columns = []
    for index, (status, label) in enumerate(TaskStatus.choices):
        cards = []
        for task in tasks:
            if task.status != status:
                continue
            movable = user.can_write or (  # type: ignore[union-attr]
                user.role == "partner" and any(a.pk == user.pk for a in task.assignees.all())
            )
            moves = []
            if movable:
                if index > 0:
                    moves.append((order[index - 1], TaskStatus.choices[index - 1][1]))
                if index < len(order) - 1:
                    moves.append((order[index + 1], TaskStatus.choices[index + 1][1]))
            cards.append(
                {
                    "task": task,
                    "late": planning.is_late(task, today),
                    "movable": movable,
                    "moves": moves,
                    "assignees": ", ".join(str(a) for a in task.assignees.all()),
                }
            )
        columns.append({"status": status, "label": label, "cards": cards})
    context = {"project": project, "columns": columns, "board_url": request.get_full_path()}
    return render(request, "projects/plan_board.html", context)


urlpatterns = [
    *ActivityViews.urls("activities/"),
    *TaskViews.urls("tasks/"),
    *MilestoneViews.urls("milestones/"),
    path("tasks/<int:pk>/status/", task_status, name="task_status"),
    path("plan-items/<int:pk>/dependencies/add/", dependency_add, name="dependency_add"),
    path(
        "plan-items/<int:pk>/dependencies/<int:dep_pk>/delete/",
        dependency_delete,
        name="dependency_delete",
    ),
    path("<int:pk>/gantt/", project_gantt, name="project_gantt"),
    path("<int:pk>/calendar/", project_calendar, name="project_calendar"),
    path("<int:pk>/board/", project_board, name="project_board"),
]
