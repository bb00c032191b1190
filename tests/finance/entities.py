"""The finance app's lines for the generic suites (tests/generic/entities.py collects them)."""

from __future__ import annotations

from tests.generic.entities import Entity

ENTITIES: list[Entity] = []

# Expenses (E2): partners enter them on their projects and change their own drafts.
from tests.finance import factories_expenses as _fx  # noqa: E402

ENTITIES.append(
    Entity(
        "expense",
        "finance.Expense",
        "maillage.finance.views.expenses.ExpenseViews",
        "expenses",
        _fx.world_expense,
        _fx.world_valid,
        {"description": "Description corrigée"},
        partner_creates=True,
        partner_own=_fx.partner_expense,
        partner_patch={"description": "Corrigée par le partenaire"},
        partner_page_writes=True,
        grow_detail=_fx.grow_expense,
        filter_values={
            "donor": lambda r: r.charges.exclude(donor=None).first().donor_id,
            "grant": lambda r: r.charges.exclude(grant=None).first().grant_id,
        },
    )
)

# Financial reports (E4): internal, like the grants they report on.
from tests.finance import factories_followup as _ff  # noqa: E402

ENTITIES.append(
    Entity(
        "financialreport",
        "finance.FinancialReport",
        "maillage.finance.views.reports.FinancialReportViews",
        "financial-reports",
        _ff.world_financial_report,
        _ff.world_financial_report_valid,
        {"note": "Note corrigée"},
        partner_reads=False,
        grow_detail=_ff.grow_financial_report,
        filter_values={
            "project": lambda r: r.grant.application.project_id,
            "ends_after": lambda r: "2026-01-01",
        },
    )
)

# Budgets (E1): partners read their projects' budgets; exchange and contractual rates are
# the service's own reference data.
from tests.finance import factories_budgets as _fb  # noqa: E402

ENTITIES += [
    Entity(
        "budget",
        "finance.Budget",
        "maillage.finance.views.budgets.BudgetViews",
        "budgets",
        _fb.world_budget,
        _fb.world_budget_valid,
        {"note": "Note corrigée"},
        grow_detail=_fb.grow_budget,
        filter_values={"project": lambda r: r.project_id},
    ),
    Entity(
        "budgetversion",
        "finance.BudgetVersion",
        "maillage.finance.views.budgets.BudgetVersionViews",
        "budget-versions",
        _fb.world_budgetversion,
        _fb.world_budgetversion_valid,
        {"note": "Note corrigée"},
        grow_detail=_fb.grow_budgetversion,
        filter_values={"budget": lambda r: r.budget_id, "project": lambda r: r.budget.project_id},
    ),
    Entity(
        "budgetline",
        "finance.BudgetLine",
        "maillage.finance.views.budgets.BudgetLineViews",
        "budget-lines",
        _fb.world_budgetline,
        _fb.world_budgetline_valid,
        {"label": "Libellé corrigé"},
        grow_detail=_fb.grow_budgetline,
        filter_values={
            "budget_version": lambda r: r.budget_version_id,
            "project": lambda r: r.budget_version.budget.project_id,
        },
    ),
    Entity(
        "exchangerate",
        "finance.ExchangeRate",
        "maillage.finance.views.rates.ExchangeRateViews",
        "exchange-rates",
        _fb.world_exchangerate,
        _fb.world_exchangerate_valid,
        {"note": "Note corrigée"},
        partner_reads=False,
        filter_values={"after": lambda r: r.on.isoformat(), "before": lambda r: r.on.isoformat()},
    ),
    Entity(
        "contractualrate",
        "finance.ContractualRate",
        "maillage.finance.views.rates.ContractualRateViews",
        "contractual-rates",
        _fb.world_contractualrate,
        _fb.world_contractualrate_valid,
        {"note": "Note corrigée"},
        partner_reads=False,
        filter_values={"grant": lambda r: r.grant_id},
    ),
]
