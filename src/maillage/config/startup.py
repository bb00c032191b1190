"""What a server process does once Django is set up, before its first request
(`wsgi.py`; the benchmarks start the same way, `bench/common.py`)."""

from __future__ import annotations

import gc
import sys
import threading
from typing import Any

# Young objects are collected every YOUNG_OBJECTS allocations (Python's default: 700). A
# page allocates tens of thousands of short-lived objects (rows, querysets, the template's
# context); at 700, a request ran hundreds of young collections, and every tenth of the
# older ones could be a full collection, walking every object the worker holds.
YOUNG_OBJECTS = 10_000
# A full collection walks every object in the collector's sight, a request's own among
# them: one falling in a request that holds a few hundred thousand objects (a long list,
# an export's page) paused it 60–120 ms. They are run between requests instead
# (`before_request`), once the middle generation was collected FULL_BETWEEN times, when
# they walk next to nothing; Python runs one itself only after FULL_AT, for a worker
# whose threads are never all idle. (After the start-up's freeze, Python's own rule,
# a full collection when the objects added since the last one reach a quarter of those
# it kept, no longer holds back: it kept almost none.)
FULL_BETWEEN = 10
FULL_AT = 100


def settle() -> None:
    """Every view and URL pattern loaded now rather than on the first request, and what
    the first requests would build and keep for the process's life (`warm`), then all of
    it (~200,000 objects: modules, models, URL patterns, compiled templates, reference
    lists) moved out of the garbage collector's sight, and young objects collected less
    often. Otherwise each full collection of a warmed worker walks them all: ~200 ms
    pauses at the p95 of fast API lists, measured at national scale
    (docs/performance.md)."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every app's views)
    warm()
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS, 10, FULL_AT)
    global _modules_frozen
    _modules_frozen = len(sys.modules)
    from django.core.signals import request_finished, request_started

    request_started.connect(before_request, dispatch_uid="maillage-before-request")
    request_finished.connect(_finished, dispatch_uid="maillage-request-finished")


def warm() -> None:
    """What requests build once and keep: every template of the apps compiled (the cached
    loader keeps ~25,000 nodes and tokens of them), the reference lists of every language
    (countries, currencies; the French départements and régions, read from pycountry's
    5,046 subdivisions). Built by the first requests instead, they stayed in the
    collector's sight: a full collection of a worker that had served the benchmark's
    pages walked ~150,000 objects (58–150 ms)."""
    from contextlib import suppress
    from pathlib import Path

    from django.conf import settings
    from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
    from django.utils import translation

    from maillage.config.paths import PACKAGE_DIR
    from maillage.core import reference

    engine = engines["django"]
    for folder in sorted(Path(PACKAGE_DIR).glob("*/templates")):
        for path in sorted(folder.rglob("*")):
            # One that fails here fails its page as it would have (its tests say so).
            if path.is_file():
                with suppress(TemplateDoesNotExist, TemplateSyntaxError):
                    engine.get_template(path.relative_to(folder).as_posix())
    # Each reference list's table of labels in each language, as a record's display
    # builds it (its lists and pycountry's subdivisions read on the way).
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for choices in reference.REFERENCE_CHOICES:
                reference.choice_label(choices, "?")


# How many modules were loaded at the last freeze, and the requests being served (a
# worker's threads), counted under one lock.
_modules_frozen = 0
_serving = 0
_lock = threading.Lock()


def before_request(**_kwargs: Any) -> None:
    """When a request starts and no other request of the worker is being served (its
    threads), so that next to nothing is alive but what the worker keeps:
    - what earlier requests imported is frozen too. Some libraries are imported by the
      pages that use them only (networkx for the observatory's graph, altair and numpy
      for the charts: ~46,000 objects, 35 ms of every full collection); loaded after the
      start-up's freeze, they stayed in the collector's sight. Importing them at
      start-up instead would cost each worker ~67 MB whether it draws a chart or not;
    - else the full collection that is due (FULL_BETWEEN), which walks next to nothing
      (a fraction of a millisecond).

    Not while another request is served: a freeze takes what is alive at that moment
    out of the collector's reach for good (another request's objects, a module another
    thread is importing, half-built), and a full collection would walk that request's
    objects. Nor at the end of a request: its response is still alive then (an API
    list's data: the benchmark measured 20–40 ms collections there)."""
    global _serving, _modules_frozen
    with _lock:
        if not _serving:
            if len(sys.modules) > _modules_frozen:
                _modules_frozen = len(sys.modules)
                gc.collect()
                gc.freeze()
            elif gc.get_count()[2] >= FULL_BETWEEN:
                gc.collect()
        _serving += 1


def _finished(**_kwargs: Any) -> None:
    global _serving
    with _lock:
        _serving = max(_serving - 1, 0)
