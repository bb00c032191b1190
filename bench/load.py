"""Benchmark: the production server under load.

`maillage serve` (gunicorn, BENCH_WORKERS workers of 4 threads, and the job worker) on
the PostgreSQL benchmark database, on 127.0.0.1 only; `wrk` (Debian's package, installed
with apt-get when absent and the user is root) keeps 50 connections busy for
BENCH_LOAD_SECONDS (60 by default) over a mix of pages and API lists, as an officer and
as a partner (three requests in four are the officer's). Prints requests per second,
latency p50/p95/p99 and the errors (socket errors, timeouts, and answers other than
200: there must be none).

    .venv/bin/python bench/load.py [--scale small|national] [--seconds 60]
        [--connections 50] [--workers 3]
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from common import arguments, emit, environment, setup_django

LUA = """
local paths = {%(paths)s}
local cookies = {%(cookies)s}
local threads = {}
local i = 0
bad = 0

function setup(thread)
  table.insert(threads, thread)
end

function request()
  i = i + 1
  local k = (i %% #paths) + 1
  return wrk.format("GET", paths[k], {["Cookie"] = cookies[k]})
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local not200 = 0
  for _, thread in ipairs(threads) do not200 = not200 + thread:get("bad") end
  io.write(string.format(
    'JSON {"requests": %%d, "duration_s": %%.1f, "p50_ms": %%.1f, "p95_ms": %%.1f, ' ..
    '"p99_ms": %%.1f, "max_ms": %%.1f, "connect_errors": %%d, "read_errors": %%d, ' ..
    '"write_errors": %%d, "timeouts": %%d, "not_200": %%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, not200))
end
"""


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("load: installing wrk (apt-get)", flush=True)
        quiet = {
            "stdout": subprocess.DEVNULL,
            "env": {**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        }
        subprocess.run(["apt-get", "update", "-qq"], check=True, **quiet)  # noqa: S607
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"],  # noqa: S607
            check=True,
            **quiet,
        )
        found = shutil.which("wrk")
    if not found:
        raise SystemExit("load: wrk is missing (apt-get install wrk)")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def mix() -> list[tuple[str, str]]:
    """(path, username): what officers and partners open most, pages and API."""
    from django.urls import reverse

    from maillage.accounts.models import User
    from maillage.actors.models import Organisation
    from maillage.projects.models import Project

    officer = User.objects.get(username="bench-officer-1")
    partner = User.objects.get(username="bench-partner-1")
    # Not the 1,000-item plans (the first projects): an ordinary project of each user.
    project = Project.objects.visible_to(officer).order_by("pk")[10]
    shared = Project.objects.visible_to(partner).order_by("-pk").first()
    assert shared is not None
    org = Organisation.objects.order_by("pk")[100]
    o, p = officer.username, partner.username
    return [
        (reverse("reporting:home"), o),
        (reverse("actors:organisation_list"), o),
        (reverse("actors:organisation_list") + "?q=ville", o),
        (org.get_absolute_url(), o),
        (reverse("actors:person_list"), o),
        (reverse("actors:interaction_list"), o),
        (reverse("projects:project_list"), o),
        (project.get_absolute_url(), o),
        (reverse("projects:project_gantt", args=[project.pk]), o),
        (reverse("partnerships:agreement_list"), o),
        (reverse("partnerships:commitment_list"), o),
        (reverse("reporting:search") + "?q=eau", o),
        ("/api/projects", o),
        ("/api/organisations", o),
        ("/api/interactions?page=2", o),
        ("/api/people", o),
        (reverse("reporting:home"), p),
        (reverse("projects:project_list"), p),
        (shared.get_absolute_url(), p),
        ("/api/projects", p),
    ]


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument(
        "--seconds", type=int, default=int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
    )
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("BENCH_WORKERS", "3")))
    args = parser.parse_args()
    args.db = "postgres" if args.db == "sqlite" and "BENCH_DB" not in os.environ else args.db
    wrk = ensure_wrk()
    env = environment(args.db, args.scale, "maillage.config.settings")
    env.pop("MAILLAGE_TEST_MEDIA_ROOT", None)
    maillage = str(Path(sys.executable).parent / "maillage")
    subprocess.run([maillage, "collectstatic", "--no-input", "-v", "0"], env=env, check=True)  # noqa: S603

    setup_django(args.db, args.scale, "maillage.config.settings")
    from django.db import connection
    from django.test import Client

    cookies: dict[str, str] = {}
    paths = mix()
    for username in {u for _p, u in paths}:
        from maillage.accounts.models import User

        client = Client()
        client.force_login(User.objects.get(username=username))
        cookies[username] = f"sessionid={client.cookies['sessionid'].value}"
    connection.close()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603
        [
            maillage,
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
        ],
        env={**env, "GUNICORN_CMD_ARGS": "--access-logfile=/dev/null"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2):  # noqa: S310 — our server
                    break
            except OSError:
                time.sleep(0.5)
        else:
            raise SystemExit("load: the server did not start")
        # Every path answers 200 to its user before the run (a 302 would be a lost session).
        warm: dict[str, int] = {}
        for path, user in paths:
            request = urllib.request.Request(base + path, headers={"Cookie": cookies[user]})  # noqa: S310
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
                warm[path] = response.status
                if response.url != base + path:
                    raise SystemExit(f"load: {path} redirected to {response.url}")
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(
                LUA
                % {
                    "paths": ", ".join(json.dumps(p) for p, _u in paths),
                    "cookies": ", ".join(json.dumps(cookies[u]) for _p, u in paths),
                }
            )
        print(f"load: {len(paths)} URLs, {args.connections} connections, {args.seconds} s, "
              f"{args.workers} workers × 4 threads, {args.db} {args.scale}")  # fmt: skip
        out = subprocess.run(  # noqa: S603
            [wrk, "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--timeout", "30s",
             "--latency", "-s", script.name, base + "/"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout  # fmt: skip
        os.unlink(script.name)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    print(out)
    result = json.loads(next(line[5:] for line in out.splitlines() if line.startswith("JSON ")))
    errors = sum(
        result[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts", "not_200")
    )
    emit(
        "load",
        database=args.db,
        scale=args.scale,
        connections=args.connections,
        seconds=args.seconds,
        workers=args.workers,
        urls=len(paths),
        requests_per_s=round(result["requests"] / result["duration_s"], 1),
        **result,
        errors=errors,
    )
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
