"""The results area's importers (found by core.imports.importers): values (F2)."""

from maillage.results import imports_values  # noqa: F401
