"""What the finance app adds to the other apps' pages, one module per subject, each
imported here at start-up (core.apps)."""

from maillage.finance import (  # noqa: F401
    hooks_budgets,
    hooks_expenses,
    hooks_grants,
    hooks_reports,
)
