"""Rows of the permission matrix (tests/test_permission_matrix.py) for the finance app."""

from __future__ import annotations

from typing import Any

from tests.permissions import Rule

RULES: list[Rule] = []
# basename: (URL segment, shared record, hidden record)
API_RESOURCES: dict[str, tuple[str, str, str]] = {}


def extend_world(world: dict[str, Any]) -> dict[str, Any]:
    """The records of each finance module's rows."""
    records: dict[str, Any] = {}
    for module in _MODULES:
        records.update(module.extend_world({**world, **records}))
    return records


# Expenses and receipts (E2).
from tests.finance import matrix_expenses  # noqa: E402

_MODULES: list[Any] = [matrix_expenses]
RULES += matrix_expenses.RULES
API_RESOURCES.update(matrix_expenses.API_RESOURCES)

# Follow-up, financial reports and the accounting export (E3, E4).
from tests.finance import matrix_reports  # noqa: E402

_MODULES.append(matrix_reports)
RULES += matrix_reports.RULES
API_RESOURCES.update(matrix_reports.API_RESOURCES)

# Budgets and exchange rates (E1).
from tests.finance import matrix_budgets  # noqa: E402

_MODULES.append(matrix_budgets)
RULES += matrix_budgets.RULES
API_RESOURCES.update(matrix_budgets.API_RESOURCES)
