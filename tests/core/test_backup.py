"""Backups that restore: `maillage backup` and `maillage restore`, on the suite's database.

The commands run in subprocesses against installations of their own (a SQLite file under
tmp_path, or a uniquely named PostgreSQL database when the suite runs on PostgreSQL): a
source with the demo data and media files, and empty targets. Messages are translated
(French by default): subprocess tests look for member names and options in them;
in-process tests read them in English.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tarfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.utils import translation

import maillage
from maillage.core.backup import (
    STAGING_PREFIX,
    TEST_PAUSE_ENV,
    BackupError,
    Manifest,
    backup_filename,
    check_compatible,
    extract_verified,
    prune_backups,
)
from tests import dbtemplate

DB = settings.DATABASES["default"]
ON_POSTGRESQL = DB["ENGINE"] == "django.db.backends.postgresql"
VENDOR = "postgresql" if ON_POSTGRESQL else "sqlite"
DATABASE_MEMBER = f"database/{'postgresql.dump' if ON_POSTGRESQL else 'sqlite.db'}"


# --- Installations ------------------------------------------------------------------------


def pg_connect(dbname: str, **kwargs):
    import psycopg

    return psycopg.connect(
        host=DB.get("HOST") or None,
        port=DB.get("PORT") or None,
        user=DB.get("USER") or None,
        password=DB.get("PASSWORD") or None,
        dbname=dbname,
        **kwargs,
    )


def pg_admin(statement: str, name: str) -> None:
    from psycopg import sql

    with pg_connect("postgres", autocommit=True) as conn:
        conn.execute(sql.SQL(statement).format(sql.Identifier(name)))


def row_digest(rows: list[tuple]) -> str:
    """SHA-256 over a table's rows, in a fixed order (independent of physical order)."""
    return hashlib.sha256("\n".join(sorted(map(repr, rows))).encode()).hexdigest()


@dataclass
class Installation:
    """One Maillage installation: its database, media folder and environment."""

    root: Path
    db_name: str  # SQLite file path or PostgreSQL database name
    env: dict[str, str] = field(default_factory=dict)

    @property
    def media(self) -> Path:
        return self.root / "media"

    def run(self, *args: str) -> subprocess.CompletedProcess:
        """`maillage ARGS…` in this installation."""
        return self._run([sys.executable, "-m", "maillage", *args])

    def python(self, code: str) -> subprocess.CompletedProcess:
        return self._run([sys.executable, "-c", code])

    def _run(self, argv: list[str]) -> subprocess.CompletedProcess:
        return subprocess.run(
            argv, env=self.env, capture_output=True, text=True, timeout=120, check=False
        )

    def popen(self, *args: str, env: dict[str, str]) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "maillage", *args],
            env={**self.env, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    def tables(self) -> dict[str, tuple[int, str]]:
        """{table: (row count, row digest)} for every table of the database."""
        if ON_POSTGRESQL:
            from psycopg import sql

            with pg_connect(self.db_name) as conn:
                names = [
                    name
                    for (name,) in conn.execute(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    )
                ]
                return {
                    name: self._describe(
                        conn.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(name)))
                    )
                    for name in names
                }
        if not Path(self.db_name).exists():
            return {}
        conn = sqlite3.connect(self.db_name)
        try:
            names = [
                name
                for (name,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite%'"
                )
            ]
            return {name: self._describe(conn.execute(f'SELECT * FROM "{name}"')) for name in names}
        finally:
            conn.close()

    @staticmethod
    def _describe(cursor) -> tuple[int, str]:
        rows = list(cursor.fetchall())
        return len(rows), row_digest(rows)

    def media_files(self) -> dict[str, bytes]:
        """Visible media files (a killed restore's staging folder aside)."""
        if not self.media.exists():
            return {}
        return {
            path.relative_to(self.media).as_posix(): path.read_bytes()
            for path in sorted(self.media.rglob("*"))
            if path.is_file()
            and not path.relative_to(self.media).parts[0].startswith(STAGING_PREFIX)
        }


def make_installation(
    root: Path, db_name: str | None = None, *, migrated: bool = False
) -> Installation:
    """An empty installation: no SQLite file yet, or a new empty PostgreSQL database
    (`db_name`: an existing empty one); `migrated`: a copy of the suite's migrated
    template instead (tests/dbtemplate.py), data aside."""
    root.mkdir(parents=True)
    if ON_POSTGRESQL:
        if db_name is None:
            db_name = f"maillage_bk_{uuid.uuid4().hex[:12]}"
            if migrated:
                dbtemplate.create_postgres_copy(DB, db_name)
            else:
                pg_admin("CREATE DATABASE {}", db_name)
        credentials = quote(DB.get("USER") or "postgres")
        if DB.get("PASSWORD"):
            credentials += ":" + quote(DB["PASSWORD"])
        url = (
            f"postgres://{credentials}@{DB.get('HOST') or '127.0.0.1'}:{DB.get('PORT') or 5432}"
            f"/{db_name}"
        )
    else:
        db_name = str(root / "maillage.sqlite3")
        if migrated:
            dbtemplate.copy_sqlite(Path(db_name))
        url = f"sqlite:///{db_name}"
    inherited = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_ALLOW_ASYNC_UNSAFE", TEST_PAUSE_ENV}
    }
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "maillage.config.settings",
        "DATABASE_URL": url,
        "VAR_DIR": str(root),
        "MEDIA_ROOT": str(root / "media"),
        "SECRET_KEY": "backup-test-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "LOG_LEVEL": "WARNING",
    }
    return Installation(root, db_name, env)


def drop_installation(installation: Installation) -> None:
    if ON_POSTGRESQL:
        pg_admin("DROP DATABASE IF EXISTS {} WITH (FORCE)", installation.db_name)


@dataclass
class Source:
    installation: Installation
    archive: Path
    tables: dict[str, tuple[int, str]]
    media: dict[str, bytes]


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Iterator[Source]:
    """An installation with the demo data and two media files, and its backup."""
    installation = make_installation(tmp_path_factory.mktemp("backup") / "source", migrated=True)
    try:
        # `maillage migrate` (all applied already) then `maillage demo`, in one process.
        result = installation.python(
            "import django; django.setup(); from django.core.management import call_command; "
            "call_command('migrate', verbosity=0, skip_checks=True); "
            "call_command('demo', skip_checks=True)"
        )
        assert result.returncode == 0, result.stdout + result.stderr
        (installation.media / "jobs" / "2025" / "01").mkdir(parents=True)
        (installation.media / "jobs" / "2025" / "01" / "export.xlsx").write_bytes(
            os.urandom(50_000)
        )
        (installation.media / "compte rendu é.txt").write_text("Réunion du comité de pilotage")
        archive = installation.root / "backup.tar.gz"
        result = installation.run("backup", str(archive))
        assert result.returncode == 0, result.stdout + result.stderr
        yield Source(installation, archive, installation.tables(), installation.media_files())
    finally:
        drop_installation(installation)


@pytest.fixture(scope="module")
def target_database(tmp_path_factory) -> Iterator[str | None]:
    """On PostgreSQL, one database for every target (emptied before each test)."""
    if not ON_POSTGRESQL:
        yield None
        return
    installation = make_installation(tmp_path_factory.mktemp("backup") / "targets")
    try:
        yield installation.db_name
    finally:
        drop_installation(installation)


@pytest.fixture
def target(tmp_path, target_database) -> Installation:
    """An empty installation (cheaper than CREATE/DROP DATABASE on PostgreSQL)."""
    if target_database:
        with pg_connect(target_database, autocommit=True) as conn:
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")
    return make_installation(tmp_path / "target", target_database)


def read_manifest(archive: Path) -> dict:
    with tarfile.open(archive, "r:gz") as tar:
        member = tar.extractfile("manifest.json")
        assert member is not None
        return json.load(member)


def rewrite_archive(archive: Path, dest: Path, change) -> None:
    """Copy `archive` to `dest`, passing each (TarInfo, bytes) through `change`."""
    with tarfile.open(archive, "r:gz") as old, tarfile.open(dest, "w:gz") as new:
        for member in old:
            stream = old.extractfile(member)
            data = stream.read() if stream else b""
            for info, content in change(member, data):
                info.size = len(content)
                new.addfile(info, io.BytesIO(content))


# --- Backup and restore -------------------------------------------------------------------


def test_the_manifest_describes_the_archive(source):
    manifest = read_manifest(source.archive)
    assert manifest["format_version"] == 1
    assert manifest["maillage_version"] == maillage.__version__
    assert manifest["database"] == {"vendor": VENDOR, "member": DATABASE_MEMBER}
    assert datetime.fromisoformat(manifest["created_at"]).tzinfo is not None
    assert ["accounts", "0001_initial"] in manifest["migrations"]
    assert manifest["tables"] == {name: count for name, (count, _) in source.tables.items()}
    assert manifest["tables"]["accounts_user"] == 5
    with tarfile.open(source.archive, "r:gz") as tar:
        members = {
            m.name: hashlib.sha256(tar.extractfile(m).read()).hexdigest()
            for m in tar
            if m.name != "manifest.json"
        }
    assert members == {name: m["sha256"] for name, m in manifest["members"].items()}
    assert set(members) == {DATABASE_MEMBER} | {f"media/{name}" for name in source.media}
    assert oct(source.archive.stat().st_mode & 0o777) == "0o600"
    assert not [p for p in source.archive.parent.iterdir() if p.name.startswith(".")]


def test_a_backup_restores_into_an_empty_installation(source, target):
    assert target.tables() == {}

    result = target.run("restore", str(source.archive))

    assert result.returncode == 0, result.stdout + result.stderr
    assert target.tables() == source.tables
    assert target.media_files() == source.media
    assert not list(target.media.glob(STAGING_PREFIX + "*"))
    if not ON_POSTGRESQL:
        conn = sqlite3.connect(target.db_name)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        finally:
            conn.close()


def test_a_tampered_archive_is_refused_and_nothing_changes(source, tmp_path):
    tampered = tmp_path / "tampered.tar.gz"

    def flip_one_byte(member, data):
        if member.name == DATABASE_MEMBER:
            middle = len(data) // 2
            data = data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]
        yield member, data

    rewrite_archive(source.archive, tampered, flip_one_byte)

    result = source.installation.run("restore", "--force", str(tampered))

    assert result.returncode == 1
    assert DATABASE_MEMBER in result.stderr
    assert source.installation.tables() == source.tables
    assert source.installation.media_files() == source.media
    assert not list(source.installation.media.glob(STAGING_PREFIX + "*"))


def test_a_non_empty_installation_is_refused_without_force(source):
    refused = source.installation.run("restore", str(source.archive))

    assert refused.returncode == 1
    assert "--force" in refused.stderr
    assert source.installation.tables() == source.tables

    # With --force the same archive replaces it (for SQLite: over a database in WAL mode).
    forced = source.installation.run("restore", "--force", str(source.archive))
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert source.installation.tables() == source.tables
    assert source.installation.media_files() == source.media


def test_an_archive_member_escaping_the_folder_is_refused(source, target, tmp_path):
    evil = tmp_path / "evil.tar.gz"
    payload = b"owned"
    name = "media/../../escaped.txt"

    def add_escaping_member(member, data):
        if member.name == "manifest.json":
            manifest = json.loads(data)
            manifest["members"][name] = {
                "sha256": hashlib.sha256(payload).hexdigest(),
                "size": len(payload),
            }
            yield tarfile.TarInfo(name), payload
            data = json.dumps(manifest).encode()
        yield member, data

    rewrite_archive(source.archive, evil, add_escaping_member)

    result = target.run("restore", str(evil))

    assert result.returncode == 1
    assert "escaped.txt" in result.stderr
    assert target.tables() == {}
    assert not list(tmp_path.rglob("escaped.txt"))
    assert not target.media.exists()


def test_a_killed_restore_leaves_the_database_as_it_was(source, target):
    process = target.popen("restore", str(source.archive), env={TEST_PAUSE_ENV: "30"})
    try:
        assert process.stderr is not None
        while TEST_PAUSE_ENV not in (line := process.stderr.readline()):
            assert line, "restore ended before its pause"
        # Midway: all but the last kilobyte of the new database is written …
        if ON_POSTGRESQL:
            # pg_restore's transaction is open and has written (it holds a transaction id).
            assert wait_for(lambda: restore_sessions(target.db_name) == [True])
        else:
            assert [p for p in target.root.iterdir() if p.name.endswith(".restoring")]
            assert not Path(target.db_name).exists()
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        process.stderr.close()

    assert process.returncode == -signal.SIGKILL
    if ON_POSTGRESQL:
        assert wait_for(lambda: restore_sessions(target.db_name) == [])
    assert target.tables() == {}
    assert target.media_files() == {}


def restore_sessions(db_name: str) -> list[bool]:
    """For each pg_restore session on `db_name`: whether its transaction has written."""
    with pg_connect("postgres") as conn:
        return [
            wrote
            for (wrote,) in conn.execute(
                "SELECT backend_xid IS NOT NULL FROM pg_stat_activity "
                "WHERE datname = %s AND application_name = 'pg_restore'",
                [db_name],
            )
        ]


def wait_for(condition, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


# --- Archive checks (in process) ----------------------------------------------------------


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def tar_with(tmp_path: Path, *members: tuple[tarfile.TarInfo, bytes]) -> Path:
    path = tmp_path / "archive.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for info, data in members:
            info.size = len(data) if info.isreg() else 0
            tar.addfile(info, io.BytesIO(data) if info.isreg() else None)
    return path


def link(name: str, kind: bytes, target: str) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, target
    return info


@pytest.mark.parametrize(
    ("member", "message"),
    [
        (tarfile.TarInfo("/etc/cron.d/evil"), "unsafe path"),
        (tarfile.TarInfo("media/a/../../../evil"), "unsafe path"),
        (tarfile.TarInfo("settings.py"), "unsafe path"),
        (link("media/passwd", tarfile.SYMTYPE, "/etc/passwd"), "only regular files"),
        (link("media/hard", tarfile.LNKTYPE, "database/sqlite.db"), "only regular files"),
    ],
)
def test_unsafe_members_are_refused_before_anything_is_written(english, tmp_path, member, message):
    archive = tar_with(tmp_path, (member, b"x"))
    staging = tmp_path / "staging"
    staging.mkdir()

    with pytest.raises(BackupError, match=message):
        extract_verified(archive, staging)
    assert not any(staging.iterdir())


def test_size_limits_stop_an_archive_bomb(english, tmp_path):
    archive = tar_with(
        tmp_path,
        (tarfile.TarInfo("media/a"), b"a" * 600),
        (tarfile.TarInfo("media/b"), b"b" * 600),
    )
    with pytest.raises(BackupError, match="size limits"):  # one member too large
        extract_verified(archive, tmp_path / "one", max_member=500, max_total=10_000)
    with pytest.raises(BackupError, match="size limits"):  # too large in all
        extract_verified(archive, tmp_path / "all", max_member=1000, max_total=1000)
    assert not (tmp_path / "all" / "media" / "b").exists()


def test_an_archive_of_another_engine_points_to_dumpdata(english):
    other = "sqlite" if ON_POSTGRESQL else "postgresql"
    manifest = Manifest(
        vendor=other,
        created_at="2025-01-01T00:00:00+00:00",
        maillage_version=maillage.__version__,
        migrations=[],
        tables={},
        members={},
    )
    with pytest.raises(BackupError, match="not supported by this command") as refused:
        check_compatible(manifest, VENDOR)
    assert "dumpdata" in str(refused.value)
    assert "loaddata" in str(refused.value)


# --- Retention ----------------------------------------------------------------------------


def test_retention_keeps_the_newest_backup_of_recent_days_and_weeks(tmp_path):
    now = datetime(2025, 3, 12, 3, 0, tzinfo=UTC)  # a Wednesday, ISO week 11
    stamps = [
        now - timedelta(minutes=5),  # today
        now - timedelta(hours=1),  # today, older: deleted
        *(
            datetime(2025, 3, day, hour, tzinfo=UTC)
            for day in range(1, 12)  # 1 … 11 March, twice a day
            for hour in (1, 13)
        ),
        datetime(2025, 2, 20, 1, tzinfo=UTC),  # week 8
        datetime(2025, 2, 16, 1, tzinfo=UTC),  # week 7 (Sunday): newest of its week
        datetime(2025, 2, 10, 1, tzinfo=UTC),  # week 7 (Monday)
        datetime(2025, 1, 1, 1, tzinfo=UTC),  # week 1: too old
    ]
    for stamp in stamps:
        (tmp_path / backup_filename(stamp)).write_bytes(b"")
    others = ["notes.txt", "maillage-latest.tar.gz", "maillage-20250101-010000.tar.gz.part"]
    for name in others:
        (tmp_path / name).write_bytes(b"")

    deleted = prune_backups(tmp_path, keep_daily=3, keep_weekly=5, now=now)

    kept = sorted(p.name for p in tmp_path.iterdir() if p.name not in others)
    assert kept == [
        "maillage-20250216-010000.tar.gz",  # week 7 (its Sunday beats its Monday)
        "maillage-20250220-010000.tar.gz",  # week 8
        "maillage-20250302-130000.tar.gz",  # week 9 (Sunday 2 March)
        "maillage-20250309-130000.tar.gz",  # week 10 (Sunday 9 March)
        "maillage-20250310-130000.tar.gz",  # day −2
        "maillage-20250311-130000.tar.gz",  # day −1
        "maillage-20250312-025500.tar.gz",  # today, and week 11
    ]
    assert len(deleted) == len(stamps) - len(kept)
    assert all(p.name.startswith("maillage-2025") for p in deleted)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name in others) == sorted(others)


def test_retention_always_keeps_the_newest_backup(tmp_path):
    now = datetime(2025, 3, 12, 3, 0, tzinfo=UTC)
    for days in (10, 40):
        (tmp_path / backup_filename(now - timedelta(days=days))).write_bytes(b"")

    prune_backups(tmp_path, keep_daily=0, keep_weekly=0, now=now)

    assert [p.name for p in tmp_path.iterdir()] == ["maillage-20250302-030000.tar.gz"]
