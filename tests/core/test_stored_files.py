"""Every stored file gets a generated name with the extension of its content, whatever
door it came through, and every form that sends a file is sent as multipart."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django import forms
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import models
from django.template.loader import select_template
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from maillage.core.crud import CrudFormView
from maillage.core.crud_children import ChildFormView
from maillage.core.exports import write_table
from maillage.core.models import Job
from maillage.core.uploads import (
    StoredFileField,
    UploadTo,
    download_name,
    stored_extension,
    stored_kind,
)
from tests.core.test_uploads import docx_bytes, odt_bytes, pdf_bytes, png_bytes, xlsx_bytes

# -- what a file is stored as -------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name", "extension"),
    [
        (pdf_bytes(), "annex.html", ".pdf"),
        (png_bytes(), "photo.exe", ".png"),
        (xlsx_bytes(), "table.csv", ".xlsx"),
        (docx_bytes(), "letter.pdf", ".docx"),
        (odt_bytes(), "letter", ".odt"),
        (b"name;town\nA;Lille\n", "list.csv", ".csv"),
        (b"name;town\nA;Lille\n", "list.html", ".txt"),
        (b'<?xml version="1.0"?><Project/>', "plan.txt", ".xml"),
        (b"<html><script>alert(1)</script></html>", "page.pdf", ".bin"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "logo.png", ".bin"),
        (b"MZ\x90\x00" + b"\x00" * 64, "setup.pdf", ".bin"),
        (bytes(range(256)) * 4, "noise.pdf", ".bin"),
    ],
)
def test_a_file_is_stored_with_the_extension_of_its_content(content, name, extension):
    file = ContentFile(content, name=name)
    assert stored_extension(stored_kind(file), name) == extension
    assert file.tell() == 0


def test_a_long_xml_file_is_named_by_its_start_without_being_read_whole():
    body = b'<?xml version="1.0"?><Project>' + b"<Task><Name>x</Name></Task>" * 60_000
    assert len(body) > 1024 * 1024
    assert stored_kind(ContentFile(body)) == "xml"


def test_a_large_workbook_is_named_without_being_unpacked():
    # A member far past the unpacking limits of an upload check: naming does not open it.
    buffer = io.BytesIO(xlsx_bytes())
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/big.bin", b"\x00" * (120 * 1024 * 1024))
    assert stored_kind(ContentFile(buffer.getvalue())) == "xlsx"


def test_the_generated_name_is_random_under_its_dated_folder(settings):
    upload_to = UploadTo("partnerships/files/%Y/")
    first = upload_to(None, "file.pdf")
    second = upload_to(None, "file.pdf")
    assert first != second
    assert re.fullmatch(r"partnerships/files/\d{4}/[0-9a-f]{32}\.pdf", first)
    assert upload_to(None, "file.html").endswith(".bin")  # never an extension a browser runs


def test_every_stored_file_field_of_maillage_names_its_files():
    plain = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("maillage.")
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField) and not isinstance(field, StoredFileField)
    ]
    assert plain == []


@pytest.mark.django_db
def test_a_file_written_by_the_server_is_named_too(officer):
    job = Job.objects.create(handler="maillage.x", title="Export", created_by=officer)
    job.result_file.save("export.html", ContentFile(write_table("xlsx", ["a"], [["1"]])))
    assert job.result_file.name.endswith(".xlsx")
    assert "export" not in job.result_file.name


# -- the name it is served under ------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "stored", "served"),
    [
        ("annex.html", "x/1f.pdf", "annex.pdf"),
        ("Convention signée", "x/1f.pdf", "Convention signée.pdf"),
        ("Convention v2.1", "x/1f.pdf", "Convention v2.1.pdf"),
        ("photo.JPEG", "x/1f.jpg", "photo.JPEG"),
        ("scan.pdf", "x/1f.pdf", "scan.pdf"),
        ("Délibération 25/118", "x/1f.pdf", "Délibération 25-118.pdf"),
        ("../../etc/passwd", "x/1f.txt", "-..-etc-passwd.txt"),
        ("", "x/1f.pdf", "download.pdf"),
        ("programme.exe", "x/1f.bin", "programme"),
    ],
)
def test_a_file_is_served_under_its_label_with_the_extension_of_its_content(label, stored, served):
    assert download_name(label, stored) == served


@pytest.mark.django_db
def test_a_job_result_is_downloaded_inert_under_its_name(client, officer):
    job = Job.objects.create(handler="maillage.x", title="Export", created_by=officer)
    job.result_name = "organisations-20261206.csv"
    job.result_file.save(job.result_name, ContentFile(b"name\n<b>A</b>\n"))
    job.save()
    client.force_login(officer)
    response = client.get(reverse("core:job_download", args=[job.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    assert 'filename="organisations-20261206.csv"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


# -- forms that send files are sent as multipart -------------------------------------------


def _form_views(patterns=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _form_views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            view = getattr(pattern.callback, "view_class", None)
            kwargs = getattr(pattern.callback, "view_initkwargs", {})
            if view is CrudFormView:
                crud = kwargs["crud"]
                names = [
                    f"{crud.app_label}/{crud.model_name}_form.html",
                    f"{crud.template_dir}/form.html",
                ]
                yield pattern.name, crud.form_class, names
            elif view is ChildFormView:
                yield pattern.name, kwargs["views"].form_class, [kwargs["views"].template_name]


def _sends_files(form_class) -> bool:
    return any(isinstance(field, forms.FileField) for field in form_class.base_fields.values())


def test_every_form_page_with_a_file_field_sends_multipart():
    seen = []
    for name, form_class, templates in _form_views():
        if not _sends_files(form_class):
            continue
        seen.append(name)
        source = select_template(templates).template.source
        post_forms = re.findall(r"<form\b[^>]*method=\"post\"[^>]*>", source)
        assert post_forms, name
        for tag in post_forms:
            assert 'enctype="multipart/form-data"' in tag, (name, tag)
    # The pages the hostile probe could not upload from are among those checked.
    pages = ("councildecision_add", "amendment_add", "agreementfile_add", "fieldupdate_create")
    for route in pages:
        assert route in seen, seen


@pytest.mark.parametrize("template", ["core/imports/upload.html", "projects/plan_import.html"])
def test_the_import_pages_send_multipart(template):
    source = select_template([template]).template.source
    tag = re.search(r"<form\b[^>]*method=\"post\"[^>]*>", source).group(0)
    assert 'enctype="multipart/form-data"' in tag
