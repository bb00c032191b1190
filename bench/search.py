"""Benchmark: search latency (p50/p95) over all records, on the benchmark database.

The global search page (`reporting:search`, the header's box) for a set of queries — a
common word, a place, a person's name, a project code, an accented phrase, a word found
nowhere — as an officer and as a partner; then the API lists' `?search=` with the same
words. Server time through Django's test client, in process.

    .venv/bin/python bench/search.py [--db sqlite|postgres] [--scale small|national]
        [--repeat 10]
"""

from __future__ import annotations

import os
from typing import Any

from common import (
    SEARCH_TARGET_MS,
    arguments,
    emit,
    percentile,
    server_client,
    setup_django,
    timed,
)

QUERIES = [
    "eau",
    "oujda",
    "convention",
    "martin",
    "P-000123",
    "santé maternelle",
    "Saint-Martin-sur-Mer",
    "tâche 3",
    "xylophone",
]


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", "10")))
    args = parser.parse_args()
    setup_django(args.db, args.scale)
    from django.db import connection
    from django.urls import reverse
    from tests.generic.entities import ENTITIES

    from maillage.accounts.models import User
    from maillage.core.api_settings import SearchFilter

    print(f"search: {connection.vendor}, scale {args.scale}, {args.repeat} requests a query")
    print(f"{'where':<28} {'query':<22} {'user':<8} {'p50':>8} {'p95':>8}")
    page_times: list[float] = []
    api_times: list[float] = []
    slow: list[str] = []
    errors: list[str] = []
    for who in ("officer", "partner"):
        client = server_client()
        client.force_login(User.objects.get(username=f"bench-{who}-1"))
        targets = [("search page", reverse("reporting:search"), "q")]
        # The lists whose records are indexed: the others refuse ?search= (400).
        targets += [
            (f"/api/{e.api}", e.api_path(), "search")
            for e in ENTITIES
            if e.api and SearchFilter.searchable(e.model_class)
        ]
        for where, url, param in targets:
            for query in QUERIES if where == "search page" else QUERIES[:4]:
                response = client.get(url, {param: query})
                response.close()  # sent, as a server closes it (config.startup counts them)
                status = response.status_code
                if status != 200:
                    errors.append(f"{where} {query!r} ({who}): HTTP {status}")
                    continue

                def ask(c: Any = client, u: str = url, p: str = param, q: str = query) -> Any:
                    return c.get(u, {p: q})  # closed once timed (`timed`), as a server does

                times = timed(ask, args.repeat)
                (page_times if where == "search page" else api_times).extend(times)
                p50, p95 = percentile(times, 50), percentile(times, 95)
                flag = "SLOW" if p95 > SEARCH_TARGET_MS else ""
                if flag:
                    slow.append(f"{where} {query!r} ({who}) {p95:.0f} ms")
                print(f"{where:<28} {query:<22} {who:<8} {p50:8.1f} {p95:8.1f} {flag}", flush=True)
    figures = {
        "page_p50": round(percentile(page_times, 50), 1),
        "page_p95": round(percentile(page_times, 95), 1),
        "api_p50": round(percentile(api_times, 50), 1),
        "api_p95": round(percentile(api_times, 95), 1),
    }
    print(f"\nsearch page p50 {figures['page_p50']} ms, p95 {figures['page_p95']} ms; "
          f"API ?search= p50 {figures['api_p50']} ms, p95 {figures['api_p95']} ms; "
          f"{len(slow)} over {SEARCH_TARGET_MS:.0f} ms")  # fmt: skip
    emit(
        "search",
        database=connection.vendor,
        scale=args.scale,
        repeat=args.repeat,
        **figures,
        over_target=len(slow),
        slow=slow,
        errors=errors,
    )


if __name__ == "__main__":
    main()
