"""One query-count helper for every suite: the number of queries a page or an endpoint
makes must not grow with the number of rows it shows.

    assert_constant_queries(client, url, grow=lambda n: RiskFactory.create_batch(n))

`grow(n)` adds n more rows; the helper grows the data to `rows[0]`, asks once to warm
the caches (sessions, content types, codelists), counts the queries of a second request,
grows to `rows[1]`, counts again and fails, listing the extra queries, when the second
count is larger.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(call: Callable[[], Any]) -> tuple[int, list[str], Any]:
    """The number of queries `call()` makes, their SQL and what it returned."""
    with CaptureQueriesContext(connection) as ctx:
        result = call()
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries], result


def assert_constant_queries(
    client: Any,
    url: str,
    *,
    grow: Callable[[int], Any],
    rows: tuple[int, int] = (2, 20),
    method: str = "get",
    data: Any = None,
    status: int = 200,
    **extra: Any,
) -> int:
    """Fail when `url` makes more queries with `rows[1]` rows than with `rows[0]`;
    returns the count, for suites that also want a ceiling."""
    few, many = rows

    def ask() -> Any:
        response = getattr(client, method)(url, data, **extra)
        assert response.status_code == status, (url, response.status_code)
        return response

    grow(few)
    ask()  # warm-up: session, content types and other per-process caches
    small, small_sql, _response = count_queries(ask)
    grow(many - few)
    large, large_sql, _response = count_queries(ask)
    assert large <= small, (
        f"{url}: {small} queries with {few} rows, {large} with {many}; the extra ones:\n"
        + "\n".join(_extra(small_sql, large_sql))
    )
    return large


def _extra(before: list[str], after: list[str]) -> list[str]:
    """The statements of `after` beyond those of `before` (as a multiset), for the message."""
    remaining = list(before)
    extra = []
    for sql in after:
        if sql in remaining:
            remaining.remove(sql)
        else:
            extra.append(sql)
    return extra[:10]


def page_queries(client: Any, url: str, data: Any = None, status: int = 200) -> int:
    """How many queries one GET of `url` makes (it must answer `status`)."""
    count, _sql, response = count_queries(lambda: client.get(url, data))
    assert response.status_code == status, (url, response.status_code)
    return count
