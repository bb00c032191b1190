"""The accounting export (E4): the validated expenses whose date falls in a period, as the
French FEC file (`finance.formats.fec` writes it; the accounts and journals, and how each
expense becomes two balanced entries, are described there).

Entries come in the order the expenses were validated (the legal text asks for ascending
validation order). Amounts are in euros at the rate of the expense's date (the books use
the day's rate, not a grant's contractual one); an expense in another currency carries
its own amount and currency in Montantdevise and Idevise. The page (`fec_export`) and
`maillage export_fec --from --to` call `write_period`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import Max, Min, QuerySet

from maillage.finance.formats import fec
from maillage.finance.models import BASE_CURRENCY, Expense, ExpenseStatus, PaymentMethod
from maillage.finance.money import NoRate, RateBook

CHUNK = 2000


def period_expenses(start_on: dt.date, end_on: dt.date) -> QuerySet[Expense]:
    """The validated expenses of the period (every project: the accountant keeps one set
    of books), in validation order."""
    return (
        Expense.objects.filter(
            status=ExpenseStatus.VALIDATED, spent_on__gte=start_on, spent_on__lte=end_on
        )
        .select_related("budget_line", "payee")
        .order_by("validated_at", "pk")
    )


def supplier_account(expense: Expense) -> tuple[str, str]:
    """The payee's auxiliary account: one per organisation of the directory, one for the
    payees typed as text (the sundry suppliers)."""
    if expense.payee_id:
        return f"F{expense.payee_id:06d}", str(expense.payee)
    return fec.SUNDRY_SUPPLIER, expense.payee_name or "Fournisseurs divers"


@dataclass
class FecResult:
    text: str
    expenses: int
    problems: list[str]


def fec_expenses(
    expenses: QuerySet[Expense],
    book: RateBook,
    problems: list[str],
    advance: Callable[[], None] | None = None,
) -> Iterator[fec.FecExpense]:
    for expense in expenses.iterator(chunk_size=CHUNK):
        try:
            in_eur = book.convert(expense.amount, expense.currency, BASE_CURRENCY, expense.spent_on)
        except NoRate as missing:
            problems.append(f"{expense.reference}: {missing.messages[0]}")
            continue
        key, name = supplier_account(expense)
        validated = expense.validated_at
        yield fec.FecExpense(
            reference=expense.reference,
            spent_on=expense.spent_on,
            validated_on=validated.date() if validated else expense.spent_on,
            description=expense.description,
            category=expense.budget_line.category,
            amount_eur=in_eur.amount,
            amount=expense.amount,
            currency=expense.currency,
            payee_key=key,
            payee_name=name,
            cash=expense.payment_method == PaymentMethod.CASH,
        )
        if advance is not None:
            advance()


def write_period(
    start_on: dt.date,
    end_on: dt.date,
    *,
    separator: str = "\t",
    advance: Callable[[], None] | None = None,
) -> FecResult:
    """The FEC text of the period. An expense whose currency has no rate on its date is
    left out and named in `problems` (the file must balance; a guess would not)."""
    expenses = period_expenses(start_on, end_on)
    span = expenses.aggregate(first=Min("spent_on"), last=Max("spent_on"))
    book = RateBook()
    if span["first"] is not None:
        currencies = expenses.order_by().values_list("currency", flat=True).distinct()
        for currency in sorted(set(currencies)):
            book.load(currency, span["first"], span["last"])
    problems: list[str] = []
    count = 0

    def counted() -> None:
        nonlocal count
        count += 1
        if advance is not None:
            advance()

    lines = fec.fec_lines(fec_expenses(expenses, book, problems, counted))
    text = fec.write_fec(lines, separator=separator)
    return FecResult(text=text, expenses=count, problems=problems)
