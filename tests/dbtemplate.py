"""A migrated database made once and copied, instead of `migrate` run by every process.

Running the migrations takes about a minute of CPU on this project: Django re-renders the
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

The same idea one level up: `module_data` makes a test module's records once (the
permission matrix's, the generic suites' world) instead of once per test.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
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
def _locked() -> Iterator[None]:
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _migrate(database_url: str, var_dir: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "maillage.config.settings",
        "DATABASE_URL": database_url,
        "VAR_DIR": str(var_dir),
        "SECRET_KEY": "test-template-secret-key-0123456789-abcdefghijklmnopqrstuv",
        "LOG_LEVEL": "ERROR",
    }
    done = subprocess.run(
        [sys.executable, "-m", "maillage", "migrate", "-v", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"migrate failed for the test template:\n{done.stdout}{done.stderr}")


# --- SQLite --------------------------------------------------------------------------------


def sqlite_template() -> Path:
    """The migrated SQLite file, made if missing."""
    path = CACHE / f"template-{fingerprint()}.sqlite3"
    with _locked():
        if not path.exists():
            building = CACHE / f"building-{uuid.uuid4().hex}.sqlite3"
            try:
                _migrate(f"sqlite:///{building}", CACHE / "var")
                building.replace(path)  # atomic: a reader sees no half-made file
            finally:
                building.unlink(missing_ok=True)
            for stale in CACHE.glob("template-*.sqlite3"):
                if stale != path:
                    stale.unlink(missing_ok=True)
    return path


def copy_sqlite(target: Path | sqlite3.Connection) -> None:
    """The template's content into a file or an open connection (an in-memory database)."""
    source = sqlite3.connect(sqlite_template())
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


def _pg(database: dict[str, Any], sql: str, *params: Any) -> list[tuple[Any, ...]]:
    import psycopg
    from psycopg import sql as pgsql

    with psycopg.connect(
        dbname="postgres",
        autocommit=True,
        host=database.get("HOST") or "127.0.0.1",
        port=database.get("PORT") or 5432,
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
    ) as conn:
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
                _migrate(_pg_url(database, building), CACHE / "var")
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


# --- Records made once per test module -----------------------------------------------------


@dataclass(frozen=True)
class ModuleData:
    """Records made once for a test module (see `module_data`) and where their files are."""

    value: Any
    media: Path
    pristine: Path  # the files as the build left them


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
        yield ModuleData(value, media, pristine)
        transaction.set_rollback(True)


def fresh_module_data(data: ModuleData) -> Any:
    """Before a test on module data: the files as built (a test may delete one: its row
    comes back with the savepoint, its file would not) and empty local caches (a cached
    page or chart of a record another test changed and rolled back)."""
    from django.core.cache import caches

    shutil.rmtree(data.media)
    shutil.copytree(data.pristine, data.media)
    for cache in caches.all(initialized_only=True):
        if cache.__class__.__name__ == "LocMemCache":
            cache.clear()
    return data.value
