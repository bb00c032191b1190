"""What a server process does once Django is set up, before its first request
(`wsgi.py`; the benchmarks start the same way, `bench/common.py`), and between its
requests: when one starts (`before_request`) and once its response is sent
(`after_response`, gunicorn's `post_request` hook: `config/gunicorn.py`)."""

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
# an export's page) paused it 60–120 ms. They are run once a response is sent instead
# (`after_response`), once the middle generation was collected FULL_BETWEEN times;
# Python runs one itself only after FULL_AT, for a worker whose threads are never all
# idle or a server without the hook. (After the start-up's freeze, Python's own rule,
# a full collection when the objects added since the last one reach a quarter of those
# it kept, no longer holds back: it kept almost none.)
FULL_BETWEEN = 10
FULL_AT = 100
# What is left of the requests served is collected once their responses are sent
# (`after_response`): a collection of the middle generation once this many young ones
# ran since the last. A page's objects still alive at a young collection (its rows, form,
# serializer) are kept into the middle generation and become garbage when it ends, in
# cycles (a model instance and its state, a form and its bound fields, a serializer and
# its fields) that only the collector frees: Python's own middle collection then fell in
# a later request, freeing the garbage of ten or twenty pages at once (20-70 ms; the
# benchmark counted 27 such pauses over its 836 pages).
MIDDLE_AFTER = 1


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


# How many modules were loaded at the last freeze; the requests being served, by thread
# (a worker's threads: a request's start, end and after-response step all run on the
# thread that serves it, so a thread's own count, left over by a request whose end was
# never signalled, cannot hold the others back); whether the server calls
# `after_response`. Under one lock, reentrant: a finalizer run by a collection may end
# a request.
_modules_frozen = 0
_serving: dict[int, int] = {}
_after_responses = False
_lock = threading.RLock()


def _others_served(me: int) -> bool:
    return any(count > 0 for thread, count in _serving.items() if thread != me)


def before_request(**_kwargs: Any) -> None:
    """When a request starts and no other request of the worker is being served (its
    threads), so that next to nothing is alive but what the worker keeps:
    what earlier requests imported is frozen too. Some libraries are imported by the
    pages that use them only (networkx for the observatory's graph, altair and numpy for
    the charts: ~46,000 objects, 35 ms of every full collection); loaded after the
    start-up's freeze, they stayed in the collector's sight. Importing them at start-up
    instead would cost each worker ~67 MB whether it draws a chart or not.

    Not while another request is served: a freeze takes what is alive at that moment
    out of the collector's reach for good (another request's objects, a module another
    thread is importing, half-built). Nor once a response is sent (`after_response`):
    the response is still alive then, and would be frozen with its data.

    A server that never calls `after_response` (another one than `maillage serve`'s
    gunicorn, or gunicorn without `config/gunicorn.py`) gets the due full collection
    here instead, as before the hook existed."""
    global _modules_frozen
    me = threading.get_ident()
    with _lock:
        if not _others_served(me):
            if len(sys.modules) > _modules_frozen:
                _modules_frozen = len(sys.modules)
                gc.collect()
                gc.freeze()
            elif not _after_responses and gc.get_count()[2] >= FULL_BETWEEN:
                gc.collect()
        _serving[me] = _serving.get(me, 0) + 1


def _finished(**_kwargs: Any) -> None:
    me = threading.get_ident()
    with _lock:
        left = _serving.get(me, 0) - 1
        if left > 0:
            _serving[me] = left
        else:
            _serving.pop(me, None)


def after_response(*_args: Any) -> None:
    """Once a response is sent (gunicorn's `post_request` hook, `config/gunicorn.py`; the
    pages benchmark calls it after timing each request), when no other request of the
    worker is being served: the collection that is due, between requests rather than in
    one. The full one when due (FULL_BETWEEN), else the middle generation's once a young
    collection ran since the last (MIDDLE_AFTER): it frees the cyclic garbage of the
    request just served, whose client already has its answer. The same work as Python's
    own collections, out of the requests' time (as unicorn's out-of-band collection does
    for Ruby). With other requests being served (a worker's threads), nothing: it would
    walk their objects and pause them."""
    global _after_responses
    with _lock:
        _after_responses = True
        # This thread's request is over (the hook runs once it is sent).
        _serving.pop(threading.get_ident(), None)
        if any(_serving.values()):
            return
        _young, middle, old = gc.get_count()
        if middle >= MIDDLE_AFTER:
            old += 1  # the middle collection about to run counts towards the full one
        if old >= FULL_BETWEEN:
            gc.collect()
        elif middle >= MIDDLE_AFTER:
            gc.collect(1)
