"""The rules expenses and their receipts share: the input names, who may change or
decide what, the moves of the status, amounts by currency, the splits a budget line gives
and the grant's period (`ExpenseService` and `ReceiptService` both apply them)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.finance.models import Expense, ExpenseStatus
from maillage.finance.services.expense_lookups import ExpenseLookups
from maillage.funding.models import Grant
from maillage.funding.money import round_money

# Input names beside the model's columns (page forms and API bodies use the same).
CHARGES = "charges"  # the funder splits: [{"donor", "grant", "amount"}]
SUBMIT = "submit"  # true: submit the expense with this write
RECEIPT = "receipt"  # uploaded receipts stored with the expense (one file or a list)
WITH_EXPENSE = "_with_expense"  # a receipt written by its expense's service (no door sends it)

REFERENCE_PREFIX = "DEP"
REVIEW_ROLES = frozenset({"admin", "officer"})
RECEIPT_KINDS = frozenset({"pdf", "png", "jpeg", "webp", "gif"})

TRANSITIONS: dict[str, tuple[str, ...]] = {
    ExpenseStatus.DRAFT: (ExpenseStatus.SUBMITTED,),
    ExpenseStatus.RETURNED: (ExpenseStatus.SUBMITTED,),
    ExpenseStatus.SUBMITTED: (ExpenseStatus.VALIDATED, ExpenseStatus.RETURNED),
    ExpenseStatus.VALIDATED: (),
}
# Who moves an expense where: partners submit, officers decide.
REVIEW_MOVES = frozenset({ExpenseStatus.VALIDATED, ExpenseStatus.RETURNED})
EDITABLE = frozenset({ExpenseStatus.DRAFT, ExpenseStatus.RETURNED, ExpenseStatus.SUBMITTED})
PARTNER_EDITABLE = frozenset({ExpenseStatus.DRAFT, ExpenseStatus.RETURNED})

LOCKED = gettext_lazy(
    "A validated expense is locked: it cannot be changed. To correct it, make its "
    "counter-entry (“Reverse”), then enter the right expense."
)
RETURN_NEEDS_COMMENT = gettext_lazy("Say why the expense is returned: the comment is required.")
SUBMIT_NEEDS_RECEIPT = gettext_lazy("Attach at least one receipt before submitting the expense.")


def max_receipt_bytes() -> int:
    return int(getattr(settings, "RECEIPT_MAX_BYTES", 20 * 1024 * 1024))


def is_reviewer(user: Any) -> bool:
    """Officers and administrators validate and return expenses; partners never."""
    return bool(getattr(user, "is_active", False)) and getattr(user, "role", None) in REVIEW_ROLES


def may_edit(expense: Expense, user: Any) -> bool:
    """Staff who write edit any expense not validated; a partner only the drafts and
    returned expenses it entered."""
    if expense.status not in EDITABLE:
        return False
    if getattr(user, "can_write", False):
        return True
    return (
        getattr(user, "role", None) == "partner"
        and expense.entered_by_id == getattr(user, "pk", None)
        and expense.status in PARTNER_EDITABLE
    )


# -- money -------------------------------------------------------------------------------


def amount_problem(amount: Decimal | None, currency: str) -> str | None:
    """Why `amount` cannot be an amount in `currency` (more decimals than its minor unit)."""
    if amount is None or not currency:
        return None
    if -int(amount.as_tuple().exponent) > 2:
        return None  # the column's own rule (two decimals at most) already says so
    if round_money(amount, currency) == amount:
        return None
    digits = -int(round_money(Decimal(1), currency).as_tuple().exponent)  # type: ignore[union-attr]  # round_money of a number is a number
    if digits == 0:
        return _("Amounts in %(currency)s are whole numbers (no decimals).") % {
            "currency": currency
        }
    return _("Amounts in %(currency)s have at most %(digits)s decimals.") % {
        "currency": currency,
        "digits": digits,
    }


def charges_from_line(
    expense: Expense, lookups: ExpenseLookups | None = None
) -> list[dict[str, Any]]:
    """The expense's splits in the proportions of its budget line's splits (what a
    partner, who sees no funder, gets); what the line's splits leave is own funds; the
    rounding remainder goes to the largest share. `lookups`: the line read once for
    many expenses."""
    amount = expense.amount
    line = (lookups or ExpenseLookups()).line_splits(expense.budget_line_id)
    total, splits = line if line is not None else (Decimal(0), [])
    rows: list[dict[str, Any]] = []
    if splits and total:
        for split in splits:
            share = round_money(amount * split.amount / total, expense.currency)
            if share:
                rows.append({"donor": split.donor, "grant": split.grant, "amount": share})
    covered = sum((row["amount"] for row in rows), Decimal(0))
    rest = amount - covered
    funded = sum((s.amount for s in splits), Decimal(0))
    if rest and (not rows or funded < total):
        rows.append({"donor": None, "grant": None, "amount": rest})
    elif rest:
        max(rows, key=lambda row: abs(row["amount"]))["amount"] += rest
    return rows


def _charge_rows(value: Any) -> list[dict[str, Any]]:
    return [dict(row) for row in value or ()]


def _grants(
    rows: Iterable[Mapping[str, Any]], lookups: ExpenseLookups | None = None
) -> list[Grant]:
    grants = [row["grant"] for row in rows if row.get("grant") is not None]
    ids = {g.pk if isinstance(g, Grant) else g for g in grants}
    return (lookups or ExpenseLookups()).grants(ids)


def _funder_label(grant: Grant, by: Any) -> str:
    """How a refusal names a grant: by name for the service's staff; partners, who see
    no funding record, read "a funder's grant"."""
    if getattr(by, "is_internal", by is None):
        return _("the grant “%(grant)s”") % {"grant": grant}
    return _("a funder's grant")


def grant_period_problem(grant: Grant, spent_on: Any, by: Any) -> str | None:
    if spent_on is None:
        return None
    start, end = grant.start_on, grant.end_on
    if (start is None or spent_on >= start) and (end is None or spent_on <= end):
        return None
    from maillage.core.formatting import display_value

    return _(
        "The date of the expense is outside the period of %(grant)s (%(start)s – %(end)s): "
        "it cannot be charged to it."
    ) % {
        "grant": _funder_label(grant, by),
        "start": display_value(grant, "start_on") if start else "…",
        "end": display_value(grant, "end_on") if end else "…",
    }
