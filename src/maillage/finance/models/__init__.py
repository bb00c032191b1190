"""The models of the finance app, one module per entity family: exchange rates, budgets,
expenses (and, from fin-reports, financial reports), the stored over-spent lines."""

from maillage.finance.models.budgets import (
    Budget,
    BudgetLine,
    BudgetLineFunding,
    BudgetVersion,
    BudgetVersionKind,
    BudgetVersionStatus,
)
from maillage.finance.models.expenses import (
    Expense,
    ExpenseCharge,
    ExpenseStatus,
    PaymentMethod,
    Receipt,
)
from maillage.finance.models.followup import OverspentLine
from maillage.finance.models.rates import (
    BASE_CURRENCY,
    CFA_PARITY,
    PEGGED,
    ContractualRate,
    ExchangeRate,
    ExchangeRateSource,
)
from maillage.finance.models.reports import FinancialReport, FinancialReportStatus

__all__ = [
    "BASE_CURRENCY",
    "CFA_PARITY",
    "PEGGED",
    "Budget",
    "BudgetLine",
    "BudgetLineFunding",
    "BudgetVersion",
    "BudgetVersionKind",
    "BudgetVersionStatus",
    "ContractualRate",
    "ExchangeRate",
    "ExchangeRateSource",
    "Expense",
    "ExpenseCharge",
    "ExpenseStatus",
    "FinancialReport",
    "FinancialReportStatus",
    "OverspentLine",
    "PaymentMethod",
    "Receipt",
]
