"""The finance app's importers (found by core.imports.importers()): one module per
subject, imported here so that each registers itself."""

from maillage.finance import imports_expenses, imports_rates  # noqa: F401
