"""bench/capacity.py, the hosted service simulated from the measured pages: its queues
serve first come first served, use follows the demand, and the response time grows
only as a resource fills (what docs/scaling.md's figures rest on)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"


def capacity():
    sys.path.insert(0, str(BENCH))  # its `common` import
    try:
        spec = importlib.util.spec_from_file_location("bench_capacity", BENCH / "capacity.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCH))
    return module


def test_a_stage_serves_first_come_first_served_on_its_cores():
    stage = capacity().stage
    # Two cores: the third job waits for the first core to free (at 10), the fourth for
    # the second (at 12).
    assert stage([0, 1, 2, 3], [10, 11, 5, 1], 2) == [10, 12, 15, 13]
    assert stage([0, 1, 2], [10, 11, 5], 1) == [10, 21, 26]


def test_use_follows_the_demand_and_waits_grow_as_the_cores_fill():
    simulate = capacity().simulate
    times = [(10.0, 5.0), (20.0, 5.0)]  # a mean of 15 ms of app and 5 of database
    light = simulate(times, 20, app_cores=2, db_cores=2, requests=20_000)
    heavy = simulate(times, 120, app_cores=2, db_cores=2, requests=20_000)
    assert abs(light["app_use"] - 20 * 0.015 / 2) < 0.02  # 15 % of two cores
    assert abs(heavy["db_use"] - 120 * 0.005 / 2) < 0.03  # 30 %
    assert light["p50"] < 30 < heavy["p95"]
    assert heavy["p95"] > light["p95"] * 2


def test_the_benchmark_prints_its_figures_and_its_json_line(tmp_path):
    cases = [
        {"status": 200, "p50": 20.0, "cpu_p95": 15.0},
        {"status": 200, "p50": 10.0, "cpu_p95": 12.0},  # CPU past the p50: the p50
        {"status": 404, "p50": 1.0, "cpu_p95": 1.0},  # left out
    ]
    pages = tmp_path / "pages.json"
    pages.write_text(json.dumps(cases))
    done = subprocess.run(
        [sys.executable, str(BENCH / "capacity.py"), "--pages", str(pages), "--requests", "4000"],
        capture_output=True,
        text=True,
        check=True,
        cwd=BENCH,
    )
    line = json.loads(done.stdout.strip().splitlines()[-1])
    assert line["bench"] == "capacity"
    assert line["cases"] == 2
    assert line["app_ms_mean"] == 12.5  # (15 + 10) / 2
    assert line["db_ms_mean"] == 2.5  # (5 + 0) / 2
    assert line["highest_rate"]["1"]["first_bottleneck"] == "app servers"


def test_no_rate_is_reported_when_the_requests_alone_miss_the_target():
    rate, figures = capacity().highest_rate([(200.0, 10.0)], 2, 4, 2_000)
    assert rate == 0.0
    assert figures["p95"] > 150
