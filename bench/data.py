"""The benchmark database of a scale: migrated, IATI codelists loaded when the shared data
has them, and the `maillage bench-data` dataset, its generation timed table by table.

    .venv/bin/python bench/data.py [--db sqlite|postgres] [--scale small|national] [--fresh]

Kept between runs (var/bench/<scale>.stamp-<db> records the generator it was made with):
made again when the generator changes, or with --fresh.
"""

from __future__ import annotations

import fcntl
import subprocess
import sys
import time
from pathlib import Path

from common import BENCH_DIR, PG_SERVER, ROOT, arguments, emit, environment, generator_digest

SHARED_CODELISTS = ROOT.parent / "shared" / "data" / "iati-codelists"


def drop_database(db: str, scale: str) -> None:
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{BENCH_DIR / f'{scale}.sqlite3'}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        name = f"maillage_bench_{scale}"
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def migrate(maillage: str, env: dict) -> None:
    """The tables, and the database cache's (the shared cache of throttling)."""
    subprocess.run([maillage, "migrate", "--no-input", "-v", "0"], env=env, check=True)  # noqa: S603
    subprocess.run([maillage, "createcachetable"], env=env, check=True)  # noqa: S603


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--fresh", action="store_true", help="Make the database again.")
    args = parser.parse_args()
    stamp = BENCH_DIR / f"{args.scale}.stamp-{args.db}"
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    # One generation of a database at a time: a second run waits for the first, then finds
    # its stamp and keeps what it made (two at once dropped each other's tables).
    lock = (BENCH_DIR / f"{args.scale}.lock-{args.db}").open("w")
    fcntl.flock(lock, fcntl.LOCK_EX)
    digest = generator_digest()
    env = environment(args.db, args.scale, "maillage.config.settings")
    maillage = str(Path(sys.executable).parent / "maillage")
    if not args.fresh and stamp.exists() and stamp.read_text().strip() == digest:
        # Kept: only the migrations added since are applied, then the planner's statistics
        # gathered again (a new index has none: its plans would not be a live database's,
        # whose statistics are gathered every night).
        pending = subprocess.run(  # noqa: S603
            [maillage, "migrate", "--check"], env=env, stdout=subprocess.DEVNULL
        ).returncode
        migrate(maillage, env)
        if pending:
            from common import setup_django

            setup_django(args.db, args.scale, "maillage.config.settings")
            from maillage.core.statistics import gather

            analysed = time.perf_counter()
            statement = gather()
            print(f"bench data: {statement}: {time.perf_counter() - analysed:.1f} s")
        print(f"bench data: {args.db} {args.scale}: kept (generator {digest})")
        emit("data", database=args.db, scale=args.scale, kept=True)
        return
    stamp.unlink(missing_ok=True)
    drop_database(args.db, args.scale)
    started = time.perf_counter()
    migrate(maillage, env)
    migrate_s = time.perf_counter() - started
    if SHARED_CODELISTS.is_dir():
        subprocess.run(  # noqa: S603
            [maillage, "codelists", "--from", str(SHARED_CODELISTS)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    # The dataset, in this process, to keep its per-table report.
    from common import setup_django

    setup_django(args.db, args.scale, "maillage.config.settings")
    from maillage.demo.scale import Report, build_scale, database_has_data, scale_named

    if database_has_data():
        raise SystemExit("the benchmark database is not empty")

    def show(table: str, rows: int, seconds: float) -> None:
        print(f"  {table:<28} {rows:>9,} rows {seconds:8.1f} s", flush=True)

    print(f"bench data: {args.db} {args.scale}: generating")
    started, cpu = time.perf_counter(), time.process_time()
    report = build_scale(scale_named(args.scale), report=Report(on_table=show))
    # The planner's statistics, as `maillage bench-data` and every night leave them
    # (core.statistics): without them SQLite's plans are not those of a live database.
    from maillage.core.statistics import gather

    analysed = time.perf_counter()
    statement = gather(vacuum=True)
    show(statement, 0, time.perf_counter() - analysed)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    stamp.write_text(digest + "\n")
    rows = sum(report.counts.values())
    print(f"bench data: {rows:,} rows in {seconds:.1f} s, {cpu:.1f} s of CPU")
    emit(
        "data",
        database=args.db,
        scale=args.scale,
        kept=False,
        migrate_s=round(migrate_s, 1),
        generate_s=round(seconds, 1),
        generate_cpu_s=round(cpu, 1),  # this process only (the database server's apart)
        rows=rows,
        tables={t: [r, round(s, 2)] for t, r, s in report.tables},
    )


if __name__ == "__main__":
    main()
