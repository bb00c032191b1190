"""Importing organisations: the pages, the duplicate rules, the bad files, the command."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from maillage.accounts.models import Role
from maillage.actors.imports import OrganisationImporter, guess_type, name_key
from maillage.actors.models import Organisation, OrganisationType
from maillage.core.models import ImportMapping, ImportSession, Job, JobState
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

UPLOAD = "actors:organisation_import"
LILLE_SIRET = "21590350100017"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def english():
    """For tests that assert the engine's messages in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def user(db):
    return UserFactory(username="importer", role=Role.OFFICER, language="en")


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


def csv(text, encoding="utf-8"):
    return text.encode(encoding)


def upload(client, data, name="organisations.csv"):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(reverse(UPLOAD), {"file": upload})


def map_columns(client, session, mapping=None):
    mapping = session.mapping if mapping is None else mapping
    data = {f"column-{i}": name for i, name in enumerate(mapping)}
    return client.post(reverse("actors:organisation_import_mapping", args=[session.pk]), data)


def preview(client, data, name="organisations.csv"):
    """Upload a file and accept the columns found: the preview page and its session."""
    response = upload(client, data, name)
    assert response.status_code == 302, response.content.decode()
    session = ImportSession.objects.latest("pk")
    response = map_columns(client, session)
    assert response.status_code == 302, response.content.decode()
    page = client.get(response["Location"])
    session.refresh_from_db()
    return page, session


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


def lille():
    return OrganisationFactory(
        name="Ville de Lille",
        type=OrganisationType.MUNICIPALITY,
        departement="59",
        city="Lille",
        postcode="59000",
    )


# --- Duplicates -----------------------------------------------------------------------------


def test_variant_spellings_of_a_town_are_flagged_as_duplicates_of_it_in_the_preview(signed_in):
    town = lille()
    page, session = preview(
        signed_in,
        csv(
            "Nom;Type;Ville\n"
            "Ville de Lille;Mairie;Lille\n"
            "VILLE DE LILLE;Mairie;Lille\n"
            "Mairie de Lille;Mairie;Lille\n"
            "Association Lilloise;Association;Lille\n"
        ),
    )
    duplicates = {d["row"]: d for d in session.preview["duplicates"]}
    assert sorted(duplicates) == [2, 3, 4]
    assert {d["pk"] for d in duplicates.values()} == {town.pk}
    assert all(d["label"] == "Ville de Lille" for d in duplicates.values())
    content = page.content.decode()
    assert town.get_absolute_url() in content and "same name" in content
    assert Organisation.objects.count() == 1  # the preview writes nothing


def test_names_keys_set_prefixes_case_and_accents_aside():
    assert {
        name_key("Ville de Lille"),
        name_key("VILLE DE LILLE"),
        name_key("Mairie de Lille"),
        name_key("Commune de Lille"),
        name_key("Lille", OrganisationType.MUNICIPALITY),
    } == {"commune:lille"}
    assert name_key("Mairie d'Angers") == name_key("Ville d’Angers") == "commune:angers"
    assert name_key("Conseil départemental du Nord") == name_key("Département du Nord")
    assert name_key("Lille") != name_key("Ville de Lille")  # an association named Lille
    assert guess_type("Mairie de Roubaix") == OrganisationType.MUNICIPALITY


def test_a_same_siret_is_a_duplicate_and_another_postcode_is_not(english):
    OrganisationFactory(name="Agence Est", siret=LILLE_SIRET, postcode="59000")
    OrganisationFactory(name="Les Amis", postcode="33000", type=OrganisationType.ASSOCIATION)
    sheet_rows = (
        "Nom,Type,SIRET,Code postal\n"
        f"Autre nom,association,{LILLE_SIRET},59000\n"
        "Les Amis,association,,75001\n"
        "Les amis,association,,33000\n"
    )
    from maillage.core.imports import build_preview, read_table
    from maillage.core.imports.mapping import auto_mapping
    from maillage.core.imports.preview import sheet_headers

    sheet = read_table(io.BytesIO(csv(sheet_rows)))
    mapping = auto_mapping(sheet_headers(sheet, 0), OrganisationImporter)
    result = build_preview(OrganisationImporter(), sheet, mapping)
    reasons = {r.number: r.match and r.match.reason for r in result.rows}
    assert reasons == {2: "same SIRET", 3: None, 4: "same name"}


# --- The pages, from upload to job ------------------------------------------------------------


def test_an_officer_imports_a_file_and_gets_a_report(signed_in, user):
    existing = OrganisationFactory(name="Agence Est", siret=LILLE_SIRET, city="Lille")
    version = existing.version
    response = signed_in.get(reverse("actors:organisation_list"))
    assert reverse(UPLOAD) in response.content.decode()  # the list's Import button
    page, session = preview(
        signed_in,
        csv(
            "Nom,Sigle,Type,SIRET,Pays,Code postal,Téléphone,Latitude,Longitude,Étiquettes\n"
            f"Agence de l'Est,AE,association,{LILLE_SIRET},France,59000,03 20 49 50 00,"
            '"50,63",3.06,eau; santé\n'
            "Université de Oujda,UMP,Université,,Maroc,,+212 5 36 50 06 12,,,eau\n"
        ),
    )
    assert session.preview["errors"] == 0
    assert 'name="decision-2"' in page.content.decode()
    response = signed_in.post(
        reverse("actors:organisation_import_preview", args=[session.pk]), {"decision-2": "update"}
    )
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.state == JobState.SUCCEEDED, job.messages
    existing.refresh_from_db()
    assert existing.name == "Agence de l'Est" and existing.phone == "+33320495000"
    assert existing.latitude == Decimal("50.630000") and existing.version == version + 1
    assert existing.history.first().history_type == "~"
    assert sorted(t.name for t in existing.tags.all()) == ["eau", "santé"]
    created = Organisation.objects.get(acronym="UMP")
    assert created.type == OrganisationType.UNIVERSITY and created.country == "MA"
    assert "oujda" in created.search_text
    assert created.history.get().history_user == user
    report = b"".join(signed_in.get(reverse("core:job_download", args=[job.pk])).streaming_content)
    assert "updated" in report.decode("utf-8-sig") and "created" in report.decode("utf-8-sig")
    session.refresh_from_db()
    assert session.state == "done" and not session.file  # the uploaded data is not kept
    mapping_url = reverse("actors:organisation_import_mapping", args=[session.pk])
    assert signed_in.get(mapping_url)["Location"] == job.get_absolute_url()
    again = signed_in.post(reverse("actors:organisation_import_preview", args=[session.pk]))
    assert again["Location"] == job.get_absolute_url() and Job.objects.count() == 1


def test_a_corrected_mapping_is_remembered_for_the_next_file(signed_in):
    data = csv("Raison,Catégorie juridique\nAssociation A,association\n")
    upload(signed_in, data)
    session = ImportSession.objects.latest("pk")
    assert session.mapping == ["", ""]
    response = map_columns(signed_in, session, ["name", "type"])
    assert response.status_code == 302
    assert ImportMapping.objects.get().mapping == ["name", "type"]
    upload(signed_in, csv("Raison,Catégorie juridique\nAssociation B,association\n"))
    assert ImportSession.objects.latest("pk").mapping == ["name", "type"]


def test_a_required_column_left_out_is_refused_at_the_mapping_step(signed_in):
    upload(signed_in, csv("Nom,Type\nA,association\n"))
    session = ImportSession.objects.latest("pk")
    response = map_columns(signed_in, session, ["", "type"])
    assert response.status_code == 422
    assert "No column is matched to “name”" in response.content.decode()


# --- Bad files: a clear message with row and column, and nothing written ----------------------


def assert_error_at(page, session, location, words):
    content = page.content.decode()
    issues = [i for i in session.preview["issues"] if i["level"] == "error"]
    assert any(i["location"] == location and words in i["message"] for i in issues), issues
    assert location in content
    assert "Import 1 row" not in content  # no confirm button
    response = page.client.post(reverse("actors:organisation_import_preview", args=[session.pk]))
    assert response.status_code == 422
    assert not Job.objects.exists()
    assert Organisation.objects.count() == 0


def test_a_siret_with_a_bad_checksum_is_named(signed_in):
    page, session = preview(signed_in, csv("Nom,Type,SIRET\nA,association,21590350100018\n"))
    assert_error_at(page, session, "Row 2, column C “SIRET”", "check digit")


def test_an_email_without_at_sign_is_named(signed_in):
    page, session = preview(signed_in, csv("Nom,Type,Courriel\nA,association,contact.a.fr\n"))
    assert_error_at(page, session, "Row 2, column C “Courriel”", "no @")


def test_a_formula_cell_without_a_result_is_named(signed_in):
    data = xlsx([["Nom", "Type", "Sigle"], ["Agence", "association", "=LEFT(A2,2)"]])
    page, session = preview(signed_in, data, name="orgs.xlsx")
    assert_error_at(page, session, "Row 2, column C “Sigle”", "formula")


def test_a_cp1252_file_is_read_with_a_warning(signed_in):
    page, session = preview(signed_in, csv("Nom;Type;Ville\nÉcole;Université;Sète\n", "cp1252"))
    assert session.preview["errors"] == 0
    assert "UTF-8" in session.preview["issues"][0]["message"]
    assert "Sète" in page.content.decode()
    assert Organisation.objects.count() == 0


def test_semicolons_and_a_bom_are_understood(signed_in):
    _page, session = preview(signed_in, csv("\ufeffNom;Type;Notes\nA;association;un, deux\n"))
    assert session.mapping == ["name", "type", "notes"]
    assert session.preview["sample"] == [[2, ["A", "Association", "un, deux"]]]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "vide.csv", "empty"),
        (b"Nom,Type\n", "entetes.csv", "no data"),
        (
            xlsx([["Nom", "Type"], ["A", "B"]], edit=lambda s: s.merge_cells("A2:B2")),
            "fusion.xlsx",
            "merged cells (A2:B2)",
        ),
    ],
)
def test_a_file_that_cannot_be_imported_is_refused_at_upload(signed_in, data, name, message):
    response = upload(signed_in, data, name)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not ImportSession.objects.exists()


def test_a_file_over_the_limit_is_refused_before_it_is_received(signed_in, settings):
    settings.IMPORT_MAX_BYTES = 100_000
    response = upload(signed_in, b"Nom,Type\n" + b"A,association\n" * 20_000)
    assert response.status_code == 413
    assert "the limit is 97.7\xa0KB" in response.content.decode()
    assert not ImportSession.objects.exists()


def test_the_upload_still_checks_the_csrf_token(user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = upload(client, csv("Nom,Type\nA,association\n"))
    assert response.status_code == 403 and not ImportSession.objects.exists()


# --- All or nothing ---------------------------------------------------------------------------


def test_a_commit_failing_midway_leaves_the_database_as_it_was(signed_in, monkeypatch):
    from maillage.core.imports import writer as commit_module

    OrganisationFactory(name="Déjà là")
    history_before = Organisation.history.count()
    rows = "".join(f"Association {n},association,Ville {n}\n" for n in range(6000))
    _page, session = preview(signed_in, csv("Nom,Type,Ville\n" + rows))
    real = commit_module._create

    def failing(importer, objects, rows):
        if any(o.name == "Association 4998" for o in objects):  # row 5000 of the file
            raise RuntimeError("disk full")
        return real(importer, objects, rows)

    monkeypatch.setattr(commit_module, "_create", failing)
    signed_in.post(reverse("actors:organisation_import_preview", args=[session.pk]))
    job = Job.objects.get()
    assert job.state == JobState.FAILED
    assert any("nothing was imported" in m["text"] for m in job.messages)
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Déjà là"]
    assert Organisation.history.count() == history_before


# --- Access -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.VIEWER, Role.PARTNER])
def test_roles_that_cannot_write_cannot_import(client, role):
    client.force_login(UserFactory(role=role))
    assert client.get(reverse(UPLOAD)).status_code == 403
    assert upload(client, csv("Nom,Type\nA,association\n")).status_code == 403
    assert not ImportSession.objects.exists()
    list_page = client.get(reverse("actors:organisation_list")).content.decode()
    assert reverse(UPLOAD) not in list_page


def test_an_import_in_progress_is_seen_by_its_author_alone(signed_in, client):
    upload(signed_in, csv("Nom,Type\nA,association\n"))
    session = ImportSession.objects.get()
    other = UserFactory(role=Role.ADMIN)
    client.force_login(other)
    url = reverse("actors:organisation_import_mapping", args=[session.pk])
    assert client.get(url).status_code == 404


def test_the_upload_page_offers_templates_to_fill_in(signed_in):
    page = signed_in.get(reverse(UPLOAD)).content.decode()
    assert "SIRET" in page and "?template=xlsx" in page
    response = signed_in.get(reverse(UPLOAD), {"template": "csv"})
    assert response.content.decode("utf-8-sig").startswith("Name,Acronym,Type")


# --- Command line -----------------------------------------------------------------------------


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    with translation.override("en"):  # the messages below are asserted in English
        call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path, text, name="orgs.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode())
    return str(path)


def test_the_command_dry_run_prints_the_preview_and_writes_nothing(tmp_path):
    lille()
    path = write(tmp_path, "Nom,Type\nMairie de Lille,Mairie\nAssociation X,association\n")
    out, _err = run("organisations", path, "--dry-run")
    assert "DUPLICATE: row 2 looks like" in out and "“Ville de Lille” (same name): skip" in out
    assert "1 to create, 0 to update, 1 to skip" in out
    assert Organisation.objects.count() == 1


def test_the_command_skips_duplicates_unless_told_otherwise(tmp_path):
    town = lille()
    path = write(
        tmp_path,
        "Nom,Type,Courriel\nMairie de Lille,Mairie,contact@lille.fr\nAsso,association,\n",
    )
    out, _err = run("organisations", path)
    assert "1 created" in out and "1 skipped" in out
    town.refresh_from_db()
    assert town.email == ""
    run("organisations", path, "--update-duplicates", "--report", str(tmp_path / "r.csv"))
    town.refresh_from_db()
    assert town.email == "contact@lille.fr"
    assert "updated" in (tmp_path / "r.csv").read_text(encoding="utf-8-sig")


def test_the_command_fails_with_row_messages_and_writes_nothing(tmp_path, english):
    path = write(tmp_path, "Nom,Type,SIRET\nA,association,123\nB,boulangerie,\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 error"):
        call_command("import", "organisations", path, stdout=io.StringIO(), stderr=err)
    messages = err.getvalue()
    assert "Row 2, column C “SIRET”: A SIRET has 14 digits." in messages
    assert "Row 3, column B “Type”" in messages
    assert Organisation.objects.count() == 0


def test_the_command_refuses_a_50_mb_file_before_reading_it(tmp_path):
    path = tmp_path / "big.csv"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    with pytest.raises(CommandError, match=r"the limit is 20\.0"):
        run("organisations", str(path))


def test_the_command_maps_columns_on_request(tmp_path):
    path = write(tmp_path, "Raison,Genre\nAsso Z,association\n")
    with pytest.raises(CommandError, match="No column is matched to “name”"):
        run("organisations", path)
    run("organisations", path, "--map", "Raison=name", "--map", "Genre=type")
    assert Organisation.objects.get().name == "Asso Z"
