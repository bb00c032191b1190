"""Pages of budgets (E1): a budget with its versions, a version with its lines and totals
(line currency, budget currency, euros, with the rates used), a line with its funder
splits (rows of the line), the comparison of two versions, and the project's "Budget"
tab. Partners read their projects' budgets; only staff who write change them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.access import hide_unseen
from maillage.core.crud import Column, CrudViews
from maillage.core.crud_children import ChildViews
from maillage.core.formatting import format_money
from maillage.core.services import error_dict
from maillage.finance.filters.budgets import (
    BudgetFilterSet,
    BudgetLineFilterSet,
    BudgetVersionFilterSet,
)
from maillage.finance.forms.budgets import (
    BudgetForm,
    BudgetLineForm,
    BudgetLineFundingForm,
    BudgetVersionForm,
)
from maillage.finance.models import Budget, BudgetLine, BudgetLineFunding, BudgetVersion
from maillage.finance.selectors.budgets import (
    budget_detail,
    compare_versions,
    version_detail,
)
from maillage.finance.services.budgets import BudgetVersionService
from maillage.projects.models import Project


class BudgetViews(CrudViews):
    model = Budget
    form_class = BudgetForm
    filterset_class = BudgetFilterSet
    select_related = ("project",)
    columns = (
        Column("project", link=True, sort="project__code"),
        Column("currency"),
    )
    detail_fields = ("project", "currency", "note")
    initial_from_query = ("project",)

    @classmethod
    def form_kwargs(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        return {"user": request.user}

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return budget_detail(obj, user)


class BudgetVersionViews(CrudViews):
    model = BudgetVersion
    form_class = BudgetVersionForm
    filterset_class = BudgetVersionFilterSet
    select_related = ("budget__project", "amendment")
    searchable = False
    columns = (
        Column("budget", link=True, sort="budget__project__code"),
        Column("number"),
        Column("kind"),
        Column("status"),
        Column("adopted_on"),
    )
    detail_fields = ("budget", "number", "kind", "status", "adopted_on", "amendment", "note")
    initial_from_query = ("budget",)

    @classmethod
    def form_kwargs(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        return {"user": request.user}

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return version_detail(obj, user)


def _line_money(line: BudgetLine) -> str:
    return format_money(line.amount, line.currency)


class BudgetLineViews(CrudViews):
    model = BudgetLine
    form_class = BudgetLineForm
    filterset_class = BudgetLineFilterSet
    select_related = ("budget_version__budget__project",)
    searchable = False
    columns = (
        Column("code", link=True),
        Column("label"),
        Column("budget_version", sort="budget_version__number"),
        Column("category"),
        Column("year"),
        Column("amount", money="currency"),
    )
    detail_fields = (
        "budget_version",
        "code",
        "label",
        "category",
        "quantity",
        "unit",
        "unit_cost",
        "currency",
        "year",
        "quarter",
        "note",
    )
    initial_from_query = ("budget_version",)

    @classmethod
    def form_kwargs(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        return {"user": request.user}

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        splits = list(
            obj.splits.select_related(
                "donor__organisation", "grant__application__project", "grant__application__call"
            ).order_by("pk")
        )
        funded = sum((s.amount for s in splits), start=obj.amount * 0)
        hide_unseen(user, splits)  # funding is internal: a partner reads no funder's name
        return {
            "splits": splits,
            "unfunded": obj.amount - funded,
            "locked": obj.budget_version.is_adopted,
        }


class BudgetLineFundingViews(ChildViews):
    parent = BudgetLineViews
    child_model = BudgetLineFunding
    form_class = BudgetLineFundingForm
    parent_field = "line"
    route_name = "split"

    @classmethod
    def form_kwargs(cls, request: HttpRequest, parent: Any) -> dict[str, Any]:
        return {"user": request.user}


@login_required
def project_budget(request: HttpRequest, pk: int) -> HttpResponse:
    """The project's "Budget" tab: its budget's versions and the figures of the version
    in force, or the way to start one."""
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    budget = (
        Budget.objects.visible_to(request.user)
        .select_related("project")
        .filter(project=project)
        .first()
    )
    context: dict[str, Any] = {
        "project": project,
        "object": budget,
        "crud": BudgetViews,
        "may_write": BudgetViews.may_write(request.user),
    }
    if budget is not None:
        context.update(budget_detail(budget, request.user))
    return render(request, "finance/project_budget.html", context)


@login_required
@require_POST
def budget_revise(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a revised version: a copy of the latest version's lines and splits."""
    budget = get_object_or_404(BudgetViews.base_queryset(request.user), pk=pk)
    if not BudgetViews.may_change(budget, request.user):
        raise PermissionDenied(_("Your role does not allow changes here."))
    version = BudgetVersionService.revise(budget, by=request.user)
    messages.success(
        request, _("%(name)s opened: a copy of the previous lines.") % {"name": version}
    )
    return redirect(version.get_absolute_url())


@login_required
@require_POST
def version_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    """Adopt a version (today): its lines are then locked."""
    version = get_object_or_404(BudgetVersionViews.base_queryset(request.user), pk=pk)
    if not BudgetVersionViews.may_change(version, request.user):
        raise PermissionDenied(_("Your role does not allow changes here."))
    try:
        BudgetVersionService.adopt(version, by=request.user)
    except ValidationError as error:
        for texts in error_dict(error).values():
            for text in texts:
                messages.error(request, text)
    else:
        messages.success(request, _("%(name)s adopted.") % {"name": version})
    return redirect(version.get_absolute_url())


@login_required
def version_compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Two versions of a budget line by line: old, new, difference (in the budget's
    currency, at the same rates). `?with=<version>` (default: the previous one)."""
    versions = BudgetVersionViews.base_queryset(request.user)
    new = get_object_or_404(versions, pk=pk)
    other = request.GET.get("with", "")
    siblings = versions.filter(budget_id=new.budget_id).exclude(pk=new.pk)
    if other.isdigit():
        old = siblings.filter(pk=int(other)).first()
    else:
        old = siblings.filter(number__lt=new.number).order_by("-number").first()
    if old is None:
        raise Http404(_("No other version of this budget to compare with."))
    if old.number > new.number:
        old, new = new, old
    comparison = compare_versions(old, new)
    context = {
        "object": new.budget,
        "old": old,
        "new": new,
        "comparison": comparison,
        "choices": list(versions.filter(budget_id=new.budget_id).order_by("number")),
    }
    return render(request, "finance/budgetversion_compare.html", context)
