from django.urls import path

app_name = "finance"

urlpatterns: list = []

# Budgets and exchange rates (E1: finance.views.budgets, finance.views.rates).
from maillage.finance.views import budgets as budget_views  # noqa: E402
from maillage.finance.views import rates as rate_views  # noqa: E402

urlpatterns += [
    # "budget_list", "budget_create", "budget_detail", … (CrudViews.urls)
    *budget_views.BudgetViews.urls("budgets/"),
    path("budgets/<int:pk>/revise/", budget_views.budget_revise, name="budget_revise"),
    # "budgetversion_list", …; a version's lines are budget lines with ?version=.
    *budget_views.BudgetVersionViews.urls("budget-versions/"),
    path("budget-versions/<int:pk>/adopt/", budget_views.version_adopt, name="budgetversion_adopt"),
    path(
        "budget-versions/<int:pk>/compare/",
        budget_views.version_compare,
        name="budgetversion_compare",
    ),
    *budget_views.BudgetLineViews.urls("budget-lines/"),
    # A line's funder splits: "split_add", "split_update", "split_delete".
    *budget_views.BudgetLineFundingViews.urls("budget-lines/<int:pk>/splits/"),
    path("projects/<int:pk>/budget/", budget_views.project_budget, name="project_budget"),
    # Before the rates' CRUD routes: "import" is not a record.
    path(
        "exchange-rates/import/",
        rate_views.ExchangeRateImportViews.upload_view(),
        name="exchangerate_import",
    ),
    path(
        "exchange-rates/import/<int:session>/columns/",
        rate_views.ExchangeRateImportViews.mapping_view(),
        name="exchangerate_import_mapping",
    ),
    path(
        "exchange-rates/import/<int:session>/preview/",
        rate_views.ExchangeRateImportViews.preview_view(),
        name="exchangerate_import_preview",
    ),
    *rate_views.ExchangeRateViews.urls("exchange-rates/"),
    *rate_views.ContractualRateViews.urls("contractual-rates/"),
]

# Expenses and their receipts (E2: finance.views.expenses).
from maillage.finance.views import expenses as expense_views  # noqa: E402
from maillage.finance.views import imports_expenses as expense_import_views  # noqa: E402

urlpatterns += [
    # Before the expenses' CRUD routes: "queue" and "import" are not records.
    path("expenses/queue/", expense_views.expense_queue, name="expense_queue"),
    # Imports from files (core.imports): upload → columns → preview → confirm.
    path(
        "expenses/import/",
        expense_import_views.ExpenseImportViews.upload_view(),
        name="expense_import",
    ),
    path(
        "expenses/import/<int:session>/columns/",
        expense_import_views.ExpenseImportViews.mapping_view(),
        name="expense_import_mapping",
    ),
    path(
        "expenses/import/<int:session>/preview/",
        expense_import_views.ExpenseImportViews.preview_view(),
        name="expense_import_preview",
    ),
    # "expense_list", "expense_create", "expense_detail", … (CrudViews.urls)
    *expense_views.ExpenseViews.urls("expenses/"),
    path("expenses/<int:pk>/move/", expense_views.expense_move, name="expense_move"),
    path("expenses/<int:pk>/reverse/", expense_views.expense_reverse, name="expense_reverse"),
    path("expenses/<int:pk>/charges/", expense_views.expense_charges, name="expense_charges"),
    # An expense's receipts: "receipt_add", "receipt_update", "receipt_delete".
    *expense_views.ReceiptViews.urls("expenses/<int:pk>/receipts/"),
    path(
        "expenses/<int:pk>/receipts/<int:child_pk>/file/",
        expense_views.receipt_download,
        name="receipt_download",
    ),
]

# Follow-up, financial reports and the accounting export (E3, E4: finance.views.followup,
# finance.views.reports).
from maillage.finance.views import followup as followup_views  # noqa: E402
from maillage.finance.views import reports as report_views  # noqa: E402

urlpatterns += [
    path(
        "projects/<int:pk>/followup/",
        followup_views.project_followup,
        name="project_followup",
    ),
    path(
        "projects/<int:pk>/cash-flow/",
        followup_views.project_cash_flow,
        name="project_cash_flow",
    ),
    # "financialreport_list", "financialreport_create", "financialreport_detail", …
    *report_views.FinancialReportViews.urls("reports/"),
    path(
        "reports/<int:pk>/file/",
        report_views.financial_report_export,
        name="financialreport_file",
    ),
    path("accounting/fec/", report_views.fec_export, name="fec_export"),
]
