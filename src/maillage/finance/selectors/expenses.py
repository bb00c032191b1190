"""Reads of expenses reused by their pages, the API, the home page and reports: an
expense's eligibility against the rules of the grants it is charged to, its page's
related rows, the validation queue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from maillage.core.access import hide_unseen, visible_ids
from maillage.core.formatting import display_value
from maillage.core.reference import country_name
from maillage.finance.models import Expense, ExpenseCharge, ExpenseStatus, Receipt
from maillage.funding.models import CostCategory

# What an eligibility check reads of each charge, fetched with the expenses.
ELIGIBILITY_RELATED = (
    "project",
    "budget_line",
)
ELIGIBILITY_PREFETCH = (
    Prefetch(
        "charges",
        queryset=ExpenseCharge.objects.select_related(
            "donor__organisation",
            "grant__application__call__instrument",
            "grant__application__project",
        ).order_by("pk"),
    ),
)


@dataclass(frozen=True)
class Problem:
    """One eligibility problem: the field it is about and what is wrong, in words."""

    field: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


def _category_label(code: str) -> str:
    try:
        return str(CostCategory(code).label)
    except ValueError:
        return code


def _funder(charge: ExpenseCharge, internal: bool) -> str:
    """A funder named for the service's staff; partners, who see no funding record, read
    "the funder"."""
    if not internal:
        return _("the funder")
    return str(charge.grant or charge.donor)


def expense_eligibility(expense: Expense, user: Any = None) -> list[Problem]:
    """What the rules of the grants the expense is charged to say against it: the grant's
    period, the cost category of its budget line (eligible or ineligible for the grant's
    instrument), the project's country. No problem: an empty list. Reads the charges as
    prefetched (`ELIGIBILITY_PREFETCH`): no query per expense in a list."""
    internal = user is None or bool(getattr(user, "is_internal", False))
    problems: list[Problem] = []
    line = expense.budget_line
    country = getattr(expense.project, "country", "") or ""
    for charge in expense.charges.all():
        grant = charge.grant
        if grant is None:
            continue
        funder = _funder(charge, internal)
        start, end = grant.start_on, grant.end_on
        spent = expense.spent_on
        if spent is not None and ((start and spent < start) or (end and spent > end)):
            problems.append(
                Problem(
                    "spent_on",
                    _("Spent on %(day)s, outside the period of %(funder)s (%(start)s – %(end)s).")
                    % {
                        "day": display_value(expense, "spent_on"),
                        "funder": funder,
                        "start": display_value(grant, "start_on") if start else "…",
                        "end": display_value(grant, "end_on") if end else "…",
                    },
                )
            )
        instrument = grant.application.call.instrument
        category = getattr(line, "category", "")
        eligible = instrument.eligible_cost_categories or []
        ineligible = instrument.ineligible_cost_categories or []
        if category and category in ineligible:
            problems.append(
                Problem(
                    "budget_line",
                    _("“%(category)s” costs are not eligible for %(funder)s.")
                    % {"category": _category_label(category), "funder": funder},
                )
            )
        elif category and eligible and category not in eligible:
            problems.append(
                Problem(
                    "budget_line",
                    _(
                        "“%(category)s” costs are not among those %(funder)s pays for "
                        "(%(eligible)s)."
                    )
                    % {
                        "category": _category_label(category),
                        "funder": funder,
                        "eligible": ", ".join(_category_label(c) for c in eligible),
                    },
                )
            )
        countries = instrument.eligible_countries or []
        if country and countries and country not in countries:
            problems.append(
                Problem(
                    "project",
                    _("The project's country (%(country)s) is not one %(funder)s funds.")
                    % {"country": country_name(country), "funder": funder},
                )
            )
    return problems


def expenses_for_eligibility(queryset: QuerySet[Expense]) -> QuerySet[Expense]:
    """`queryset` with what `expense_eligibility` reads, in a constant number of queries."""
    return queryset.select_related(*ELIGIBILITY_RELATED).prefetch_related(*ELIGIBILITY_PREFETCH)


def expense_detail(*, expense: Expense, user: Any) -> dict[str, Any]:
    """The expense page's related rows: receipts (with the other expenses the same file is
    attached to, when the reader sees them), funder splits, counter-entries, eligibility."""
    from maillage.finance.services.expenses import allowed_moves, may_edit

    receipts = list(Receipt.objects.filter(expense=expense).order_by("pk"))
    twins: dict[str, list[Expense]] = {}
    checksums = {r.checksum for r in receipts}
    if checksums:
        others = (
            Receipt.objects.filter(checksum__in=checksums)
            .exclude(expense=expense)
            .select_related("expense")
        )
        rows = list(others)
        seen = visible_ids(user, Expense, [r.expense_id for r in rows])
        for row in rows:
            if row.expense_id in seen:
                twins.setdefault(row.checksum, []).append(row.expense)
    charges = list(
        ExpenseCharge.objects.filter(expense=expense)
        .select_related(
            "donor__organisation",
            "grant__application__call__instrument",
            "grant__application__project",
        )
        .order_by("pk")
    )
    hide_unseen(user, charges, "donor", "grant")
    with_charges = expenses_for_eligibility(Expense.all_objects.filter(pk=expense.pk)).first()
    reversals = list(Expense.objects.visible_to(user).filter(reverses=expense).order_by("pk"))
    return {
        "receipts": [(receipt, twins.get(receipt.checksum, [])) for receipt in receipts],
        "charges": charges,
        "eligibility": expense_eligibility(with_charges, user) if with_charges else [],
        "reversals": reversals,
        "moves": allowed_moves(expense, user),
        "may_edit": may_edit(expense, user),
    }


def validation_queue(*, user: Any) -> QuerySet[Expense]:
    """The submitted expenses waiting for an officer, oldest first."""
    return (
        Expense.objects.visible_to(user)
        .filter(status=ExpenseStatus.SUBMITTED)
        .order_by("spent_on", "pk")
    )


def waiting_count(*, user: Any) -> int:
    return validation_queue(user=user).count()
