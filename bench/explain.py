"""Why a page is slow: its SQL queries, slowest first, with the database's plan of the
slowest, and where the time goes in Python (cProfile's top functions).

    .venv/bin/python bench/explain.py URL [--user officer|partner] [--db …] [--scale …]
        [--plans 2] [--profile 15] [--sort tottime|cumulative] [--sections 5]

`--sections N` (the home page, "/"): each home section's queries and SQL time, the median
of N page-like runs (every `HOME_ITEMS` function in order, as one request calls them).

Not a benchmark (no JSON line): the tool docs/performance.md's causes were found with.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import time

from common import arguments, setup_django


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("url")
    parser.add_argument("--user", default="officer")
    parser.add_argument("--plans", type=int, default=2)
    parser.add_argument("--profile", type=int, default=15)
    parser.add_argument("--full-sql", action="store_true", help="print whole queries")
    parser.add_argument("--sections", type=int, default=0, help="time each home section")
    parser.add_argument("--sort", default="tottime", help="the profile's order (cumulative…)")
    args = parser.parse_args()
    setup_django(args.db, args.scale)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from maillage.accounts.models import User

    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username=f"bench-{args.user}-1"))
    client.get(args.url)  # warm
    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        response = client.get(args.url)
        total = (time.perf_counter() - start) * 1000
    sql_ms = sum(float(q["time"]) * 1000 for q in ctx.captured_queries)
    print(f"{args.url} as {args.user} on {connection.vendor}: HTTP {response.status_code}, "
          f"{total:.0f} ms, {len(ctx.captured_queries)} queries, {sql_ms:.0f} ms of SQL, "
          f"{len(response.content) / 1024:.0f} KB")  # fmt: skip
    queries = sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))
    for query in queries[:5]:
        sql = query["sql"] if args.full_sql else query["sql"][:300]
        print(f"  {float(query['time']) * 1000:8.1f} ms  {sql}")
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    for query in queries[: args.plans]:
        print(f"\nplan of the {float(query['time']) * 1000:.0f} ms query:")
        with connection.cursor() as cursor:
            cursor.execute(explain + query["sql"])
            for row in cursor.fetchall():
                print("  ", " | ".join(str(c) for c in row))
    if args.sections:
        home_sections(User.objects.get(username=f"bench-{args.user}-1"), args.sections)
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(client.get, args.url)
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(args.sort).print_stats(args.profile)
        print("\n" + "\n".join(out.getvalue().splitlines()[6:]))


def home_sections(user, repeat: int) -> None:
    """Queries and SQL milliseconds of each home section (median of `repeat` runs, after
    one not counted), its lazy querysets read as the page's templates read them."""
    import statistics

    from django.db import connection
    from django.db.models import QuerySet

    from maillage.core import hooks
    from maillage.core.services import today_for

    spent: list[float] = []

    def timed(execute, sql, params, many, context):  # the captured times are whole ms
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent.append((time.perf_counter() - start) * 1000)

    today = today_for(user)
    functions = hooks.get_hooks(hooks.HOME_ITEMS)
    runs: dict[str, list[tuple[int, float]]] = {}
    for _ in range(repeat + 1):
        with hooks.collecting():
            for fn in functions:
                spent.clear()
                with connection.execute_wrapper(timed):
                    for section in fn(user, today) or ():
                        for value in section.context.values():
                            if isinstance(value, QuerySet):
                                list(value)
                name = f"{fn.__module__.removeprefix('maillage.')}.{fn.__name__}"
                runs.setdefault(name, []).append((len(spent), sum(spent)))
    print(f"\nhome sections, SQL time (median of {repeat}):")
    total = 0.0
    for name, measures in runs.items():
        ms = statistics.median(m for _n, m in measures[1:])
        total += ms
        print(f"  {ms:7.1f} ms  {measures[-1][0]:2d} queries  {name}")
    print(f"  {total:7.1f} ms  in all")


if __name__ == "__main__":
    main()
