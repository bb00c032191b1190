"""Uploads are judged by their content, capped in size, unpacked warily, served back inertly."""

import io
import struct
import zipfile
import zlib

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from lxml import etree
from openpyxl import Workbook

from maillage.core import uploads
from maillage.core.exports import write_table
from maillage.core.uploads import (
    SafeFileField,
    UploadRefused,
    attachment_header,
    check_upload,
    clean_filename,
    safe_content_type,
    safe_download_response,
)

MB = 1024 * 1024
DOCUMENTS = {"pdf", "png", "jpeg", "gif", "webp", "xlsx", "docx", "ods", "odt", "csv", "xml"}


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, the source language."""
    with translation.override("en"):
        yield


def png_bytes():
    """A real 1×1 PNG, chunk by chunk."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def pdf_bytes():
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def xlsx_bytes():
    workbook = Workbook()
    workbook.active.append(["Région", "Montant"])
    workbook.active.append(["Île-de-France", 1000])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def zip_bytes(members, compression=zipfile.ZIP_DEFLATED):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def docx_bytes(main="application/vnd.openxmlformats-officedocument.wordprocessingml.document"):
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="/word/document.xml" ContentType="{main}.main+xml"/></Types>'
    )
    return zip_bytes({"[Content_Types].xml": content_types, "word/document.xml": "<w:document/>"})


def odt_bytes():
    return zip_bytes(
        {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office/>"}
    )


def upload(name, content):
    return SimpleUploadedFile(name, content)


# --- Accepted by content -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("scan.pdf", pdf_bytes(), "pdf"),
        ("logo.png", png_bytes(), "png"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20, "jpeg"),
        ("anim.gif", b"GIF89a\x01\x00\x01\x00" + b"\x00" * 20, "gif"),
        ("photo.webp", b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 20, "webp"),
        ("budget.xlsx", xlsx_bytes(), "xlsx"),
        ("budget.ods", write_table("ods", ["Région"], [["Bretagne"]]), "ods"),
        ("note.docx", docx_bytes(), "docx"),
        ("note.odt", odt_bytes(), "odt"),
        ("list.xml", b'<?xml version="1.0"?><codelist name="Sector"/>', "xml"),
    ],
)
def test_a_file_is_known_by_its_content(name, content, kind):
    assert check_upload(upload(name, content), allowed=DOCUMENTS, max_bytes=MB) == kind


def test_the_name_does_not_matter_when_the_content_is_fine():
    assert check_upload(upload("photo.txt", png_bytes()), allowed={"png"}, max_bytes=MB) == "png"


def test_a_windows_1252_csv_is_accepted_as_csv():
    content = "Région;Montant\nÎle-de-France;1 000 €\nCôte d’Ivoire;250\n".encode("cp1252")
    assert check_upload(upload("export.csv", content), allowed={"csv"}, max_bytes=MB) == "csv"


def test_a_utf16_csv_from_a_spreadsheet_is_accepted():
    content = "Région\tMontant\r\nÉté\t3\r\n".encode("utf-16")
    assert check_upload(upload("export.txt", content), allowed={"csv"}, max_bytes=MB) == "csv"


def test_text_is_plain_text_when_csv_is_not_asked():
    assert check_upload(b"Bonjour\n", allowed={"text", "pdf"}, max_bytes=MB) == "text"


def test_the_file_is_left_at_its_start():
    file = upload("budget.xlsx", xlsx_bytes())
    check_upload(file, allowed={"xlsx"}, max_bytes=MB)
    assert file.tell() == 0


# --- Refused by content ------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 100,  # Linux program
        b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100,  # Windows program
        b"#!/bin/sh\nrm -rf /\n",
    ],
)
def test_a_program_named_pdf_is_refused(content):
    with pytest.raises(UploadRefused, match="program"):
        check_upload(upload("rapport.pdf", content), allowed=DOCUMENTS, max_bytes=MB)


@pytest.mark.parametrize(
    "content",
    [
        b"<html><body><script>alert(1)</script></body></html>",
        b"\n  <!DOCTYPE html><p>hello",
        b"<script>fetch('/api/')</script>",
        b"<iframe src=https://evil.example>",
    ],
)
def test_a_web_page_named_png_is_refused(content):
    with pytest.raises(UploadRefused, match="HTML"):
        check_upload(upload("photo.png", content), allowed=DOCUMENTS, max_bytes=MB)


def test_a_web_page_is_refused_even_where_text_is_accepted():
    with pytest.raises(UploadRefused, match="HTML"):
        check_upload(b"<html><script>x</script></html>", allowed={"csv"}, max_bytes=MB)


@pytest.mark.parametrize(
    "prefix",
    [b"", b'<?xml version="1.0"?>\n', b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">'],
)
def test_svg_is_refused(prefix):
    svg = prefix + b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(UploadRefused, match="SVG"):
        check_upload(upload("logo.svg", svg), allowed=DOCUMENTS, max_bytes=MB)
    with pytest.raises(ValueError, match="svg"):
        check_upload(svg, allowed={"svg"}, max_bytes=MB)


def test_an_image_is_refused_where_only_pdf_is_asked():
    with pytest.raises(UploadRefused) as refused:
        check_upload(upload("scan.pdf", png_bytes()), allowed={"pdf"}, max_bytes=MB)
    assert "a PNG image" in str(refused.value.message)
    assert "a PDF document" in str(refused.value.message)


def test_binary_noise_is_refused():
    with pytest.raises(UploadRefused, match="not recognised"):
        check_upload(bytes(range(256)) * 4, allowed=DOCUMENTS, max_bytes=MB)


def test_an_old_office_file_is_refused_with_advice():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
    with pytest.raises(UploadRefused, match=r"\.xlsx"):
        check_upload(upload("budget.xls", ole), allowed=DOCUMENTS, max_bytes=MB)


def test_a_macro_enabled_workbook_is_not_taken_for_xlsx():
    xlsm = docx_bytes(main="application/vnd.ms-excel.sheet.macroEnabled")
    with pytest.raises(UploadRefused, match="macros"):
        check_upload(upload("budget.xlsx", xlsm), allowed=DOCUMENTS, max_bytes=MB)


def test_an_empty_file_is_refused():
    with pytest.raises(UploadRefused, match="empty"):
        check_upload(upload("vide.csv", b""), allowed={"csv"}, max_bytes=MB)


def test_a_file_over_the_size_limit_is_refused():
    with pytest.raises(UploadRefused, match="limit"):
        check_upload(upload("big.csv", b"a;b\n" * 1000), allowed={"csv"}, max_bytes=3999)
    assert check_upload(b"a;b\n" * 1000, allowed={"csv"}, max_bytes=4000) == "csv"


# --- Archives ----------------------------------------------------------------------------


def test_a_zip_bomb_is_refused():
    bomb = zip_bytes({"xl/worksheets/sheet1.xml": b"\x00" * (20 * MB)})
    assert len(bomb) < 100_000  # a thousand times smaller than what it unpacks to
    with pytest.raises(UploadRefused, match="archive bomb"):
        check_upload(upload("budget.xlsx", bomb), allowed=DOCUMENTS | {"zip"}, max_bytes=MB)


def test_an_archive_that_unpacks_past_the_total_limit_is_refused(settings):
    settings.UPLOAD_MAX_UNPACKED_BYTES = 50_000
    members = {f"part{i}.txt": bytes(range(256)) * 80 for i in range(3)}  # 3 × 20 kB
    with pytest.raises(UploadRefused, match="archive bomb"):
        check_upload(zip_bytes(members), allowed={"zip"}, max_bytes=MB)


def test_an_archive_that_lies_about_its_sizes_is_refused(settings):
    settings.UPLOAD_MAX_UNPACKED_BYTES = 50_000
    honest = zip_bytes({"data.txt": b"a" * 200_000})
    # Declare 100 bytes instead of 200 kB in both headers: the unpacking stops, the CRC fails.
    forged = honest.replace(struct.pack("<I", 200_000), struct.pack("<I", 100))
    with pytest.raises(UploadRefused):
        check_upload(forged, allowed={"zip"}, max_bytes=MB)


def test_an_archive_with_too_many_members_is_refused(settings):
    settings.UPLOAD_MAX_ARCHIVE_MEMBERS = 10
    with pytest.raises(UploadRefused, match="more than 10 files"):
        check_upload(
            zip_bytes({f"f{i}.txt": "x" for i in range(11)}), allowed={"zip"}, max_bytes=MB
        )


@pytest.mark.parametrize("name", ["../../etc/cron.d/evil", "/etc/passwd", "C:/Windows/x.dll"])
def test_an_archive_with_a_path_outside_its_folder_is_refused(name):
    with pytest.raises(UploadRefused, match="outside"):
        check_upload(zip_bytes({name: "x"}), allowed={"zip"}, max_bytes=MB)


def test_one_archive_inside_an_archive_is_accepted_but_not_two():
    inner = zip_bytes({"a.txt": "x"})
    assert check_upload(zip_bytes({"inner.zip": inner}), allowed={"zip"}, max_bytes=MB) == "zip"
    twice = zip_bytes({"outer.zip": zip_bytes({"inner.zip": inner})})
    with pytest.raises(UploadRefused, match="archives within archives"):
        check_upload(twice, allowed={"zip"}, max_bytes=MB)


def test_a_damaged_archive_is_refused():
    with pytest.raises(UploadRefused, match="damaged"):
        check_upload(xlsx_bytes()[:300], allowed={"xlsx"}, max_bytes=MB)


# --- Serving files back ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "served"),
    [
        ("text/html", "application/octet-stream"),
        ("text/html; charset=utf-8", "application/octet-stream"),
        ("image/svg+xml", "application/octet-stream"),
        ("application/xhtml+xml", "application/octet-stream"),
        ("application/javascript", "application/octet-stream"),
        (None, "application/octet-stream"),
        ("application/pdf", "application/pdf"),
        ("IMAGE/PNG", "image/png"),
        ("text/csv; charset=windows-1252", "text/csv; charset=windows-1252"),
        ("text/xml", "application/xml"),
    ],
)
def test_files_are_served_with_a_harmless_type(given, served):
    assert safe_content_type(given) == served


def test_a_download_is_an_attachment_that_browsers_do_not_sniff():
    response = safe_download_response(b"<html><script>x</script>", "page.html", "text/html")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == b"<html><script>x</script>"


def test_a_french_file_name_keeps_its_accents():
    header = attachment_header("Compte-rendu réunion d’été 2025.pdf")
    assert header == (
        'attachment; filename="Compte-rendu reunion d_ete 2025.pdf"; '
        "filename*=UTF-8''Compte-rendu%20r%C3%A9union%20d%E2%80%99%C3%A9t%C3%A9%202025.pdf"
    )


def test_a_file_name_cannot_break_the_header_or_climb_folders():
    header = attachment_header('../../etc/"pass\r\nwd";.txt')
    assert "\r" not in header and "\n" not in header
    assert 'filename="_passwd__.txt"' in header
    assert "etc" not in header


def test_invisible_characters_that_disguise_an_extension_are_removed():
    assert clean_filename("facture\u202egpj.exe") == "facturegpj.exe"
    assert clean_filename("") == "download"
    assert 'filename="download.pdf"' in attachment_header("日本語.pdf")


# --- The form field ----------------------------------------------------------------------


class ReportForm(forms.Form):
    file = SafeFileField(allowed={"pdf", "xlsx"}, max_bytes=MB)


def test_the_form_field_accepts_a_good_file_and_tells_its_kind():
    form = ReportForm(files={"file": upload("budget.xlsx", xlsx_bytes())})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["file"].detected_kind == "xlsx"


def test_the_form_field_explains_a_refusal():
    form = ReportForm(files={"file": upload("rapport.pdf", b"\x7fELF" + b"\x00" * 50)})
    assert not form.is_valid()
    assert "program" in form.errors["file"][0]


def test_the_form_field_hints_the_browser_and_the_person():
    html = str(ReportForm()["file"])
    assert 'accept=".pdf,.xlsx"' in html
    assert "a PDF document" in str(ReportForm().fields["file"].help_text)


def test_an_entity_bomb_is_refused_without_being_expanded():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'.encode()
            for i in range(1, 10)
        )
        + b"]><lolz>&lol9;</lolz>"
    )
    with pytest.raises(UploadRefused, match="not well-formed"):
        check_upload(laughs, allowed={"xml"}, max_bytes=MB)


def test_an_external_entity_is_not_read():
    secret = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'
    )
    assert check_upload(secret, allowed={"xml"}, max_bytes=MB) == "xml"
    root = uploads._xml_root(secret)  # the parser the check uses
    assert "root:" not in etree.tostring(root, encoding="unicode", method="text")
