"""Tranche cash-flow per funder (E3): for each grant of a project, the tranches expected
and received against the validated expenses charged to it, in the grant's currency, and
the cumulative months for the chart. Sums are converted by `selectors.followup`'s
`Converter`, one per grant so that its contractual rates apply."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Q, Sum

from maillage.finance.models import ExpenseCharge, ExpenseStatus
from maillage.finance.money import Rate
from maillage.finance.selectors.followup import F_EXPENSE_CURRENCY, F_EXPENSE_DAY, ZERO, Converter
from maillage.funding.models import Grant, Tranche


@dataclass
class CashFlowRow:
    """A grant of the project: tranches expected and received, charges spent on it, in the
    grant's currency."""

    grant: Grant
    currency: str
    expected: Decimal
    received: Decimal
    spent: Decimal
    tranches: int
    received_tranches: int
    last_received_on: dt.date | None

    @property
    def balance(self) -> Decimal:
        """Cash in hand from this funder: received minus spent (negative: pre-financed)."""
        return self.received - self.spent

    @property
    def to_receive(self) -> Decimal:
        return self.expected - self.received


@dataclass
class CashFlow:
    rows: list[CashFlowRow]
    months: list[dict[str, Any]]  # cumulative received and spent per month, per grant
    rates: list[Rate]
    problems: list[str]


def tranche_cash_flow(*, project: Any) -> CashFlow:
    """Per grant of the project: tranches received vs validated expenses charged to it
    (converted to the grant's currency, at its contractual rate when it has one). A
    fixed number of queries, plus one per grant for its contractual rates."""
    grants = list(
        Grant.objects.filter(application__project=project)
        .select_related(
            "application__call__instrument__donor__organisation", "application__project"
        )
        .annotate(
            expected=Sum("tranches__expected_amount"),
            received=Sum("tranches__received_amount"),
            tranche_count=Count("tranches"),
            received_count=Count("tranches", filter=Q(tranches__received_on__isnull=False)),
            last_received_on=Max("tranches__received_on"),
        )
        .order_by("start_on", "pk")
    )
    by_grant = {grant.pk: grant for grant in grants}
    charges = list(
        ExpenseCharge.objects.filter(
            grant__in=list(by_grant),
            expense__project=project,
            expense__status=ExpenseStatus.VALIDATED,
            expense__deleted_at__isnull=True,
        )
        .values("grant_id", currency=F_EXPENSE_CURRENCY, spent_on=F_EXPENSE_DAY)
        .annotate(total=Sum("amount"))
        .order_by()
    )
    received = list(
        Tranche.objects.filter(grant__in=list(by_grant), received_on__isnull=False)
        .values("grant_id", "received_on", "received_amount")
        .order_by("received_on", "pk")
    )
    spent: dict[int, Decimal] = defaultdict(Decimal)
    monthly: dict[tuple[int, str], dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    rates: dict[Any, Rate] = {}
    problems: dict[str, str] = {}
    span = [c["spent_on"] for c in charges]
    for grant_id, grant in by_grant.items():
        converter = Converter(grant=grant)
        mine = [c for c in charges if c["grant_id"] == grant_id]
        if mine:
            converter.load({c["currency"] for c in mine} | {grant.currency}, min(span), max(span))
        for charge in mine:
            amount = converter(
                charge["total"] or ZERO, charge["currency"], grant.currency, charge["spent_on"]
            )
            spent[grant_id] += amount or ZERO
            monthly[(grant_id, charge["spent_on"].strftime("%Y-%m"))]["spent"] += amount or ZERO
        rates.update(converter.used)
        problems.update(converter.problems)
    for tranche in received:
        key = (tranche["grant_id"], tranche["received_on"].strftime("%Y-%m"))
        monthly[key]["received"] += tranche["received_amount"] or ZERO
    rows = [
        CashFlowRow(
            grant=grant,
            currency=grant.currency,
            expected=grant.expected or ZERO,
            received=grant.received or ZERO,
            spent=spent[grant.pk],
            tranches=grant.tranche_count,
            received_tranches=grant.received_count,
            last_received_on=grant.last_received_on,
        )
        for grant in grants
    ]
    months = []
    for grant in grants:
        cumulative = {"received": ZERO, "spent": ZERO}
        for month in sorted(m for g, m in monthly if g == grant.pk):
            for kind in cumulative:
                cumulative[kind] += monthly[(grant.pk, month)][kind]
            months.append({"grant": grant, "month": month, **cumulative})
    return CashFlow(
        rows=rows,
        months=months,
        rates=sorted(rates.values(), key=lambda r: (r.currency, r.on or dt.date.min)),
        problems=list(problems.values()),
    )
