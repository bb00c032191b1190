"""A mission's budget line becomes an expense once spent: the expense is written by the
finance app's `ExpenseService` (a draft, entered by the user, on a line of the project's
budget, with all of its rules) and linked to the mission's line, which is recorded once
only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.finance.models import BudgetLine, BudgetVersion, Expense
from maillage.finance.selectors.followup import current_versions
from maillage.finance.services.expenses import ExpenseService
from maillage.missions.models import MissionCost
from maillage.missions.services.mission_rows import MissionCostService

EXPENSE = "expense"


def current_lines(project_ids: list[int]) -> Any:
    """The lines of the version in force of each project's budget (adopted first)."""
    versions: dict[int, BudgetVersion] = current_versions(project_ids)
    return BudgetLine.objects.filter(budget_version__in=[v.pk for v in versions.values()])


def already_recorded(cost: MissionCost) -> str:
    return _("This budget line is already recorded as the expense %(reference)s.") % {
        "reference": cost.expense.reference if cost.expense else ""
    }


def record_as_expense(
    *,
    cost: MissionCost,
    project: Any,
    budget_line: BudgetLine | None,
    spent_on: dt.date | None,
    amount: Decimal | None,
    currency: str,
    payee_name: str,
    payment_method: str,
    by: Any,
) -> Expense:
    """Write the expense a spent mission line became (through ExpenseService, as a
    draft) and link it to the line. Refused naming the field: a line already recorded
    (`expense`), a project the mission is not linked to (`project`); the expense's own
    refusals (a line of another project, the amount's precision, the grant's period…)
    come back as ExpenseService gives them."""
    with transaction.atomic():
        # Locked: two clicks on the button do not make two expenses.
        locked = MissionCost.objects.select_for_update().get(pk=cost.pk)
        if locked.expense_id is not None:
            raise ValidationError({EXPENSE: already_recorded(locked)})
        mission = locked.mission
        project_id = getattr(project, "pk", project)
        if project_id is None or not mission.projects.filter(pk=project_id).exists():
            raise ValidationError({"project": _("Choose one of the mission's projects.")})
        description = _("Mission “%(mission)s”: %(line)s") % {"mission": mission, "line": locked}
        expense = ExpenseService.create(
            data={
                "project_id": project_id,
                "budget_line": budget_line,
                "spent_on": spent_on,
                "amount": amount,
                "currency": currency,
                "payee_name": payee_name,
                "payment_method": payment_method,
                "description": description[: Expense._meta.get_field("description").max_length],
            },
            by=by,
            reason=str(_("From the mission “%(m)s”") % {"m": mission}),
        )
        locked.expense = expense
        MissionCostService.save(
            locked,
            by=by,
            reason=str(
                _("Recorded as the expense %(reference)s") % {"reference": expense.reference}
            ),
        )
        cost.expense = expense
    return expense
