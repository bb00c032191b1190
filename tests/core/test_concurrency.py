"""Concurrent edits are detected: on the pages (version field) and in the API (If-Match)."""

from contextlib import contextmanager

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


@contextmanager
def database_shared_by_threads(tmp_path):
    """The test database as threads reach it. PostgreSQL: as is. SQLite: the in-memory
    test database is shared-cache, whose table locks fail at once instead of waiting as
    a real SQLite file does, so the threads get a file copy of it (WAL, IMMEDIATE
    transactions, busy timeout: the production settings)."""
    import sqlite3

    from django.db import connection, connections

    if connection.vendor != "sqlite":
        yield
        return
    path = tmp_path / "threads.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    settings_dict = connections.settings["default"]
    name = settings_dict["NAME"]
    settings_dict["NAME"] = str(path)
    try:
        yield
    finally:
        settings_dict["NAME"] = name


@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_patches_without_if_match_count_every_write(officer, tmp_path):
    """Each PATCH that answers 200 moved the version by one: none was lost."""
    import threading

    from django.db import connection
    from rest_framework.test import APIClient

    project = ProjectFactory(title="Départ")
    start = threading.Barrier(10)
    statuses: list[int] = []
    errors: list[BaseException] = []
    stored: list[tuple[int, int]] = []

    def patch(n: int) -> None:
        client = APIClient()
        client.force_authenticate(officer)
        start.wait()
        try:
            response = client.patch(
                f"/api/projects/{project.pk}", {"title": f"Écriture {n}"}, format="json"
            )
            statuses.append(response.status_code)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    def read() -> None:
        try:
            row = Project.objects.get(pk=project.pk)
            stored.append((row.version, row.history.count()))
        finally:
            connection.close()

    with database_shared_by_threads(tmp_path):
        threads = [threading.Thread(target=patch, args=(n,)) for n in range(10)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        reader = threading.Thread(target=read)
        reader.start()
        reader.join()
    assert not errors, errors
    assert statuses.count(200) == 10, statuses
    version, history = stored[0]
    assert version == 1 + statuses.count(200)
    assert history == 1 + statuses.count(200)
