from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from maillage.accounts.models import Role
from tests.factories import MembershipFactory, ProjectFactory, UserFactory


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Each worker's test database starts as a copy of the migrated template
    (tests/dbtemplate.py): the migrations run once per change of them, not per worker."""
    from django.conf import settings

    from tests import dbtemplate

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        dbtemplate.fill_in_memory_test_databases()
    else:
        database.setdefault("TEST", {})["TEMPLATE"] = dbtemplate.postgres_template(database)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in French, whatever language the previous request activated."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _reference_rows_survive_a_flush(request, django_db_blocker):
    """A transactional test (browser, threads) ends with a flush that also empties the rows
    a data migration made (the 17 SDG goals); put them back for the tests that follow, as
    the migration made them."""
    yield
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if transactional:
        from maillage.actors.models import SdgGoal

        with django_db_blocker.unblock():
            SdgGoal.objects.bulk_create(
                [SdgGoal(number=n) for n in range(1, 18)], ignore_conflicts=True
            )


@pytest.fixture
def officer(db):
    return UserFactory(username="officer", role=Role.OFFICER)


@pytest.fixture
def viewer(db):
    return UserFactory(username="viewer", role=Role.VIEWER)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", role=Role.ADMIN)


@pytest.fixture
def partner(db):
    return UserFactory(username="partner", role=Role.PARTNER)


@pytest.fixture
def partner_project(partner):
    """A project the `partner` fixture is a member of."""
    project = ProjectFactory(code="SHARED-1", title="Projet partagé")
    MembershipFactory(project=project, user=partner)
    return project


@pytest.fixture
def other_project(db):
    """A project the `partner` fixture is not a member of."""
    return ProjectFactory(code="OTHER-1", title="Projet confidentiel")


@dataclass(frozen=True)
class BuiltDemo:
    summary: Any  # maillage.demo.build.DemoSummary, imported only by the tests that build it
    media: Path  # where its photos and documents are stored


@pytest.fixture(scope="module")
def built_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, built in a transaction that lasts the module and is rolled back at its
    end; each test runs in a savepoint of it (the `db` fixture), so what a test changes
    is undone. A build takes seconds: once per module, not once per test."""
    from maillage.demo.build import build_demo

    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        yield BuiltDemo(build_demo(), media)
        transaction.set_rollback(True)
