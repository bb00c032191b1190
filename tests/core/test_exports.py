"""List exports run as jobs and open in real spreadsheet readers with formulas made inert."""

import csv
import io

import pytest
from django.urls import reverse
from odf.opendocument import load as load_ods
from odf.table import TableCell, TableRow
from odf.text import P
from openpyxl import load_workbook

from maillage.core.models import Job, JobState
from tests.factories import OrganisationFactory, ProjectFactory
from tests.office import libreoffice, libreoffice_csv

pytestmark = pytest.mark.django_db


def export(client, url_name, fmt, query=""):
    response = client.post(reverse(url_name), {"format": fmt, "query": query})
    assert response.status_code == 302
    job = Job.objects.latest("pk")
    assert response["Location"] == job.get_absolute_url()
    assert job.state == JobState.SUCCEEDED, job.messages
    download = client.get(reverse("core:job_download", args=[job.pk]))
    assert download.status_code == 200
    return job, b"".join(download.streaming_content)


@pytest.fixture
def dangerous(db):
    OrganisationFactory(
        name='=HYPERLINK("http://evil.example","clic")', city="-2+3", departement="33"
    )
    OrganisationFactory(name="Mairie de Pessac", city="Pessac", departement="33")
    OrganisationFactory(name="Mairie de Pau", city="Pau", departement="64")


def test_an_xlsx_export_of_a_filtered_list_has_its_rows_and_inert_formulas(
    client, officer, dangerous
):
    client.force_login(officer)
    job, content = export(client, "actors:organisation_export", "xlsx", "departement=33&sort=name")
    assert job.progress_done == 2 and job.percent == 100
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Nom" or rows[0][0] == "Name"
    names = [r[0] for r in rows[1:]]
    assert names == ['=HYPERLINK("http://evil.example","clic")', "Mairie de Pessac"]
    cell = sheet.cell(row=2, column=1)
    assert cell.data_type == "s"  # text, not a formula


def test_libreoffice_reads_the_same_rows_from_the_xlsx_export(client, officer, dangerous, tmp_path):
    libreoffice()
    client.force_login(officer)
    _job, content = export(client, "actors:organisation_export", "xlsx", "departement=33&sort=name")
    rows = libreoffice_csv(content, "xlsx", tmp_path)
    assert [r[0] for r in rows[1:]] == [
        '=HYPERLINK("http://evil.example","clic")',
        "Mairie de Pessac",
    ]


def test_a_csv_export_prefixes_dangerous_cells(client, officer, dangerous):
    client.force_login(officer)
    _job, content = export(client, "actors:organisation_export", "csv", "departement=33&sort=name")
    text = content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][0] == '\'=HYPERLINK("http://evil.example","clic")'
    assert "'-2+3" in rows[1]
    assert rows[2][0] == "Mairie de Pessac"


def test_an_ods_export_opens_with_string_cells(client, officer, dangerous):
    client.force_login(officer)
    _job, content = export(client, "actors:organisation_export", "ods", "departement=64")
    doc = load_ods(io.BytesIO(content))
    rows = doc.spreadsheet.getElementsByType(TableRow)
    first_cells = [row.getElementsByType(TableCell)[0] for row in rows]
    values = ["".join(str(p) for p in c.getElementsByType(P)) for c in first_cells]
    assert values[1:] == ["Mairie de Pau"]
    assert first_cells[1].getAttribute("valuetype") == "string"


def test_an_export_contains_only_what_the_user_may_see(
    client, partner, partner_project, other_project
):
    client.force_login(partner)
    _job, content = export(client, "projects:project_export", "csv")
    text = content.decode("utf-8-sig")
    assert partner_project.code in text and other_project.code not in text


def test_another_user_cannot_open_or_download_someone_elses_job(client, officer, viewer, dangerous):
    client.force_login(officer)
    job, _content = export(client, "actors:organisation_export", "csv")
    client.force_login(viewer)
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(reverse("core:job_download", args=[job.pk])).status_code == 404


def test_an_unknown_export_format_is_refused(client, officer):
    client.force_login(officer)
    response = client.post(reverse("projects:project_export"), {"format": "exe"})
    assert response.status_code == 403
    assert not Job.objects.exists()


def test_the_job_page_polls_until_finished(client, officer):
    ProjectFactory()
    client.force_login(officer)
    job, _content = export(client, "projects:project_export", "xlsx")
    page = client.get(job.get_absolute_url()).content.decode()
    assert "<progress" in page and 'value="100"' in page
    assert "hx-trigger" not in page  # finished: no more polling
    job.state = JobState.RUNNING
    job.progress_total, job.progress_done = 10, 4
    job.save()
    partial = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert 'value="40"' in partial and "hx-trigger" in partial and "<html" not in partial


@pytest.mark.parametrize("fmt", ["csv", "csv-semicolon", "xlsx", "ods"])
def test_an_export_written_into_a_file_holds_what_the_bytes_hold(fmt):
    """The export jobs write into a temporary file row after row (a million rows never
    sit in memory); the file holds the same table as the in-memory writer's bytes."""
    import datetime as dt
    import io
    from decimal import Decimal

    from openpyxl import load_workbook

    from maillage.core.exports import write_table, write_table_file

    headers = ["Nom", "Montant", "Date", "Note"]
    rows = [
        ["Région Hauts-de-France", Decimal("1234.50"), dt.date(2026, 3, 1), "=HYPERLINK(1)"],
        ["Oujda, « ville »", Decimal("-2"), None, "ligne\nsuivante"],
    ]
    written = write_table_file(fmt, headers, iter(rows))
    try:
        content = written.read()
    finally:
        written.close()
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(content)).active
        assert [cell.value for cell in sheet[1]] == headers
        assert sheet["D2"].value == "=HYPERLINK(1)" and sheet["D2"].data_type == "s"
        assert sheet["A3"].value == "Oujda, « ville »"
    elif fmt == "ods":
        assert content == write_table(fmt, headers, rows) or content[:2] == b"PK"
    else:
        assert content == write_table(fmt, headers, rows)
        assert content.startswith("\ufeff".encode())
