"""The page that records a spent mission budget line as an expense of a project's budget:
staff who may write the mission only (partners and viewers are refused as on every other
write of a mission)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from maillage.core.services import add_to_form
from maillage.missions.forms.mission_expenses import MissionExpenseForm
from maillage.missions.models import MissionCost
from maillage.missions.services.mission_expenses import already_recorded, record_as_expense
from maillage.missions.views.missions import _writable_mission


@login_required
def cost_expense(request: HttpRequest, pk: int, child_pk: int) -> HttpResponse:
    """GET: the form, filled from the line; POST: the expense through ExpenseService,
    its refusals on the form's fields."""
    mission = _writable_mission(request, pk)
    cost = get_object_or_404(
        MissionCost.objects.select_related("expense"), pk=child_pk, mission=mission
    )
    form = MissionExpenseForm(request.POST or None, mission=mission, cost=cost, user=request.user)
    status = 200
    if cost.expense_id is not None:
        # Recorded once only: the page says by which expense, and a POST is refused.
        status = 422 if request.method == "POST" else 200
    elif request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                expense = record_as_expense(
                    cost=cost,
                    project=data["project"],
                    budget_line=data["budget_line"],
                    spent_on=data["spent_on"],
                    amount=data["amount"],
                    currency=data["currency"],
                    payee_name=data["payee_name"],
                    payment_method=data["payment_method"],
                    by=request.user,
                )
            except ValidationError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    request,
                    _("%(line)s is recorded as the expense %(reference)s (a draft).")
                    % {"line": cost, "reference": expense.reference},
                )
                return redirect(mission.get_absolute_url())
        status = 422
    context = {
        "object": mission,
        "cost": cost,
        "form": form,
        "recorded": already_recorded(cost) if cost.expense_id else "",
    }
    return render(request, "missions/mission_cost_expense.html", context, status=status)
