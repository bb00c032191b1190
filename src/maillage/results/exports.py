"""The logframe matrix as donors read it, in XLSX and ODS: a title, a two-row header
(the targets' periods under "Targets"), then each level of the intervention logic with
its indicators — unit, baseline, the target of each period, means of verification — and
its assumptions; a level's cells are merged over its indicators' rows, text wraps, the
header is shaded. User text is always written as text (never a formula)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import Style, TableCellProperties, TableColumnProperties, TextProperties
from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
from odf.text import P
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from maillage.core.exports import FORMATS, xml_text
from maillage.results.models import Indicator, IndicatorKind, IndicatorPeriod
from maillage.results.periods import period_label
from maillage.results.selectors.logframe import Logframe, LogframeRow

LOGFRAME_FORMATS = ("xlsx", "ods")
HEADER_FILL = "DCE6F1"
LEVEL_WIDTH, LOGIC_WIDTH, INDICATOR_WIDTH, TEXT_WIDTH, FIGURE_WIDTH = 16, 45, 40, 35, 13


@dataclass
class Cell:
    value: Any = None
    rows: int = 1  # merged over this many rows
    cols: int = 1
    header: bool = False
    covered: bool = False  # hidden under a merged cell


def _figure(value: Decimal | None) -> Any:
    # A number stays a number (sums and charts in the donor's copy); 12.0000 shows as 12.
    if value is None:
        return None
    normal = value.normalize()
    return int(normal) if normal == normal.to_integral_value() else float(normal)


def _logic(row: LogframeRow) -> str:
    result = row.result
    lines = [str(result)]
    if result.description:
        lines.append(result.description)
    if row.activities:
        lines.append(
            _("Activities: %(list)s") % {"list": "; ".join(a.title for a in row.activities)}
        )
    return "\n".join(lines)


def _baseline_note(indicator: Indicator) -> str:
    parts = []
    if indicator.baseline_on:
        parts.append(formats.date_format(indicator.baseline_on, "SHORT_DATE_FORMAT"))
    if indicator.baseline_comment:
        parts.append(indicator.baseline_comment)
    return "\n".join(parts)


def _target(indicator: Indicator, period: IndicatorPeriod | None) -> Any:
    if period is None:
        return None
    if indicator.kind == IndicatorKind.QUALITATIVE or period.target_value is None:
        return period.target_comment or None
    return _figure(period.target_value)


def matrix(frame: Logframe) -> tuple[list[list[Cell]], list[int]]:
    """The sheet as a grid of cells (merged ones covering the others), and column widths."""
    periods = [period_label(start, end) for start, end in frame.columns]
    fixed_before = [
        (_("Level"), LEVEL_WIDTH),
        (_("Intervention logic"), LOGIC_WIDTH),
        (_("Indicators"), INDICATOR_WIDTH),
        (_("Unit"), FIGURE_WIDTH),
        (_("Baseline"), FIGURE_WIDTH),
        (_("Baseline date and comment"), TEXT_WIDTH),
    ]
    fixed_after = [(_("Means of verification"), TEXT_WIDTH), (_("Assumptions"), TEXT_WIDTH)]
    width = len(fixed_before) + max(len(periods), 1) + len(fixed_after)
    title = _("Logical framework — %(project)s") % {"project": frame.project}
    grid: list[list[Cell]] = [[Cell(title, cols=width, header=True)]]
    grid[0] += [Cell(covered=True) for _i in range(width - 1)]
    top: list[Cell] = [Cell(label, rows=2, header=True) for label, _w in fixed_before]
    top.append(Cell(_("Targets"), cols=max(len(periods), 1), header=True))
    top += [Cell(covered=True) for _i in range(max(len(periods), 1) - 1)]
    top += [Cell(label, rows=2, header=True) for label, _w in fixed_after]
    second: list[Cell] = [Cell(covered=True) for _i in fixed_before]
    second += [Cell(label, header=True) for label in periods] or [Cell(header=True)]
    second += [Cell(covered=True) for _i in fixed_after]
    grid += [top, second]
    for row in frame.rows:
        lines = max(len(row.indicators), 1)
        assumptions = "\n".join(f"• {a.text}" for a in row.assumptions)
        for index in range(lines):
            first = index == 0
            line: list[Cell] = [
                Cell(row.result.get_level_display(), rows=lines) if first else Cell(covered=True),
                Cell(_logic(row), rows=lines) if first else Cell(covered=True),
            ]
            if row.indicators:
                item = row.indicators[index]
                indicator = item.indicator
                line += [
                    Cell(str(indicator)),
                    Cell(indicator.unit),
                    Cell(_figure(indicator.baseline_value)),
                    Cell(_baseline_note(indicator)),
                ]
                line += [Cell(_target(indicator, p)) for p in item.periods] or [Cell()]
                line.append(Cell(indicator.means_of_verification))
            else:
                line += [Cell() for _i in range(4 + max(len(periods), 1) + 1)]
            line.append(Cell(assumptions, rows=lines) if first else Cell(covered=True))
            grid.append(line)
    widths = [w for _l, w in fixed_before] + [FIGURE_WIDTH] * max(len(periods), 1)
    widths += [w for _l, w in fixed_after]
    return grid, widths


def write_xlsx(frame: Logframe) -> bytes:
    grid, widths = matrix(frame)
    wb = Workbook()
    ws: Any = wb.active
    ws.title = xml_text(_("Logframe"))[:31]
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")
    centred = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for r, line in enumerate(grid, start=1):
        for c, cell in enumerate(line, start=1):
            target = ws.cell(row=r, column=c)
            target.border = border
            if cell.covered:
                continue
            if isinstance(cell.value, str):
                # Set as text, after the fact: openpyxl reads a leading "=" as a formula.
                target.value = xml_text(cell.value)
                target.data_type = "s"
            else:
                target.value = cell.value
            target.alignment = centred if cell.header else wrap
            if cell.header:
                target.font = Font(bold=True, size=13 if r == 1 else 11)
                target.fill = fill
            if cell.rows > 1 or cell.cols > 1:
                ws.merge_cells(
                    start_row=r,
                    start_column=c,
                    end_row=r + cell.rows - 1,
                    end_column=c + cell.cols - 1,
                )
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "C4"
    ws.print_title_rows = "2:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _ods_styles(doc: OpenDocumentSpreadsheet, widths: list[int]) -> dict[str, Any]:
    def cell_style(name: str, *, header: bool) -> Style:
        style = Style(name=name, family="table-cell")
        style.addElement(
            TableCellProperties(
                wrapoption="wrap",
                verticalalign="middle" if header else "top",
                border="0.5pt solid #999999",
                backgroundcolor=f"#{HEADER_FILL}" if header else "transparent",
            )
        )
        if header:
            style.addElement(TextProperties(fontweight="bold"))
        doc.automaticstyles.addElement(style)
        return style

    columns = []
    for index, width in enumerate(widths):
        style = Style(name=f"col{index}", family="table-column")
        # A character of the default font is about 0.21 cm wide.
        style.addElement(TableColumnProperties(columnwidth=f"{width * 0.21:.2f}cm"))
        doc.automaticstyles.addElement(style)
        columns.append(style)
    return {
        "header": cell_style("header", header=True),
        "body": cell_style("body", header=False),
        "columns": columns,
    }


def _ods_value(cell: Cell, style: Style) -> TableCell:
    attrs: dict[str, Any] = {"stylename": style}
    if cell.rows > 1:
        attrs["numberrowsspanned"] = cell.rows
    if cell.cols > 1:
        attrs["numbercolumnsspanned"] = cell.cols
    value = cell.value
    if isinstance(value, int | float):
        element = TableCell(valuetype="float", value=str(value), **attrs)
        element.addElement(P(text=str(value)))
        return element
    element = (
        TableCell(valuetype="string", **attrs) if value not in (None, "") else TableCell(**attrs)
    )
    for paragraph in xml_text(str(value or "")).split("\n") if value else []:
        element.addElement(P(text=paragraph))
    return element


def write_ods(frame: Logframe) -> bytes:
    grid, widths = matrix(frame)
    doc = OpenDocumentSpreadsheet()
    styles = _ods_styles(doc, widths)
    table = Table(name=xml_text(_("Logframe")))
    for style in styles["columns"]:
        table.addElement(TableColumn(stylename=style))
    for line in grid:
        tr = TableRow()
        for cell in line:
            if cell.covered:
                tr.addElement(CoveredTableCell())
            else:
                tr.addElement(_ods_value(cell, styles["header" if cell.header else "body"]))
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def logframe_file(frame: Logframe, fmt: str) -> tuple[bytes, str, str]:
    """(content, file name, content type) of the matrix in `fmt` (xlsx or ods)."""
    content = write_xlsx(frame) if fmt == "xlsx" else write_ods(frame)
    content_type, extension = FORMATS[fmt]
    # A file name in the reader's language: "cadre-logique-lille-oujda-1.xlsx".
    label = _("logframe")
    name = slugify(f"{label}-{frame.project.code}") or "logframe"
    return content, f"{name}.{extension}", content_type
