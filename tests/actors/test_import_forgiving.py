"""Imports that forgive and still protect: near-duplicates found although a postcode or a
word differs, the valid rows imported alone with the rejected ones given back as a file,
classification columns read with messages that name the unknown values."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from maillage.accounts.models import Role
from maillage.actors.imports import OrganisationImporter, postcode_area
from maillage.actors.models import Organisation, OrganisationType, Theme
from maillage.core.imports import build_preview, read_table
from maillage.core.imports.mapping import auto_mapping
from maillage.core.imports.preview import sheet_headers
from maillage.core.imports.similarity import similarity
from maillage.core.models import Codelist, CodelistItem, ImportSession, Job, JobState
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

UPLOAD = "actors:organisation_import"
MEL = "Métropole européenne de Lille"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def signed_in(client):
    client.force_login(UserFactory(username="importer", role=Role.OFFICER, language="en"))
    return client


def checked(text):
    sheet = read_table(io.BytesIO(text.encode()))
    mapping = auto_mapping(sheet_headers(sheet, 0), OrganisationImporter)
    return build_preview(OrganisationImporter(), sheet, mapping)


def test_a_cedex_postcode_of_the_same_departement_still_finds_the_duplicate():
    mel = OrganisationFactory(name=MEL, type=OrganisationType.INTERMUNICIPAL, postcode="59000")
    result = checked(
        "Nom,Type,Code postal\n"
        "Métropole Européenne de Lille,EPCI,59040\n"  # its Cedex code
        "Métropole européenne de Lille,EPCI,13001\n"  # another département: another body
    )
    assert result.rows[0].match.pk == mel.pk and result.rows[0].match.reason == "same name"
    assert result.rows[1].match is None
    assert postcode_area("59040 CEDEX", "FR") == postcode_area("59000", "FR") == "59"
    assert postcode_area("97110", "FR") == "971"


def test_a_name_missing_a_word_or_misspelt_is_flagged_as_a_near_duplicate():
    mel = OrganisationFactory(name=MEL, type=OrganisationType.INTERMUNICIPAL, postcode="59000")
    eau = OrganisationFactory(name="Association Eau Vive", type=OrganisationType.ASSOCIATION)
    result = checked(
        "Nom,Type,Code postal\n"
        "Metropole Europeene Lille,EPCI,59040\n"
        "Association Eau Vive Nord,association,\n"
        "Association Eau Pure,association,\n"
        "Metropole Europeene Lille,EPCI,33000\n"
    )
    first, second, third, fourth = result.rows
    assert first.match.pk == mel.pk and first.match.reason.startswith("similar name (")
    assert second.match.pk == eau.pk
    assert third.match is None  # 85 % alike: another association
    assert fourth.match is None  # alike, but in another département
    assert similarity("Métropole Européenne Lille", MEL) == 1.0


def test_classification_columns_are_imported_and_unknown_values_named(signed_in):
    water = Theme.objects.create(name="Eau et assainissement")
    Theme.objects.create(name="Santé")
    sectors = Codelist.objects.create(name="SectorCategory")
    water_sector = CodelistItem.objects.create(
        codelist=sectors, code="140", name_en="Water supply and sanitation", name_fr="Eau"
    )
    data = (
        "Nom,Type,Thèmes,ODD,Secteurs,Pays d'intervention\n"
        "Eau Vive,association,eau et assainissement; santé,ODD 6; 11,140,Sénégal; MAR\n"
        "Autre,association,Culture,ODD 18,999,Atlantide\n"
    )
    result = checked(data)
    messages = [i.message for i in result.rows[1].issues]
    assert "Unknown theme: Culture. Recorded themes: Eau et assainissement, Santé." in messages
    assert "Not an SDG: ODD 18. Write numbers from 1 to 17 (ODD 6)." in messages
    assert any(m.startswith("Unknown DAC sector: 999. Write 3-digit codes (140)") for m in messages)
    assert "Unknown country: Atlantide. Write names or ISO codes (SN, MAR)." in messages
    assert {i.header for i in result.rows[1].issues} == {
        "Thèmes",
        "ODD",
        "Secteurs",
        "Pays d'intervention",
    }
    assert not result.rows[0].has_errors
    # The valid row alone, through the pages.
    job = import_valid_rows(signed_in, data)
    assert job.state == JobState.SUCCEEDED, job.messages
    created = Organisation.objects.get(name="Eau Vive")
    assert water in created.themes.all() and created.themes.count() == 2
    assert sorted(created.sdgs.values_list("number", flat=True)) == [6, 11]
    assert list(created.sectors.all()) == [water_sector]
    assert sorted(created.action_countries.values_list("country", flat=True)) == ["MA", "SN"]


def test_without_sector_codelist_a_sectors_column_says_so():
    result = checked("Nom,Type,Secteurs\nEau Vive,association,140\n")
    assert "The DAC sectors are not loaded yet" in result.rows[0].issues[0].message


def upload(client, data, name):
    file = io.BytesIO(data)
    file.name = name
    response = client.post(reverse(UPLOAD), {"file": file})
    assert response.status_code == 302, response.content.decode()
    session = ImportSession.objects.latest("pk")
    mapping = {f"column-{i}": name for i, name in enumerate(session.mapping)}
    response = client.post(
        reverse("actors:organisation_import_mapping", args=[session.pk]), mapping
    )
    assert response.status_code == 302
    return session


def import_valid_rows(client, text, name="organisations.csv"):
    data = text.encode() if isinstance(text, str) else text
    session = upload(client, data, name)
    page = client.get(reverse("actors:organisation_import_preview", args=[session.pk]))
    assert "Import the 1 valid row" in page.content.decode()
    response = client.post(
        reverse("actors:organisation_import_preview", args=[session.pk]), {"mode": "valid"}
    )
    assert response.status_code == 302, response.content.decode()
    return Job.objects.latest("pk")


def download(client, job):
    return b"".join(client.get(reverse("core:job_download", args=[job.pk])).streaming_content)


def test_all_or_nothing_stays_the_default_and_imports_nothing_with_an_error(signed_in):
    session = upload(
        signed_in,
        b"Nom,Type,SIRET\nBonne,association,\nMauvaise,association,123\n",
        "organisations.csv",
    )
    url = reverse("actors:organisation_import_preview", args=[session.pk])
    page = signed_in.get(url).content.decode()
    assert "2 rows, 1 error, 0 warnings, 0 possible duplicates." in page
    assert "Import 2 rows" not in page  # all or nothing: no button while a row has an error
    response = signed_in.post(url)  # no choice sent: all or nothing
    assert response.status_code == 422
    assert not Organisation.objects.exists() and not Job.objects.exists()


def test_the_valid_rows_go_in_and_the_rejected_come_back_as_csv_with_a_reason(signed_in):
    job = import_valid_rows(
        signed_in, "Nom,Type,SIRET\nBonne,association,\nMauvaise,association,123\n"
    )
    assert job.state == JobState.SUCCEEDED, job.messages
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Bonne"]
    assert job.result_name.endswith(".csv")
    lines = download(signed_in, job).decode("utf-8-sig").splitlines()
    assert lines[0].split(";")[:3] == ["Nom", "Type", "SIRET"] or lines[0].startswith("Nom,")
    assert "Reason for rejection" in lines[0]
    assert len(lines) == 2 and "Mauvaise" in lines[1] and "123" in lines[1]
    assert any("1 created" in m["text"] and "1 rejected" in m["text"] for m in job.messages), (
        job.messages
    )


def test_an_xlsx_upload_gets_its_rejected_rows_back_as_xlsx(signed_in):
    workbook = Workbook()
    sheet = workbook.active
    for row in (["Nom", "Type", "Courriel"], ["Bonne", "association", "a@b.fr"],
                ["Mauvaise", "association", "pas un courriel"]):  # fmt: skip
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = import_valid_rows(signed_in, buffer.getvalue(), name="organisations.xlsx")
    assert job.result_name.endswith(".xlsx")
    rows = list(load_workbook(io.BytesIO(download(signed_in, job))).active.values)
    assert rows[0] == ("Nom", "Type", "Courriel", "Reason for rejection")
    assert rows[1][:3] == ("Mauvaise", "association", "pas un courriel") and rows[1][3]
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Bonne"]


def test_a_row_refused_when_written_is_rejected_too_in_valid_rows_mode(signed_in, monkeypatch):
    """The database may change between the preview and the job: the service's refusal
    then rejects that row (with its message) instead of the whole import."""
    from maillage.actors.services import OrganisationService

    session = upload(signed_in, b"Nom,Type\nPremier,association\nSecond,association\n", "o.csv")
    real = OrganisationService.validate.__func__

    def refuse_second(cls, obj, **kwargs):
        if obj.name == "Second":
            from django.core.exceptions import ValidationError

            raise ValidationError({"name": "Refused now."})
        return real(cls, obj, **kwargs)

    monkeypatch.setattr(OrganisationService, "validate", classmethod(refuse_second))
    signed_in.post(
        reverse("actors:organisation_import_preview", args=[session.pk]), {"mode": "valid"}
    )
    job = Job.objects.latest("pk")
    assert job.state == JobState.SUCCEEDED, job.messages
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Premier"]
    assert "Refused now." in download(signed_in, job).decode("utf-8-sig")


def test_the_command_imports_the_valid_rows_and_writes_the_rejected_beside_the_file(tmp_path):
    from django.core.management import call_command

    source = tmp_path / "organisations.csv"
    source.write_text("Nom,Type,SIRET\nBonne,association,\nMauvaise,association,123\n")
    out = io.StringIO()
    call_command("import", "organisations", str(source), "--valid-rows", stdout=out)
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Bonne"]
    rejected = (tmp_path / "organisations-rejected.csv").read_text(encoding="utf-8-sig")
    assert "Mauvaise" in rejected and "Reason for rejection" in rejected.splitlines()[0]
    assert "1 created" in out.getvalue() and "1 rejected" in out.getvalue()
