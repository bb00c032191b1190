"""Budgets, versions, lines and rates for the tests, written through the services (so
that a line's amount and a budget's first version are what every door gives)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from maillage.finance.models import (
    Budget,
    BudgetLine,
    BudgetLineFunding,
    BudgetVersion,
    ContractualRate,
    ExchangeRate,
    ExchangeRateSource,
)
from maillage.finance.services.budgets import (
    BudgetLineFundingService,
    BudgetLineService,
    BudgetService,
)
from maillage.finance.services.rates import ContractualRateService, ExchangeRateService
from maillage.funding.models import CostCategory

_codes = iter(range(1, 10**9))


def budget(project: Any, *, currency: str = "EUR", by: Any = None) -> Budget:
    """The project's budget, with its initial version (a draft)."""
    return BudgetService.create(data={"project": project, "currency": currency}, by=by)


def first_version(of: Budget) -> BudgetVersion:
    return of.versions.order_by("number").first()  # type: ignore[return-value]


def line(
    version: BudgetVersion,
    *,
    code: str | None = None,
    label: str = "Missions Lille–Oujda",
    category: str = CostCategory.TRAVEL,
    quantity: Decimal | str = "1",
    unit_cost: Decimal | str = "1000.00",
    currency: str = "EUR",
    year: int = 2026,
    by: Any = None,
) -> BudgetLine:
    return BudgetLineService.create(
        data={
            "budget_version": version,
            "code": code or f"L{next(_codes):03d}",
            "label": label,
            "category": category,
            "quantity": Decimal(quantity),
            "unit_cost": Decimal(unit_cost),
            "currency": currency,
            "year": year,
        },
        by=by,
    )


def split(
    of: BudgetLine, amount: Decimal | str, *, donor: Any = None, grant: Any = None
) -> BudgetLineFunding:
    return BudgetLineFundingService.create(
        data={"line": of, "amount": Decimal(amount), "donor": donor, "grant": grant}, by=None
    )


def rate(
    currency: str,
    value: Decimal | str,
    on: dt.date,
    *,
    source: str = ExchangeRateSource.BAM,
) -> ExchangeRate:
    return ExchangeRateService.create(
        data={"on": on, "currency": currency, "rate": Decimal(value), "source": source}, by=None
    )


def contractual_rate(grant: Any, currency: str, value: Decimal | str) -> ContractualRate:
    return ContractualRateService.create(
        data={"grant": grant, "currency": currency, "rate": Decimal(value)}, by=None
    )


# -- the generic suites' records (tests/finance/entities.py, matrix_budgets.py) ----------

_days = iter(range(10**6))


def _project(w: Any, side: str) -> Any:
    """The side's project, or, once it has a budget (one per project), another project
    on the same side (the partner a member of it on the shared side)."""
    from tests.factories import MembershipFactory, ProjectFactory
    from tests.generic.factories import SHARED

    project = w.project(side)
    if not Budget.all_objects.filter(project=project).exists():
        return project
    project = ProjectFactory()
    if side == SHARED:
        MembershipFactory(project=project, user=w.users["partner"])
    return project


def world_budget(w: Any, side: str) -> Budget:
    return budget(_project(w, side))


def world_budget_valid(w: Any) -> dict[str, Any]:
    from tests.factories import ProjectFactory

    return {"project": ProjectFactory(), "currency": "MAD", "note": "Budget prévisionnel"}


def grow_budget(w: Any, record: Budget, n: int) -> None:
    version = first_version(record)
    for _ in range(n):
        split(line(version, currency="XOF", unit_cost="1000"), "500")


def world_budgetversion(w: Any, side: str) -> BudgetVersion:
    return first_version(budget(_project(w, side)))


def world_budgetversion_valid(w: Any) -> dict[str, Any]:
    from tests.factories import ProjectFactory

    return {"budget": budget(ProjectFactory()), "status": "draft", "note": "Après l'avenant"}


def grow_budgetversion(w: Any, record: BudgetVersion, n: int) -> None:
    for _ in range(n):
        split(line(record, unit_cost="300.00"), "100.00")
        line(record, currency="XOF", unit_cost="1000")


def world_budgetline(w: Any, side: str) -> BudgetLine:
    return line(world_budgetversion(w, side), code="SIDE-1", label=f"Ligne {side}")


def world_budgetline_valid(w: Any) -> dict[str, Any]:
    from tests.factories import ProjectFactory

    version = first_version(budget(ProjectFactory()))
    return {
        "budget_version": version,
        "code": "T-01",
        "label": "Billets Lille–Oujda",
        "category": "travel",
        "quantity": Decimal("4"),
        "unit": "aller-retour",
        "unit_cost": Decimal("450.00"),
        "currency": "EUR",
        "year": 2026,
    }


def grow_budgetline(w: Any, record: BudgetLine, n: int) -> None:
    for _ in range(n):
        split(record, "1.00")


def world_exchangerate(w: Any, side: str) -> ExchangeRate:
    return rate("MAD", "10.85", dt.date(2026, 1, 1) + dt.timedelta(days=next(_days)))


def world_exchangerate_valid(w: Any) -> dict[str, Any]:
    return {
        "on": dt.date(2025, 12, 31),
        "currency": "MAD",
        "rate": Decimal("10.8523"),
        "source": "bam",
        "note": "Cours moyen publié",
    }


def world_contractualrate(w: Any, side: str) -> ContractualRate:
    from tests.funding.factories_calls import GrantFactory

    return contractual_rate(GrantFactory(application__project=w.project(side)), "MAD", "10.7")


def world_contractualrate_valid(w: Any) -> dict[str, Any]:
    from tests.funding.factories_calls import GrantFactory

    return {
        "grant": GrantFactory(),
        "currency": "MAD",
        "rate": Decimal("10.9000"),
        "note": "Art. 5",
    }
