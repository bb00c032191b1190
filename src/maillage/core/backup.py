"""Backups that restore: one archive holding a database snapshot, the media files and a manifest.

Archive layout (a gzip-compressed tar file):

    database/sqlite.db            SQLite: a copy made with the online backup API
    database/postgresql.dump      PostgreSQL: `pg_dump --format=custom`
    media/<path>                  every file under MEDIA_ROOT
    manifest.json                 format version, Maillage version, database vendor, created_at,
                                  applied migrations, per-table row counts, SHA-256 per member

`create_backup` writes the archive to a temporary file beside its destination and renames it
into place, so a killed backup never leaves a half archive under the destination name.

`restore_backup` rebuilds an empty installation. It extracts every member into a private
staging folder (refusing unsafe names, links and oversized archives) and checks every
SHA-256 before it touches anything; then it replaces the database (SQLite: a temporary file
renamed over the database file; PostgreSQL: `pg_restore --single-transaction`), swaps the
media files in, and checks the per-table row counts against the manifest.

`prune_backups` applies the retention of scheduled backups (`maillage backup --dir`).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import IO, Any, NamedTuple

from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import maillage

FORMAT = "maillage-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DATABASE_MEMBERS = {"sqlite": "database/sqlite.db", "postgresql": "database/postgresql.dump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
MEDIA_PREFIX = "media/"

# Extraction limits: an archive beyond them is refused before it fills the disk.
MAX_TOTAL_SIZE = 20 * 1024**3
MAX_MEMBER_SIZE = 10 * 1024**3
MAX_MEMBERS = 1_000_000
MAX_MANIFEST_SIZE = 64 * 1024**2

# Restore stages the archive in a private folder inside MEDIA_ROOT (same file system, so the
# media files are moved in by renaming); backups skip these folders.
STAGING_PREFIX = ".maillage-restore-"

# Scheduled backups: maillage-YYYYMMDD-HHMMSS.tar.gz, in UTC.
BACKUP_NAME = re.compile(r"^maillage-(\d{8}-\d{6})\.tar\.gz$")
BACKUP_TIME_FORMAT = "%Y%m%d-%H%M%S"

# Test hook: when this variable holds a number of seconds, `restore_backup` writes the new
# database except its last kilobyte (SQLite: into its temporary file; PostgreSQL: into
# pg_restore's input, so pg_restore has created the tables and loaded most rows inside its
# transaction), prints a line naming the variable on standard error, and sleeps that long
# before writing the rest. tests/core/test_backup.py kills the restore during that pause to
# prove the database is left as it was. Nothing happens when the variable is unset.
TEST_PAUSE_ENV = "MAILLAGE_TEST_PAUSE_RESTORE"

CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator."""


class Member(NamedTuple):
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    vendor: str
    created_at: str
    maillage_version: str
    migrations: list[tuple[str, str]]
    tables: dict[str, int]
    members: dict[str, Member]
    format_version: int = FORMAT_VERSION

    @property
    def database_member(self) -> str:
        return DATABASE_MEMBERS[self.vendor]

    @property
    def media_members(self) -> list[str]:
        return [name for name in self.members if name.startswith(MEDIA_PREFIX)]

    def to_json(self) -> bytes:
        data = {
            "format": FORMAT,
            "format_version": self.format_version,
            "maillage_version": self.maillage_version,
            "created_at": self.created_at,
            "database": {"vendor": self.vendor, "member": self.database_member},
            "migrations": [list(pair) for pair in self.migrations],
            "tables": self.tables,
            "members": {name: m._asdict() for name, m in sorted(self.members.items())},
        }
        return json.dumps(data, indent=2, ensure_ascii=False).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        try:
            data = json.loads(raw)
            if data.get("format") != FORMAT:
                raise ValueError("format")
            version = int(data["format_version"])
            if version > FORMAT_VERSION:
                raise BackupError(
                    _(
                        "This backup uses format %(version)s, newer than this Maillage "
                        "understands (%(ours)s): restore it with a newer Maillage."
                    )
                    % {"version": version, "ours": FORMAT_VERSION}
                )
            vendor = str(data["database"]["vendor"])
            manifest = cls(
                vendor=vendor,
                created_at=str(data["created_at"]),
                maillage_version=str(data["maillage_version"]),
                migrations=[(str(app), str(name)) for app, name in data["migrations"]],
                tables={str(k): int(v) for k, v in data["tables"].items()},
                members={
                    str(k): Member(str(v["sha256"]), int(v["size"]))
                    for k, v in data["members"].items()
                },
                format_version=version,
            )
            if vendor not in DATABASE_MEMBERS or data["database"]["member"] != (
                manifest.database_member
            ):
                raise ValueError("database")
        except BackupError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise BackupError(_("The archive's manifest.json is malformed.")) from exc
        return manifest


@dataclass
class RestoreReport:
    manifest: Manifest
    warnings: list[str] = field(default_factory=list)


# --- Database helpers ---------------------------------------------------------------------


def database_vendor() -> str:
    """The configured database's vendor, if backups support it."""
    vendor = connection.vendor
    if vendor not in DATABASE_MEMBERS:
        raise BackupError(
            _("Backups support SQLite and PostgreSQL, not %(vendor)s.") % {"vendor": vendor}
        )
    return vendor


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _list_tables(cursor: Any, vendor: str) -> list[tuple[str, str]]:
    """(name, quoted SQL name) of every user table; schema-qualified outside `public`."""
    if vendor == "sqlite":
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND substr(name, 1, 7) <> 'sqlite_' ORDER BY name"
        )
        return [(name, _quote(name)) for (name,) in cursor.fetchall()]
    cursor.execute(
        "SELECT n.nspname, c.relname FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'p') AND n.nspname <> 'information_schema' "
        "AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1, 2"
    )
    return [
        (rel if nsp == "public" else f"{nsp}.{rel}", f"{_quote(nsp)}.{_quote(rel)}")
        for nsp, rel in cursor.fetchall()
    ]


def table_row_counts(cursor: Any, vendor: str) -> dict[str, int]:
    counts = {}
    for name, quoted in _list_tables(cursor, vendor):
        cursor.execute(f"SELECT count(*) FROM {quoted}")  # noqa: S608 — quoted identifier
        counts[name] = int(cursor.fetchone()[0])
    return counts


def _applied_migrations(cursor: Any, tables: Iterable[str]) -> list[tuple[str, str]]:
    if "django_migrations" not in tables:
        return []
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    return [(str(app), str(name)) for app, name in cursor.fetchall()]


def _sqlite_path() -> Path:
    name = str(settings.DATABASES["default"]["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        raise BackupError(_("Backups need a SQLite database file, not %(name)s.") % {"name": name})
    return Path(name)


def _sqlite_file_tables(path: Path) -> list[str]:
    """Tables of a SQLite file, read without creating or changing anything."""
    if not path.exists() or path.stat().st_size == 0:
        return []
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [name for name, _quoted in _list_tables(con.cursor(), "sqlite")]
    finally:
        con.close()


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(
            _(
                "%(tool)s was not found: install the PostgreSQL client programs "
                "(postgresql-client), the same major version as the server or newer."
            )
            % {"tool": name}
        )
    return path


def _pg_env_and_dbname() -> tuple[dict[str, str], str]:
    """Environment for pg_dump/pg_restore: the password travels in PGPASSWORD, never argv."""
    from django.db.backends.postgresql.client import DatabaseClient

    db = settings.DATABASES["default"]
    _args, extra = DatabaseClient.settings_to_cmd_args_env(db, [])
    env = {**os.environ, **(extra or {})}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if db.get(key):
            env[variable] = str(db[key])
    if not db.get("NAME"):
        raise BackupError(_("DATABASES['default'] has no database NAME."))
    return env, str(db["NAME"])


# --- Backup -------------------------------------------------------------------------------


class _Snapshot(NamedTuple):
    path: Path
    tables: dict[str, int]
    migrations: list[tuple[str, str]]


def _snapshot_sqlite(dest: Path) -> _Snapshot:
    """A consistent copy through SQLite's online backup API; the app may keep writing."""
    connection.ensure_connection()
    target = sqlite3.connect(dest)
    try:
        connection.connection.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        cursor = target.cursor()
        tables = table_row_counts(cursor, "sqlite")
        return _Snapshot(dest, tables, _applied_migrations(cursor, tables))
    finally:
        target.close()


def _snapshot_postgresql(dest: Path) -> _Snapshot:
    """pg_dump inside a snapshot exported by our own transaction: counts match the dump."""
    pg_dump = _pg_tool("pg_dump")
    env, dbname = _pg_env_and_dbname()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot_id = cursor.fetchone()[0]
        tables = table_row_counts(cursor, "postgresql")
        migrations = _applied_migrations(cursor, tables)
        result = subprocess.run(  # noqa: S603 — fixed arguments, no shell
            [
                pg_dump,
                "--format=custom",
                "--compress=0",  # the archive is gzip-compressed already
                "--no-password",
                f"--snapshot={snapshot_id}",
                f"--file={dest}",
                f"--dbname={dbname}",
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        raise BackupError(_("pg_dump failed: %(error)s") % {"error": result.stderr.strip()})
    return _Snapshot(dest, tables, migrations)


def _media_files(media_root: Path) -> Iterator[tuple[Path, str]]:
    """(path, member name) of every regular file under MEDIA_ROOT; links are skipped."""
    if not media_root.is_dir():
        return
    for folder, dirs, files in os.walk(media_root):
        base = Path(folder)
        if base == media_root:
            dirs[:] = [d for d in dirs if not d.startswith(STAGING_PREFIX)]
        dirs.sort()
        for name in sorted(files):
            path = base / name
            if path.is_file() and not path.is_symlink():
                yield path, MEDIA_PREFIX + path.relative_to(media_root).as_posix()


class _HashingReader:
    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.sha256 = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.sha256.update(data)
        return data


def _add_file(tar: tarfile.TarFile, name: str, path: Path) -> Member:
    with path.open("rb") as stream:
        stat = os.fstat(stream.fileno())
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o644
        reader = _HashingReader(stream)
        tar.addfile(info, reader)
    return Member(reader.sha256.hexdigest(), stat.st_size)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(time.time()), 0o644
    tar.addfile(info, io.BytesIO(data))


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def create_backup(destination: Path, *, now: datetime | None = None) -> Manifest:
    """Write the archive to `destination` (atomically: temporary file, then rename)."""
    vendor = database_vendor()
    destination = Path(destination)
    if not destination.name.endswith((".tar.gz", ".tgz")):
        raise BackupError(
            _("A backup is a gzip-compressed tar file: name it …%(ext)s.") % {"ext": ".tar.gz"}
        )
    media_root = Path(settings.MEDIA_ROOT).resolve()
    if destination.resolve().is_relative_to(media_root):
        raise BackupError(
            _("Write the backup outside MEDIA_ROOT (%(path)s).") % {"path": media_root}
        )
    destination.parent.mkdir(parents=True, exist_ok=True)
    created_at = (now or timezone.now()).astimezone(UTC).isoformat(timespec="seconds")
    with tempfile.TemporaryDirectory(prefix=".maillage-backup-", dir=destination.parent) as work:
        snapshot_path = Path(work) / "database"
        snapshot = (
            _snapshot_sqlite(snapshot_path)
            if vendor == "sqlite"
            else _snapshot_postgresql(snapshot_path)
        )
        fd, partial = tempfile.mkstemp(
            prefix=f".{destination.name}.", suffix=".part", dir=destination.parent
        )
        try:
            with os.fdopen(fd, "wb") as raw:
                manifest = _write_archive(raw, vendor, snapshot, created_at)
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(partial, destination)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
    _fsync_dir(destination.parent)
    return manifest


def _write_archive(raw: IO[bytes], vendor: str, snapshot: _Snapshot, created_at: str) -> Manifest:
    members: dict[str, Member] = {}
    with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
        members[DATABASE_MEMBERS[vendor]] = _add_file(tar, DATABASE_MEMBERS[vendor], snapshot.path)
        for path, name in _media_files(Path(settings.MEDIA_ROOT)):
            try:
                members[name] = _add_file(tar, name, path)
            except FileNotFoundError:
                continue  # deleted while the backup ran
        manifest = Manifest(
            vendor=vendor,
            created_at=created_at,
            maillage_version=maillage.__version__,
            migrations=snapshot.migrations,
            tables=snapshot.tables,
            members=members,
        )
        _add_bytes(tar, MANIFEST_NAME, manifest.to_json())
    return manifest


# --- Archive reading ----------------------------------------------------------------------


def _check_member(member: tarfile.TarInfo, *, total: int, max_total: int, max_member: int) -> None:
    name = member.name
    parts = name.split("/")
    safe = (
        bool(name)
        and not name.startswith("/")
        and "\x00" not in name
        and all(part not in ("", ".", "..") for part in parts)
        and (name == MANIFEST_NAME or (len(parts) >= 2 and parts[0] in ("database", "media")))
    )
    if not safe:
        raise BackupError(
            _(
                "Refusing archive member %(name)r: unsafe path (absolute, '..' or outside "
                "database/ and media/). Nothing was restored."
            )
            % {"name": name}
        )
    if not member.isreg():
        raise BackupError(
            _(
                "Refusing archive member %(name)r: only regular files are allowed, not links, "
                "folders or devices. Nothing was restored."
            )
            % {"name": name}
        )
    if member.size > max_member or total + member.size > max_total:
        raise BackupError(
            _(
                "Refusing archive member %(name)r: the archive exceeds the size limits "
                "(%(member)s bytes per member, %(total)s bytes in all). Nothing was restored."
            )
            % {"name": name, "member": max_member, "total": max_total}
        )


def _extract_member(tar: tarfile.TarFile, member: tarfile.TarInfo, dest: Path) -> Member:
    source = tar.extractfile(member)
    if source is None:  # pragma: no cover — regular files always have a stream
        raise BackupError(_("Cannot read archive member %(name)r.") % {"name": member.name})
    dest.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with source, dest.open("xb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
    os.utime(dest, (member.mtime, member.mtime))
    return Member(digest.hexdigest(), member.size)


def extract_verified(
    archive: Path,
    staging: Path,
    *,
    max_total: int = MAX_TOTAL_SIZE,
    max_member: int = MAX_MEMBER_SIZE,
) -> Manifest:
    """Extract every member under `staging` and check it against the manifest."""
    found: dict[str, Member] = {}
    raw_manifest: bytes | None = None
    total = 0
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for count, member in enumerate(tar, start=1):
                if count > MAX_MEMBERS:
                    raise BackupError(_("The archive has too many members. Nothing was restored."))
                _check_member(member, total=total, max_total=max_total, max_member=max_member)
                total += member.size
                if member.name in found or (member.name == MANIFEST_NAME and raw_manifest):
                    raise BackupError(
                        _("Archive member %(name)r appears twice. Nothing was restored.")
                        % {"name": member.name}
                    )
                if member.name == MANIFEST_NAME:
                    raw_manifest = _read_manifest_member(tar, member)
                else:
                    found[member.name] = _extract_member(tar, member, staging / member.name)
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise BackupError(
            _("%(archive)s is not a readable Maillage backup (%(error)s). Nothing was restored.")
            % {"archive": archive, "error": exc}
        ) from exc
    if raw_manifest is None:
        raise BackupError(
            _("%(archive)s has no manifest.json: it is not a Maillage backup.")
            % {"archive": archive}
        )
    manifest = Manifest.from_json(raw_manifest)
    _compare_members(manifest, found)
    return manifest


def _read_manifest_member(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    source = tar.extractfile(member)
    if source is None or member.size > MAX_MANIFEST_SIZE:
        raise BackupError(_("The archive's manifest.json is malformed."))
    with source:
        return source.read()


def _compare_members(manifest: Manifest, found: dict[str, Member]) -> None:
    if extra := sorted(found.keys() - manifest.members.keys()):
        raise BackupError(
            _("Archive member %(name)r is not listed in the manifest. Nothing was restored.")
            % {"name": extra[0]}
        )
    for name, expected in sorted(manifest.members.items()):
        if name not in found:
            raise BackupError(
                _(
                    "The archive is incomplete: %(name)r, listed in the manifest, is missing. "
                    "Nothing was restored."
                )
                % {"name": name}
            )
        if found[name] != expected:
            raise BackupError(
                _(
                    "Archive member %(name)r is damaged or was altered: its SHA-256 does not "
                    "match the manifest. Nothing was restored."
                )
                % {"name": name}
            )
    if manifest.database_member not in found:
        raise BackupError(_("The archive holds no database snapshot. Nothing was restored."))


# --- Restore ------------------------------------------------------------------------------


def _version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])


def check_compatible(manifest: Manifest, vendor: str) -> None:
    """Refuse a backup of another database engine or of a newer Maillage."""
    if manifest.vendor != vendor:
        raise BackupError(
            _(
                "This backup holds a %(archive)s database and this installation uses "
                "%(target)s: restoring across database engines is not supported by this "
                "command. To move data between engines, use `maillage dumpdata` on the old "
                "installation and `maillage loaddata` on a migrated new one."
            )
            % {"archive": VENDOR_NAMES[manifest.vendor], "target": VENDOR_NAMES[vendor]}
        )
    if _version_tuple(manifest.maillage_version) > _version_tuple(maillage.__version__):
        raise BackupError(
            _(
                "This backup was made by Maillage %(theirs)s, newer than this one (%(ours)s): "
                "install Maillage %(theirs)s or later, then restore."
            )
            % {"theirs": manifest.maillage_version, "ours": maillage.__version__}
        )


def migration_warnings(manifest: Manifest) -> list[str]:
    from django.db.migrations.loader import MigrationLoader

    on_disk = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    in_backup = set(manifest.migrations)
    warnings = []
    if unknown := sorted(in_backup - on_disk):
        warnings.append(
            _("The backup records migrations this version does not have: %(names)s.")
            % {"names": ", ".join(f"{app}.{name}" for app, name in unknown[:5])}
        )
    if missing := on_disk - in_backup:
        warnings.append(
            _(
                "The backup predates %(count)d migration(s) of this version: run "
                "`maillage migrate` now."
            )
            % {"count": len(missing)}
        )
    return warnings


def target_contents() -> tuple[list[str], bool]:
    """(tables in the target database, whether MEDIA_ROOT holds files)."""
    vendor = database_vendor()
    try:
        if vendor == "sqlite":
            tables = _sqlite_file_tables(_sqlite_path())
        else:
            with connection.cursor() as cursor:
                tables = [name for name, _quoted in _list_tables(cursor, vendor)]
    except BackupError:
        raise
    except Exception as exc:
        raise BackupError(_("Cannot read the target database: %(error)s") % {"error": exc}) from exc
    finally:
        connections.close_all()
    has_media = next(_media_files(Path(settings.MEDIA_ROOT)), None) is not None
    return tables, has_media


def _test_pause_seconds() -> float:
    try:
        return float(os.environ.get(TEST_PAUSE_ENV, "0") or 0)
    except ValueError:
        return 0.0


def _copy_with_test_pause(source: IO[bytes], dest: IO[bytes], size: int) -> None:
    """Copy `source` to `dest`; see TEST_PAUSE_ENV for the pause halfway, for tests only."""
    if pause := _test_pause_seconds():
        remaining = size - min(1024, size // 2)
        while remaining > 0 and (chunk := source.read(min(CHUNK, remaining))):
            dest.write(chunk)
            remaining -= len(chunk)
        dest.flush()
        print(f"{TEST_PAUSE_ENV}: pausing {pause:g} s", file=sys.stderr, flush=True)
        time.sleep(pause)
    shutil.copyfileobj(source, dest, CHUNK)
    dest.flush()


def _retire_sqlite_journals(target: Path) -> None:
    """Fold the old database's WAL back and remove -wal/-shm/-journal files.

    Done before the new file is renamed in: a WAL left beside it would be replayed onto the
    new database. Fails when another process (web server, worker) still has it open.
    """
    if target.exists() and target.stat().st_size:
        try:
            con = sqlite3.connect(target, timeout=2)
            try:
                con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                mode = con.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
            finally:
                con.close()
        except sqlite3.OperationalError as exc:
            mode = str(exc)
        except sqlite3.DatabaseError:
            mode = "delete"  # not a database: nothing to fold back
        if mode != "delete":
            raise BackupError(
                _(
                    "The SQLite database %(path)s is in use (%(detail)s): stop the web server "
                    "and the worker, then restore again. Nothing was changed."
                )
                % {"path": target, "detail": mode}
            )
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)


def _restore_sqlite(snapshot: Path, target: Path) -> None:
    """Write the snapshot to a temporary file beside the database, then rename it over."""
    connections.close_all()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".restoring", dir=target.parent
    )
    try:
        with snapshot.open("rb") as source, os.fdopen(fd, "wb") as dest:
            _copy_with_test_pause(source, dest, snapshot.stat().st_size)
            os.fsync(dest.fileno())
        if target.exists():
            shutil.copymode(target, temporary)
        _retire_sqlite_journals(target)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)


def _restore_postgresql(snapshot: Path) -> None:
    """pg_restore in one transaction, fed through its standard input.

    If this process dies midway, pg_restore reads a truncated archive, fails, and
    PostgreSQL rolls the whole transaction back.
    """
    pg_restore = _pg_tool("pg_restore")
    env, dbname = _pg_env_and_dbname()
    connections.close_all()
    with tempfile.TemporaryFile() as errors, snapshot.open("rb") as source:
        process = subprocess.Popen(  # noqa: S603 — fixed arguments, no shell
            [
                pg_restore,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                "--no-password",
                f"--dbname={dbname}",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env=env,
        )
        assert process.stdin is not None
        try:
            _copy_with_test_pause(source, process.stdin, snapshot.stat().st_size)
            process.stdin.close()
        except BrokenPipeError:
            pass  # pg_restore stopped early; its exit status and messages say why
        except BaseException:
            process.kill()
            process.wait()
            raise
        returncode = process.wait()
        errors.seek(0)
        message = errors.read().decode(errors="replace").strip()
    if returncode != 0:
        raise BackupError(
            _("pg_restore failed; the database was left as it was: %(error)s") % {"error": message}
        )


def _swap_media(new: Path, media_root: Path, previous: Path) -> None:
    """Move the current media out and the restored ones in; put things back on failure."""
    new.mkdir(parents=True, exist_ok=True)
    previous.mkdir()
    moved_out: list[str] = []
    moved_in: list[str] = []
    try:
        for entry in sorted(media_root.iterdir()):
            if not entry.name.startswith(STAGING_PREFIX):
                entry.rename(previous / entry.name)
                moved_out.append(entry.name)
        for entry in sorted(new.iterdir()):
            entry.rename(media_root / entry.name)
            moved_in.append(entry.name)
    except OSError:
        for name in moved_in:
            (media_root / name).rename(new / name)
        for name in moved_out:
            (previous / name).rename(media_root / name)
        raise


def verify_row_counts(expected: dict[str, int]) -> None:
    connections.close_all()
    with connection.cursor() as cursor:
        found = table_row_counts(cursor, connection.vendor)
    differences = [
        f"{table} ({count} → {found.get(table, '—')})"
        for table, count in sorted(expected.items())
        if found.get(table) != count
    ]
    if differences:
        raise BackupError(
            _("After the restore, row counts differ from the manifest: %(tables)s.")
            % {"tables": ", ".join(differences)}
        )


def _log_nothing(message: str) -> None:
    pass


def restore_backup(
    archive: Path, *, force: bool = False, log: Callable[[str], None] = _log_nothing
) -> RestoreReport:
    """Rebuild this installation (database and media files) from `archive`."""
    archive = Path(archive)
    vendor = database_vendor()
    if not archive.is_file():
        raise BackupError(_("No such file: %(path)s") % {"path": archive})
    tables, has_media = target_contents()
    if (tables or has_media) and not force:
        raise BackupError(
            _(
                "The target installation is not empty (%(tables)d table(s) in the database, "
                "%(media)s). Restore rebuilds an empty installation: pass --force to replace "
                "the database and the media files with the backup."
            )
            % {
                "tables": len(tables),
                "media": _("files under MEDIA_ROOT") if has_media else _("no media files"),
            }
        )
    media_root = Path(settings.MEDIA_ROOT)
    created_media_root = not media_root.exists()
    media_root.mkdir(parents=True, exist_ok=True)
    report_warnings = [
        _("A previous restore left %(path)s; delete it once you have checked it.") % {"path": path}
        for path in sorted(media_root.glob(STAGING_PREFIX + "*"))
    ]
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=media_root))
    try:
        log(_("Checking every member of %(archive)s…") % {"archive": archive})
        manifest = extract_verified(archive, staging)
        check_compatible(manifest, vendor)
        report_warnings += migration_warnings(manifest)
        log(_("Restoring the database…"))
        snapshot = staging / manifest.database_member
        if vendor == "sqlite":
            _restore_sqlite(snapshot, _sqlite_path())
        else:
            _restore_postgresql(snapshot)
        log(_("Restoring %(count)d media file(s)…") % {"count": len(manifest.media_members)})
        _swap_media(staging / "media", media_root, staging / "previous-media")
        verify_row_counts(manifest.tables)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if created_media_root and not any(media_root.iterdir()):
            media_root.rmdir()
    return RestoreReport(manifest, report_warnings)


# --- Retention ----------------------------------------------------------------------------


def backup_filename(now: datetime) -> str:
    return f"maillage-{now.astimezone(UTC).strftime(BACKUP_TIME_FORMAT)}.tar.gz"


def parse_backup_time(name: str) -> datetime | None:
    """The UTC time in a scheduled backup's name, or None for any other file."""
    if not (match := BACKUP_NAME.match(name)):
        return None
    try:
        return datetime.strptime(match[1], BACKUP_TIME_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


def _newest_per(stamps: Iterable[datetime], key: Callable[[datetime], Any]) -> dict[Any, datetime]:
    newest: dict[Any, datetime] = {}
    for stamp in stamps:
        if key(stamp) not in newest or stamp > newest[key(stamp)]:
            newest[key(stamp)] = stamp
    return newest


def _iso_week(day: date) -> tuple[int, int]:
    year, week, _weekday = day.isocalendar()
    return year, week


def backups_to_keep(
    stamps: Iterable[datetime], *, keep_daily: int, keep_weekly: int, now: datetime
) -> set[datetime]:
    """The newest backup of each of the last `keep_daily` days (today included) and of each
    of the last `keep_weekly` ISO weeks (this week included). The newest backup of all and
    any backup dated after `now` are always kept."""
    stamps = list(stamps)
    if not stamps:
        return set()
    today = now.astimezone(UTC).date()
    days = {today - timedelta(days=n) for n in range(keep_daily)}
    weeks = {_iso_week(today - timedelta(weeks=n)) for n in range(keep_weekly)}
    newest_by_day = _newest_per(stamps, lambda stamp: stamp.date())
    newest_by_week = _newest_per(stamps, lambda stamp: _iso_week(stamp.date()))
    keep = {max(stamps)} | {stamp for stamp in stamps if stamp > now}
    keep |= {stamp for day, stamp in newest_by_day.items() if day in days}
    keep |= {stamp for week, stamp in newest_by_week.items() if week in weeks}
    return keep


def prune_backups(
    directory: Path, *, keep_daily: int, keep_weekly: int, now: datetime
) -> list[Path]:
    """Delete the scheduled backups in `directory` that the retention does not keep.

    Only files named maillage-YYYYMMDD-HHMMSS.tar.gz are considered; returns the deleted ones.
    """
    dated = {
        path: stamp
        for path in Path(directory).iterdir()
        if path.is_file() and (stamp := parse_backup_time(path.name))
    }
    keep = backups_to_keep(dated.values(), keep_daily=keep_daily, keep_weekly=keep_weekly, now=now)
    deleted = []
    for path, stamp in sorted(dated.items()):
        if stamp not in keep:
            path.unlink()
            deleted.append(path)
    return deleted
