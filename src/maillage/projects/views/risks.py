"""The risk register: one list across the projects a user sees, and each project's
register with its likelihood × impact heat-map."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core.crud import Column, CrudViews
from maillage.core.formatting import display_value
from maillage.projects import selectors
from maillage.projects.filters import RiskFilterSet
from maillage.projects.forms import RiskForm
from maillage.projects.models import Project, Risk, RiskStatus


def _review(risk: Risk) -> Any:
    when = display_value(risk, "review_on")
    if risk.review_overdue(timezone.localdate()):
        return format_html('{} <span class="badge overdue">{}</span>', when, _("review overdue"))
    return when


class RiskViews(CrudViews):
    model = Risk
    form_class = RiskForm
    filterset_class = RiskFilterSet
    select_related = ("project", "owner")
    # Highest score first, ties by id: the index `risk_score` serves it (the project's
    # code as a second key went through the join and made every page sort).
    default_ordering = ("-score_value", "pk")
    columns = (
        Column("title", link=True),
        Column("project", sort="project__code"),
        Column("category"),
        Column("likelihood"),
        Column("impact"),
        Column("score", label=gettext_lazy("Score"), sort="score_value"),
        Column("owner", sort="owner__last_name"),
        Column("review_on", display=_review),
        Column("status"),
    )
    detail_fields = (
        "project",
        "category",
        "likelihood",
        "impact",
        "owner",
        "review_on",
        "status",
    )

    initial_from_query = ("project",)

    @classmethod
    def base_queryset(cls, user: Any) -> QuerySet:
        return super().base_queryset(user).with_score()  # type: ignore[attr-defined]  # a RiskQuerySet

    @classmethod
    def form_kwargs(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        return {"user": request.user}

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return {"today": timezone.localdate()}


@login_required
def project_risks(request: HttpRequest, pk: int) -> HttpResponse:
    """A project's register, highest score first, with the heat-map of its open risks."""
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    rows, open_risks = selectors.project_register(project=project, user=request.user)
    today = timezone.localdate()
    list_url = reverse("projects:risk_list")
    grid = [
        (
            impact,
            [
                (
                    cell,
                    f"{list_url}?"
                    + urlencode(
                        {
                            "project": project.pk,
                            "status": RiskStatus.OPEN,
                            "likelihood": cell.likelihood,
                            "impact": cell.impact,
                        }
                    ),
                )
                for cell in cells
            ],
        )
        for impact, cells in selectors.heat_map(risks=open_risks)
    ]
    context = {
        "project": project,
        "risks": [(risk, risk.review_overdue(today)) for risk in rows],
        "grid": grid,
        "levels": selectors.LEVELS,
        "overdue_count": sum(1 for risk in rows if risk.review_overdue(today)),
        "may_write": RiskViews.may_write(request.user),
        "create_url": reverse("projects:risk_create") + f"?project={project.pk}",
        "overdue_url": f"{list_url}?"
        + urlencode({"project": project.pk, "review_overdue": "true"}),
    }
    return render(request, "projects/project_risks.html", context)
