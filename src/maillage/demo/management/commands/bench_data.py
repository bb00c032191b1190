"""Write the benchmarks' dataset: `maillage bench-data --scale double|national|small|tiny`."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from maillage.core.statistics import gather
from maillage.demo.scale import (
    BENCH_PASSWORD,
    SCALES,
    Report,
    build_scale,
    database_has_data,
    scale_named,
)


class Command(BaseCommand):
    help = (
        "Generate a national-size dataset for the benchmarks (issue 16), deterministically: "
        "national = 20,000 organisations, 60,000 people, 200,000 interactions, 25,000 "
        "projects, 250,000 plan items, 5,000 agreements…; small = a tenth; tiny = for tests. "
        "Only into a database without users, organisations nor projects."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=16, help="Random seed (default 16).")

    def handle(self, *args: Any, **options: Any) -> None:
        if database_has_data():
            raise CommandError(
                _(
                    "This database already holds users, organisations or projects: "
                    "bench-data writes only into an empty database, never beside real data. "
                    "Create a new one (migrate on a new DATABASE_URL) or empty this one "
                    "(maillage flush)."
                )
            )
        scale = scale_named(options["scale"])
        self.stdout.write(
            f"bench-data: scale {scale.name} (×{scale.factor}) on {connection.vendor} "
            f"({connection.settings_dict['NAME']})"
        )

        def show(table: str, rows: int, seconds: float) -> None:
            rate = rows / seconds if seconds else 0
            self.stdout.write(f"  {table:<28} {rows:>9,} rows {seconds:8.1f} s {rate:>9,.0f}/s")

        started = time.perf_counter()
        report = build_scale(scale, seed=options["seed"], report=Report(on_table=show))
        # The state a live database is in after a night (core.statistics): the planner's
        # statistics, and on PostgreSQL the visibility map autovacuum would have made
        # (without it a count cannot read an index alone and reads every row).
        analysed = time.perf_counter()
        statement = gather(vacuum=True)
        show(statement, 0, time.perf_counter() - analysed)
        elapsed = time.perf_counter() - started
        total = sum(report.counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "bench-data: %(rows)s rows in %(seconds).1f s (committed); users "
                    "bench-admin, bench-officer-1…, bench-partner-1… (password %(password)s)."
                )
                % {"rows": f"{total:,}", "seconds": elapsed, "password": BENCH_PASSWORD}
            )
        )
