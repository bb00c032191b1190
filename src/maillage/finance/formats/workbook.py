"""Workbooks of several sheets, as XLSX (openpyxl) and ODS (odfpy): what a financial
report is written as. A sheet is a list of rows; a row a list of values, or a `Row` with
a style (a title, a header, a total). Amounts are `Decimal` and keep their number of
decimals (two for the euro, none for the CFA franc) as the cell's number format.

Text goes through `core.exports` (`xlsx_cell`, `xml_text`), so that a description
starting with `=` stays text and never becomes a formula, in either format.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import Style, TableCellProperties, TableColumnProperties, TextProperties
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import P
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font, PatternFill

from maillage.core.exports import FORMATS, xlsx_cell, xml_text

RowStyle = Literal["", "title", "header", "total"]
DATE_FORMAT = "dd/mm/yyyy"
HEADER_FILL = "DDE4F0"
# Sheet names: at most 31 characters, none of []:*?/\ (Excel's rule; LibreOffice's too).
FORBIDDEN_IN_NAMES = str.maketrans("", "", "[]:*?/\\")


@dataclass(frozen=True)
class Row:
    cells: Sequence[Any]
    style: RowStyle = ""


@dataclass
class Sheet:
    name: str
    rows: list[Row] = field(default_factory=list)
    widths: Sequence[int] = ()  # column widths in characters

    def add(self, cells: Sequence[Any], style: RowStyle = "") -> None:
        self.rows.append(Row(list(cells), style))

    def blank(self) -> None:
        self.rows.append(Row([]))

    @property
    def title(self) -> str:
        return self.name.translate(FORBIDDEN_IN_NAMES)[:31] or "Sheet"


def decimals_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def number_format(value: Decimal) -> str:
    places = decimals_of(value)
    return "#,##0" + ("." + "0" * places if places else "")


def write_workbook(fmt: str, sheets: Sequence[Sheet]) -> bytes:
    if fmt == "xlsx":
        return write_xlsx(sheets)
    if fmt == "ods":
        return write_ods(sheets)
    raise ValueError(f"unknown workbook format {fmt!r}")


def content_type(fmt: str) -> str:
    return FORMATS[fmt][0]


# --- XLSX --------------------------------------------------------------------------------


def write_xlsx(sheets: Sequence[Sheet]) -> bytes:
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    big = Font(bold=True, size=13)
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    for sheet in sheets:
        ws = wb.create_sheet(title=sheet.title)
        for index, width in enumerate(sheet.widths):
            ws.column_dimensions[_column_letter(index)].width = width
        for row in sheet.rows:
            cells = []
            for value in row.cells:
                cell = xlsx_cell(ws, value)
                if not isinstance(cell, Cell):
                    cell = WriteOnlyCell(ws, value=cell)
                if isinstance(value, Decimal):
                    cell.number_format = number_format(value)
                elif isinstance(value, dt.date):
                    cell.number_format = DATE_FORMAT
                if row.style == "title":
                    cell.font = big
                elif row.style in ("header", "total"):
                    cell.font = bold
                if row.style == "header":
                    cell.fill = fill
                cells.append(cell)
            ws.append(cells)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


# --- ODS ---------------------------------------------------------------------------------


class _OdsStyles:
    """The automatic styles of the document: bold text, a header's fill, column widths."""

    def __init__(self, doc: OpenDocumentSpreadsheet) -> None:
        self.doc = doc
        self.bold = self._cell_style("bold", TextProperties(fontweight="bold"))
        self.title = self._cell_style("title", TextProperties(fontweight="bold", fontsize="13pt"))
        self.header = self._cell_style(
            "header",
            TextProperties(fontweight="bold"),
            TableCellProperties(backgroundcolor=f"#{HEADER_FILL.lower()}"),
        )
        self.columns: dict[int, Style] = {}

    def _cell_style(self, name: str, *properties: Any) -> Style:
        style = Style(name=name, family="table-cell")
        for prop in properties:
            style.addElement(prop)
        self.doc.automaticstyles.addElement(style)
        return style

    def column(self, width: int) -> Style:
        if width not in self.columns:
            style = Style(name=f"col{width}", family="table-column")
            style.addElement(TableColumnProperties(columnwidth=f"{width * 0.22:.2f}cm"))
            self.doc.automaticstyles.addElement(style)
            self.columns[width] = style
        return self.columns[width]

    def of(self, row_style: RowStyle) -> Style | None:
        return {"title": self.title, "header": self.header, "total": self.bold}.get(row_style)


def write_ods(sheets: Sequence[Sheet]) -> bytes:
    doc = OpenDocumentSpreadsheet()
    styles = _OdsStyles(doc)
    for sheet in sheets:
        table = Table(name=sheet.title)
        for width in sheet.widths:
            table.addElement(TableColumn(stylename=styles.column(width)))
        for row in sheet.rows:
            tr = TableRow()
            style = styles.of(row.style)
            for value in row.cells:
                tr.addElement(_ods_cell(value, style))
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def _ods_cell(value: Any, style: Style | None) -> TableCell:
    kwargs: dict[str, Any] = {"stylename": style} if style is not None else {}
    if value is None or isinstance(value, bool):
        text = "" if value is None else str(value)
        cell = TableCell(valuetype="string", **kwargs)
    elif isinstance(value, int | float | Decimal):
        text = format(value, "f") if isinstance(value, Decimal) else str(value)
        cell = TableCell(valuetype="float", value=text, **kwargs)
    elif isinstance(value, dt.datetime):
        text = value.replace(tzinfo=None).isoformat()
        cell = TableCell(valuetype="date", datevalue=text, **kwargs)
    elif isinstance(value, dt.date):
        text = value.isoformat()
        cell = TableCell(valuetype="date", datevalue=text, **kwargs)
    else:
        text = xml_text(str(value))
        cell = TableCell(valuetype="string", **kwargs)
    if text:
        cell.addElement(P(text=text))
    return cell
