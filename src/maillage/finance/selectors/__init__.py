"""The finance app's reads reused by pages, the API and reports, one module per subject
(expenses: `expenses.py`)."""
