"""Benchmark: server time (p50/p95/max) and SQL query count of every page and API list.

In process, through Django's test client, on the benchmark database (bench/data.py), as
an officer (`bench-officer-1`) and as a partner member of 20 projects (`bench-partner-1`).
The cases are found, not listed by hand, so that a new app's pages are measured too:

- every entity of tests/generic/entities.py: its list plain, searched (?q=), filtered
  (each filter of its FilterSet, with the value of a record the user sees), sorted
  (by its second sortable column; every one with BENCH_SORTS=all), its deep (last)
  page, and the detail page of a record;
- every other GET page of the apps' URL conf without argument (home, observatory,
  jobs, trash, "commitments by partner"…) or with the pk of a record (a project's
  Gantt chart, board, calendar, risks… on the project with the largest plan);
- every API list (/api/<resource>): plain, ?search=, and its last page.

    .venv/bin/python bench/pages.py [--db sqlite|postgres] [--scale small|national]
        [--repeat 10] [--only SUBSTRING] [--users officer,partner]

A case slower than 150 ms at p95 (the target of issue 16) is flagged SLOW; one that
does not answer 200 is flagged with its status. A case whose first request takes
seconds is repeated fewer times (at least 2), and a request running past
BENCH_CASE_TIMEOUT seconds (60) is interrupted and reported as HTTP 504 (TIMEOUT), so
that a run ends. Each case also says the longest pause of the garbage collector in its
requests (`gc_max`) and its p95 with those pauses taken out (`p95_less_gc`): a full
collection walks every object the process holds, whichever request it falls in. Full
results go to var/bench/results/pages-<db>-<scale>.json (a run with --only updates its
cases there).
"""

from __future__ import annotations

import gc
import json
import math
import os
import re
import threading
import time
from dataclasses import asdict, dataclass
from typing import Any

from common import BENCH_DIR, TARGET_MS, arguments, emit, percentile, server_client, setup_django

SKIP = re.compile(
    r"(create|update|delete|restore|purge|merge|anonymise|bulk|import|export|_add$|status$|"
    r"download|image$|ics$|sheet|pdf|zip|receipts|evidence|document|vcard|history|xlsx|mspdi|token|openapi|docs|_csv$|"
    r"login|logout|password|two_factor|setup|saved_filter|job_download|healthz|"
    r"revise|adopt|reverse$|_send$|set_language|compare$|user_detail)"
)
CASE_TIMEOUT = float(os.environ.get("BENCH_CASE_TIMEOUT", "60"))  # seconds for one request
ALL_SORTS = os.environ.get("BENCH_SORTS") == "all"  # else one sorted case per list
# The apps whose pages are measured (accounts' are administrators' and the user's own).


@dataclass
class Case:
    group: str  # list, search, filter, sort, deep, detail, page, api
    name: str  # a readable label
    url: str
    user: str
    p50: float = math.nan
    p95: float = math.nan
    max: float = math.nan
    queries: int = 0
    kb: float = 0.0
    status: int = 0
    runs: int = 0
    cpu_p95: float = math.nan  # this process's CPU time: Python and SQLite, not PostgreSQL
    gc_max: float = 0.0  # the longest garbage collection pause of a request (ms)
    p95_less_gc: float = math.nan  # p95 of each request's time less its collections' time

    @property
    def slow(self) -> bool:
        return not math.isnan(self.p95) and self.p95 > TARGET_MS


def search_term(record: Any) -> str:
    """A word of the record's name or title, as a user would type it."""
    words = [w.strip(".,;:()«»'’") for w in str(record).split()]
    words = [w for w in words if len(w) > 3 and w.isalpha()]
    return words[-1].lower() if words else str(record.pk)


def entity_cases(entity: Any, username: str, user: Any) -> list[Case]:
    from django.http import QueryDict
    from django.urls import reverse
    from tests.generic.test_filters_exports import NO_VALUE, filter_value

    from maillage.core.api_settings import SearchFilter

    crud = entity.crud
    if not crud.may_view(user):
        return []
    url = reverse(entity.url_name("list"))
    qs, _f = crud.filtered_queryset(user, QueryDict(""))
    total = qs.count()
    record = qs[total // 2] if total else None
    cases = [Case("list", f"{entity.key} list", url, username)]
    if record is not None and crud.searchable:
        term = search_term(record)
        cases.append(Case("search", f"{entity.key} ?q={term}", f"{url}?q={term}", username))
    if crud.filterset_class is not None and record is not None:
        for name in crud.filterset_class.base_filters:
            try:
                value = filter_value(entity, name, record)
            except Exception:  # a filter the generic rule cannot fill
                value = NO_VALUE
            if value in (NO_VALUE, None, ""):
                continue
            cases.append(
                Case("filter", f"{entity.key} ?{name}=", f"{url}?{name}={value}", username)
            )
    keys = [c.sort_key() for c in crud.columns if c.sort_key()]
    for key in keys if ALL_SORTS else keys[1:2] or keys[:1]:  # not the default order's
        cases.append(Case("sort", f"{entity.key} sort {key}", f"{url}?sort=-{key}", username))
    last = max(1, math.ceil(total / crud.paginate_by))
    if last > 1:
        cases.append(Case("deep", f"{entity.key} page {last}", f"{url}?page={last}", username))
    if record is not None:
        cases.append(Case("detail", f"{entity.key} detail", record.get_absolute_url(), username))
    if entity.api:
        api = entity.api_path()
        cases.append(Case("api", f"/api/{entity.api}", api, username))
        if record is not None and SearchFilter.searchable(entity.model_class):
            term = search_term(record)
            cases.append(
                Case("api", f"/api/{entity.api}?search=", f"{api}?search={term}", username)
            )
        cases.append(Case("api", f"/api/{entity.api}?page=last", f"{api}?page=last", username))
    return cases


def url_conf_cases(username: str, user: Any, known: set[str], big_project: Any) -> list[Case]:
    """GET pages of the apps not already measured: without argument, or with a pk."""
    from django.apps import apps
    from django.urls import URLPattern, URLResolver, get_resolver, reverse

    cases: list[Case] = []
    # Every app of the product: a new app's pages are measured without editing this.
    labels = {c.label for c in apps.get_app_configs() if c.name.startswith("maillage.")}

    def walk(resolver: URLResolver, namespace: str) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern, pattern.namespace or namespace)
                continue
            assert isinstance(pattern, URLPattern)
            if not pattern.name or namespace not in labels or SKIP.search(pattern.name):
                continue
            name = f"{namespace}:{pattern.name}"
            converters = pattern.pattern.converters
            if not converters:
                url = reverse(name)
                if name == "reporting:search":
                    url += "?q=eau"
            elif list(converters) == ["pk"]:
                model_name = pattern.name.split("_")[0]
                if model_name == "project":  # a project's page, of any app: the big plan's
                    record = big_project
                else:
                    try:
                        model = apps.get_model(namespace, model_name)
                    except LookupError:
                        continue
                    manager = model._default_manager
                    qs = manager.visible_to(user) if hasattr(manager, "visible_to") else manager
                    record = qs.order_by("pk").first()
                if record is None:
                    continue
                url = reverse(name, args=[record.pk])
            else:
                continue
            if url.split("?")[0] not in known:
                known.add(url.split("?")[0])
                cases.append(Case("page", name, url, username))

    walk(get_resolver(), "")
    return cases


def limited(client: Any, url: str, seconds: float) -> Any:
    """GET `url`; a query still running after `seconds` is interrupted (the page then
    answers 500, and the case is said to time out) so that one case cannot stop a run."""
    from django.db import connections

    # The connection object itself, read when the timer fires: the request may open a new
    # one (`CONN_MAX_AGE`), and `django.db.connection` in the timer's thread is its own.
    wrapper = connections["default"]

    def interrupt() -> None:
        if wrapper.connection is not None:
            wrapper.connection.interrupt()

    timer = None
    if wrapper.vendor == "sqlite":
        timer = threading.Timer(seconds, interrupt)
        timer.start()
    try:
        return client.get(url)
    finally:
        if timer is not None:
            timer.cancel()


class CollectionTimer:
    """Time spent in the garbage collector (gc.callbacks), to tell a pause of the
    collector from the page's own time: a full collection walks every object the worker
    holds, whichever request it falls in."""

    def __init__(self) -> None:
        self.total = 0.0
        self.longest = 0.0
        self._start = 0.0
        self._generation = 0
        # Pauses of 20 ms or more, by generation collected (2: a full collection).
        self.long: dict[int, int] = {0: 0, 1: 0, 2: 0}
        gc.callbacks.append(self)

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.perf_counter()
            self._generation = info["generation"]
        else:
            pause = time.perf_counter() - self._start
            self.total += pause
            self.longest = max(self.longest, pause)
            if pause >= 0.02:
                self.long[self._generation] += 1


COLLECTIONS = CollectionTimer()


def measure(client: Any, case: Case, repeat: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from maillage.config.startup import after_response

    if connection.vendor == "postgresql":
        # This connection's; a connection the request opens has it from its options.
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int(CASE_TIMEOUT * 1000)}")
        options = connection.settings_dict.setdefault("OPTIONS", {})
        timeout = f"-c statement_timeout={int(CASE_TIMEOUT * 1000)}"
        if timeout not in options.get("options", ""):
            options["options"] = f"{options.get('options', '')} {timeout}".strip()
    start = time.perf_counter()
    response = limited(client, case.url, CASE_TIMEOUT)
    first = time.perf_counter() - start
    case.status = response.status_code
    if response.status_code == 500 and first >= CASE_TIMEOUT:
        case.status = 504  # timed out
        case.p50 = case.p95 = case.max = round(first * 1000, 1)
        return
    body = b"".join(response) if response.streaming else response.content
    response.close()  # sent, as a server closes it (config.startup counts requests served)
    after_response()
    case.kb = round(len(body) / 1024, 1)
    if response.status_code != 200:
        return
    # A case taking seconds is repeated less: about 10 s of it at most, 2 times at least.
    runs = repeat if first < 0.5 else max(2, min(repeat, int(10 / first)))
    times, cpu, less_gc = [], [], []
    for run in range(runs):
        # The queries are counted on the last request (caches warm, as in production).
        with CaptureQueriesContext(connection) as queries:
            collected, COLLECTIONS.longest = COLLECTIONS.total, 0.0
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(case.url)
            if response.streaming:
                b"".join(response)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            less_gc.append(times[-1] - (COLLECTIONS.total - collected) * 1000)
            case.gc_max = round(max(case.gc_max, COLLECTIONS.longest * 1000), 1)
            response.close()
            after_response()  # what gunicorn's post_request hook runs once it is sent
        if run == runs - 1:
            case.queries = len(queries.captured_queries)
    case.runs = runs
    case.p50 = round(percentile(times, 50), 1)
    case.p95 = round(percentile(times, 95), 1)
    case.max = round(max(times), 1)
    case.cpu_p95 = round(percentile(cpu, 95), 1)
    case.p95_less_gc = round(percentile(less_gc, 95), 1)


def census() -> None:
    """What a full collection of this process walks now: the objects in the collector's
    sight by kind (module of their type), the most numerous first."""
    from collections import Counter

    gc.collect()
    kinds = Counter(f"{type(o).__module__}.{type(o).__qualname__}" for o in gc.get_objects())
    start = time.perf_counter()
    gc.collect()
    pause = (time.perf_counter() - start) * 1000
    print(f"\nin the collector's sight: {sum(kinds.values()):,} objects "
          f"(a full collection: {pause:.1f} ms), frozen {gc.get_freeze_count():,}")  # fmt: skip
    for kind, count in kinds.most_common(25):
        print(f"  {count:9,}  {kind}")


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", "10")))
    parser.add_argument("--only", default="", help="Only the cases whose label has this.")
    parser.add_argument("--users", default="officer,partner")
    parser.add_argument(
        "--gc-census",
        action="store_true",
        help="At the end, the kinds of objects left in the collector's sight (not frozen).",
    )
    args = parser.parse_args()
    setup_django(args.db, args.scale)
    from django.db import connection
    from tests.generic.entities import ENTITIES

    from maillage.accounts.models import User
    from maillage.projects.models import Project

    big_project = Project.objects.order_by("pk").first()
    print(f"pages: {connection.vendor}, scale {args.scale}, {args.repeat} requests a case")
    results: list[Case] = []
    started = time.perf_counter()
    print(f"{'case':<46} {'user':<8} {'p50':>8} {'p95':>8} {'max':>8} {'cpu95':>8} "
          f"{'SQL':>4} {'KB':>7}")  # fmt: skip
    for who in args.users.split(","):
        user = User.objects.get(username=f"bench-{who}-1")
        client = server_client()  # a 500 is a result, not a stop
        client.force_login(user)
        cases: list[Case] = []
        for entity in ENTITIES:
            if entity.admin_only or (who == "partner" and not entity.partner_reads):
                continue
            cases += entity_cases(entity, who, user)
        known = {c.url.split("?")[0] for c in cases}
        cases += url_conf_cases(who, user, known, big_project)
        for case in cases:
            if args.only and args.only not in case.name:
                continue
            try:
                measure(client, case, args.repeat)
            except Exception as error:  # said in the table, the run goes on
                case.status = 599
                print(f"  {case.name}: {type(error).__name__}: {error}"[:300])
            if case.status == 403:  # a page this user may not open: nothing to measure
                print(f"{case.name[:46]:<46} {who:<8} (403 for this user: not measured)")
                continue
            results.append(case)
            flag = "SLOW" if case.slow else ("" if case.status == 200 else f"HTTP {case.status}")
            flag = "TIMEOUT" if case.status == 504 else flag
            print(
                f"{case.name[:46]:<46} {who:<8} {case.p50:8.1f} {case.p95:8.1f} "
                f"{case.max:8.1f} {case.cpu_p95:8.1f} {case.queries:4d} {case.kb:7.1f} {flag}",
                flush=True,
            )
    seconds = time.perf_counter() - started
    if args.gc_census:
        census()
    slow = [c for c in results if c.slow]
    errors = [c for c in results if c.status != 200]
    worst = sorted((c for c in results if c.status == 200), key=lambda c: -c.p95)[:10]
    print(f"\n{len(results)} cases in {seconds:.0f} s: {len(slow)} over {TARGET_MS:.0f} ms p95, "
          f"{len(errors)} not 200")  # fmt: skip
    for case in worst:
        print(f"  worst: {case.p95:9.1f} ms  {case.name} ({case.user}) {case.url}")
    out = BENCH_DIR / "results" / f"pages-{args.db}-{args.scale}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    rows = [asdict(c) for c in results]
    if args.only and out.exists():
        # A partial run updates its cases in the full results rather than replacing them.
        mine = {(row["name"], row["user"], row["url"]) for row in rows}
        kept = json.loads(out.read_text())
        rows = [r for r in kept if (r["name"], r["user"], r["url"]) not in mine] + rows
    out.write_text(json.dumps(rows, indent=1, default=str))
    emit(
        "pages",
        database=connection.vendor,
        scale=args.scale,
        repeat=args.repeat,
        cases=len(results),
        over_target=len(slow),
        not_200=len(errors),
        max_queries=max((c.queries for c in results), default=0),
        p95_median=round(percentile([c.p95 for c in results if c.status == 200], 50), 1),
        over_target_cpu=sum(1 for c in results if c.cpu_p95 > TARGET_MS),
        # Over target once the collector's pauses are taken out: the pages' own misses.
        over_target_less_gc=sum(1 for c in results if c.p95_less_gc > TARGET_MS),
        gc_max=max((c.gc_max for c in results), default=0.0),
        # Collections of 20 ms or more (in requests or not), by generation.
        gc_long_by_generation=COLLECTIONS.long,
        slow=[f"{c.name} ({c.user}) {c.p95:.0f} ms" for c in sorted(slow, key=lambda c: -c.p95)],
        errors=[f"{c.name} ({c.user}) HTTP {c.status}" for c in errors],
        results=str(out.relative_to(BENCH_DIR.parent.parent)),
    )


if __name__ == "__main__":
    main()
