import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import override_settings
from django.utils import translation

from maillage.accounts.models import Role
from tests.factories import MembershipFactory, ProjectFactory, UserFactory

# The files that take one worker minutes (measured with --durations), longest first. Under
# `--dist loadfile` a file runs whole on one worker: started last, the longest one would
# keep that worker busy long after the other finished. So they run first, then the other
# files by number of tests, as pytest-xdist orders them by default (its reordering is off in
# pyproject.toml, so that this order holds). A crawl too long for one file is split (the
# crawler's roles: test_crawler*.py).
SLOW_FIRST = (
    "tests/test_partner_pages.py",
    "tests/test_permission_matrix.py",  # 957 tests: ~110 s of CPU alone (2026-12-07)
    "tests/browser/test_accessibility.py",
    "tests/test_crawler_admin.py",
    "tests/test_crawler_officer.py",
    "tests/demo/test_demo_builds.py",
    "tests/test_crawler.py",
    "tests/demo/test_bench_data.py",
)


def pytest_collection_modifyitems(items):
    files = Counter(item.nodeid.split("::")[0] for item in items)
    rank = {path: i for i, path in enumerate(SLOW_FIRST)}

    def order(item: pytest.Item) -> tuple[int, int, str]:
        path = item.nodeid.split("::")[0]
        return rank.get(path, len(rank)), -files[path], path

    items.sort(key=order)  # stable: a file's tests keep their order


def pytest_collection_finish(session):
    """What start-up and collection built (Django, the apps, every test module: ~280,000
    objects) lives as long as the run: settled as a server process is (config/startup.py:
    out of the garbage collector's sight, young objects collected every 10,000
    allocations rather than 700). Each full collection walked everything: 16 % of the
    CRUD pages' time; 14.5 -> 7.3 s of collections for the CRUD pages and bad input."""
    from maillage.config import startup

    startup.settle()


# Where a run's time went, file by file (setup, call and teardown of each test, module
# fixtures included), summed on the controller from every worker's reports: the 15
# longest files are printed at the end and all are written to var/test-durations.json,
# the figures SLOW_FIRST is kept from.
_FILE_SECONDS: Counter[str] = Counter()


def pytest_runtest_logreport(report):
    _FILE_SECONDS[report.nodeid.split("::")[0]] += report.duration


def pytest_terminal_summary(terminalreporter):
    if not _FILE_SECONDS or os.environ.get("PYTEST_XDIST_WORKER"):
        return
    total = sum(_FILE_SECONDS.values())
    terminalreporter.section("time by file")
    for path, seconds in _FILE_SECONDS.most_common(15):
        terminalreporter.write_line(f"{seconds:8.1f} s {seconds / total:5.1%}  {path}")
    terminalreporter.write_line(f"{total:8.1f} s in all ({len(_FILE_SECONDS)} files)")
    out = Path(__file__).resolve().parent.parent / "var" / "test-durations.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(dict(_FILE_SECONDS.most_common()), indent=1) + "\n")


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


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test (browser, threads) ends with a flush that also empties the rows
    a data migration made (the 17 SDG goals); they are put back for the tests that follow,
    as the migration made them (ids 1 to 17, the goals' numbers: tests name a goal by id).

    Here, after the test's fixtures are torn down: an autouse fixture's teardown ran
    before pytest-django's flush (its fixture is set up first), so the goals it put back
    were flushed again and a worker lost them for the rest of a run."""
    yield
    if nextitem is None:  # the session's last test: its database is gone by now
        return
    names = set(getattr(item, "fixturenames", ()))
    marker = item.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction"))
    if not (transactional or names & {"transactional_db", "live_server"}):
        return
    from pytest_django.plugin import blocking_manager_key

    from maillage.actors.models import SdgGoal

    with item.config.stash[blocking_manager_key].unblock():
        if SdgGoal.objects.count() < 17:
            SdgGoal.objects.bulk_create(
                [SdgGoal(pk=n, number=n) for n in range(1, 18)], ignore_conflicts=True
            )
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), [SdgGoal]):
                    cursor.execute(statement)


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
    """The demo, loaded from the demo template (tests/dbtemplate.py: built once per run) in
    a transaction that lasts the module and is rolled back at its end; each test runs in a
    savepoint of it (the `db` fixture), so what a test changes is undone."""
    from django.contrib.contenttypes.models import ContentType

    from tests import dbtemplate

    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        yield BuiltDemo(dbtemplate.load_demo(media), media)
        transaction.set_rollback(True)
    ContentType.objects.clear_cache()  # the ids of the rows the rollback put back
