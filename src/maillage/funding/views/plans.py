"""Pages of financing plans: the list, a plan's page (lines, shares, the check), its
editor — where the check runs live as the user types: the form is posted unsaved to the
check endpoint, which runs the same selector and sends back the violations panel — and
the project's "Financing" tab. Without JavaScript the check runs on save."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from maillage.core.concurrency import VersionConflict, parse_version
from maillage.core.crud import Column, CrudViews
from maillage.core.formatting import format_money
from maillage.core.services import add_to_form
from maillage.funding.filters.plans import FinancingPlanFilterSet
from maillage.funding.forms.plans import FinancingPlanForm, LineFormSet, PlanFiguresForm
from maillage.funding.models import FinancingLine, FinancingPlan
from maillage.funding.selectors.plans import plan_overview, plans_with_counts
from maillage.projects.models import Project


class FinancingPlanViews(CrudViews):
    model = FinancingPlan
    form_class = FinancingPlanForm
    filterset_class = FinancingPlanFilterSet
    select_related = ("project", "applicant")
    default_ordering = ("project__code",)
    initial_from_query = ("project",)
    columns = (
        Column("project", link=True, sort="project__code"),
        Column("applicant", sort="applicant__name"),
        Column("total_budget", money="currency"),
        Column(
            "lines_total",
            label=gettext_lazy("Financed"),
            sort="lines_total",
            display=lambda p: format_money(p.lines_total or Decimal(0), p.currency),
            value=lambda p: p.lines_total or Decimal(0),
        ),
        Column("line_count", label=gettext_lazy("Lines"), sort="line_count"),
    )
    detail_fields = ("project", "applicant", "currency", "total_budget", "overheads_amount", "note")

    @classmethod
    def form_kwargs(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        return {"user": request.user}

    @classmethod
    def base_queryset(cls, user: Any) -> QuerySet:
        return plans_with_counts(super().base_queryset(user))

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return {"overview": plan_overview(plan=obj)}


def _plan_for_writer(request: HttpRequest, pk: int) -> FinancingPlan:
    plan = get_object_or_404(FinancingPlanViews.base_queryset(request.user), pk=pk)
    if not FinancingPlanViews.may_change(plan, request.user):
        raise PermissionDenied(_("Your role does not allow changes here."))
    return plan


def _forms(request: HttpRequest, plan: FinancingPlan) -> tuple[PlanFiguresForm, Any]:
    data = request.POST if request.method == "POST" else None
    figures = PlanFiguresForm(data, instance=plan, prefix="plan")
    initial = None
    if data is None:
        initial = [
            {
                "id": line.pk,
                "kind": line.kind,
                "instrument": line.instrument_id,
                "organisation": line.organisation_id,
                "amount": line.amount,
                "label": line.label,
            }
            for line in plan.lines.order_by("position", "pk")
        ]
    lines = LineFormSet(data, initial=initial, plan=plan, prefix="lines")
    return figures, lines


class FinancingPlanLinesView(LoginRequiredMixin, View):
    """The plan's figures and lines, edited together and saved through the plan's
    service; the violations panel follows what is typed (FinancingPlanCheckView)."""

    template_name = "funding/financingplan_lines.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = _plan_for_writer(request, pk)
        figures, lines = _forms(request, plan)
        return self.render(request, plan, figures, lines, plan_overview(plan=plan))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = _plan_for_writer(request, pk)
        # A copy: the check of a refused save must not read half-applied values.
        figures, lines = _forms(request, FinancingPlan.objects.get(pk=plan.pk))
        version = parse_version(request.POST.get("version"))
        if version is None:
            # Without the version it was loaded at, a save could silently overwrite
            # someone else's (as CrudFormView refuses).
            figures.is_valid()
            figures.add_error(
                None,
                _(
                    "This form was sent without the version of the record it was opened "
                    "on: reload the page and enter your changes again."
                ),
            )
        if figures.is_valid() and lines.is_valid():
            data = {
                "total_budget": figures.cleaned_data["total_budget"],
                "overheads_amount": figures.cleaned_data["overheads_amount"],
                "lines": lines.rows(),
            }
            try:
                FinancingPlanViews.service.update(
                    obj=plan,
                    data=data,
                    by=request.user,
                    version=version,
                )
            except VersionConflict:
                messages.error(
                    request,
                    _(
                        "Someone else saved this plan while you were editing it: "
                        "reload the page and enter your changes again."
                    ),
                )
                return self.render(request, plan, figures, lines, {}, status=409)
            except ValidationError as error:
                add_to_form(figures, error)
            else:
                messages.success(request, _("%(name)s saved.") % {"name": plan})
                return redirect(plan.get_absolute_url())
        messages.error(request, _("Please correct the errors below."))
        typed = _typed_overview(plan, figures, lines)
        return self.render(request, plan, figures, lines, typed, status=422)

    def render(
        self,
        request: HttpRequest,
        plan: FinancingPlan,
        figures: Any,
        lines: Any,
        overview: dict[str, Any],
        status: int = 200,
    ) -> HttpResponse:
        context = {
            "object": plan,
            "figures_form": figures,
            "formset": lines,
            "overview": overview,
            "crud": FinancingPlanViews,
        }
        return render(request, self.template_name, context, status=status)


def _typed_overview(plan: FinancingPlan, figures: Any, lines: Any) -> dict[str, Any]:
    """The check of what is typed, saved or not: the figures and the valid lines."""
    draft = FinancingPlan.objects.select_related("project", "applicant").get(pk=plan.pk)
    data = figures.cleaned_data if figures.is_valid() else {}
    if data.get("total_budget") is not None:
        draft.total_budget = data["total_budget"]
    if "overheads_amount" in data:
        draft.overheads_amount = data["overheads_amount"]
    lines.is_valid()
    typed = [
        FinancingLine(
            plan=draft,
            kind=row["kind"],
            instrument=row["instrument"],
            organisation=row["organisation"],
            amount=row["amount"],
            label=row["label"],
        )
        for row in lines.rows()
    ]
    return plan_overview(plan=draft, lines=typed)


class FinancingPlanCheckView(LoginRequiredMixin, View):
    """POST the editor's form, unsaved: the violations panel for what is typed."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = _plan_for_writer(request, pk)
        figures, lines = _forms(request, plan)
        context = {"overview": _typed_overview(plan, figures, lines), "object": plan}
        return render(request, "funding/_plan_check.html", context)


class ProjectFinancingView(LoginRequiredMixin, View):
    """The project's "Financing" tab: its plan, or the way to start one."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
        if not request.user.is_internal:  # type: ignore[union-attr]  # signed in: a User
            # Funding is internal: a partner of the project has no financing tab.
            raise PermissionDenied
        plan = (
            FinancingPlan.objects.visible_to(request.user)
            .select_related("project", "applicant")
            .filter(project=project)
            .first()
        )
        context: dict[str, Any] = {
            "project": project,
            "object": plan,
            "crud": FinancingPlanViews,
            "may_write": FinancingPlanViews.may_write(request.user),
        }
        if plan is not None:
            context["overview"] = plan_overview(plan=plan)
        return render(request, "funding/project_financing.html", context)
