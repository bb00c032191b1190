"""What a server process does once Django is set up, before its first request
(`wsgi.py`; the benchmarks start the same way, `bench/common.py`)."""

from __future__ import annotations

import gc

# Young objects are collected every YOUNG_OBJECTS allocations (Python's default: 700). A
# page allocates tens of thousands of short-lived objects (rows, querysets, the template's
# context); at 700, a request ran hundreds of young collections, and every tenth of the
# older ones could be a full collection, walking every object the worker holds.
YOUNG_OBJECTS = 10_000


def settle() -> None:
    """Every view and URL pattern loaded now rather than on the first request, then what
    start-up built (~155,000 objects: modules, models, URL patterns) moved out of the
    garbage collector's sight, and young objects collected less often. Otherwise each
    full collection of a warmed worker walks them all: ~200 ms pauses at the p95 of fast
    API lists, measured at national scale (docs/performance.md)."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every app's views)
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS, 10, 10)
