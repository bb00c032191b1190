"""Records for the follow-up and report tests: a project with a budget in dirhams, a
grant, rates, and validated expenses written in bulk (`validated_expenses`: the query-count
tests grow to many expenses without going through the service one by one; the service's
own tests live with the expenses)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from maillage.finance.models import (
    Budget,
    BudgetLine,
    BudgetLineFunding,
    BudgetVersion,
    ExchangeRate,
    Expense,
    ExpenseCharge,
    ExpenseStatus,
)
from tests.factories import ProjectFactory
from tests.funding.factories_calls import GrantFactory
from tests.partnerships.factories import AgreementFactory

_numbers = iter(range(1, 10**9))

MAD_RATES = {
    dt.date(2026, 1, 2): Decimal("10.75"),
    dt.date(2026, 3, 2): Decimal("10.80"),
    dt.date(2026, 3, 10): Decimal("10.90"),
    dt.date(2026, 4, 1): Decimal("11.00"),
}


def mad_rates() -> None:
    for on, rate in MAD_RATES.items():
        ExchangeRate.objects.get_or_create(
            on=on, currency="MAD", defaults={"rate": rate, "source": "bam"}
        )


def project_with_budget(*, currency: str = "MAD", **project: Any) -> tuple[Any, BudgetVersion]:
    project.setdefault("start_on", dt.date(2026, 1, 1))
    project.setdefault("end_on", dt.date(2027, 12, 31))
    obj = ProjectFactory(**project)
    budget = Budget.objects.create(project=obj, currency=currency)
    version = BudgetVersion.objects.create(
        budget=budget, number=1, kind="initial", status="adopted", adopted_on=dt.date(2026, 1, 5)
    )
    return obj, version


def line(
    version: BudgetVersion,
    code: str,
    amount: Decimal,
    *,
    currency: str | None = None,
    category: str = "travel",
    year: int = 2026,
    grant: Any = None,
    share: Decimal | None = None,
) -> BudgetLine:
    obj = BudgetLine.objects.create(
        budget_version=version,
        code=code,
        label=f"Ligne {code}",
        category=category,
        quantity=Decimal(1),
        unit_cost=amount,
        amount=amount,
        currency=currency or version.budget.currency,
        year=year,
    )
    if grant is not None:
        donor = grant.application.call.instrument.donor
        BudgetLineFunding.objects.create(
            line=obj, donor=donor, grant=grant, amount=share if share is not None else amount
        )
    return obj


def grant_for(project: Any, **kw: Any) -> Any:
    return GrantFactory(
        application__project=project, agreement=AgreementFactory(projects=[project]), **kw
    )


def validated_expenses(
    budget_line: BudgetLine,
    n: int,
    *,
    amount: Decimal = Decimal("100.00"),
    currency: str | None = None,
    spent_on: dt.date = dt.date(2026, 3, 12),
    grant: Any = None,
    share: Decimal | None = None,
    status: str = ExpenseStatus.VALIDATED,
) -> list[Expense]:
    """`n` expenses on the line, validated, each charged to `grant` (its `share`, all of
    it by default) and the rest to own funds."""
    project = budget_line.budget_version.budget.project
    now = timezone.now()
    expenses = Expense.objects.bulk_create(
        [
            Expense(
                project=project,
                reference=f"TST-{next(_numbers):07d}",
                spent_on=spent_on,
                payee_name="Fournisseur",
                description="Dépense de test",
                amount=amount,
                currency=currency or budget_line.currency,
                budget_line=budget_line,
                status=status,
                validated_at=now if status == ExpenseStatus.VALIDATED else None,
            )
            for _ in range(n)
        ]
    )
    charges = []
    for expense in expenses:
        charged = share if share is not None else amount
        if grant is not None:
            donor = grant.application.call.instrument.donor
            charges.append(ExpenseCharge(expense=expense, donor=donor, grant=grant, amount=charged))
        if grant is None or charged != amount:
            charges.append(
                ExpenseCharge(expense=expense, amount=amount - (charged if grant else 0))
            )
    ExpenseCharge.objects.bulk_create(charges)
    return expenses


# -- financial reports (the generic suites and the permission matrix) ---------------------


def financial_report(project: Any, **kw: Any) -> Any:
    """A report on a new grant of the project (its id or the project), for 2026."""
    from maillage.finance.models import FinancialReport
    from maillage.projects.models import Project

    if not isinstance(project, Project):
        project = Project.all_objects.get(pk=project)
    values = {
        "grant": grant_for(project),
        "period_start_on": dt.date(2026, 1, 1),
        "period_end_on": dt.date(2026, 12, 31),
        **kw,
    }
    return FinancialReport.objects.create(**values)


def world_financial_report(w: Any, side: str) -> Any:
    return financial_report(w.project(side))


def world_financial_report_valid(w: Any) -> dict[str, Any]:
    return {
        "grant": grant_for(w.shared),
        "period_start_on": dt.date(2026, 1, 1),
        "period_end_on": dt.date(2026, 6, 30),
        "status": "draft",
        "note": "Rapport intermédiaire",
    }


def grow_financial_report(w: Any, report: Any, n: int) -> None:
    """`n` more validated expenses charged to the report's grant."""
    project = report.grant.application.project
    budget, _created = Budget.all_objects.get_or_create(
        project=project, defaults={"currency": "EUR"}
    )
    version, _created = BudgetVersion.all_objects.get_or_create(
        budget=budget,
        number=1,
        defaults={"kind": "initial", "status": "adopted", "adopted_on": dt.date(2026, 1, 5)},
    )
    budget_line = BudgetLine.all_objects.filter(
        budget_version=version, code="GROW"
    ).first() or line(version, "GROW", Decimal("100000"), currency="EUR", grant=report.grant)
    validated_expenses(
        budget_line, n, amount=Decimal("10"), spent_on=dt.date(2026, 2, 2), grant=report.grant
    )
