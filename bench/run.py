"""`make bench`: every benchmark, on SQLite and on PostgreSQL, then their JSON lines.

    BENCH_SCALE=small|national   the dataset (default small: a tenth of national)
    BENCH_DBS=sqlite,postgres    the databases of the data, pages and search benchmarks
    BENCH_REPEAT=10              requests per page case and per search query
    BENCH_LOAD_SECONDS=60        length of the load test (50 connections, PostgreSQL)
    BENCH_ONLY=pages,search      only these benchmarks (data, pages, search, import,
                                 exports, finance, load, capacity)

PostgreSQL is the server on 127.0.0.1:5432 (user postgres, trust authentication); the
benchmarks create their own databases there (maillage_bench_<scale>, …_exports,
test_maillage_bench_import) and never touch another. Each benchmark ends with one JSON
line; they are gathered at the end and written to var/bench/results/bench-<scale>-<dbs>.jsonl.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE.parent / "var" / "bench" / "results"


def run(script: str, *args: str) -> dict | None:
    """Run one benchmark, its output shown as it comes; its JSON line."""
    print(f"\n=== {script} {' '.join(args)}", flush=True)
    started = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603 — our own scripts
        [sys.executable, str(HERE / script), *args],
        stdout=subprocess.PIPE,
        text=True,
        cwd=HERE,
    )
    assert process.stdout is not None
    last = None
    for line in process.stdout:
        print(line, end="", flush=True)
        if line.startswith('{"bench"'):
            last = json.loads(line)
    code = process.wait()
    print(f"=== {script}: exit {code}, {time.perf_counter() - started:.0f} s", flush=True)
    if last is None:
        return {"bench": script.removesuffix(".py"), "failed": f"exit {code}", "args": args}
    if code:
        last["exit"] = code
    return last


def main() -> None:
    scale = os.environ.get("BENCH_SCALE", "small")
    dbs = os.environ.get("BENCH_DBS", "sqlite,postgres").split(",")
    only = set(filter(None, os.environ.get("BENCH_ONLY", "").split(",")))
    wanted = only or {"data", "pages", "search", "import", "exports", "finance", "load", "capacity"}
    lines: list[dict | None] = []
    for db in dbs:
        common = ("--db", db, "--scale", scale)
        if wanted & {"data", "pages", "search"}:
            lines.append(run("data.py", *common))
        if "pages" in wanted:
            lines.append(run("pages.py", *common))
        if "search" in wanted:
            lines.append(run("search.py", *common))
        if "import" in wanted:
            lines.append(run("imports.py", "--db", db))
    if "exports" in wanted:
        lines.append(run("exports.py", "--db", dbs[0]))
    if "finance" in wanted:
        # Budget vs actual at 100,000 expenses (its own database, made on each run).
        lines.append(run("finance.py", "--db", dbs[0]))
    if "load" in wanted:
        if "postgres" not in dbs:
            lines.append(run("data.py", "--db", "postgres", "--scale", scale))
        lines.append(run("load.py", "--db", "postgres", "--scale", scale))
    measured = RESULTS / f"pages-postgres-{scale}.json"
    if "capacity" in wanted and (("postgres" in dbs and "pages" in wanted) or measured.exists()):
        # The hosted service simulated from the pages measured on PostgreSQL (just now, or
        # by an earlier run when only the capacity is asked for).
        lines.append(run("capacity.py", "--scale", scale))
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"bench-{scale}-{'-'.join(dbs)}.jsonl"
    out.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
    print(f"\n=== the JSON lines (also in {out.relative_to(HERE.parent)})")
    for line in lines:
        print(json.dumps(line, ensure_ascii=False))
    failed = [line for line in lines if line and ("failed" in line or line.get("exit"))]
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
