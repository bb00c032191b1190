"""gunicorn's settings for Maillage, read with `--config python:maillage.config.gunicorn`
(`maillage serve`, and the service of docs/operations.md): the command line gives the
address, workers and threads; this module adds what a flag cannot say."""

from __future__ import annotations

from typing import Any

from maillage.config.startup import after_response


def post_request(worker: Any, req: Any, environ: Any, resp: Any) -> None:
    """Once a response is written: the garbage collection that is due, out of the
    requests' time (`config.startup.after_response`)."""
    after_response()
