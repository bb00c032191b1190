"""Pages of the logframe: each level (result) with its assumptions as rows, and the
project's "Logframe" tab — the matrix donors read (intervention logic, indicators,
baselines, targets, means of verification, assumptions) with the way to add each level,
and its XLSX/ODS export."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views import View

from maillage.core.crud import Column, CrudViews
from maillage.core.crud_children import ChildViews
from maillage.projects.models import Project
from maillage.results.exports import LOGFRAME_FORMATS, logframe_file
from maillage.results.filters.logframe import ResultFilterSet
from maillage.results.forms.logframe import AssumptionForm, ResultForm
from maillage.results.models import LEVEL_RANK, Assumption, Indicator, Result, ResultLevel
from maillage.results.selectors.logframe import logframe

# The level a new sub-level of each level is offered at.
NEXT_LEVEL = {
    ResultLevel.GOAL: ResultLevel.SPECIFIC_OBJECTIVE,
    ResultLevel.SPECIFIC_OBJECTIVE: ResultLevel.OUTCOME,
    ResultLevel.OUTCOME: ResultLevel.OUTPUT,
}


class ResultViews(CrudViews):
    model = Result
    form_class = ResultForm
    filterset_class = ResultFilterSet
    select_related = ("project", "parent")
    default_ordering = ("project__code", "order", "code")
    initial_from_query = ("project", "parent")
    columns = (
        Column("title", link=True),
        Column("code"),
        Column("level"),
        Column("project", sort="project__code"),
        Column("parent", sort="parent__code"),
    )
    detail_fields = ("project", "level", "parent", "code", "description", "order")

    @classmethod
    def form_kwargs(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"user": request.user}
        level = request.GET.get("level", "")
        if obj is None and level in ResultLevel.values:
            kwargs["initial"] = {"level": level}
        return kwargs

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        children = Result.objects.visible_to(user).filter(parent=obj).order_by("order", "code")
        indicators = Indicator.objects.visible_to(user).filter(result=obj)
        return {
            "children": list(children),
            "indicators": list(indicators.order_by("order", "code", "pk")),
            "assumptions": list(obj.assumptions.select_related("risk")),
            "activities": list(obj.activities.order_by("start_on", "position")),
            "next_level": NEXT_LEVEL.get(obj.level),
        }


class AssumptionViews(ChildViews):
    """A level's assumptions, each optionally followed in the project's risk register."""

    parent = ResultViews
    child_model = Assumption
    form_class = AssumptionForm
    parent_field = "result"

    @classmethod
    def form_kwargs(cls, request: HttpRequest, parent: Any) -> dict[str, Any]:
        return {"result": parent}


def _project(request: HttpRequest, pk: int) -> Project:
    return get_object_or_404(Project.objects.visible_to(request.user), pk=pk)


class ProjectLogframeView(LoginRequiredMixin, View):
    """The project's "Logframe" tab: the matrix, level by level."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        project = _project(request, pk)
        frame = logframe(project=project, user=request.user)
        has_goal = any(row.result.level == ResultLevel.GOAL for row in frame.rows)
        context = {
            "project": project,
            "frame": frame,
            "may_write": ResultViews.may_write(request.user),
            "has_goal": has_goal,
            "next_level": {k.value: v.value for k, v in NEXT_LEVEL.items()},
            "formats": LOGFRAME_FORMATS,
            "ranks": LEVEL_RANK,
        }
        return render(request, "results/project_logframe.html", context)


class ProjectLogframeExportView(LoginRequiredMixin, View):
    """The logframe matrix as a spreadsheet (XLSX or ODS), for donors."""

    def get(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        if fmt not in LOGFRAME_FORMATS:
            raise Http404
        project = _project(request, pk)
        content, filename, content_type = logframe_file(
            logframe(project=project, user=request.user), fmt
        )
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
