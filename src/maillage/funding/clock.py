"""The instant the funding rules compare with ("a new call's deadline is not past").

It is the real clock, except while the demo builds its story as of its reference date
(`as_of`), so that a call due five days after that date is not "past" when the demo is
built later."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from contextvars import ContextVar

from django.utils import timezone

_AS_OF: ContextVar[dt.datetime | None] = ContextVar("funding_as_of", default=None)


def now() -> dt.datetime:
    return _AS_OF.get() or timezone.now()


@contextlib.contextmanager
def as_of(instant: dt.datetime) -> Iterator[None]:
    token = _AS_OF.set(instant)
    try:
        yield
    finally:
        _AS_OF.reset(token)
