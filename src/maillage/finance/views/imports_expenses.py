"""Import pages of expenses: CSV, XLSX or ODS, previewed row by row, all or nothing."""

from maillage.core.imports.views import ImportViews
from maillage.finance.imports_expenses import ExpenseImporter
from maillage.finance.views.expenses import ExpenseViews


class ExpenseImportViews(ImportViews):
    importer = ExpenseImporter
    crud = ExpenseViews
