"""What every benchmark shares: the databases it runs on, Django's setup, timing, and the
one JSON line each benchmark ends with.

A benchmark database holds the `maillage bench-data` dataset of one scale:

- SQLite: var/bench/<scale>.sqlite3;
- PostgreSQL: the database maillage_bench_<scale> on 127.0.0.1:5432 (user postgres,
  trust authentication), dropped and created again by bench/data.py.

`BENCH_DB=sqlite|postgres` and `BENCH_SCALE=tiny|small|national` pick them
(or --db / --scale).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import math
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
SECRET = "bench-only-secret-key-0123456789-abcdefghijklmnop"  # noqa: S105 — throw-away data
TARGET_MS = 150.0  # issue 16: every page and API list p95 ≤ 150 ms
SEARCH_TARGET_MS = 100.0


def arguments(doc: str | None, **extra: Any) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", default=os.environ.get("BENCH_DB", "sqlite"))
    parser.add_argument("--scale", default=os.environ.get("BENCH_SCALE", "small"))
    return parser


def database_url(db: str, scale: str) -> str:
    if db == "sqlite":
        return f"sqlite:///{BENCH_DIR / f'{scale}.sqlite3'}"
    if db == "postgres":
        return f"{PG_SERVER}/maillage_bench_{scale}"
    raise SystemExit(f"unknown database {db!r}: sqlite or postgres")


def environment(db: str, scale: str, settings: str = "maillage.config.settings_test") -> dict:
    """The environment of a process working on the benchmark database."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    return {
        **os.environ,
        "DATABASE_URL": database_url(db, scale),
        "VAR_DIR": str(BENCH_DIR / "var"),
        "SECRET_KEY": SECRET,
        "DJANGO_SETTINGS_MODULE": settings,
        "MAILLAGE_TEST_MEDIA_ROOT": str(BENCH_DIR / "media"),
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")]),
    }


def setup_django(db: str, scale: str, settings: str = "maillage.config.settings_test") -> None:
    """Django on the benchmark database, in this process (the test settings: fast password
    hashing, jobs run at once, static files from the apps; the pages are the same),
    started as the production server starts (`maillage.config.wsgi`): every view loaded,
    then what start-up built moved out of the garbage collector's sight, so that its
    requests pay the collections a server worker pays."""
    os.environ.update(environment(db, scale, settings))
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    import django

    django.setup()
    from django.conf import settings as conf

    from maillage.config import startup

    conf.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
    if os.environ.get("BENCH_GC_DEFAULT"):  # to compare: Python's own collector settings
        startup.YOUNG_OBJECTS = gc.get_threshold()[0]
    startup.settle()  # as wsgi.py starts a server process


def server_client(**kwargs: Any) -> Any:
    """A test client whose requests go through Django's WSGI handler, as a server's do:
    each request's start closes a database connection past its age or keeps it, as in
    production (`CONN_MAX_AGE`; the end of a request, `response.close()`, is left to the
    next one's start), and a server error is a 500 response. Django's test client has its
    own handler, which disconnects and connects again `close_old_connections` around
    each request, and connects two receivers of its own (template recording, exception
    capture): each connection left a weak-reference finalizer for the life of the
    process, ~5,000 objects more per 1,700 requests in the garbage collector's sight,
    which made the benchmark's full collections longer than a server's."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import Client

    class ServerClient(Client):
        def __init__(self, **options: Any) -> None:
            super().__init__(**options)
            self.handler = WSGIHandler()

        def request(self, **request: Any) -> Any:
            response = self.handler(self._base_environ(**request), lambda *_args: None)
            response.client = self
            response.request = request
            if response.cookies:
                self.cookies.update(response.cookies)
            return response

    return ServerClient(**kwargs)


def generator_digest() -> str:
    """Changes when the dataset's generator does: a database made by another is rebuilt."""
    demo = ROOT / "src" / "maillage" / "demo"
    source = b"".join(path.read_bytes() for path in sorted(demo.glob("scale*.py")))
    return hashlib.sha256(source).hexdigest()[:16]


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (nearest rank) of the values."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def timed(call: Callable[[], Any], repeat: int, warm: int = 1) -> list[float]:
    """Milliseconds of `repeat` calls, after `warm` calls not counted. Each call's
    response (what it returns, if any) is closed, then what gunicorn does once it has
    sent one is done (`config.startup.after_response`), neither counted."""
    from maillage.config.startup import after_response

    def sent(result: Any) -> None:
        if hasattr(result, "close"):
            result.close()
        after_response()

    for _ in range(warm):
        sent(call())
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - start) * 1000)
        sent(result)
    return times


def emit(name: str, **figures: Any) -> None:
    """The benchmark's last line: one JSON object, `{"bench": name, …}`."""
    # The machine's load says how far to trust the figures (other work shares the cores).
    load = [round(x, 1) for x in os.getloadavg()]
    line = {"bench": name, **figures, "load_avg": load, "cpus": os.cpu_count()}
    line = {k: None if isinstance(v, float) and math.isnan(v) else v for k, v in line.items()}
    print(json.dumps(line, ensure_ascii=False, default=str), flush=True)
