"""What the finance app adds to the other apps' pages, one module per subject, each
imported here at start-up (core.apps)."""

from maillage.finance import hooks_budgets, hooks_expenses, hooks_reports  # noqa: F401
