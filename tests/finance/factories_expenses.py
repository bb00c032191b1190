"""Factories of expenses, with the budget they are charged to: each test builds the few
records it needs. `budget_line(project)` gives a line of the project's budget (made when
missing); `expense(...)` an expense on it, written through `ExpenseService` so that its
reference and splits are what every door gives."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from maillage.finance.models import (
    Budget,
    BudgetLine,
    BudgetLineFunding,
    BudgetVersion,
    Expense,
    ExpenseStatus,
)
from maillage.finance.services.expenses import ExpenseService, ReceiptService
from maillage.funding.models import CostCategory

_counter = iter(range(1, 10**9))


def pdf_bytes(text: str = "") -> bytes:
    """A small PDF whose bytes differ with `text` (so its checksum does too)."""
    body = f"% {text or next(_counter)}\n".encode()
    return b"%PDF-1.4\n" + body + b"%%EOF\n"


def pdf_upload(name: str = "facture.pdf", text: str = "") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def budget_line(
    project: Any,
    *,
    code: str | None = None,
    category: str = CostCategory.TRAVEL,
    currency: str = "EUR",
    amount: Decimal = Decimal("10000.00"),
    grant: Any = None,
    grant_share: Decimal | None = None,
) -> BudgetLine:
    """A line of the project's budget (its first version); with `grant`, a split of
    `grant_share` (all of it by default) paid by that grant."""
    budget, _created = Budget.all_objects.get_or_create(
        project=project, defaults={"currency": currency}
    )
    version, _created = BudgetVersion.all_objects.get_or_create(
        budget=budget,
        number=1,
        defaults={"kind": "initial", "status": "adopted", "adopted_on": dt.date(2026, 1, 5)},
    )
    line = BudgetLine.objects.create(
        budget_version=version,
        code=code or f"L{next(_counter)}",
        label="Missions Lille–Oujda",
        category=category,
        quantity=Decimal(1),
        unit_cost=amount,
        amount=amount,
        currency=currency,
        year=2026,
    )
    if grant is not None:
        donor = grant.application.call.instrument.donor
        BudgetLineFunding.objects.create(
            line=line, donor=donor, grant=grant, amount=grant_share or amount
        )
    return line


def expense(
    project: Any,
    *,
    by: Any = None,
    line: BudgetLine | None = None,
    amount: Decimal = Decimal("120.50"),
    currency: str = "EUR",
    spent_on: dt.date = dt.date(2026, 3, 12),
    status: str = ExpenseStatus.DRAFT,
    receipt: bool = False,
    **extra: Any,
) -> Expense:
    """An expense through the service (reference, splits); moved to `status` by the
    service too (a receipt is attached when it must be submitted)."""
    data = {
        "project": project,
        "budget_line": line or budget_line(project, currency=currency),
        "spent_on": spent_on,
        "description": "Billets de train Lille–Paris",
        "payee_name": "SNCF Voyageurs",
        "amount": amount,
        "currency": currency,
        "payment_method": "card",
        **extra,
    }
    obj = ExpenseService.create(data=data, by=by)
    if receipt or status != ExpenseStatus.DRAFT:
        ReceiptService.create(data={"expense": obj, "file": pdf_upload()}, by=None)
    if status in (ExpenseStatus.SUBMITTED, ExpenseStatus.VALIDATED, ExpenseStatus.RETURNED):
        obj = ExpenseService.move(obj=obj, status=ExpenseStatus.SUBMITTED, by=None)
    if status == ExpenseStatus.VALIDATED:
        obj = ExpenseService.move(obj=obj, status=ExpenseStatus.VALIDATED, by=None)
    if status == ExpenseStatus.RETURNED:
        obj = ExpenseService.move(
            obj=obj, status=ExpenseStatus.RETURNED, by=None, comment="Pièce illisible"
        )
    return obj


# -- the generic suites' world (tests/generic: one Entity line in tests/finance/entities.py)


def _funded_line(w: Any, project: Any) -> BudgetLine:
    from tests.funding.factories_calls import GrantFactory
    from tests.partnerships.factories import AgreementFactory

    grant = GrantFactory(
        agreement=AgreementFactory(projects=[project]), application__project=project
    )
    return budget_line(project, grant=grant, grant_share=Decimal("6000.00"))


def world_expense(w: Any, side: str) -> Expense:
    """An expense of the side's project, entered by the officer, charged in part to a
    grant of that project (the rest on own funds)."""
    project = w.project(side)
    return expense(project, line=_funded_line(w, project), by=w.officer, receipt=True)


def world_valid(w: Any) -> dict[str, Any]:
    line = w.extra.get("expense_line") or budget_line(w.shared)
    w.extra["expense_line"] = line
    return {
        "project": w.shared,
        "spent_on": dt.date(2026, 3, 12),
        "budget_line": line,
        "payee_name": "Hôtel Atlas Oujda",
        "description": "Deux nuits d'hôtel pour la mission de mars",
        "amount": Decimal("180.00"),
        "currency": "EUR",
        "payment_method": "transfer",
    }


def partner_expense(w: Any) -> Expense:
    """A draft the partner entered on its project: it edits and deletes it."""
    return expense(w.shared, by=w.users["partner"])


def grow_expense(w: Any, record: Expense, n: int) -> None:
    """More receipts, splits and counter-entries around a page that must not query more."""
    for _ in range(n):
        ReceiptService.create(data={"expense": record, "file": pdf_upload()}, by=None)
        other = expense(record.project, line=record.budget_line, by=w.officer, receipt=True)
        ReceiptService.create(data={"expense": other, "file": pdf_upload()}, by=None)
