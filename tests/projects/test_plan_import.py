"""Creating a project from an MS Project file: upload, preview, confirm — or nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maillage.core.models import ImportSession
from maillage.projects.models import Dependency, PlanItem, Project, ProjectMembership
from maillage.projects.services import DependencyService
from tests.factories import ProjectFactory
from tests.projects.test_mspdi import BILLION_LAUGHS, XXE, link, ms_project_file, sahel, task

URL = "/projects/import-mspdi/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def english(officer):
    officer.language = "en"
    officer.save()
    return officer


def _form(data: bytes, name: str = "plan.xml", **values):
    return {
        "file": SimpleUploadedFile(name, data, content_type="text/xml"),
        "code": values.get("code", "SAHEL-1"),
        "title": values.get("title", "Programme Sahel"),
        "country": values.get("country", "ML"),
    }


def _nothing_saved():
    assert not Project.all_objects.filter(code="SAHEL-1").exists()
    assert PlanItem.objects.count() == 0 and Dependency.objects.count() == 0


def test_the_url():
    assert reverse("projects:plan_import") == URL


def test_preview_then_confirm_creates_the_project(client, english):
    client.force_login(english)
    assert client.get(URL).status_code == 200
    response = client.post(URL, _form(sahel()))
    assert response.status_code == 200
    page = response.content.decode()
    assert "will create the project SAHEL-1 — Programme Sahel" in page
    assert "imported as finish-to-start" in page  # the SS link's warning
    assert response.context["counts"] == {"activity": 3, "task": 5, "milestone": 2}
    _nothing_saved()  # a preview saves nothing but the uploaded file
    session = response.context["session"]

    response = client.post(URL, {"session": session.pk, "confirm": "1"})
    project = Project.objects.get(code="SAHEL-1")
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert (project.title, project.country, project.owner) == ("Programme Sahel", "ML", english)
    membership = ProjectMembership.objects.get(project=project)
    assert (membership.user, membership.role) == (english, "manager")
    assert PlanItem.objects.filter(project=project).count() == 10
    assert Dependency.objects.filter(successor__project=project).count() == 6
    # The uploaded file is gone; confirming again finds nothing.
    session.refresh_from_db()
    assert not session.file
    assert client.post(URL, {"session": session.pk, "confirm": "1"}).status_code == 404
    assert Project.objects.filter(code="SAHEL-1").count() == 1


def test_cancel_saves_nothing(client, english):
    client.force_login(english)
    session = client.post(URL, _form(sahel())).context["session"]
    response = client.post(URL, {"session": session.pk, "cancel": "1"})
    assert response.status_code == 302
    _nothing_saved()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Nom;Debut;Fin\nEtude;2026-01-01;2026-02-01\n", "This file is a text file"),
        (b"%PDF-1.4 fake", "This file is a PDF document"),
        (XXE, "DOCTYPE"),
        (BILLION_LAUGHS, "DOCTYPE"),
        (b"<Project><Tasks/></Project>", "not an MS Project plan"),
        (
            ms_project_file(
                task(1, "A", 1, "2026-01-05", "2026-01-09", links=link(2)),
                task(2, "B", 1, "2026-01-12", "2026-01-16", links=link(1)),
            ),
            "closes a cycle of dependencies",
        ),
        (
            ms_project_file(task(1, "A", 1, "2026-01-05", "2026-01-09", links=link(1))),
            "Task “A” (UID 1) is linked to itself.",
        ),
        (
            ms_project_file(task(1, "Forage", 1, "2026-03-05", "2026-02-09")),
            "Task “Forage” (UID 1) finishes (Feb. 9, 2026) before it starts (March 5, 2026).",
        ),
    ],
)
def test_bad_files_are_refused_and_nothing_is_saved(client, english, data, message):
    client.force_login(english)
    response = client.post(URL, _form(data))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert "root:" not in response.content.decode()
    _nothing_saved()
    assert not ImportSession.objects.exists()


def test_a_file_above_the_cap_is_refused(client, english, settings):
    settings.MSPDI_MAX_BYTES = 2000
    client.force_login(english)
    response = client.post(URL, _form(sahel()))
    assert response.status_code == 422
    assert "the limit is 2.0" in response.content.decode()
    _nothing_saved()


def test_a_code_in_use_is_refused_even_in_the_trash(client, english):
    from maillage.core.trash import move_to_trash

    move_to_trash(ProjectFactory(code="SAHEL-1"))
    client.force_login(english)
    response = client.post(URL, _form(sahel()))
    assert response.status_code == 422
    assert "exists already" in response.content.decode()


def test_a_code_taken_between_preview_and_confirm_saves_nothing(client, english):
    client.force_login(english)
    session = client.post(URL, _form(sahel())).context["session"]
    ProjectFactory(code="SAHEL-1", title="Pris entre-temps")
    response = client.post(URL, {"session": session.pk, "confirm": "1"})
    assert response.status_code == 422
    assert "exists already" in response.content.decode()
    assert PlanItem.objects.count() == 0


def test_the_import_is_all_or_nothing(client, english, monkeypatch):
    """A failure half-way (here, the last dependency) leaves no project and no item."""
    client.force_login(english)
    session = client.post(URL, _form(sahel())).context["session"]

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(DependencyService, "create_many", broken)
    client.raise_request_exception = False
    response = client.post(URL, {"session": session.pk, "confirm": "1"})
    assert response.status_code == 500
    _nothing_saved()


def test_another_officers_upload_cannot_be_confirmed(client, english, admin_user):
    client.force_login(english)
    session = client.post(URL, _form(sahel())).context["session"]
    client.force_login(admin_user)
    assert client.post(URL, {"session": session.pk, "confirm": "1"}).status_code == 404
    assert client.post(URL, {"session": "x", "confirm": "1"}).status_code == 404
    _nothing_saved()


@pytest.mark.parametrize("role", ["partner", "viewer"])
def test_partners_and_viewers_cannot_import(client, request, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert client.get(URL).status_code == 403
    assert client.post(URL, _form(sahel())).status_code == 403
    _nothing_saved()


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_an_exported_plan_imports_through_the_pages(client, english):
    """Download a project's plan as MS Project XML, import it as a new project."""
    from tests.projects.test_mspdi import _snapshot

    client.force_login(english)
    session = client.post(URL, _form(sahel())).context["session"]
    client.post(URL, {"session": session.pk, "confirm": "1"})
    source = Project.objects.get(code="SAHEL-1")
    exported = client.get(reverse("projects:project_plan_mspdi", args=[source.pk])).content
    response = client.post(URL, _form(exported, code="SAHEL-2"))
    assert response.status_code == 200
    client.post(URL, {"session": response.context["session"].pk, "confirm": "1"})
    copy = Project.objects.get(code="SAHEL-2")
    assert _snapshot(copy) == _snapshot(source)


def test_the_command_imports_a_file(tmp_path, officer):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    path = tmp_path / "sahel.xml"
    path.write_bytes(sahel())
    args = [str(path), "--code", "SAHEL-1", "--title", "Programme Sahel", "--country", "ml"]
    call_command("import_mspdi", *args, "--owner", "officer")
    project = Project.objects.get(code="SAHEL-1")
    assert project.owner == officer and project.plan_items.count() == 10

    bad = tmp_path / "bad.xml"
    bad.write_bytes(XXE)
    with pytest.raises(CommandError, match="DOCTYPE"):
        call_command("import_mspdi", str(bad), "--code", "X-2", "--title", "X", "--country", "SN")
    assert not Project.all_objects.filter(code="X-2").exists()
    with pytest.raises(CommandError):
        call_command("import_mspdi", str(path), *args[1:])  # the code is taken
