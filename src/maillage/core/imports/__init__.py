"""Imports from CSV, XLSX and ODS files, shared by every entity that can be imported.

An app declares its importers in its `imports` module (found by `importers()`), and its
pages with a few lines of `ImportViews` (`core.imports.views`); `maillage import <name>
FILE` is the command line. See `engine` for the declaration and `readers` for the files.
"""

from maillage.core.imports import parsers
from maillage.core.imports.engine import (
    CREATE,
    SKIP,
    UPDATE,
    Field,
    Importer,
    RowContext,
    get_importer,
    importers,
    register,
)
from maillage.core.imports.preview import Preview, build_preview
from maillage.core.imports.readers import ImportFileError, read_table
from maillage.core.imports.writer import ImportAborted, commit

__all__ = [
    "CREATE",
    "SKIP",
    "UPDATE",
    "Field",
    "ImportAborted",
    "ImportFileError",
    "Importer",
    "Preview",
    "RowContext",
    "build_preview",
    "commit",
    "get_importer",
    "importers",
    "parsers",
    "read_table",
    "register",
]
