"""Simultaneous writes through the API: none is lost.

Kept in a module of transactional tests only: pytest-django runs those after the others,
since their flush also empties the rows data migrations made (SDG goals…).
"""

from contextlib import contextmanager

import pytest

from maillage.projects.models import Project
from tests.factories import ProjectFactory


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
