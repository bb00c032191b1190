"""Concurrent edits are detected: on the pages (version field) and in the API (If-Match)."""

import pytest
from django.urls import reverse

from maillage.projects.models import Project
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def form_data(project, **changes):
    data = {
        "code": project.code,
        "title": project.title,
        "status": project.status,
        "country": project.country,
        "currency": project.currency,
        "version": project.version,
    }
    data.update(changes)
    return data


def test_the_second_of_two_editors_is_refused_and_shown_what_changed(client, officer):
    project = ProjectFactory(title="Titre initial")
    client.force_login(officer)
    opened = form_data(project)  # both editors opened version 1
    first = client.post(
        reverse("projects:project_update", args=[project.pk]), {**opened, "title": "Titre d'Amina"}
    )
    assert first.status_code == 302
    second = client.post(
        reverse("projects:project_update", args=[project.pk]), {**opened, "title": "Titre de Paul"}
    )
    assert second.status_code == 409
    body = second.content.decode()
    assert "Titre d&#x27;Amina" in body and "Titre de Paul" in body
    project.refresh_from_db()
    assert project.title == "Titre d'Amina" and project.version == 2
    # The form now carries the current version: saving again keeps Paul's value on purpose.
    again = client.post(
        reverse("projects:project_update", args=[project.pk]),
        {**opened, "version": 2, "title": "Titre de Paul"},
    )
    assert again.status_code == 302
    project.refresh_from_db()
    assert project.title == "Titre de Paul" and project.version == 3


def test_the_api_gives_an_etag_and_refuses_a_stale_if_match(client, officer):
    project = ProjectFactory()
    client.force_login(officer)
    response = client.get(f"/api/projects/{project.pk}")
    tag = response["ETag"]
    assert tag == f'"{project.pk}-1"' and response.json()["version"] == 1
    ok = client.patch(
        f"/api/projects/{project.pk}",
        {"title": "Premier"},
        content_type="application/json",
        HTTP_IF_MATCH=tag,
    )
    assert ok.status_code == 200 and ok["ETag"] == f'"{project.pk}-2"'
    stale = client.patch(
        f"/api/projects/{project.pk}",
        {"title": "Second"},
        content_type="application/json",
        HTTP_IF_MATCH=tag,
    )
    assert stale.status_code == 412
    assert Project.objects.get(pk=project.pk).title == "Premier"
    stale_delete = client.delete(f"/api/projects/{project.pk}", HTTP_IF_MATCH=tag)
    assert stale_delete.status_code == 412
    assert Project.objects.filter(pk=project.pk).exists()


def test_a_malformed_if_match_is_refused(client, officer):
    project = ProjectFactory()
    client.force_login(officer)
    response = client.patch(
        f"/api/projects/{project.pk}",
        {"title": "X"},
        content_type="application/json",
        HTTP_IF_MATCH="garbage",
    )
    assert response.status_code == 412


def test_a_save_from_a_stale_object_is_refused_whatever_the_door():
    # Two copies of one row loaded at version 1: the second save must not overwrite the
    # first (`UPDATE … WHERE version = 1` matches nothing any more).
    from django.db import transaction

    from maillage.core.concurrency import VersionConflict

    project = ProjectFactory(title="Avant")
    first = Project.objects.get(pk=project.pk)
    second = Project.objects.get(pk=project.pk)
    first.title = "Premier"
    first.save()
    second.title = "Second"
    with pytest.raises(VersionConflict), transaction.atomic():
        second.save()
    assert second.version == 1  # left as loaded: the caller may reload and retry
    stored = Project.objects.get(pk=project.pk)
    assert (stored.title, stored.version) == ("Premier", 2)


def test_an_update_page_post_without_its_version_is_refused(client, officer):
    project = ProjectFactory(title="Titre initial")
    client.force_login(officer)
    data = form_data(project, title="Sans version")
    del data["version"]
    response = client.post(reverse("projects:project_update", args=[project.pk]), data)
    assert response.status_code == 422
    assert "version" in response.content.decode().lower() or "recharg" in response.content.decode()
    project.refresh_from_db()
    assert project.title == "Titre initial" and project.version == 1
