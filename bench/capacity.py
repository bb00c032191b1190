"""Benchmark: the capacity of a hosted Maillage, by simulation (docs/scaling.md).

Reads what `bench/pages.py` measured on PostgreSQL at this scale
(var/bench/results/pages-postgres-<scale>.json: for each of its ~850 page and API cases,
the time the request took and the CPU time of the app process within it; the rest is
spent waiting on the database) and simulates a hosted service built of those requests:

- requests arrive at random (a Poisson process) at a given rate, each one a case drawn
  from the measured ones (every case alike: lists, searches, filters, deep pages, detail
  pages, dashboards and API lists, as an officer and as a partner);
- each holds one core of an app server for its app time (app servers of `--app-cores`,
  2 like this machine; a request waits for the first free core of any server: the load
  balancer), then one core of the PostgreSQL primary for its database time (`--db-cores`).

It prints, for each number of app servers, the response time p50/p95 and the two
resources' use at the arrival rates of the hosted service's peak (`--rates`; the demand
of docs/scaling.md: 50 requests/s at national scale, 100 at twice), the highest rate
whose p95 stays within the pages' target (150 ms), and which resource saturates first.
Deterministic (a fixed seed). Each case's times are its p50; its app time is its CPU time
(the p95's, when below the p50), so the figures are those of a warmed process.

    .venv/bin/python bench/capacity.py [--scale national] [--app-servers 1,2,4]
        [--app-cores 2] [--db-cores 4] [--rates 25,50,100,200] [--requests 40000]
        [--pages var/bench/results/pages-postgres-national.json] [--app-factor 1.0]
"""

from __future__ import annotations

import heapq
import json
import random
import statistics
from pathlib import Path

from common import BENCH_DIR, TARGET_MS, arguments, emit

RESULTS = BENCH_DIR / "results"
SEED = 16


def service_times(path: Path, app_factor: float = 1.0) -> list[tuple[float, float]]:
    """(app ms, database ms) of each measured case that answered 200, the app time
    multiplied by `app_factor` (what a production server adds to the in-process figure)."""
    cases = json.loads(path.read_text())
    times = []
    for case in cases:
        if case.get("status") != 200:
            continue
        wall = float(case["p50"])
        app = min(float(case.get("cpu_p95") or wall), wall)
        times.append((app * app_factor, max(wall - app, 0.0)))
    if not times:
        raise SystemExit(f"{path}: no case measured")
    return times


def stage(arrivals: list[float], work: list[float], cores: int) -> list[float]:
    """When each job leaves a stage of `cores` servers taking jobs first come, first served
    (`arrivals` sorted)."""
    free = [0.0] * cores
    done = []
    for at, need in zip(arrivals, work, strict=True):
        start = max(at, heapq.heappop(free))
        heapq.heappush(free, start + need)
        done.append(start + need)
    return done


def simulate(
    times: list[tuple[float, float]], rate: float, app_cores: int, db_cores: int, requests: int
) -> dict[str, float]:
    """p50/p95 response time (ms) and each resource's use at `rate` requests per second."""
    rng = random.Random(SEED)
    now, arrivals, chosen = 0.0, [], []
    for _i in range(requests):
        now += rng.expovariate(rate / 1000.0)
        arrivals.append(now)
        chosen.append(rng.choice(times))
    left_app = stage(arrivals, [app for app, _db in chosen], app_cores)
    order = sorted(range(requests), key=left_app.__getitem__)
    left_db = stage([left_app[i] for i in order], [chosen[i][1] for i in order], db_cores)
    finished = [0.0] * requests
    for position, i in enumerate(order):
        finished[i] = left_db[position]
    warm = requests // 10  # the first tenth fills the queues
    waits = sorted(finished[i] - arrivals[i] for i in range(warm, requests))
    span = arrivals[-1] - arrivals[warm]
    app_work = sum(app for app, _db in chosen[warm:])
    db_work = sum(db for _app, db in chosen[warm:])
    return {
        "p50": waits[len(waits) // 2],
        "p95": waits[int(len(waits) * 0.95)],
        "app_use": app_work / (span * app_cores),
        "db_use": db_work / (span * db_cores),
    }


def highest_rate(
    times: list[tuple[float, float]], app_cores: int, db_cores: int, requests: int
) -> tuple[float, dict[str, float]]:
    """The highest arrival rate (requests/s, to 1) whose p95 stays within TARGET_MS."""
    mean = statistics.fmean(app + db for app, db in times)
    low, high = 1.0, 1000.0 * (app_cores + db_cores) / mean  # past it, every core is busy
    if simulate(times, low, app_cores, db_cores, requests)["p95"] > TARGET_MS:
        return 0.0, simulate(times, low, app_cores, db_cores, requests)  # never within it
    while high - low > 1:
        middle = (low + high) / 2
        if simulate(times, middle, app_cores, db_cores, requests)["p95"] <= TARGET_MS:
            low = middle
        else:
            high = middle
    return low, simulate(times, low, app_cores, db_cores, requests)


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--app-servers", default="1,2,4")
    parser.add_argument("--app-cores", type=int, default=2)
    parser.add_argument("--db-cores", type=int, default=4)
    parser.add_argument("--rates", default="25,50,100,200")
    parser.add_argument("--requests", type=int, default=40_000)
    parser.add_argument("--pages", help="bench/pages.py's results (default: PostgreSQL's)")
    parser.add_argument(
        "--app-factor",
        type=float,
        default=1.0,
        help="app time multiplied by this: HTTP, the WSGI server and the load generator's"
        " share, which the in-process pages do without (bench/load.py calibrates it)",
    )
    args = parser.parse_args()
    path = Path(args.pages or RESULTS / f"pages-postgres-{args.scale}.json")
    if not path.exists():
        raise SystemExit(f"{path} is missing: run bench/pages.py --db postgres first")
    times = service_times(path, args.app_factor)
    app_mean = statistics.fmean(app for app, _db in times)
    db_mean = statistics.fmean(db for _app, db in times)
    print(f"capacity: {len(times)} measured cases of {path.name}")
    print(f"mean per request: {app_mean:.1f} ms of app CPU, {db_mean:.1f} ms of database")
    one_machine = 1000.0 * args.app_cores / (app_mean + db_mean)
    print(
        f"one {args.app_cores}-core machine running both (as bench/load.py does): "
        f"at most {one_machine:.0f} requests/s with every core busy"
    )
    db_limit = 1000.0 * args.db_cores / db_mean
    print(
        f"a primary of {args.db_cores} cores is busy all the time at {db_limit:.0f} requests/s:"
        " past it, more app servers do not help (read replicas do)"
    )
    rates = [float(r) for r in args.rates.split(",")]
    servers = [int(s) for s in args.app_servers.split(",")]
    print(
        f"\n{'app servers':>11} {'cores':>5} {'req/s':>6} {'p50':>8} {'p95':>8}"
        f" {'app use':>8} {'db use':>7}"
    )
    table = []
    for count in servers:
        cores = count * args.app_cores
        for rate in rates:
            figures = simulate(times, rate, cores, args.db_cores, args.requests)
            table.append({"app_servers": count, "rate": rate, **figures})
            print(
                f"{count:>11} {cores:>5} {rate:>6.0f} {figures['p50']:>8.1f}"
                f" {figures['p95']:>8.1f} {figures['app_use']:>8.0%} {figures['db_use']:>7.0%}"
            )
    print(f"\nhighest rate with p95 <= {TARGET_MS:.0f} ms (primary of {args.db_cores} cores):")
    limits = {}
    for count in servers:
        cores = count * args.app_cores
        rate, figures = highest_rate(times, cores, args.db_cores, args.requests)
        first = "app servers" if figures["app_use"] >= figures["db_use"] else "database"
        if not rate:
            first = "the requests themselves: over 5 % take longer than the target alone"
        limits[count] = {"rate": round(rate), "first_bottleneck": first, **figures}
        print(
            f"  {count} app server(s): {rate:.0f} requests/s"
            f" (app {figures['app_use']:.0%}, database {figures['db_use']:.0%}: {first} first)"
        )
    emit(
        "capacity",
        scale=args.scale,
        cases=len(times),
        app_factor=args.app_factor,
        app_ms_mean=round(app_mean, 2),
        db_ms_mean=round(db_mean, 2),
        one_machine_max_rps=round(one_machine),
        db_saturated_rps=round(db_limit),
        db_cores=args.db_cores,
        app_cores=args.app_cores,
        table=[
            {k: round(v, 3) if isinstance(v, float) else v for k, v in row.items()} for row in table
        ],
        highest_rate={
            n: {k: round(v, 3) if isinstance(v, float) else v for k, v in lim.items()}
            for n, lim in limits.items()
        },
    )


if __name__ == "__main__":
    main()
