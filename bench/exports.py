"""Benchmark: time and peak memory to export 20,000 organisations to CSV and XLSX.

Through the list's export button (a POST to the export page starts the job, which the
test settings run at once), as an officer, on a database holding the organisations of
the national scale (var/bench/exports.sqlite3 or maillage_bench_exports; made once,
made again when the generator changes). Each format runs in a fresh process, so that
its peak resident memory (getrusage maxrss) is its own: the figure is the peak during
the export minus the process's size before it.

    .venv/bin/python bench/exports.py [--db sqlite|postgres] [--formats csv,xlsx]
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from common import BENCH_DIR, arguments, emit, environment, generator_digest, setup_django

SCALE = "exports"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def prepare(db: str) -> None:
    """The database of 20,000 organisations, when missing or made by another generator."""
    stamp = BENCH_DIR / f"{SCALE}.stamp-{db}"
    digest = generator_digest()
    if stamp.exists() and stamp.read_text().strip() == digest:
        return
    from data import drop_database, migrate

    drop_database(db, SCALE)
    env = environment(db, SCALE, "maillage.config.settings")
    maillage = str(Path(sys.executable).parent / "maillage")
    migrate(maillage, env)
    code = (
        "from maillage.demo.scale import build_organisations, scale_named;"
        "r = build_organisations(scale_named('national'));"
        "print(r.counts['organisations'], 'organisations in', round(r.seconds, 1), 's')"
    )
    command = [sys.executable, "-c", f"import django; django.setup(); {code}"]
    subprocess.run(command, env=env, check=True)  # noqa: S603
    stamp.write_text(digest + "\n")


def child(db: str, fmt: str) -> None:
    """One export in this process: its seconds and memory, as one JSON line."""
    setup_django(db, SCALE)
    from django.test import Client
    from django.urls import reverse

    from maillage.accounts.models import User
    from maillage.actors.models import Organisation
    from maillage.core.models import Job

    client = Client()
    client.force_login(User.objects.get(username="bench-officer-1"))
    client.get(reverse("actors:organisation_list"))  # warm: templates, codelists
    before = rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    response = client.post(reverse("actors:organisation_export"), {"format": fmt, "query": ""})
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    job = Job.objects.latest("pk")
    size = job.result_file.size if job.result_file else 0
    print(
        json.dumps(
            {
                "format": fmt,
                "status": response.status_code,
                "job": str(job.state),
                "rows": Organisation.objects.count(),
                "seconds": round(seconds, 2),
                "cpu_s": round(cpu, 2),
                "rss_before_mb": round(before, 1),
                "peak_rss_mb": round(rss_mb(), 1),
                "peak_extra_mb": round(rss_mb() - before, 1),
                "file_mb": round(size / 1e6, 2),
            }
        )
    )


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--formats", default="csv,xlsx")
    parser.add_argument("--child", default="", help=argparse_hide())
    args = parser.parse_args()
    if args.child:
        child(args.db, args.child)
        return
    prepare(args.db)
    results = {}
    for fmt in args.formats.split(","):
        out = subprocess.run(  # noqa: S603
            [sys.executable, __file__, "--db", args.db, "--child", fmt],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        result = json.loads(out.strip().splitlines()[-1])
        results[fmt] = result
        print(
            f"export {fmt:<5} {result['rows']:,} organisations: {result['seconds']:6.2f} s "
            f"({result['cpu_s']:.2f} s CPU), "
            f"peak +{result['peak_extra_mb']:.0f} MB (process {result['peak_rss_mb']:.0f} MB), "
            f"file {result['file_mb']} MB, job {result['job']}",
            flush=True,
        )
    emit("exports", database=args.db, **results)


def argparse_hide() -> str:
    import argparse

    return argparse.SUPPRESS


if __name__ == "__main__":
    main()
