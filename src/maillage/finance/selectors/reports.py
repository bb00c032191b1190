"""What a financial report to a funder holds (E4), read from the books each time
(`collect`): the grant's share of the budget lines × forecast, actual, variance and %;
the validated expenses charged to the grant in the period, with their receipts; the
rates used; and the exchange differences when the grant has contractual rates.

The report's currency is the grant's. Each expense's share charged to the grant is
converted on its own (`finance.money.RateBook` with the grant: its contractual rate for a
currency when it has one, else the rate of the expense's date; the CFA francs at their
fixed parity), rounded to the cent, and the totals are the sums of those amounts — so
the totals in each currency and in euros are the database's sums, to the cent.

The forecast is the grant's splits of the lines of the budget version in force whose
year falls in the period, converted at the rate of the version's adoption date (or the
grant's contractual rate)."""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from maillage.finance.models import (
    BASE_CURRENCY,
    Budget,
    BudgetLineFunding,
    ExpenseCharge,
    ExpenseStatus,
    FinancialReport,
    Receipt,
)
from maillage.finance.money import CONTRACTUAL, NoRate, Rate, RateBook
from maillage.finance.selectors.budgets import current_version, rates_date
from maillage.funding.models import CostCategory

ZERO = Decimal(0)


@dataclass
class ReportLine:
    code: str
    label: str
    category: str
    forecast: Decimal = ZERO
    actual: Decimal = ZERO
    expenses: int = 0

    @property
    def variance(self) -> Decimal:
        return self.actual - self.forecast

    @property
    def percent(self) -> Decimal | None:
        if not self.forecast:
            return None
        return (self.actual * 100 / self.forecast).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class ReportReceipt:
    name: str  # the file's name in the receipts' zip: the expense's reference
    receipt: Receipt


@dataclass
class ReportExpense:
    """A validated expense charged to the grant, and its share converted."""

    pk: int
    reference: str
    spent_on: dt.date
    payee: str
    description: str
    line_code: str
    line_label: str
    category: str
    currency: str
    amount: Decimal  # the whole expense, in its currency
    charged: Decimal  # the share charged to the grant, in the expense's currency
    charged_report: Decimal | None  # in the report's currency (None: no rate)
    charged_eur: Decimal | None
    rate: Decimal | None  # units of the report's currency for one of the expense's
    rate_text: str
    receipts: list[ReportReceipt] = field(default_factory=list)

    @property
    def receipt_names(self) -> str:
        return ", ".join(r.name for r in self.receipts)


@dataclass
class CurrencyTotal:
    currency: str
    amount: Decimal = ZERO
    charged: Decimal = ZERO
    charged_report: Decimal = ZERO
    charged_eur: Decimal = ZERO
    expenses: int = 0


@dataclass
class RateUsed:
    rate: Rate
    expenses: int = 0


@dataclass
class ExchangeDifference:
    """What the contractual rate changes against the rates of the expenses' dates."""

    currency: str
    charged: Decimal
    at_contractual: Decimal
    at_market: Decimal

    @property
    def difference(self) -> Decimal:
        return self.at_contractual - self.at_market


@dataclass
class ReportData:
    report: FinancialReport
    currency: str
    lines: list[ReportLine]
    expenses: list[ReportExpense]
    totals: list[CurrencyTotal]
    rates: list[RateUsed]
    differences: list[ExchangeDifference]
    problems: list[str]

    @property
    def grant(self) -> Any:
        return self.report.grant

    @property
    def project(self) -> Any:
        return self.report.grant.application.project

    @property
    def forecast(self) -> Decimal:
        return sum((line.forecast for line in self.lines), ZERO)

    @property
    def actual(self) -> Decimal:
        return sum((e.charged_report or ZERO for e in self.expenses), ZERO)

    @property
    def actual_eur(self) -> Decimal:
        return sum((e.charged_eur or ZERO for e in self.expenses), ZERO)

    @property
    def variance(self) -> Decimal:
        return self.actual - self.forecast

    @property
    def percent(self) -> Decimal | None:
        if not self.forecast:
            return None
        return (self.actual * 100 / self.forecast).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def receipt_count(self) -> int:
        return sum(len(e.receipts) for e in self.expenses)


def report_queryset(qs: QuerySet[FinancialReport]) -> QuerySet[FinancialReport]:
    return qs.select_related(
        "grant__application__project",
        "grant__application__call__instrument__donor__organisation",
        "grant__agreement",
    )


def charges_of(report: FinancialReport) -> QuerySet[ExpenseCharge]:
    """The charges to the report's grant of the validated expenses of its period."""
    return ExpenseCharge.objects.filter(
        grant=report.grant_id,
        expense__status=ExpenseStatus.VALIDATED,
        expense__deleted_at__isnull=True,
        expense__spent_on__gte=report.period_start_on,
        expense__spent_on__lte=report.period_end_on,
    )


def receipt_name(reference: str, index: int, original: str) -> str:
    """`DEP-2026-0042.pdf`, then `DEP-2026-0042-2.pdf`… for an expense's receipts."""
    extension = os.path.splitext(original)[1].lower()[:8] or ".pdf"
    suffix = f"-{index}" if index > 1 else ""
    return f"{reference}{suffix}{extension}"


def collect(report: FinancialReport) -> ReportData:
    """The report's figures (see the module): a fixed number of queries, plus one per
    currency for its rates."""
    grant = report.grant
    currency = grant.currency
    charges = list(
        charges_of(report)
        .select_related("expense__budget_line", "expense__payee")
        .prefetch_related(Prefetch("expense__receipts", queryset=Receipt.objects.order_by("pk")))
        .order_by("expense__spent_on", "expense__reference", "pk")
    )
    book = RateBook(grant=grant)
    market = RateBook()
    currencies = {c.expense.currency for c in charges} | {currency}
    if charges:
        days = [c.expense.spent_on for c in charges]
        for code in sorted(currencies):
            book.load(code, min(days), max(days))
    problems: dict[str, str] = {}
    rates: dict[tuple[str, str, Any], RateUsed] = {}
    totals: dict[str, CurrencyTotal] = {}
    differences: dict[str, ExchangeDifference] = {}
    by_code: dict[str, list[ReportExpense]] = defaultdict(list)
    categories = dict(CostCategory.choices)
    expenses = []
    for charge in charges:
        expense = charge.expense
        line = expense.budget_line
        item = ReportExpense(
            pk=expense.pk,
            reference=expense.reference,
            spent_on=expense.spent_on,
            payee=str(expense.payee) if expense.payee_id else expense.payee_name,
            description=expense.description,
            line_code=line.code,
            line_label=line.label,
            category=str(categories.get(line.category, line.category)),
            currency=expense.currency,
            amount=expense.amount,
            charged=charge.amount,
            charged_report=None,
            charged_eur=None,
            rate=None,
            rate_text="",
            receipts=[
                ReportReceipt(receipt_name(expense.reference, i, r.file.name or r.original_name), r)
                for i, r in enumerate(expense.receipts.all(), start=1)
            ],
        )
        try:
            converted = book.convert(charge.amount, expense.currency, currency, expense.spent_on)
            in_eur = book.convert(charge.amount, expense.currency, BASE_CURRENCY, expense.spent_on)
        except NoRate as missing:
            problems.setdefault(f"{missing.currency}{missing.on}", missing.messages[0])
        else:
            item.charged_report = converted.amount
            item.charged_eur = in_eur.amount
            item.rate = converted.rate
            item.rate_text = converted.text
            for rate in {*converted.rates, *in_eur.rates}:
                if rate.kind == "identity":
                    continue
                used = rates.setdefault((rate.currency, rate.kind, rate.on), RateUsed(rate))
                used.expenses += 1
            if any(r.kind == CONTRACTUAL for r in converted.rates):
                _difference(differences, market, item, currency, problems)
        total = totals.setdefault(expense.currency, CurrencyTotal(expense.currency))
        total.amount += expense.amount
        total.charged += charge.amount
        total.charged_report += item.charged_report or ZERO
        total.charged_eur += item.charged_eur or ZERO
        total.expenses += 1
        expenses.append(item)
        by_code[line.code].append(item)
    lines = _lines(report, book, currency, by_code, problems)
    return ReportData(
        report=report,
        currency=currency,
        lines=lines,
        expenses=expenses,
        totals=sorted(totals.values(), key=lambda t: (t.currency != currency, t.currency)),
        rates=sorted(rates.values(), key=lambda r: (r.rate.currency, r.rate.on or dt.date.min)),
        differences=sorted(differences.values(), key=lambda d: d.currency),
        problems=list(problems.values()),
    )


def _difference(
    differences: dict[str, ExchangeDifference],
    market: RateBook,
    item: ReportExpense,
    currency: str,
    problems: dict[str, str],
) -> None:
    try:
        at_market = market.convert(item.charged, item.currency, currency, item.spent_on)
    except NoRate as missing:
        problems.setdefault(f"{missing.currency}{missing.on}", missing.messages[0])
        return
    difference = differences.setdefault(
        item.currency, ExchangeDifference(item.currency, ZERO, ZERO, ZERO)
    )
    difference.charged += item.charged
    difference.at_contractual += item.charged_report or ZERO
    difference.at_market += at_market.amount


def _lines(
    report: FinancialReport,
    book: RateBook,
    currency: str,
    by_code: dict[str, list[ReportExpense]],
    problems: dict[str, str],
) -> list[ReportLine]:
    project = report.grant.application.project if report.grant.application_id else None
    budget = Budget.objects.filter(project=project).first() if project is not None else None
    version = current_version(budget) if budget is not None else None
    categories = dict(CostCategory.choices)
    rows: dict[str, ReportLine] = {}
    if version is not None:
        day = rates_date(version)
        splits = (
            BudgetLineFunding.objects.filter(
                grant=report.grant_id,
                line__budget_version=version.pk,
                line__deleted_at__isnull=True,
                line__year__gte=report.period_start_on.year,
                line__year__lte=report.period_end_on.year,
            )
            .select_related("line")
            .order_by("line__category", "line__code", "pk")
        )
        for split in splits:
            line = split.line
            row = rows.setdefault(
                line.code,
                ReportLine(
                    line.code, line.label, str(categories.get(line.category, line.category))
                ),
            )
            try:
                row.forecast += book.convert(split.amount, line.currency, currency, day).amount
            except NoRate as missing:
                problems.setdefault(f"{missing.currency}{missing.on}", missing.messages[0])
    for code, items in by_code.items():
        if code not in rows:
            first = items[0]
            label = _("%(line)s (not in the budget)") % {"line": first.line_label}
            rows[code] = ReportLine(code, label, first.category)
        row = rows[code]
        row.actual += sum((i.charged_report or ZERO for i in items), ZERO)
        row.expenses += len(items)
    return list(rows.values())
