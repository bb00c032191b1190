"""Importing people: duplicates by email then by name, dates, positions, access, command."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from maillage.accounts.models import Role
from maillage.actors.imports import PersonImporter
from maillage.actors.models import Person, Position
from maillage.core.imports import build_preview, commit, read_table
from maillage.core.imports.mapping import auto_mapping
from maillage.core.imports.preview import sheet_headers
from maillage.core.models import ImportSession, Job, JobState
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

UPLOAD = "actors:person_import"


@pytest.fixture(autouse=True)
def english(settings, tmp_path):
    from django.utils import translation

    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("en"):
        yield


def check(text, importer=None):
    sheet = read_table(io.BytesIO(text.encode()))
    mapping = auto_mapping(sheet_headers(sheet, 0), PersonImporter)
    return build_preview(importer or PersonImporter(), sheet, mapping)


def errors(preview):
    return [str(i) for i in preview.issues() if i.level == "error"]


def test_dates_are_read_in_three_formats_and_ambiguous_ones_named():
    preview = check(
        "Nom,Prénom,Date du consentement\n"
        "Martin,Anne,31/01/2026\n"
        "Durand,Paul,2026-01-31\n"
        "Petit,Léa,31-01-2026\n"
        "Roux,Jean,01/31/26\n"
    )
    assert [r.values.get("consent_on") for r in preview.rows[:3]] == [dt.date(2026, 1, 31)] * 3
    assert errors(preview) == [
        "Row 5, column C “Date du consentement”: “01/31/26” has a two-digit year, which is "
        "ambiguous: write the year in full (DD/MM/YYYY)."
    ]


def test_an_email_is_an_exact_duplicate_and_a_name_alone_comes_with_a_warning():
    known = PersonFactory(first_name="Anne", last_name="Martin", email="anne@lille.fr")
    no_email = PersonFactory(first_name="Paul", last_name="Durand", email="")
    PersonFactory(first_name="Léa", last_name="Petit", email="lea@nantes.fr")
    preview = check(
        "Nom,Prénom,Courriel\n"
        "MARTIN,Anne-Marie,Anne@Lille.fr\n"
        "Durand,Paul,paul@oujda.ma\n"
        "Petit,Lea,lea.petit@tours.fr\n"
    )
    rows = {r.number: r for r in preview.rows}
    assert rows[2].match.pk == known.pk and rows[2].match.reason == "same email"
    assert rows[3].match.pk == no_email.pk and rows[3].match.reason == "same name"
    assert any("no email to compare" in i.message for i in rows[3].issues)
    assert rows[4].match is None  # a namesake with another email
    assert preview.is_clean


def test_phones_languages_and_a_position_in_a_known_organisation_are_imported(officer):
    town = OrganisationFactory(name="Ville de Lille", siret="21590350100017")
    preview = check(
        "Prénom,Nom,Téléphone,Langues,Organisation,Fonction,Date de début,Étiquettes\n"
        'Anne,Martin,03 20 49 50 00,"français, arabe",Mairie de Lille,Élue,01/09/2025,élus\n'
        "Paul,Durand,,en,21590350100017,,,\n",
        PersonImporter(user=officer),
    )
    assert preview.is_clean, errors(preview)
    commit(PersonImporter(user=officer), preview)
    anne = Person.objects.get(last_name="Martin")
    assert anne.phone == "+33320495000" and anne.languages == "fr ar"
    position = Position.objects.get(person=anne)
    assert (position.organisation, position.role) == (town, "Élue")
    assert position.start_on == dt.date(2025, 9, 1)
    assert [t.name for t in anne.tags.all()] == ["élus"]
    assert Position.objects.get(person__last_name="Durand").role == "Contact"
    assert anne.history.get().history_user == officer


def test_an_unknown_organisation_or_a_bad_email_is_named_and_nothing_is_written():
    preview = check("Nom,Organisation,Courriel\nMartin,Mairie de Nulle Part,anne.lille.fr\n")
    assert errors(preview) == [
        "Row 2, column C “Courriel”: “anne.lille.fr” is not an email address: it has no @.",
        "Row 2, column B “Organisation”: No organisation “Mairie de Nulle Part” is recorded: "
        "import or create it first.",
    ]
    with pytest.raises(Exception, match="errors"):
        commit(PersonImporter(), preview)
    assert not Person.objects.exists()


def test_the_web_import_of_people_runs_as_a_job(client):
    user = UserFactory(role=Role.ADMIN, language="en")
    client.force_login(user)
    PersonFactory(first_name="Anne", last_name="Martin", email="anne@lille.fr")
    data = io.BytesIO("Nom;Prénom;Courriel\nMartin;Anne;anne@lille.fr\nPetit;Léa;\n".encode())
    data.name = "contacts.csv"
    response = client.post(reverse(UPLOAD), {"file": data})
    session = ImportSession.objects.get()
    assert response["Location"] == reverse("actors:person_import_mapping", args=[session.pk])
    mapping = {f"column-{i}": n for i, n in enumerate(session.mapping)}
    client.post(response["Location"], mapping)
    preview_url = reverse("actors:person_import_preview", args=[session.pk])
    assert "same email" in client.get(preview_url).content.decode()
    client.post(preview_url, {"decision-2": "skip"})
    job = Job.objects.get()
    assert job.state == JobState.SUCCEEDED and job.result_file
    assert sorted(Person.objects.values_list("last_name", flat=True)) == ["Martin", "Petit"]


@pytest.mark.parametrize("role", [Role.VIEWER, Role.PARTNER])
def test_roles_that_cannot_write_cannot_import_people(client, role):
    client.force_login(UserFactory(role=role))
    assert client.get(reverse(UPLOAD)).status_code == 403
    data = io.BytesIO(b"Nom\nMartin\n")
    data.name = "p.csv"
    assert client.post(reverse(UPLOAD), {"file": data}).status_code == 403
    assert not Person.objects.exists() and not ImportSession.objects.exists()


def test_the_command_imports_people_and_reports_duplicates(tmp_path):
    PersonFactory(first_name="Anne", last_name="Martin", email="anne@lille.fr")
    path = tmp_path / "people.csv"
    path.write_text("Nom,Prénom,Courriel\nMartin,Anne,anne@lille.fr\nPetit,Léa,\n")
    out = io.StringIO()
    call_command("import", "people", str(path), stdout=out, stderr=io.StringIO())
    assert "DUPLICATE: row 2" in out.getvalue() and "1 created" in out.getvalue()
    assert Person.objects.count() == 2
    call_command(
        "import", "people", str(path), "--create-duplicates", stdout=out, stderr=io.StringIO()
    )
    assert Person.objects.filter(last_name="Martin").count() == 2


def test_the_command_refuses_a_file_with_errors(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("Nom,Date du consentement\nMartin,2026-02-30\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import", "people", str(path), stdout=io.StringIO(), stderr=err)
    assert "Row 2, column B “Date du consentement”" in err.getvalue()
    assert not Person.objects.exists()
