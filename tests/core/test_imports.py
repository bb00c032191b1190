"""The import engine: readers, cell parsers, column mapping, preview and commit."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import CoveredTableCell, Table, TableCell, TableRow
from odf.text import P
from openpyxl import Workbook

from maillage.core.imports import Field, Importer, build_preview, commit, parsers, read_table
from maillage.core.imports.mapping import (
    auto_mapping,
    initial_mapping,
    mapping_errors,
    remember_mapping,
)
from maillage.core.imports.preview import find_header_row, sheet_headers
from maillage.core.imports.readers import ImportFileError, detect_delimiter
from maillage.core.models import Codelist


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


class Row:
    """A stand-in for the row context a parser receives."""

    def __init__(self, values=None):
        self.values = values or {}
        self.warnings = []

    def warn(self, message, field=None):
        self.warnings.append(message)


def loaded_on(raw, row):
    """A date cell for a date-and-time field: midnight where the server is."""
    day = parsers.date(raw, row)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class CodelistImporter(Importer):
    """A later importer in a few lines: what the engine needs and nothing more."""

    name = "test-codelists"
    model = Codelist
    match_reasons = {"name": "same name"}
    fields = (
        Field("name", "name", required=True, aliases=("nom",)),
        Field("version", "version"),
        Field("loaded_at", "loaded", loaded_on, aliases=("chargée le",)),
    )

    def match_keys(self, values):
        return [("name", (values.get("name") or "").lower())]


def xlsx(rows, edit=None):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if edit:
        edit(sheet)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def rewrite_zip(data, name, change):
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == name:
                content = change(content)
            target.writestr(item, content)
    return out.getvalue()


def ods(rows, *, trailing=True, merged=False):
    doc = OpenDocumentSpreadsheet()
    table = Table(name="Feuille1")
    for values in rows:
        tr = TableRow()
        for value in values:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(value)))
            tr.addElement(cell)
        if trailing:  # what LibreOffice writes to the sheet's last column
            tr.addElement(TableCell(numbercolumnsrepeated=16_000))
        table.addElement(tr)
    if merged:
        tr = TableRow()
        cell = TableCell(valuetype="string", numbercolumnsspanned=2)
        cell.addElement(P(text="fusion"))
        tr.addElement(cell)
        tr.addElement(CoveredTableCell())
        table.addElement(tr)
    if trailing:
        tr = TableRow(numberrowsrepeated=1_048_000)
        tr.addElement(TableCell(numbercolumnsrepeated=16_384))
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def read(data):
    return read_table(io.BytesIO(data))


# --- CSV ------------------------------------------------------------------------------------


def test_a_utf8_csv_with_a_bom_reads_without_the_bom_in_the_first_header():
    sheet = read("\ufeffNom,Ville\nÉcole,Évry\n".encode())
    assert sheet.rows == [(1, ["Nom", "Ville"]), (2, ["École", "Évry"])]
    assert sheet.notices == []


def test_a_cp1252_csv_is_decoded_with_a_warning():
    sheet = read("Nom;Ville\nAssociation Élan;Sète\n".encode("cp1252"))
    assert sheet.rows[1] == (2, ["Association Élan", "Sète"])
    assert sheet.encoding == "cp1252"
    assert [n.level for n in sheet.notices] == ["warning"]
    assert "UTF-8" in sheet.notices[0].message


def test_semicolons_tabs_and_commas_are_told_apart():
    assert detect_delimiter("a;b;c\n1,5;2;3\n") == ";"
    assert detect_delimiter("a,b,c\n1,2,3\n") == ","
    assert detect_delimiter("a\tb\n1\t2\n") == "\t"
    sheet = read(b"Nom;Notes\nA;un, deux, trois\n")
    assert sheet.delimiter == ";" and sheet.rows[1][1] == ["A", "un, deux, trois"]


def test_a_quoted_newline_stays_in_its_cell_and_row_numbers_follow_records():
    sheet = read(b'Nom,Adresse\nA,"1 rue X\r\n59000 Lille"\nB,ici\n')
    assert sheet.rows[1] == (2, ["A", "1 rue X\r\n59000 Lille"])
    assert sheet.rows[2] == (3, ["B", "ici"])


def test_an_export_s_protective_apostrophe_is_taken_off():
    assert read(b"Nom,Note\nA,'=1+1\n").rows[1][1] == ["A", "=1+1"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x00\x01\x02\x03binary\x00\x00", "neither a CSV"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "old Excel"),
        (b"PK\x03\x04not really a zip", "damaged"),
    ],
)
def test_files_that_cannot_be_read_say_why(data, message):
    with pytest.raises(ImportFileError, match=message):
        read(data)


def test_the_type_comes_from_the_content_not_the_name():
    class Upload(io.BytesIO):
        name = "organisations.csv"

    assert read_table(Upload(xlsx([["Nom"], ["A"]]))).format == "xlsx"


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path, settings):
    path = tmp_path / "big.csv"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: nothing is written nor held in memory
    with path.open("rb") as f:
        with pytest.raises(ImportFileError) as error:
            read_table(f)
        assert f.tell() == 0
    assert "50.0\xa0MB" in str(error.value) and "limit is 20.0\xa0MB" in str(error.value)


# --- XLSX -----------------------------------------------------------------------------------


def test_an_xlsx_sheet_reads_typed_values_and_skips_empty_rows():
    data = xlsx([["Nom", "Date", "Nombre"], [], ["A", dt.date(2026, 3, 1), 12.5]])
    sheet = read(data)
    assert sheet.format == "xlsx"
    assert sheet.rows[0] == (1, ["Nom", "Date", "Nombre"])
    assert sheet.rows[1][0] == 3
    assert sheet.rows[1][1][1] == dt.datetime(2026, 3, 1)


def test_merged_cells_are_refused_with_their_range():
    data = xlsx([["Nom", "Ville"], ["A", "B"]], edit=lambda s: s.merge_cells("A2:B2"))
    with pytest.raises(ImportFileError, match="A2:B2"):
        read(data)


def test_a_formula_without_a_saved_result_is_an_error_naming_its_cell():
    sheet = read(xlsx([["Nom", "Sigle"], ["Agence", '=LEFT(A2,2)&"X"']]))
    (notice,) = sheet.notices
    assert (notice.level, notice.row, notice.column) == ("error", 2, 2)
    assert "LEFT(A2,2)" in notice.message and "paste values" in notice.message


def test_a_formula_s_saved_result_is_used_with_a_warning():
    data = rewrite_zip(
        xlsx([["Nom", "Sigle"], ["Agence", '=LEFT(A2,2)&"X"']]),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b'<c r="B2"><f>', b'<c r="B2" t="str"><f>').replace(
            b"<v></v>", b"<v>AgX</v>"
        ),
    )
    sheet = read(data)
    assert sheet.rows[1] == (2, ["Agence", "AgX"])
    (notice,) = sheet.notices
    assert (notice.level, notice.row, notice.column) == ("warning", 2, 2)


def test_an_empty_workbook_says_so():
    with pytest.raises(ImportFileError, match="empty"):
        read(xlsx([]))


def test_a_workbook_with_several_sheets_warns_that_only_the_first_is_read():
    def second(sheet):
        sheet.parent.create_sheet("Autre")

    sheet = read(xlsx([["Nom"], ["A"]], edit=second))
    assert "only the first" in sheet.notices[0].message


# --- ODS ------------------------------------------------------------------------------------


def test_ods_repeated_empty_rows_and_columns_are_counted_not_expanded():
    sheet = read(ods([["Nom", "Ville"], ["École", "Évry"]]))
    assert sheet.format == "ods"
    assert sheet.rows == [(1, ["Nom", "Ville"]), (2, ["École", "Évry"])]


def test_ods_merged_cells_are_refused_with_their_range():
    with pytest.raises(ImportFileError, match="A2:B2"):
        read(ods([["Nom", "Ville"]], merged=True, trailing=False))


def test_ods_reads_what_the_export_writes():
    from maillage.core.exports import write_table

    row = ["=A", Decimal("1.5"), dt.date(2026, 1, 2)]
    data = write_table("ods", ["Nom", "Montant", "Le"], [row])
    sheet = read(data)
    assert sheet.rows[1][1] == row


# --- Cell parsers ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["31/12/2026", "2026-12-31", "31-12-2026", "31.12.2026"])
def test_dates_are_read_in_the_three_common_formats(text):
    assert parsers.date(text, Row()) == dt.date(2026, 12, 31)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/12/26", "two-digit year"),
        ("12/31/2026", "month first"),
        ("30/02/2026", "not a valid date"),
        ("2026/12/31", "DD/MM/YYYY"),
        ("demain", "not a date"),
    ],
)
def test_ambiguous_or_invalid_dates_are_refused(text, message):
    with pytest.raises(ValidationError, match=message):
        parsers.date(text, Row())


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 234,56", Decimal("1234.56")),
        ("1\u202f234,5", Decimal("1234.5")),
        ("1.234,56", Decimal("1234.56")),
        ("1,234.56", Decimal("1234.56")),
        ("-0,5", Decimal("-0.5")),
        (12.5, Decimal("12.5")),
    ],
)
def test_decimals_accept_the_french_comma(text, value):
    assert parsers.decimal(text, Row()) == value


def test_an_email_without_at_sign_says_so():
    with pytest.raises(ValidationError, match="no @"):
        parsers.email("contact.lille.fr", Row())
    assert parsers.email("Contact@Lille.FR", Row()) == "Contact@lille.fr"


def test_choices_are_read_by_code_or_label_in_french_and_english():
    from maillage.actors.models import OrganisationType

    parse = parsers.choice(OrganisationType)
    assert parse("Municipality", Row()) == "municipality"
    assert parse("university", Row()) == "university"
    with pytest.raises(ValidationError, match="accepted values"):
        parse("Bakery", Row())


def test_booleans_read_oui_and_non():
    assert parsers.boolean("Oui", Row()) is True
    assert parsers.boolean("non", Row()) is False


# --- Mapping --------------------------------------------------------------------------------


def test_headers_are_matched_in_french_and_english_ignoring_accents_and_case():
    headers = ["NOM", "Version", "Chargee le", "Autre"]
    assert auto_mapping(headers, CodelistImporter) == ["name", "version", "loaded_at", ""]


def test_a_title_line_above_the_headers_is_skipped():
    sheet = read(b"Liste des codes\nNom,Version\nA,1\n")
    index = find_header_row(sheet, CodelistImporter)
    assert sheet_headers(sheet, index) == ["Nom", "Version"]


@pytest.mark.django_db
def test_a_corrected_mapping_is_remembered_for_the_same_headers():
    headers = ["Intitulé", "Version"]
    assert initial_mapping(CodelistImporter, headers) == (["", "version"], False)
    remember_mapping(CodelistImporter, headers, ["name", "version"])
    assert initial_mapping(CodelistImporter, ["INTITULE", "version"]) == (
        ["name", "version"],
        True,
    )


def test_a_required_field_without_a_column_is_named():
    errors = mapping_errors(CodelistImporter, ["", "version"])
    assert errors and "name" in errors[0]


# --- Preview and commit ---------------------------------------------------------------------


def preview_of(data):
    sheet = read(data)
    headers = sheet_headers(sheet, 0)
    return build_preview(CodelistImporter(), sheet, auto_mapping(headers, CodelistImporter))


def test_a_header_only_file_says_it_has_no_data():
    with pytest.raises(ImportFileError, match="no data"):
        preview_of(b"Nom,Version\n")


@pytest.mark.django_db
def test_errors_name_row_and_column_and_block_the_commit():
    preview = preview_of(b"Nom,Version,Chargee le\nA,1,01/02/2026\n,2,demain\n")
    messages = [str(i) for i in preview.issues()]
    assert any(m.startswith("Row 3, column A “Nom”: This column is required") for m in messages)
    assert any(m.startswith("Row 3, column C “Chargee le”") for m in messages)
    with pytest.raises(Exception, match="errors"):
        commit(CodelistImporter(), preview)
    assert not Codelist.objects.exists()


@pytest.mark.django_db
def test_duplicates_are_found_in_the_database_and_in_the_file():
    Codelist.objects.create(name="sector")
    preview = preview_of(b"Nom,Version\nSector,2\nRegion,1\nREGION,3\n")
    matches = {r.number: r.match for r in preview.rows}
    assert matches[2].label == "sector" and matches[2].reason == "same name"
    assert matches[3] is None
    assert matches[4].row == 3 and matches[4].pk is None
    outcomes = commit(CodelistImporter(), preview, decisions={2: "update"})
    assert [(o.row, o.action) for o in outcomes] == [
        (2, "updated"),
        (3, "created"),
        (4, "skipped"),
    ]
    assert Codelist.objects.get(name="Sector").version == "2"  # the file's values win


@pytest.mark.django_db
def test_a_formula_in_a_column_left_out_does_not_block():
    sheet = read(xlsx([["Nom", "Total"], ["sector", "=1+1"]]))
    preview = build_preview(CodelistImporter(), sheet, ["name", ""])
    assert preview.is_clean and not list(preview.issues())
