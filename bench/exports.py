"""Benchmark: time and peak memory to export 20,000 organisations, then 1,000,000
expenses, to CSV and XLSX.

Through the list's export button (a POST to the export page starts the job, which the
test settings run at once), as an officer. Organisations: on a database holding the
organisations of the national scale (var/bench/exports.sqlite3 or
maillage_bench_exports; made once, made again when the generator changes). Expenses: on
a database of their own (var/bench/exports_expenses.sqlite3 or
maillage_bench_exports_expenses) holding bench/finance.py's project, budget and grant
and N validated expenses written in bulk (made again when N or bench/finance.py
changes). Each export runs in a fresh process, so that its peak resident memory
(getrusage maxrss) is its own: the figure is the peak during the export minus the
process's size before it. Issue 16's target: 1,000,000 expenses to XLSX in under
2 minutes, under 300 MB at the peak.

    .venv/bin/python bench/exports.py [--db sqlite|postgres] [--formats csv,xlsx]
        [--cases organisations,expenses] [--expenses 1000000]
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from common import BENCH_DIR, arguments, emit, environment, generator_digest, setup_django

SCALE = "exports"
EXPENSES_SCALE = "exports_expenses"
WRITE_BATCH = 10_000


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


def prepare_expenses(db: str, count: int) -> None:
    """The database of `count` expenses, when missing or made for another count or by
    another version of bench/finance.py (whose budget it uses)."""
    here = Path(__file__).resolve().parent
    source = (here / "finance.py").read_bytes() + (here / "exports.py").read_bytes()
    digest = f"{hashlib.sha256(source).hexdigest()[:16]} {count}"
    stamp = BENCH_DIR / f"{EXPENSES_SCALE}.stamp-{db}"
    if stamp.exists() and stamp.read_text().strip() == digest:
        return
    from data import drop_database, migrate

    drop_database(db, EXPENSES_SCALE)
    env = environment(db, EXPENSES_SCALE, "maillage.config.settings")
    migrate(str(Path(sys.executable).parent / "maillage"), env)
    command = [sys.executable, __file__, "--db", db, "--write-expenses", str(count)]
    subprocess.run(command, check=True)  # noqa: S603 — this script
    stamp.write_text(digest + "\n")


def write_expenses(db: str, count: int) -> None:
    """bench/finance.py's budget, then `count` validated expenses in one INSERT per
    10,000 rows (executemany, values adapted by the database's own operations): no
    history, splits nor search rows, which the export does not read."""
    setup_django(db, EXPENSES_SCALE, "maillage.config.settings")
    from decimal import Decimal

    from django.db import connection, transaction
    from django.utils import timezone

    from finance import DAYS, START, build_budget
    from maillage.finance.models import Expense

    started = time.perf_counter()
    _officer, project, _grant, lines = build_budget()
    now = timezone.now()
    template = Expense(
        project=project,
        payee_name="Fournisseur",
        description="Dépense du banc d'essai",
        status="validated",
        validated_at=now,
    )
    fields = [f for f in Expense._meta.concrete_fields if not f.primary_key]
    varying = ["reference", "spent_on", "amount", "currency", "budget_line_id", "search_text"]
    constant = {
        f.attname: f.get_db_prep_save(f.pre_save(template, True), connection)
        for f in fields
        if f.attname not in varying
    }
    columns = [f.attname for f in fields]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(Expense._meta.db_table)} "  # noqa: S608 — the model's own names
        f"({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    ops = connection.ops
    days = [ops.adapt_datefield_value(START + dt.timedelta(days=d)) for d in range(DAYS)]
    amounts = [ops.adapt_decimalfield_value(Decimal(100 + a) + Decimal("0.45"), 14, 2)
               for a in range(900)]  # fmt: skip
    with transaction.atomic(), connection.cursor() as cursor:
        for first in range(0, count, WRITE_BATCH):
            batch = []
            for n in range(first, min(first + WRITE_BATCH, count)):
                reference = f"DEP-2026-{n + 1:07d}"
                row = {
                    **constant,
                    "reference": reference,
                    "spent_on": days[n % DAYS],
                    "amount": amounts[n % 900],
                    "currency": "MAD" if n % 4 == 0 else "EUR",
                    "budget_line_id": lines[n % len(lines)].pk,
                    "search_text": f"{reference.lower()} fournisseur depense du banc d'essai",
                }
                batch.append([row[c] for c in columns])
            cursor.executemany(sql, batch)
    seconds = time.perf_counter() - started
    print(f"{count:,} expenses written in {seconds:.1f} s ({count / seconds:,.0f} rows/s)")


def child(db: str, fmt: str, case: str) -> None:
    """One export in this process: its seconds and memory, as one JSON line."""
    expenses = case == "expenses"
    setup_django(db, EXPENSES_SCALE if expenses else SCALE)
    from django.test import Client
    from django.urls import reverse

    from maillage.accounts.models import User
    from maillage.actors.models import Organisation
    from maillage.core.models import Job
    from maillage.finance.models import Expense

    model, name, user = (
        (Expense, "finance:expense", "bench-finance")
        if expenses
        else (Organisation, "actors:organisation", "bench-officer-1")
    )
    client = Client()
    client.force_login(User.objects.get(username=user))
    client.get(reverse(f"{name}_list"))  # warm: templates, codelists
    before = rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    response = client.post(reverse(f"{name}_export"), {"format": fmt, "query": ""})
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    job = Job.objects.latest("pk")
    size = job.result_file.size if job.result_file else 0
    print(
        json.dumps(
            {
                "format": fmt,
                "status": response.status_code,
                "job": str(job.state),
                "rows": model._default_manager.count(),
                "seconds": round(seconds, 2),
                "cpu_s": round(cpu, 2),
                "rss_before_mb": round(before, 1),
                "peak_rss_mb": round(rss_mb(), 1),
                "peak_extra_mb": round(rss_mb() - before, 1),
                "file_mb": round(size / 1e6, 2),
            }
        )
    )


def measure(db: str, formats: list[str], case: str) -> dict:
    """Each format exported in a fresh process: its JSON line, by format."""
    results = {}
    for fmt in formats:
        out = subprocess.run(  # noqa: S603
            [sys.executable, __file__, "--db", db, "--child", fmt, "--case", case],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        result = json.loads(out.strip().splitlines()[-1])
        result["load_avg"] = [round(x, 1) for x in os.getloadavg()]
        results[fmt] = result
        print(
            f"export {fmt:<5} {result['rows']:,} {case}: {result['seconds']:6.2f} s "
            f"({result['cpu_s']:.2f} s CPU), "
            f"peak +{result['peak_extra_mb']:.0f} MB (process {result['peak_rss_mb']:.0f} MB), "
            f"file {result['file_mb']} MB, job {result['job']}, load {result['load_avg']}",
            flush=True,
        )
    return results


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--formats", default="csv,xlsx")
    parser.add_argument("--cases", default="organisations,expenses")
    parser.add_argument("--expenses", type=int, default=1_000_000)
    parser.add_argument("--child", default="", help=argparse_hide())
    parser.add_argument("--case", default="organisations", help=argparse_hide())
    parser.add_argument("--write-expenses", type=int, default=0, help=argparse_hide())
    args = parser.parse_args()
    if args.child:
        child(args.db, args.child, args.case)
        return
    if args.write_expenses:
        write_expenses(args.db, args.write_expenses)
        return
    formats = args.formats.split(",")
    cases = args.cases.split(",")
    results: dict = {}
    if "organisations" in cases:
        prepare(args.db)
        results.update(measure(args.db, formats, "organisations"))
    if "expenses" in cases:
        prepare_expenses(args.db, args.expenses)
        results["expenses"] = measure(args.db, formats, "expenses")
    emit("exports", database=args.db, **results)


def argparse_hide() -> str:
    import argparse

    return argparse.SUPPRESS


if __name__ == "__main__":
    main()
