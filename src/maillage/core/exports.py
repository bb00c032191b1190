"""Tabular exports (CSV, XLSX, ODS) with formula injection neutralised.

Two CSV layouts: `csv`, comma-separated with a decimal point (what programs read), and
`csv-semicolon`, the layout a French spreadsheet opens by double-click: semicolons
between cells, a decimal comma, dates as dd/mm/yyyy, UTF-8 with a BOM (as both are).

A spreadsheet opens a cell that starts with `=`, `+`, `-` or `@` as a formula; text from
users is written so that it stays text: string-typed cells in XLSX and ODS, and a leading
apostrophe in CSV (where no cell type exists).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core.files import File
from django.utils.translation import gettext_lazy as _
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P
from openpyxl.cell import WriteOnlyCell

from maillage.core.xlsx_writer import write_xlsx, xml_text

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "csv-semicolon": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "ods"),
}
# How the export buttons name the formats (the others: their name in capitals).
FORMAT_LABELS = {
    "csv": _("CSV (comma)"),
    "csv-semicolon": _("CSV (semicolon)"),
}
FORMAT_HELP = {
    "csv": _("Comma-separated, decimal point: for programs and English spreadsheets"),
    "csv-semicolon": _(
        "Semicolon-separated, decimal comma: opens by double-click in a French spreadsheet"
    ),
}
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def format_label(fmt: str) -> str:
    return str(FORMAT_LABELS.get(fmt, fmt.upper()))


def is_dangerous(value: Any) -> bool:
    # Blank text (a lone tab) can hold no formula: an apostrophe would only add a character.
    return isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES) and bool(value.strip())


def neutralise_csv(value: Any) -> Any:
    return f"'{value}" if is_dangerous(value) else value


def write_table(fmt: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    if fmt == "csv":
        return _write_csv(headers, rows)
    if fmt == "csv-semicolon":
        return _write_csv(headers, ([_french_cell(v) for v in row] for row in rows), ";")
    if fmt == "xlsx":
        return _write_xlsx(headers, rows)
    if fmt == "ods":
        return _write_ods(headers, rows)
    raise ValueError(f"unknown export format {fmt!r}")


def _french_cell(value: Any) -> Any:
    """A number with a decimal comma, a date as dd/mm/yyyy: what a French spreadsheet
    reads as a number or a date in a semicolon-separated file."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, Decimal | float):
        return (format(value, "f") if isinstance(value, Decimal) else str(value)).replace(".", ",")
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return value


def write_table_file(fmt: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> File:
    """The table written into a temporary file, row after row, for the export jobs: a
    million rows never sit in memory (as text, then bytes, then a copy: +630 MB for a
    million expenses in CSV). The caller closes it."""
    handle = tempfile.TemporaryFile()  # noqa: SIM115 — handed to the caller, who closes it
    if fmt in ("csv", "csv-semicolon"):
        # UTF-8 with BOM ("utf-8-sig") so that spreadsheet programs read accents right.
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
        if fmt == "csv":
            _csv_rows(text, headers, rows, ",")
        else:
            _csv_rows(text, headers, ([_french_cell(v) for v in row] for row in rows), ";")
        text.flush()
        text.detach()
    elif fmt == "xlsx":
        _xlsx_into(handle, headers, rows)
    else:
        handle.write(write_table(fmt, headers, rows))
    handle.seek(0)
    return File(handle)


def _csv_rows(
    out: Any, headers: Sequence[str], rows: Iterable[Sequence[Any]], delimiter: str
) -> None:
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow([neutralise_csv(h) for h in headers])
    for row in rows:
        writer.writerow([neutralise_csv("" if v is None else v) for v in row])


def _write_csv(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], delimiter: str = ","
) -> bytes:
    out = io.StringIO()
    _csv_rows(out, headers, rows, delimiter)
    # UTF-8 with BOM so that spreadsheet programs read accents right.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx_into(out: Any, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    # Our own streaming writer, not openpyxl: a tenth of the CPU a row (issue 16).
    write_xlsx(out, headers, rows)


def _write_xlsx(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    out = io.BytesIO()
    _xlsx_into(out, headers, rows)
    return out.getvalue()


def xlsx_cell(ws: Any, value: Any) -> Any:
    """A value as an openpyxl worksheet takes it, text kept text (for the workbooks
    openpyxl writes: plans, financial reports)."""
    if isinstance(value, str):
        value = xml_text(value)
        if not value.startswith("="):
            # openpyxl stores any other text as text: no cell object of its own (making
            # one per string was half the time of a million-line export).
            return value
        cell = WriteOnlyCell(ws, value=None)
        # Setting the value directly keeps it a string: openpyxl would otherwise read
        # a leading "=" as a formula.
        cell._value = value  # type: ignore[attr-defined]  # private: see above
        cell.data_type = "s"
        return cell
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def _write_ods(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    doc = OpenDocumentSpreadsheet()
    table = Table(name="Export")
    for row in [headers, *rows]:
        tr = TableRow()
        for value in row:
            tr.addElement(_ods_cell(value))
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def _ods_cell(value: Any) -> TableCell:
    if isinstance(value, bool) or value is None:
        text = "" if value is None else str(value)
        cell = TableCell(valuetype="string")
    elif isinstance(value, int | float | Decimal):
        text = str(value)
        cell = TableCell(valuetype="float", value=str(value))
    elif isinstance(value, dt.datetime):
        text = value.isoformat()
        cell = TableCell(valuetype="date", datevalue=value.replace(tzinfo=None).isoformat())
    elif isinstance(value, dt.date):
        text = value.isoformat()
        cell = TableCell(valuetype="date", datevalue=value.isoformat())
    else:
        text = xml_text(str(value))
        cell = TableCell(valuetype="string")
    if text:
        cell.addElement(P(text=text))
    return cell
