"""The finance app's API resources, registered by config/api.py."""

from __future__ import annotations

from typing import Any

ROUTES: list[tuple[str, Any, str]] = []

# Budgets and exchange rates (E1).
from maillage.finance.api_budgets import (  # noqa: E402
    BudgetLineViewSet,
    BudgetVersionViewSet,
    BudgetViewSet,
)
from maillage.finance.api_rates import ContractualRateViewSet, ExchangeRateViewSet  # noqa: E402

ROUTES += [
    ("budgets", BudgetViewSet, "budget"),
    ("budget-versions", BudgetVersionViewSet, "budgetversion"),
    ("budget-lines", BudgetLineViewSet, "budgetline"),
    ("exchange-rates", ExchangeRateViewSet, "exchangerate"),
    ("contractual-rates", ContractualRateViewSet, "contractualrate"),
]

# Expenses with their splits, receipts and eligibility (E2).
from maillage.finance.api_expenses import ExpenseViewSet  # noqa: E402

ROUTES += [("expenses", ExpenseViewSet, "expense")]

# Financial reports to funders (E4).
from maillage.finance.api_reports import FinancialReportViewSet  # noqa: E402

ROUTES += [("financial-reports", FinancialReportViewSet, "financialreport")]
