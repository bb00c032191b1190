"""A migrated database made once and copied, instead of `migrate` run by every process.

Running the migrations takes about a minute of CPU on this project (51–72 s measured after
the squash of 2026-12-07, 93–116 s before it): Django re-renders the
models related to each model a migration creates, and every model points to the user
(who created it, who changed its history), so each of ~200 creations re-renders nearly
all of them. A suite used to pay it five times per database: each pytest-xdist worker's
test database, the two SIGKILL tests' installations and the backup tests' installation.

Here the migrations run once, in a child process (`maillage migrate`, the real command),
into a template kept under `var/test-db/` (SQLite: a file; PostgreSQL: a database
`maillage_tpl_<fingerprint>`), named by a fingerprint of every migration file and of the
locked dependencies, so a changed migration makes a new template and the stale one is
dropped. A file lock lets the first process build it while the others wait, then each
copies it: the SQLite file with SQLite's backup API (into the in-memory test database
too), PostgreSQL with `CREATE DATABASE … TEMPLATE`. Migrations stay under test: the
template is made by them, and `makemigrations --check` runs in CI.

The same idea for the demo (`maillage demo`, the dataset the crawlers, the browser's
accessibility pass, the partner-pages test and the demo's own tests read): built once per
run, not once per module (each build runs every service: seconds, a dozen times per
run). `demo_template` copies the migrated template and builds the demo into it in a child
process with the test settings, under the same lock, named by a fingerprint of the
migrated template's and of every source file under src/maillage but the templates and
static files (a service's rule may change the rows). It keeps `summary.json` (the
build's `DemoSummary`) and `media/` (its photos and documents) in
`var/test-db/demo-<fingerprint>-<engine>/`, with the rows in `demo.sqlite3` there or in a
PostgreSQL database `maillage_demo_<fingerprint>`. `load_demo` then puts the template's
rows in place of every row of the test database, in the caller's transaction (the
module's, for `built_demo`; a transactional browser test's own): SQLite rows read once
per process and inserted with `executemany`, PostgreSQL tables with binary COPY and the
sequences moved past the copied ids. test_demo_builds.py still builds the demo itself:
that the build is deterministic is what makes sharing one build sound.

The same idea one level up: `module_data` makes a test module's records once (the
permission matrix's, the generic suites' world, the partial demos of the meetings,
missions and team) instead of once per test.
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "var" / "test-db"
PREFIX = "maillage_tpl_"


def fingerprint() -> str:
    """Of the migration files of every installed app (ours, and the third-party ones
    through the locked versions) and of the database engine's driver."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "src" / "maillage").glob("*/migrations/*.py")):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    digest.update((ROOT / "requirements" / "dev.lock").read_bytes())
    return digest.hexdigest()[:16]


@contextmanager
def _locked(name: str = ".lock") -> Iterator[None]:
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / name, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _child(argv: list[str], database_url: str, **env: str) -> None:
    """A Python child on `database_url` (a template being made), failing loudly."""
    done = subprocess.run(
        [sys.executable, *argv],
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DJANGO_SETTINGS_MODULE": "maillage.config.settings",
            "DATABASE_URL": database_url,
            "VAR_DIR": str(CACHE / "var"),
            "SECRET_KEY": "test-template-secret-key-0123456789-abcdefghijklmnopqrstuv",
            "LOG_LEVEL": "ERROR",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{argv} failed for a test template:\n{done.stdout}{done.stderr}")


def _migrate(database_url: str) -> None:
    _child(["-m", "maillage", "migrate", "-v", "0"], database_url)


# --- SQLite --------------------------------------------------------------------------------


def sqlite_template() -> Path:
    """The migrated SQLite file, made if missing."""
    path = CACHE / f"template-{fingerprint()}.sqlite3"
    with _locked():
        if not path.exists():
            building = CACHE / f"building-{uuid.uuid4().hex}.sqlite3"
            try:
                _migrate(f"sqlite:///{building}")
                building.replace(path)  # atomic: a reader sees no half-made file
            finally:
                building.unlink(missing_ok=True)
            for stale in CACHE.glob("template-*.sqlite3"):
                if stale != path:
                    stale.unlink(missing_ok=True)
    return path


def copy_sqlite(target: Path | sqlite3.Connection) -> None:
    """The template's content into a file or an open connection (an in-memory database)."""
    _backup(sqlite_template(), target)


def _backup(path: Path, target: Path | sqlite3.Connection) -> None:
    source = sqlite3.connect(path)
    try:
        if isinstance(target, sqlite3.Connection):
            source.backup(target)
        else:
            with sqlite3.connect(target) as copy:
                source.backup(copy)
            copy.close()
    finally:
        source.close()


# In-memory databases live as long as a connection to them is open.
_KEPT: list[sqlite3.Connection] = []


def fill_in_memory_test_databases() -> None:
    """Make Django's in-memory SQLite test database start as a copy of the template, so
    that the `migrate` it runs next finds every migration applied."""
    from django.db.backends.sqlite3.creation import DatabaseCreation

    original = DatabaseCreation._create_test_db

    def create(self: Any, verbosity: int, autoclobber: bool, keepdb: bool = False) -> str:
        name = original(self, verbosity, autoclobber, keepdb)
        if self.connection.alias == "default" and self.is_in_memory_db(name):
            memory = sqlite3.connect(name, uri=True)
            copy_sqlite(memory)
            _KEPT.append(memory)
        return name

    DatabaseCreation._create_test_db = create  # type: ignore[method-assign]  # see above


# --- PostgreSQL ----------------------------------------------------------------------------


def _pg_connect(database: dict[str, Any], dbname: str = "postgres") -> Any:
    import psycopg

    return psycopg.connect(
        dbname=dbname,
        autocommit=True,
        host=database.get("HOST") or "127.0.0.1",
        port=database.get("PORT") or 5432,
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
    )


def _pg(database: dict[str, Any], sql: str, *params: Any) -> list[tuple[Any, ...]]:
    from psycopg import sql as pgsql

    with _pg_connect(database) as conn:
        cursor = conn.execute(pgsql.SQL(sql).format(*map(pgsql.Identifier, params)))
        return cursor.fetchall() if cursor.description else []


def _pg_url(database: dict[str, Any], name: str) -> str:
    from urllib.parse import quote

    credentials = quote(database.get("USER") or "postgres")
    if database.get("PASSWORD"):
        credentials += ":" + quote(database["PASSWORD"])
    host, port = database.get("HOST") or "127.0.0.1", database.get("PORT") or 5432
    return f"postgres://{credentials}@{host}:{port}/{name}"


def postgres_template(database: dict[str, Any]) -> str:
    """The name of the migrated template database, made if missing."""
    name = f"{PREFIX}{fingerprint()}"
    with _locked():
        names = [row[0] for row in _pg(database, "SELECT datname FROM pg_database")]
        if name not in names:
            building = f"{PREFIX}building_{uuid.uuid4().hex[:12]}"
            _pg(database, "CREATE DATABASE {}", building)
            try:
                _migrate(_pg_url(database, building))
                # Renamed once whole: a template is never seen half-migrated.
                _pg(database, "ALTER DATABASE {} RENAME TO {}", building, name)
            finally:
                _pg(database, "DROP DATABASE IF EXISTS {} WITH (FORCE)", building)
            for stale in names:
                if stale.startswith(PREFIX) and stale != name:
                    _pg(database, "DROP DATABASE IF EXISTS {} WITH (FORCE)", stale)
    return name


def create_postgres_copy(database: dict[str, Any], name: str) -> None:
    """A new database `name`, migrated (a copy of the template)."""
    template = postgres_template(database)
    _pg(database, "CREATE DATABASE {} TEMPLATE {}", name, template)


# --- The demo, built once per run -----------------------------------------------------------

DEMO_PREFIX = "maillage_demo_"
_DEMO_FOLDER: dict[bool, Path] = {}  # on SQLite or not: the template this process uses


def demo_fingerprint() -> str:
    """Of the migrated template and of every file the build reads or runs: the demo's
    builders and data, and the services, models and settings of the apps it writes
    through (a changed rule may change the rows). Templates and static files do not count."""
    digest = hashlib.sha256(fingerprint().encode())
    source = ROOT / "src" / "maillage"
    for path in sorted(source.rglob("*")):
        skipped = {"static", "templates", "__pycache__"} & set(path.relative_to(source).parts)
        if path.is_file() and not skipped:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def demo_template(database: dict[str, Any]) -> Path:
    """The folder of the demo template, made if missing: `summary.json` (the build's
    `DemoSummary`), `media/` (its photos and documents) and, on SQLite, `demo.sqlite3`;
    on PostgreSQL the rows are in the database `maillage_demo_<fingerprint>`.

    The migrated template copied, then the demo built into it by a child process with the
    test settings (the accounts' password hashed by the tests' hasher)."""
    sqlite = database["ENGINE"].endswith("sqlite3")
    if sqlite in _DEMO_FOLDER:  # one template for the whole run, whatever is edited meanwhile
        return _DEMO_FOLDER[sqlite]
    fp = demo_fingerprint()
    folder = CACHE / f"demo-{fp}-{'sqlite' if sqlite else 'postgresql'}"
    name = f"{DEMO_PREFIX}{fp}"
    migrated = sqlite_template() if sqlite else postgres_template(database)
    # A lock of its own: a process that only needs the migrated template does not wait.
    with _locked(".lock-demo"):
        names = [] if sqlite else [r[0] for r in _pg(database, "SELECT datname FROM pg_database")]
        if folder.exists() and (sqlite or name in names):
            _DEMO_FOLDER[sqlite] = folder
            return folder
        shutil.rmtree(folder, ignore_errors=True)
        building = CACHE / f"building-{uuid.uuid4().hex}"
        building.mkdir()
        building_db = f"{DEMO_PREFIX}building_{uuid.uuid4().hex[:12]}"
        try:
            if sqlite:
                _backup(Path(migrated), building / "demo.sqlite3")
                url = f"sqlite:///{building / 'demo.sqlite3'}"
            else:
                _pg(database, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)
                _pg(database, "CREATE DATABASE {} TEMPLATE {}", building_db, migrated)
                url = _pg_url(database, building_db)
            _child(
                ["-m", "tests.dbtemplate", "demo", str(building / "summary.json")],
                url,
                DJANGO_SETTINGS_MODULE="maillage.config.settings_test",
                MAILLAGE_TEST_MEDIA_ROOT=str(building / "media"),
            )
            if not sqlite:
                _pg(database, "ALTER DATABASE {} RENAME TO {}", building_db, name)
            building.replace(folder)  # whole, or not at all
        finally:
            shutil.rmtree(building, ignore_errors=True)
            if not sqlite:
                _pg(database, "DROP DATABASE IF EXISTS {} WITH (FORCE)", building_db)
        # Another run of this tree may still read an older one: removed after an hour.
        for stale in CACHE.glob(f"demo-*-{folder.name.rsplit('-', 1)[1]}"):
            if stale != folder and stale.stat().st_mtime < time.time() - 3600:
                shutil.rmtree(stale, ignore_errors=True)
        for stale in names:
            if stale.startswith(DEMO_PREFIX) and "building" not in stale and stale != name:
                _pg(database, "DROP DATABASE IF EXISTS {} WITH (FORCE)", stale)
    _DEMO_FOLDER[sqlite] = folder
    return folder


# The template's rows, read once per process: (table, columns, rows or COPY data).
_DEMO_ROWS: dict[Path, list[tuple[str, list[str], Any]]] = {}


def _demo_rows(database: dict[str, Any], folder: Path, tables: list[str]) -> list[Any]:
    if folder in _DEMO_ROWS:
        return _DEMO_ROWS[folder]
    rows = []
    if database["ENGINE"].endswith("sqlite3"):
        source = sqlite3.connect(folder / "demo.sqlite3")
        try:
            for table in tables:
                info = source.execute(f'PRAGMA table_xinfo("{table}")').fetchall()
                columns = [column[1] for column in info if column[6] == 0]  # not generated
                quoted = ", ".join(f'"{c}"' for c in columns)
                content = source.execute(f'SELECT {quoted} FROM "{table}"').fetchall()
                if content:
                    rows.append((table, columns, content))
        finally:
            source.close()
    else:
        from psycopg import sql

        with _pg_connect(database, f"{DEMO_PREFIX}{folder.name.split('-')[1]}") as conn:
            for table in tables:
                columns = [
                    r[0]
                    for r in conn.execute(
                        "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass"
                        " AND attnum > 0 AND NOT attisdropped AND attgenerated = ''"
                        " ORDER BY attnum",
                        [f'"{table}"'],
                    )
                ]
                query = sql.SQL("SELECT {} FROM {}").format(
                    sql.SQL(", ").join(map(sql.Identifier, columns)), sql.Identifier(table)
                )
                if not conn.execute(sql.SQL("SELECT EXISTS ({})").format(query)).fetchone()[0]:
                    continue
                with conn.cursor().copy(
                    sql.SQL("COPY ({}) TO STDOUT (FORMAT BINARY)").format(query)
                ) as copy:
                    rows.append((table, columns, b"".join(bytes(chunk) for chunk in copy)))
    _DEMO_ROWS[folder] = rows
    return rows


def load_demo(media: Path) -> Any:
    """The demo template's rows in place of every row of the test database, in a
    transaction (the caller's, when there is one: a module's, a test's), and its files
    copied into `media`; the build's `DemoSummary`.

    Equivalent to `build_demo()` on the migrated database (test_demo_builds.py checks the
    build is deterministic), seconds cheaper: a copy of rows instead of every service."""
    from django.apps import apps
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from maillage.demo.build import DemoSummary

    database = settings.DATABASES["default"]
    folder = demo_template(database)
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    rows = _demo_rows(database, folder, sorted(tables))
    with transaction.atomic(), connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'DELETE FROM "{table}"')
        if connection.vendor == "sqlite":
            raw = connection.connection  # in the transaction: the same connection
            for table, columns, content in rows:
                quoted = ", ".join(f'"{c}"' for c in columns)
                marks = ", ".join("?" * len(columns))
                raw.executemany(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', content)
        else:
            from psycopg import sql

            for table, columns, content in rows:
                with cursor.cursor.copy(
                    sql.SQL("COPY {} ({}) FROM STDIN (FORMAT BINARY)").format(
                        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
                    )
                ) as copy:
                    copy.write(content)
            models = [
                model
                for model in apps.get_models(include_auto_created=True)
                if model._meta.db_table in tables and not model._meta.proxy
            ]
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
    ContentType.objects.clear_cache()  # the template's ids
    shutil.copytree(folder / "media", media, dirs_exist_ok=True)
    return DemoSummary(**json.loads((folder / "summary.json").read_text()))


def _build_demo_child(summary: Path) -> None:
    """`maillage demo`'s build, in the child `demo_template` starts, its summary kept."""
    import django

    django.setup()
    from maillage.demo.build import build_demo

    summary.write_text(json.dumps(dataclasses.asdict(build_demo())))


# --- Records made once per test module -----------------------------------------------------


@dataclass(frozen=True)
class ModuleData:
    """Records made once for a test module (see `module_data`) and where their files are."""

    value: Any
    media: Path
    pristine: Path  # the files as the build left them
    # What the media folder holds while untouched (see `_files`): a test that leaves it so
    # needs no copy of the pristine files (most tests write no file).
    untouched: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False)


@contextmanager
def module_data(
    django_db_blocker: Any, tmp_path_factory: Any, build: Callable[[], Any]
) -> Iterator[ModuleData]:
    """`build()` run once, in a transaction that lasts the module and is rolled back at
    its end, with its files in a media folder of their own. Each test then runs in a
    savepoint of it (the `db` fixture) and gets it back as built by `fresh_module_data`:
    its rows by the savepoint's rollback, its files and the local caches put back."""
    from django.db import transaction
    from django.test import override_settings

    media = tmp_path_factory.mktemp("media")
    pristine = tmp_path_factory.mktemp("media-pristine")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        value = build()
        shutil.copytree(media, pristine, dirs_exist_ok=True)
        yield ModuleData(value, media, pristine, {"files": _files(media)})
        transaction.set_rollback(True)


def _files(folder: Path) -> dict[str, tuple[int, int, int, int]]:
    """Every file and folder under `folder` with its inode, size and times of change: a
    file written, replaced, added or removed changes it (Django's storage never writes
    over a file in place: a new name, or a new inode). A walk of a hundred files is
    ~1 ms, where removing and copying them again was ~35 ms of each test's setup."""
    found = {}
    for root, dirs, names in os.walk(folder):
        for name in dirs + names:
            info = os.stat(os.path.join(root, name), follow_symlinks=False)
            key = os.path.relpath(os.path.join(root, name), folder)
            found[key] = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    return found


def fresh_module_data(data: ModuleData) -> Any:
    """Before a test on module data: the files as built (a test may delete one: its row
    comes back with the savepoint, its file would not; copied again only when a test
    changed them) and empty local caches (a cached
    page or chart of a record another test changed and rolled back)."""
    from django.core.cache import caches

    if _files(data.media) != data.untouched["files"]:
        shutil.rmtree(data.media)
        shutil.copytree(data.pristine, data.media)
        data.untouched["files"] = _files(data.media)
    for cache in caches.all(initialized_only=True):
        if cache.__class__.__name__ == "LocMemCache":
            cache.clear()
    return data.value


if __name__ == "__main__" and sys.argv[1:2] == ["demo"]:
    _build_demo_child(Path(sys.argv[2]))
