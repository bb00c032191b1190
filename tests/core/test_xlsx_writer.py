"""The streaming XLSX writer of the table exports: a spreadsheet reads from it what
openpyxl's writer gave before (values, types, date formats), text stays text, and the
rows stream through without being held."""

import datetime as dt
import io
import tempfile
import tracemalloc
import zipfile
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook

from maillage.core.exports import write_table, xlsx_cell
from maillage.core.xlsx_writer import write_xlsx
from tests.office import libreoffice_csv

PARIS = dt.timezone(dt.timedelta(hours=1))


def wall(*parts: int) -> dt.datetime:
    """A datetime as a cell holds it: a wall-clock time, no time zone."""
    return dt.datetime(*parts, tzinfo=dt.UTC).replace(tzinfo=None)


HEADERS = ["Date", "Libellé", "Note", "Montant", "Devise", "Vide", "Validée", "Validée le"]
ROWS = [
    [
        dt.date(2026, 3, 1),
        "Hébergement à Besançon, « deux nuits »",
        '=HYPERLINK("http://evil.example","clic")',
        Decimal("1234.50"),
        "EUR",
        None,
        True,
        dt.datetime(2026, 3, 1, 12, 30, 15, tzinfo=PARIS),
    ],
    [
        dt.date(1900, 1, 15),  # before Excel's phantom 29 February 1900
        "  espaces & <balises>\r\nligne\tsuivante ",
        "+33 5 56 00 00 00",
        Decimal("-0.01"),
        "XOF",
        "",
        False,
        wall(2026, 12, 31, 23, 59, 59, 500000),
    ],
    [dt.time(9, 45), dt.timedelta(hours=30, minutes=15), 42, 2.5, -7, "@SUM(A1)", None, None],
]


def _written(headers, rows) -> bytes:
    out = io.BytesIO()
    write_xlsx(out, headers, iter(rows))
    return out.getvalue()


def _openpyxl_written(headers, rows) -> bytes:
    """What the exports wrote before this writer: openpyxl's write-only workbook."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in [headers, *rows]:
        sheet.append([xlsx_cell(sheet, value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _cells(content: bytes) -> list[list[tuple]]:
    sheet = load_workbook(io.BytesIO(content)).active
    # An empty cell is no cell at all (openpyxl wrote an empty text): both read as None.
    return [
        [
            (cell.value, cell.data_type, cell.number_format) if cell.value is not None else None
            for cell in row
        ]
        for row in sheet.iter_rows()
    ]


def test_a_spreadsheet_reads_the_same_cells_as_from_openpyxls_writer():
    assert _cells(_written(HEADERS, ROWS)) == _cells(_openpyxl_written(HEADERS, ROWS))


def test_values_come_back_with_their_types():
    sheet = load_workbook(io.BytesIO(_written(HEADERS, ROWS))).active
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet["A2"].value == wall(2026, 3, 1) and sheet["A2"].is_date
    assert sheet["A2"].number_format == "yyyy-mm-dd"
    assert sheet["A3"].value == wall(1900, 1, 15)
    # A cell has no time zone: the wall-clock time is kept, as openpyxl's writer did.
    assert sheet["H2"].value == wall(2026, 3, 1, 12, 30, 15)
    assert sheet["H2"].number_format == "yyyy-mm-dd h:mm:ss"
    assert sheet["D2"].value == 1234.5 and sheet["D2"].data_type == "n"
    assert sheet["G2"].value is True and sheet["G3"].value is False
    assert sheet["F2"].value is None and sheet["F3"].value is None
    assert sheet["A4"].value == dt.time(9, 45)
    assert sheet["B4"].value == dt.timedelta(hours=30, minutes=15)
    assert (sheet["C4"].value, sheet["D4"].value, sheet["E4"].value) == (42, 2.5, -7)


def test_text_that_looks_like_a_formula_stays_text():
    sheet = load_workbook(io.BytesIO(_written(HEADERS, ROWS))).active
    for ref in ("C2", "C3", "F4"):
        assert sheet[ref].data_type == "s"
    assert sheet["C2"].value == '=HYPERLINK("http://evil.example","clic")'
    archive = zipfile.ZipFile(io.BytesIO(_written(HEADERS, ROWS)))
    assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_text_keeps_its_spaces_line_ends_and_markup_characters():
    sheet = load_workbook(io.BytesIO(_written(HEADERS, ROWS))).active
    assert sheet["B3"].value == "  espaces & <balises>\r\nligne\tsuivante "


def test_characters_xml_cannot_hold_are_dropped():
    content = _written(["a\x00b", "c"], [["x\x01y\x0bz\ufffe", "\ud800d"]])
    sheet = load_workbook(io.BytesIO(content)).active
    assert list(sheet.iter_rows(values_only=True)) == [("ab", "c"), ("xyz", "d")]


def test_a_decimal_is_written_with_all_its_digits():
    content = _written(["n"], [[Decimal("12345678901234567.89")], [Decimal("1E+3")]])
    xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    assert b"<v>12345678901234567.89</v>" in xml and b"<v>1000</v>" in xml


def test_a_lazy_header_and_an_unknown_type_are_written_as_their_text():
    header = gettext_lazy("Amount")
    content = _written([header], [[Decimal("NaN")], [float("inf")]])
    sheet = load_workbook(io.BytesIO(content)).active
    assert [cell.value for cell in sheet["A"]] == [str(header), "NaN", "inf"]
    assert sheet["A2"].data_type == "s"


def test_a_row_longer_than_the_headers_keeps_its_cells_and_columns():
    content = _written(["a"], [[None, "", "c", 4], ["x"] * 30])
    sheet = load_workbook(io.BytesIO(content)).active
    assert [cell.value for cell in sheet[2]][:5] == [None, None, "c", 4, None]
    assert sheet["AD3"].value == "x"


def test_the_sheet_is_named_and_a_name_excel_refuses_is_refused():
    content = io.BytesIO()
    write_xlsx(content, ["a"], [], sheet_name="Dépenses & co")
    assert load_workbook(content).sheetnames == ["Dépenses & co"]
    assert load_workbook(io.BytesIO(_written(["a"], []))).sheetnames == ["Sheet"]
    with pytest.raises(ValueError, match="sheet name"):
        write_xlsx(io.BytesIO(), ["a"], [], sheet_name="a/b")


def test_the_table_export_writes_with_this_writer():
    archive = zipfile.ZipFile(io.BytesIO(write_table("xlsx", HEADERS, ROWS)))
    # openpyxl would have added a theme and document properties.
    assert sorted(archive.namelist()) == [
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/workbook.xml",
        "xl/worksheets/sheet1.xml",
    ]


def test_the_rows_stream_through_without_being_held():
    """A million-row export never holds its rows: 50,000 rows from a generator leave
    the memory as flat as 5,000 do (the sheet's XML goes to a temporary file)."""

    def rows(count):
        for i in range(count):
            yield [dt.date(2026, 1, 1), f"Dépense {i}", "=1+1", Decimal(i) / 100, "EUR", None]

    def peak(count):
        with tempfile.TemporaryFile() as out:  # where the export jobs write
            tracemalloc.start()
            try:
                write_xlsx(out, HEADERS[:6], rows(count))
                return tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()

    small, large = peak(5_000), peak(50_000)
    assert large < 2_000_000, large  # 1.3 MB measured: a batch of rows, a copy buffer
    assert large - small < 200_000, (small, large)


def test_libreoffice_opens_the_file_and_reads_dates_numbers_and_text(tmp_path):
    rows = libreoffice_csv(_written(HEADERS, ROWS), "xlsx", tmp_path)
    assert rows[0] == HEADERS
    assert rows[1] == [
        "2026-03-01",
        "Hébergement à Besançon, « deux nuits »",
        '=HYPERLINK("http://evil.example","clic")',
        "1234.5",
        "EUR",
        "",
        "TRUE",
        "2026-03-01 12:30:15",
    ]
    # (LibreOffice reads 1900-01-15 as the 14th: it counts no 29 February 1900, Excel does.)
    assert rows[2][2:5] == ["+33 5 56 00 00 00", "-0.01", "XOF"]
