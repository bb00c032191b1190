"""Ten concurrent writers on SQLite see no "database is locked" (WAL + IMMEDIATE + timeout).

The full 30-second run is bench/bench_sqlite_writers.py; the test runs it briefly.
"""

import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_sqlite_writers.py"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's locking only")
def test_ten_writers_for_three_seconds_get_no_locked_error():
    result = subprocess.run(
        [sys.executable, str(BENCH), "--writers", "10", "--seconds", "3"],
        capture_output=True,
        text=True,
        # Ten processes each start Django before writing for three seconds: on two
        # shared cores under a parallel suite that took over 120 s. The test is about
        # locks, not speed.
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "errors: 0" in result.stdout
    transactions = int(result.stdout.split("transactions: ")[1].split(",")[0])
    assert transactions > 10
