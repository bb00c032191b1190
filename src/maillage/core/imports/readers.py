"""Read an uploaded table (CSV, XLSX or ODS) into numbered rows of cell values.

The type is decided by the content, not the file name: a zip archive holding a workbook
is XLSX, one holding an OpenDocument spreadsheet is ODS, text is CSV; anything else is
refused. Size is checked before anything is parsed. Problems with the whole file raise
`ImportFileError`; doubts about one cell (an encoding guessed, a formula) are returned as
notices that the preview shows beside the row.

Formula cells (XLSX and ODS): the value the spreadsheet program computed and saved is
used, with a warning naming the cell, because that is the value the person saw; a formula
without a saved value (files written by scripts) is an error, since reading it would mean
guessing. Merged cells are refused: which row a merged value belongs to is a guess too.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from lxml import etree
from openpyxl.utils import get_column_letter

from maillage.core.exports import DANGEROUS_PREFIXES

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .doc: the old binary formats
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
DELIMITERS = (";", ",", "\t")  # ties go to the first: French spreadsheets write ";"


def max_bytes() -> int:
    return int(getattr(settings, "IMPORT_MAX_BYTES", 20 * 1024 * 1024))


def max_rows() -> int:
    return int(getattr(settings, "IMPORT_MAX_ROWS", 100_000))


def max_columns() -> int:
    return int(getattr(settings, "IMPORT_MAX_COLUMNS", 200))


def max_unpacked_bytes() -> int:
    """A spreadsheet is a zip archive: refuse one that unpacks to far more than it weighs."""
    return int(getattr(settings, "IMPORT_MAX_UNPACKED_BYTES", 10 * max_bytes()))


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Notice:
    """A problem or doubt found while reading: `row` and `column` are 1-based, or None."""

    level: str  # "error" blocks the import; "warning" does not
    message: str
    row: int | None = None
    column: int | None = None


@dataclass
class Sheet:
    """The rows of a file that hold something, each with its number in the file."""

    format: str
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""


def column_letter(index: int) -> str:
    """1 → "A", 28 → "AB"."""
    return get_column_letter(index)


def file_size(source: IO[bytes]) -> int:
    size = getattr(source, "size", None)
    if isinstance(size, int):
        return size
    try:
        return os.fstat(source.fileno()).st_size
    except (AttributeError, OSError, io.UnsupportedOperation):
        position = source.tell()
        source.seek(0, os.SEEK_END)
        end = source.tell()
        source.seek(position)
        return end


def check_size(size: int) -> None:
    if size == 0:
        raise ImportFileError(_("The file is empty."))
    if size > max_bytes():
        raise ImportFileError(
            _(
                "The file weighs %(size)s; the limit is %(limit)s. Split it into smaller "
                "files, or remove columns and sheets that are not needed."
            )
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes())}
        )


def read_table(source: IO[bytes]) -> Sheet:
    """Read the first sheet of a CSV, XLSX or ODS file (a binary, seekable file)."""
    check_size(file_size(source))
    source.seek(0)
    head = source.read(8)
    source.seek(0)
    if head.startswith(ZIP_MAGIC):
        return _read_zip(source)
    if head.startswith(OLE_MAGIC):
        raise ImportFileError(
            _(
                "This is an old Excel file (.xls). Open it and save it as .xlsx, .ods or "
                "CSV, then import that file."
            )
        )
    return read_csv(source.read())


# --- CSV ---------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str, list[Notice]]:
    """The text of a CSV file, its encoding, and a warning when the encoding was guessed."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" export.
        try:
            return data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError:
            raise ImportFileError(_("The file cannot be read as text.")) from None
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig", []
        except UnicodeDecodeError:
            raise ImportFileError(
                _("The file says it is UTF-8 but is not: save it again as CSV UTF-8.")
            ) from None
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    warning = Notice(
        "warning",
        _(
            "The file is not in UTF-8; it was read as Windows/Latin-1 (%(encoding)s). Check "
            "the accents in the preview; to be sure, save it as “CSV UTF-8”."
        )
        % {"encoding": encoding},
    )
    return text, encoding, [warning]


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if "\x00" in sample:
        return True
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\r\n\x0c")
    return controls > len(sample) // 20


def detect_delimiter(text: str) -> str:
    """The separator among ; , and tab that cuts the first records into the most columns,
    the same number each time."""
    sample = text[:65536]
    truncated = len(text) > len(sample)
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        try:
            records = list(_csv_records(sample, delimiter, limit=50))
        except csv.Error:
            continue
        if truncated and len(records) > 1:
            records = records[:-1]  # the sample may end inside a record
        widths = [len(r) for r in records if any(c.strip() for c in r)]
        if not widths or widths[0] < 2:
            continue
        score = (sum(1 for w in widths if w == widths[0]) / len(widths), widths[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_records(text: str, delimiter: str, limit: int | None = None) -> Iterator[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for count, record in enumerate(reader, start=1):
        yield record
        if limit and count >= limit:
            return


def _unneutralise(value: str) -> str:
    # Maillage's CSV exports put an apostrophe before =, +, -, @ so that spreadsheets keep
    # them as text (core.exports); an import of such a file takes it off again.
    if value.startswith("'") and value[1:2] and value[1:].startswith(DANGEROUS_PREFIXES):
        return value[1:]
    return value


def read_csv(data: bytes) -> Sheet:
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    text, encoding, notices = decode(data)
    if _looks_binary(text):
        raise ImportFileError(
            _("This file is neither a CSV text file nor an XLSX or ODS spreadsheet.")
        )
    delimiter = detect_delimiter(text)
    sheet = Sheet("csv", notices=notices, encoding=encoding, delimiter=delimiter)
    limit = max_rows()
    number = 0
    try:
        for number, record in enumerate(_csv_records(text, delimiter), start=1):
            cells = [_unneutralise(c.strip()) for c in record]
            if any(cells):
                if len(sheet.rows) >= limit:
                    raise ImportFileError(_too_many_rows(limit))
                sheet.rows.append((number, cells))
    except csv.Error:
        raise ImportFileError(
            _(
                "Row %(row)s cannot be read: a quotation mark is probably not closed, so "
                "the rest of the file would be one cell. Check the quotes around that row."
            )
            % {"row": number + 1}
        ) from None
    if not sheet.rows:
        raise ImportFileError(_("The file has no rows."))
    return sheet


def _too_many_rows(limit: int) -> str:
    return _("The file has more than %(limit)s rows: split it into several files.") % {
        "limit": limit
    }


# --- Zip-based spreadsheets ----------------------------------------------------------------


def _read_zip(source: IO[bytes]) -> Sheet:
    try:
        archive = zipfile.ZipFile(source)
    except zipfile.BadZipFile:
        raise ImportFileError(_("The file is damaged: it cannot be opened.")) from None
    with archive:
        names = set(archive.namelist())
        if sum(info.file_size for info in archive.infolist()) > max_unpacked_bytes():
            raise ImportFileError(
                _("The spreadsheet is too large once unpacked: split it into smaller files.")
            )
        if "xl/workbook.xml" in names:
            kind = "xlsx"
        elif "mimetype" in names and archive.read("mimetype").strip() == ODS_MIMETYPE:
            kind = "ods"
        else:
            raise ImportFileError(
                _("This zip archive is not an XLSX or ODS spreadsheet (a .docx or .odt?).")
            )
        if kind == "ods":
            with archive.open("content.xml") as content:
                return _read_ods(content)
    source.seek(0)
    return _read_xlsx(source)


def _merged_error(ranges: list[str]) -> ImportFileError:
    shown = ", ".join(ranges[:10]) + (" …" if len(ranges) > 10 else "")
    return ImportFileError(
        _(
            "The sheet has merged cells (%(ranges)s). Unmerge them and write the value in "
            "each cell, then import the file again."
        )
        % {"ranges": shown}
    )


def _trim(values: list[Any]) -> list[Any]:
    while values and (values[-1] is None or values[-1] == ""):
        values.pop()
    return values


def _clear(element: Any) -> None:
    """Free an element lxml's iterparse has finished with, and its earlier siblings."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


# --- XLSX ----------------------------------------------------------------------------------

_XL = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _scan_xlsx_sheet(xml: IO[bytes]) -> tuple[list[str], dict[str, str]]:
    """Merged ranges and formula cells ({"C4": "=A4&B4"}) of a sheet's XML, streamed."""
    merged: list[str] = []
    formulas: dict[str, str] = {}
    for _event, element in etree.iterparse(
        xml, tag=(f"{_XL}row", f"{_XL}mergeCell"), resolve_entities=False, huge_tree=False
    ):
        if element.tag == f"{_XL}mergeCell":
            merged.append(element.get("ref", ""))
        else:
            for cell in element.iterchildren(f"{_XL}c"):
                formula = cell.find(f"{_XL}f")
                if formula is not None:
                    formulas[cell.get("r", "")] = "=" + (formula.text or "…")
        _clear(element)
    return merged, formulas


def _read_xlsx(source: IO[bytes]) -> Sheet:
    from openpyxl import load_workbook
    from openpyxl.utils.cell import coordinate_to_tuple

    try:
        workbook = load_workbook(source, read_only=True, data_only=True, keep_links=False)
    except Exception:  # openpyxl raises many kinds on a damaged archive
        raise ImportFileError(_("The XLSX file is damaged: it cannot be opened.")) from None
    sheet = Sheet("xlsx")
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("The workbook has no sheet."))
        worksheet = workbook.worksheets[0]
        if len(workbook.sheetnames) > 1:
            sheet.notices.append(_other_sheets_notice(worksheet.title, len(workbook.sheetnames)))
        # Read-only worksheets do not parse merged cells; the sheet's XML is scanned for them
        # (and for formulas) in one streamed pass. `_get_source` is openpyxl 3.1's way to it.
        with worksheet._get_source() as xml:  # type: ignore[attr-defined]  # not in the stubs
            merged, formulas = _scan_xlsx_sheet(xml)
        if merged:
            raise _merged_error(merged)
        formula_cells = {coordinate_to_tuple(ref): text for ref, text in formulas.items()}
        # The stored dimension may claim a million rows or 16,384 columns of formatting.
        worksheet.reset_dimensions()
        row_limit, column_limit = max_rows(), max_columns()
        for number, cells in enumerate(worksheet.iter_rows(), start=1):
            values: list[Any] = []
            for column, cell in enumerate(cells, start=1):
                value = cell.value
                if cell.data_type == "e" and value is not None:
                    sheet.notices.append(
                        Notice(
                            "error",
                            _("The cell shows an error (%(value)s): correct it.")
                            % {"value": value},
                            number,
                            column,
                        )
                    )
                    value = None
                formula = formula_cells.get((number, column))
                if formula is not None:
                    sheet.notices.append(_formula_notice(formula, value, number, column))
                values.append(value)
            # Blank cells (a lone space) make no row, as in the other formats.
            values = [_xlsx_value(v) for v in _trim(values)]
            if not any(v is not None and v != "" for v in values):
                continue
            if len(values) > column_limit:
                raise ImportFileError(_too_many_columns(column_limit))
            if len(sheet.rows) >= row_limit:
                raise ImportFileError(_too_many_rows(row_limit))
            sheet.rows.append((number, values))
    finally:
        workbook.close()
    if not sheet.rows:
        raise ImportFileError(_("The first sheet of the workbook is empty."))
    return sheet


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    return value


def _formula_notice(formula: str, value: Any, row: int, column: int) -> Notice:
    if value is None or value == "":
        return Notice(
            "error",
            _(
                "The cell holds a formula (%(formula)s) without a saved result. Replace it "
                "by its value (copy, then “paste values only”)."
            )
            % {"formula": formula[:60]},
            row,
            column,
        )
    return Notice(
        "warning",
        _("The cell holds a formula (%(formula)s); its saved result “%(value)s” is used.")
        % {"formula": formula[:60], "value": value},
        row,
        column,
    )


def _other_sheets_notice(title: str, count: int) -> Notice:
    return Notice(
        "warning",
        _("The workbook has %(count)s sheets; only the first, “%(title)s”, is read.")
        % {"count": count, "title": title},
    )


def _too_many_columns(limit: int) -> str:
    return _("A row has more than %(limit)s columns: remove the columns that are not needed.") % {
        "limit": limit
    }


# --- ODS -----------------------------------------------------------------------------------

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_CELL, _COVERED = f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"


def _read_ods(content: IO[bytes]) -> Sheet:
    """Stream content.xml: rows and cells repeated N times (LibreOffice writes a million
    trailing empty rows that way) are counted, never expanded while they are empty."""
    sheet = Sheet("ods")
    row_limit, column_limit = max_rows(), max_columns()
    merged: list[str] = []
    number = 0
    tables = 0
    first_title = ""
    try:
        for _event, element in etree.iterparse(
            content,
            tag=(f"{_TABLE}table-row", f"{_TABLE}table"),
            resolve_entities=False,
            huge_tree=False,
        ):
            if element.tag == f"{_TABLE}table":
                tables += 1
                first_title = first_title or element.get(f"{_TABLE}name", "")
                _clear(element)
                continue
            if tables:  # a row of a later sheet: only the first sheet is read
                _clear(element)
                continue
            repeat = int(element.get(f"{_TABLE}number-rows-repeated", "1"))
            values, spans = _ods_row(element, number + 1, sheet, column_limit)
            merged.extend(spans)
            _clear(element)
            if not values:
                number += repeat
                continue
            for _repeat in range(repeat):  # not `_`: that would hide gettext here
                number += 1
                if len(sheet.rows) >= row_limit:
                    raise ImportFileError(_too_many_rows(row_limit))
                sheet.rows.append((number, list(values)))
    except etree.XMLSyntaxError:
        raise ImportFileError(_("The ODS file is damaged: it cannot be read.")) from None
    if merged:
        raise _merged_error(merged)
    if tables > 1:
        sheet.notices.append(_other_sheets_notice(first_title, tables))
    if not sheet.rows:
        raise ImportFileError(_("The first sheet of the spreadsheet is empty."))
    return sheet


def _ods_row(row: Any, number: int, sheet: Sheet, column_limit: int) -> tuple[list[Any], list]:
    values: list[Any] = []
    merged: list[str] = []
    pending_empty = 0
    column = 0
    for cell in row.iterchildren(_CELL, _COVERED):
        repeat = int(cell.get(f"{_TABLE}number-columns-repeated", "1"))
        columns_spanned = int(cell.get(f"{_TABLE}number-columns-spanned", "1"))
        rows_spanned = int(cell.get(f"{_TABLE}number-rows-spanned", "1"))
        if cell.tag == _CELL and (columns_spanned > 1 or rows_spanned > 1):
            start = column + pending_empty + 1
            merged.append(
                f"{column_letter(start)}{number}:"
                f"{column_letter(start + columns_spanned - 1)}{number + rows_spanned - 1}"
            )
        value = None if cell.tag == _COVERED else _ods_value(cell)
        formula = cell.get(f"{_TABLE}formula")
        if value is None or value == "":
            if formula:
                sheet.notices.append(
                    _formula_notice(formula, None, number, column + pending_empty + 1)
                )
            pending_empty += repeat
            continue
        # Empty cells before a value keep their place: columns must not shift left.
        values.extend([None] * pending_empty)
        column += pending_empty
        pending_empty = 0
        if column + repeat > column_limit:
            raise ImportFileError(_too_many_columns(column_limit))
        if formula:
            sheet.notices.append(
                _formula_notice(formula.removeprefix("of:"), value, number, column + 1)
            )
        values.extend([value] * repeat)
        column += repeat
    return values, merged


def _ods_value(cell: Any) -> Any:
    kind = cell.get(f"{_OFFICE}value-type")
    if kind in ("float", "percentage", "currency"):
        number = Decimal(cell.get(f"{_OFFICE}value", "0"))
        return int(number) if number == number.to_integral_value() else number
    if kind == "date":
        raw = cell.get(f"{_OFFICE}date-value", "")
        try:
            return dt.datetime.fromisoformat(raw) if "T" in raw else dt.date.fromisoformat(raw)
        except ValueError:
            return raw
    if kind == "boolean":
        return cell.get(f"{_OFFICE}boolean-value") == "true"
    paragraphs = [_ods_text(p) for p in cell.iterchildren(f"{_TEXT}p", f"{_TEXT}h")]
    return "\n".join(paragraphs).strip()


def _ods_text(element: Any) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{_TEXT}s":
            parts.append(" " * int(child.get(f"{_TEXT}c", "1")))
        elif child.tag == f"{_TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{_TEXT}line-break":
            parts.append("\n")
        elif child.tag != f"{_OFFICE}annotation":
            parts.append(_ods_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
