"""Ten concurrent writers on SQLite see no "database is locked" (WAL + IMMEDIATE + timeout).

The full 30-second run is bench/bench_sqlite_writers.py; the test runs it briefly.
"""

import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests import dbtemplate

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_sqlite_writers.py"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's locking only")
def test_ten_writers_for_three_seconds_get_no_locked_error():
    # The bench's database a copy of the suite's migrated template: migrating a new file
    # took the bench ~90 s of CPU (~120 s of the test's ~125 s) before three seconds of
    # writing. The test is about locks, not migrations.
    migrated = dbtemplate.sqlite_template()
    argv = [str(BENCH), "--writers", "10", "--seconds", "3", "--migrated", str(migrated)]
    result = subprocess.run(
        [sys.executable, *argv],
        capture_output=True,
        text=True,
        timeout=600,  # a loose bound for two shared cores under a parallel suite
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "errors: 0" in result.stdout
    transactions = int(result.stdout.split("transactions: ")[1].split(",")[0])
    assert transactions > 10
