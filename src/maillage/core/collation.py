"""Sorting text as a reader expects: "Béarn" before "Bordeaux", "Éducation" among the
E's, "Projet 2" before "Projet 10", capitals no matter — on both databases.

One collation name, `maillage_natural`, used by the lists' sorts (`natural_ordering`):

- PostgreSQL: an ICU collation (`fr-u-kn`: French rules, numbers by value), created by
  the PostgreSQL-only migration `core.0010_natural_collation`;
- SQLite: a Python collation registered on each new connection (`register_sqlite`,
  connected in `CoreConfig.ready`): letters without their accents and case first, then
  accents, then case, then the text itself, so that two different texts never tie.

Indexes: a plain index on `name` does not serve `ORDER BY name COLLATE …`. Measured on
10,000 organisations, first page of 20 by name: SQLite 0.1 ms with the plain index,
54 ms with the collation (a scan and a sort calling the Python comparison, whose keys
are cached); PostgreSQL 1.8 ms plain, 2.0 ms collated (both a scan and a top-N sort). No
SQLite index uses the collation on purpose: a connection without it (the sqlite3 shell,
an integrity check) could no longer write the table.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models.functions import Collate

COLLATION = "maillage_natural"
_NUMBER = re.compile(r"(\d+)")


def _base(text: str) -> str:
    """The letters without accents nor case: "Éducation" → "education"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _natural(text: str) -> tuple[Any, ...]:
    """Numbers by value: ("projet ", 2, "") before ("projet ", 10, "")."""
    return tuple(int(part) if part.isdigit() else part for part in _NUMBER.split(text))


@functools.lru_cache(maxsize=65536)
def sort_key(text: str) -> tuple[Any, ...]:
    """Letters first, then accents, then case, then the text (never two ties)."""
    folded = unicodedata.normalize("NFKD", text).casefold()
    return (_natural(_base(text)), _natural(folded), _natural(text.swapcase()), text)


def compare(a: str | None, b: str | None) -> int:
    key_a, key_b = sort_key(a or ""), sort_key(b or "")
    return (key_a > key_b) - (key_a < key_b)


def register_sqlite(sender: Any, connection: Any, **kwargs: Any) -> None:
    """`connection_created` receiver: SQLite learns the collation PostgreSQL has."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, compare)


# The PostgreSQL collation (ICU): French, numbers by value; deterministic, so that it
# can serve an index and equal texts only tie when they are the same.
CREATE_SQL = f"CREATE COLLATION IF NOT EXISTS {COLLATION} (provider = icu, locale = 'fr-u-kn')"
DROP_SQL = f"DROP COLLATION IF EXISTS {COLLATION}"


def _text_field(model: type[models.Model], path: str) -> bool:
    """Whether `path` ("name", "project__code") ends on a text column."""
    current: Any = model
    field: Any = None
    for part in path.split("__"):
        try:
            field = current._meta.get_field(part)
        except Exception:
            return False
        if field.is_relation:
            current = field.related_model
            if current is None:
                return False
    return isinstance(field, models.CharField | models.TextField) and not field.choices


def natural_ordering(model: type[models.Model], ordering: Iterable[Any]) -> list[Any]:
    """`ordering` with its text columns sorted by the collation ("-name" stays
    descending); other terms (dates, numbers, expressions) as they are."""
    terms: list[Any] = []
    for term in ordering:
        if isinstance(term, str) and term not in ("?", "pk", "-pk"):
            path = term.removeprefix("-")
            if _text_field(model, path):
                collated = Collate(models.F(path), COLLATION)
                terms.append(collated.desc() if term.startswith("-") else collated.asc())
                continue
        terms.append(term)
    return terms
