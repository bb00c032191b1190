"""Field updates: written by staff or partners, with photos and documents, shown as a
timeline; a partner writes only on its projects and changes only what it wrote."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maillage.projects.models import FieldUpdate, UpdateAttachment
from maillage.projects.selectors import latest_updates
from maillage.projects.services import store_attachment
from tests.factories import FieldUpdateFactory, ProjectFactory, UserFactory
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 200 + b"\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HTML = b"<html><body><script>alert(1)</script></body></html>"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _upload(name, content, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def _form(project, **extra):
    return {
        "project": project.pk,
        "occurred_on": "2026-05-12",
        "title": "Chantier du puits",
        "body": "Le puits est **creusé**.",
        **extra,
    }


def _attached(update, name, content):
    upload = _upload(name, content)
    upload.detected_kind = {b"\xff\xd8": "jpeg", b"%P": "pdf", b"\x89P": "png"}[content[:2]]
    return store_attachment(update=update, file=upload, by=None)


# --- A partner on its own project ---------------------------------------------------------


def test_a_partner_adds_an_update_with_a_photo_on_its_project(client, partner, partner_project):
    client.force_login(partner)
    url = reverse("projects:fieldupdate_create")
    form = client.get(url, {"project": partner_project.pk}).context["form"]
    assert list(form.fields["project"].queryset) == [partner_project]
    response = client.post(
        url,
        _form(
            partner_project,
            attachments=[
                _upload("puits.jpg", JPEG),
                _upload("rapport.pdf", PDF, "application/pdf"),
            ],
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    update = FieldUpdate.objects.get(title="Chantier du puits")
    assert update.author == partner and update.project == partner_project
    kinds = sorted((a.kind, a.content_type, a.original_name) for a in update.attachments.all())
    assert kinds == [
        ("document", "application/pdf", "rapport.pdf"),
        ("photo", "image/jpeg", "puits.jpg"),
    ]
    # The stored name is not the user's.
    assert all("puits" not in a.file.name for a in update.attachments.all())
    timeline = client.get(reverse("projects:project_updates", args=[partner_project.pk]))
    body = timeline.content.decode()
    assert "Chantier du puits" in body and "<strong>creusé</strong>" in body
    photo = update.attachments.get(kind="photo")
    assert reverse("projects:updateattachment_image", args=[photo.pk]) in body
    assert "Add an update" in body or "Ajouter" in body
    assert timeline.context["may_add"] is True


def test_a_partner_cannot_add_an_update_to_another_project(client, partner, other_project):
    client.force_login(partner)
    url = reverse("projects:fieldupdate_create")
    form = client.get(url).context["form"]
    assert other_project not in form.fields["project"].queryset
    response = client.post(url, _form(other_project))
    assert response.status_code == 422
    assert "project" in response.context["form"].errors
    assert not FieldUpdate.objects.exists()


def test_a_partner_sees_nothing_of_another_projects_updates(
    client, partner, partner_project, other_project
):
    hidden = FieldUpdateFactory(project=other_project, title="Note confidentielle")
    photo = _attached(hidden, "secret.jpg", JPEG)
    doc = _attached(hidden, "secret.pdf", PDF)
    FieldUpdateFactory(project=partner_project, title="Note partagée")
    client.force_login(partner)
    for name, pk in [
        ("projects:fieldupdate_detail", hidden.pk),
        ("projects:fieldupdate_update", hidden.pk),
        ("projects:fieldupdate_delete", hidden.pk),
        ("projects:fieldupdate_history", hidden.pk),
        ("projects:project_updates", other_project.pk),
        ("projects:updateattachment_download", doc.pk),
        ("projects:updateattachment_download", photo.pk),
        ("projects:updateattachment_image", photo.pk),
    ]:
        assert client.get(reverse(name, args=[pk])).status_code == 404, name
    response = client.post(reverse("projects:updateattachment_delete", args=[photo.pk]))
    assert response.status_code == 404
    assert UpdateAttachment.objects.filter(pk=photo.pk).exists()
    body = client.get(reverse("projects:fieldupdate_list")).content.decode()
    assert "Note partagée" in body and "Note confidentielle" not in body
    assert client.get(f"/api/updates/{hidden.pk}").status_code == 404
    titles = [u["title"] for u in client.get("/api/updates").json()["results"]]
    assert titles == ["Note partagée"]


def test_a_partner_cannot_edit_an_update_written_by_someone_else(
    client, partner, officer, partner_project
):
    theirs = FieldUpdateFactory(project=partner_project, author=officer, title="De l'agent")
    photo = _attached(theirs, "a.jpg", JPEG)
    mine = FieldUpdateFactory(project=partner_project, author=partner, title="Du partenaire")
    client.force_login(partner)
    assert client.get(reverse("projects:fieldupdate_detail", args=[theirs.pk])).status_code == 200
    assert client.get(reverse("projects:fieldupdate_update", args=[theirs.pk])).status_code == 403
    assert client.post(reverse("projects:fieldupdate_delete", args=[theirs.pk])).status_code == 403
    response = client.post(reverse("projects:updateattachment_delete", args=[photo.pk]))
    assert response.status_code == 403
    response = client.patch(
        f"/api/updates/{theirs.pk}", {"title": "Piraté"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert client.delete(f"/api/updates/{theirs.pk}").status_code == 403
    theirs.refresh_from_db()
    assert theirs.title == "De l'agent"
    # Its own: yes.
    assert client.get(reverse("projects:fieldupdate_update", args=[mine.pk])).status_code == 200
    response = client.patch(
        f"/api/updates/{mine.pk}", {"title": "Corrigé"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert client.delete(f"/api/updates/{mine.pk}").status_code == 204


def test_an_officer_edits_any_update_and_removes_an_attachment(client, officer, partner, media):
    update = FieldUpdateFactory(author=partner)
    photo = _attached(update, "a.jpg", JPEG)
    path = media / photo.file.name
    assert path.exists()
    client.force_login(officer)
    assert client.get(reverse("projects:fieldupdate_update", args=[update.pk])).status_code == 200
    response = client.post(reverse("projects:updateattachment_delete", args=[photo.pk]))
    assert response.status_code == 302
    assert not UpdateAttachment.objects.filter(pk=photo.pk).exists()


# --- Files: checked by content, served safely --------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [("photo.jpg", PDF), ("photo.jpg", HTML), ("photo.png", JPEG), ("page.html", HTML)],
)
def test_a_file_whose_content_is_not_what_its_name_says_is_refused(client, officer, name, content):
    project = ProjectFactory()
    client.force_login(officer)
    response = client.post(
        reverse("projects:fieldupdate_create"),
        _form(project, attachments=[_upload(name, content)]),
    )
    assert response.status_code == 422
    assert "attachments" in response.context["form"].errors
    assert not FieldUpdate.objects.exists() and not UpdateAttachment.objects.exists()


def test_an_oversized_photo_is_refused(client, officer, settings):
    settings.UPDATE_PHOTO_MAX_BYTES = 100
    project = ProjectFactory()
    client.force_login(officer)
    response = client.post(
        reverse("projects:fieldupdate_create"),
        _form(project, attachments=[_upload("grande.jpg", JPEG)]),
    )
    assert response.status_code == 422
    assert "100" in str(response.context["form"].errors["attachments"])
    # A document of the same size is under its own (larger) limit.
    response = client.post(
        reverse("projects:fieldupdate_create"),
        _form(project, attachments=[_upload("note.pdf", PDF + b" " * 200, "application/pdf")]),
    )
    assert response.status_code == 302


def test_attachments_are_served_with_nosniff_and_as_downloads(client, officer):
    update = FieldUpdateFactory()
    photo = _attached(update, "Photo été.jpg", JPEG)
    doc = _attached(update, "rapport.pdf", PDF)
    client.force_login(officer)
    response = client.get(reverse("projects:updateattachment_download", args=[doc.pk]))
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    image = client.get(reverse("projects:updateattachment_image", args=[photo.pk]))
    assert image.status_code == 200
    assert image["Content-Type"] == "image/jpeg"
    assert image["X-Content-Type-Options"] == "nosniff"
    assert image["Content-Disposition"].startswith("inline;")
    # The image view serves images only.
    assert client.get(reverse("projects:updateattachment_image", args=[doc.pk])).status_code == 404


# --- Roles and the API --------------------------------------------------------------------


def test_a_viewer_reads_updates_but_writes_nothing(client, viewer):
    update = FieldUpdateFactory()
    client.force_login(viewer)
    assert client.get(reverse("projects:fieldupdate_detail", args=[update.pk])).status_code == 200
    assert client.get(reverse("projects:fieldupdate_create")).status_code == 403
    assert client.get(reverse("projects:fieldupdate_update", args=[update.pk])).status_code == 403
    page = client.get(reverse("projects:project_updates", args=[update.project_id]))
    assert page.context["may_add"] is False
    data = {"project": update.project_id, "title": "X", "occurred_on": "2026-01-01"}
    assert client.post("/api/updates", data, content_type="application/json").status_code == 403
    response = client.patch(
        f"/api/updates/{update.pk}", {"title": "X"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_a_partner_posts_an_update_through_the_api_on_its_project_only(
    client, partner, partner_project, other_project
):
    client.force_login(partner)
    data = {"project": partner_project.pk, "title": "Réunion", "occurred_on": "2026-05-02"}
    response = client.post("/api/updates", data, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["author"] == partner.pk
    assert FieldUpdate.objects.get(title="Réunion").author == partner
    data["project"] = other_project.pk
    response = client.post("/api/updates", data, content_type="application/json")
    assert response.status_code == 400
    assert "Projet inconnu" in response.json()["project"][0]
    assert FieldUpdate.objects.filter(project=other_project).count() == 0
    # Moving its own update to another project is refused the same way.
    mine = FieldUpdate.objects.get(title="Réunion")
    response = client.patch(
        f"/api/updates/{mine.pk}", {"project": other_project.pk}, content_type="application/json"
    )
    assert response.status_code == 400


def test_the_api_lists_attachments_with_their_urls_and_safe_html(client, officer):
    update = FieldUpdateFactory(body="<script>alert(1)</script> *ok*")
    photo = _attached(update, "a.jpg", JPEG)
    _attached(update, "b.pdf", PDF)
    client.force_login(officer)
    data = client.get(f"/api/updates/{update.pk}").json()
    assert "<script>" not in data["body_html"] and "<em>ok</em>" in data["body_html"]
    urls = {a["kind"]: (a["download_url"], a["image_url"]) for a in data["attachments"]}
    assert urls["photo"][1].endswith(reverse("projects:updateattachment_image", args=[photo.pk]))
    assert urls["document"][1] is None


def test_the_markdown_body_is_sanitised_on_the_page(client, officer):
    update = FieldUpdateFactory(body="[x](javascript:alert(1)) <img src=x onerror=alert(1)>")
    client.force_login(officer)
    body = client.get(reverse("projects:fieldupdate_detail", args=[update.pk])).content.decode()
    assert 'href="javascript' not in body and "<img src=x" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body  # shown as text, never run


def test_the_timeline_is_grouped_by_month_newest_first(client, officer):
    project = ProjectFactory()
    for day in ("2026-03-02", "2026-04-20", "2026-04-03"):
        FieldUpdateFactory(project=project, occurred_on=datetime.date.fromisoformat(day))
    client.force_login(officer)
    response = client.get(reverse("projects:project_updates", args=[project.pk]))
    months = [
        (m.isoformat(), [u.occurred_on.day for u in e]) for m, e in response.context["months"]
    ]
    assert months == [("2026-04-01", [20, 3]), ("2026-03-01", [2])]
    assert [u.occurred_on.day for u in latest_updates(project=project, user=officer, n=2)] == [
        20,
        3,
    ]


def test_latest_updates_obey_visibility(partner, partner_project, other_project):
    FieldUpdateFactory(project=other_project)
    assert latest_updates(project=other_project, user=partner) == []
    outsider = UserFactory(role="partner")
    FieldUpdateFactory(project=partner_project)
    assert latest_updates(project=partner_project, user=outsider) == []
    assert len(latest_updates(project=partner_project, user=partner)) == 1


def _grow(project, author, n):
    for _i in range(n):
        update = FieldUpdateFactory(project=project, author=author)
        _attached(update, "p.jpg", JPEG)
        _attached(update, "d.pdf", PDF)


@pytest.mark.parametrize("page", ["project_updates", "fieldupdate_list", "api"])
def test_queries_stay_constant_as_updates_grow(client, partner, partner_project, page):
    url = {
        "project_updates": reverse("projects:project_updates", args=[partner_project.pk]),
        "fieldupdate_list": reverse("projects:fieldupdate_list"),
        "api": "/api/updates",
    }[page]
    client.force_login(partner)
    assert_constant_queries(
        client, url, grow=lambda n: _grow(partner_project, partner, n), rows=(3, 20)
    )
