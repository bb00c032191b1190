"""Concurrent writers on SQLite: N threads, each with its own connection, create and edit
projects for S seconds through the ORM, with the production database options (WAL,
IMMEDIATE transactions, busy timeout). Prints writes per second and the errors seen;
exits 1 if any "database is locked" (or other) error reached a writer.

    .venv/bin/python bench/bench_sqlite_writers.py [--writers 10] [--seconds 30]
        [--migrated FILE]

The database is a new file, migrated first (about a minute and a half of CPU: see
tests/dbtemplate.py), or a copy of `--migrated`, an SQLite file already migrated (the
test suite's template) that the migrations would only have remade.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--writers", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--migrated", type=Path, help="a migrated SQLite file, copied")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="maillage-writers-"))
    if args.migrated:
        source = sqlite3.connect(args.migrated)
        with sqlite3.connect(tmp / "writers.sqlite3") as copy:
            source.backup(copy)
        copy.close()
        source.close()
    os.environ["VAR_DIR"] = str(tmp)
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'writers.sqlite3'}"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnop")
    os.environ["DJANGO_SETTINGS_MODULE"] = "maillage.config.settings"
    os.environ["LOG_LEVEL"] = "ERROR"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    if not args.migrated:
        call_command("migrate", verbosity=0)
    from maillage.projects.models import Project

    errors: list[str] = []
    writes = [0] * args.writers
    deadline = time.monotonic() + args.seconds

    def writer(n: int) -> None:
        try:
            i = 0
            while time.monotonic() < deadline:
                with transaction.atomic():
                    project = Project.objects.create(
                        code=f"W{n}-{i}", title=f"Projet {n}-{i}", country="MA"
                    )
                    project.title += " (revu)"
                    project.save()
                writes[n] += 1
                i += 1
        except Exception as exc:  # any error reaching a user counts
            errors.append(f"writer {n}: {type(exc).__name__}: {exc}")
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(args.writers)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    total = sum(writes)
    rate = total / elapsed
    print(f"writers: {args.writers}, seconds: {elapsed:.1f}, ", end="")
    print(f"transactions: {total}, per second: {rate:.0f}")
    print(f"errors: {len(errors)}")
    for line in errors[:10]:
        print(f"  {line}")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
