"""The finance app's write path, one module per subject (expenses and receipts:
`expenses.py`; budgets: `budgets.py`; exchange rates: `rates.py`). Importing this package
registers every service (core.apps imports it at start-up): each module is imported below."""

from maillage.finance.services import budgets, expenses, rates, reports  # noqa: F401
