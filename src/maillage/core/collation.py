"""Sorting text as a reader expects: "Béarn" before "Bordeaux", "Éducation" among the
E's, "Projet 2" before "Projet 10", capitals no matter — on both databases.

One collation name, `maillage_natural`, used by the lists' sorts (`natural_ordering`):

- PostgreSQL: an ICU collation (`fr-u-kn`: French rules, numbers by value), created by
  the PostgreSQL-only migration `core.0010_natural_collation`;
- SQLite: a Python collation registered on each new connection (`register_sqlite`,
  connected in `CoreConfig.ready`): letters without their accents and case first, then
  accents, then case, then the text itself, so that two different texts never tie.

Stored sort keys: no index serves `ORDER BY name COLLATE …`, so a collated list sorts
the whole table for every page (20,000 organisations on SQLite, page 800: 3.5 s, most of
it in 264,000 calls of the Python comparison). The columns the lists sort on by default
and commonly carry a companion `SortKeyField` (`name_key` beside `name`): a text whose
plain binary order (SQLite BINARY, PostgreSQL `COLLATE "C"`, which the field gives its
column on PostgreSQL only) is the order of `sort_key`, derived on every write by the field
itself (`pre_save`: `save()` and `bulk_create`, so bulk paths need nothing) and by the
kit's base model and queryset for `save(update_fields=…)`, `bulk_update` and `update`
(`core.models`). `natural_ordering` sorts by the key when the column has one, and an
index (key, id) serves the page: a seek instead of a sort. The collation stays for the
columns without a key. No SQLite index uses the collation on purpose: a connection
without it (the sqlite3 shell, an integrity check) could no longer write the table; the
keys need no function at all.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
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
    """Numbers by value: ("projet ", 2, "") before ("projet ", 10, ""). Split's odd parts
    are the numbers (texts and numbers alternate, so two keys never compare a text with
    a number); the even ones stay texts even when `isdigit` ("²") but `int` cannot read them."""
    return tuple(int(part) if i % 2 else part for i, part in enumerate(_NUMBER.split(text)))


@functools.lru_cache(maxsize=65536)
def sort_key(text: str) -> tuple[Any, ...]:
    """Letters first, then accents, then case, then the text (never two ties)."""
    folded = unicodedata.normalize("NFKD", text).casefold()
    return (_natural(_base(text)), _natural(folded), _natural(text.swapcase()), text)


# --- Stored keys: the same order as a plain text ----------------------------------------

KEY_LENGTH = 640  # characters: at most 2,560 bytes, under PostgreSQL's b-tree entry limit
_END = "\x01"  # ends a text part, and a part of the key: below every character of a text
_ESCAPE = "\x02"  # the text's own characters up to \x02 come as \x02 and a shifted one
_ESCAPED = str.maketrans({chr(c): _ESCAPE + chr(0x20 + c) for c in range(3)})
_DIGITS_MARK = 0x21  # a number: chr(0x21 + its count of digits), then its digits
_MAX_DIGITS = 0xD000 - _DIGITS_MARK  # keeps the mark below the surrogates


def _key_text(part: str) -> str:
    """A text part, ended by a mark below all its characters: a prefix sorts first."""
    return part.translate(_ESCAPED) + _END


def _key_number(part: str) -> str:
    """A number by value: fewer digits first, then the digits (leading zeros dropped,
    any script's decimal digits read as `int` reads them)."""
    digits = "".join(str(unicodedata.decimal(c)) for c in part).lstrip("0") or "0"
    return chr(_DIGITS_MARK + min(len(digits), _MAX_DIGITS)) + digits


def _key_natural(text: str) -> str:
    return "".join(
        _key_number(part) if i % 2 else _key_text(part)
        for i, part in enumerate(_NUMBER.split(text))
    )


def sort_key_text(text: str | None) -> str:
    """`sort_key` as one string whose binary order is the tuple's: each part of the tuple
    in turn, a text part ended by \x01 (below every character), a number as its length
    then its digits, each of the four parts ended by \x01 too (below a number's mark: a
    shorter tuple first). Cut at KEY_LENGTH characters (a cut keeps the order, but two
    texts alike over their first ~150 characters may then tie, and the id decides)."""
    text = text or ""
    folded = unicodedata.normalize("NFKD", text).casefold()
    parts = (
        _key_natural(_base(text)),
        _key_natural(folded),
        _key_natural(text.swapcase()),
        _key_text(text),
    )
    return _END.join(parts)[:KEY_LENGTH]


class SortKeyField(models.CharField):
    """The stored sort key of the text column `source` (`name_key` of `name`): derived on
    every write, never edited, ordered by plain binary comparison on both databases."""

    def __init__(self, source: str, **kwargs: Any) -> None:
        self.source = source
        kwargs.setdefault("max_length", KEY_LENGTH)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("default", "")
        super().__init__(**kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        for key, value in (("max_length", KEY_LENGTH), ("editable", False), ("default", "")):
            if kwargs.get(key, value) == value:
                kwargs.pop(key, None)
        return name, path, args, kwargs

    def db_parameters(self, connection: Any) -> dict[str, Any]:
        # PostgreSQL's databases sort text by their locale: "C" is the binary order the
        # key is made for, on the column itself so that `ORDER BY name_key` and its
        # index need no COLLATE. SQLite's default (BINARY) is already that order.
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        if self.source not in model_instance.__dict__:
            # The source was not loaded (`only()`, `defer()`): it has not changed either.
            return str(getattr(model_instance, self.attname))
        value = sort_key_text(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value


def sort_key_fields(model: type[models.Model]) -> list[SortKeyField]:
    """The model's stored keys."""
    return [f for f in model._meta.concrete_fields if isinstance(f, SortKeyField)]


def _key_of(model: type[models.Model], name: str) -> SortKeyField | None:
    return next((f for f in sort_key_fields(model) if f.source == name), None)


FILL_BATCH = 2000


def fill_sort_keys(*labels: str) -> Callable[[Any, Any], None]:
    """A migration's RunPython that writes the keys of the existing rows of the models
    `labels` ("actors.Organisation"), in batches of ids; `RunPython.noop` reverses it
    (the columns go with their AddField)."""

    def fill(apps: Any, schema_editor: Any) -> None:
        connection = schema_editor.connection
        quote = connection.ops.quote_name
        for label in labels:
            model = apps.get_model(label)
            keys = sort_key_fields(model)
            sets = ", ".join(f"{quote(key.column)} = %s" for key in keys)
            sql = (
                f"UPDATE {quote(model._meta.db_table)} SET {sets} "  # noqa: S608 — names from the model
                f"WHERE {quote(model._meta.pk.column)} = %s"
            )
            rows = model._base_manager.using(connection.alias).order_by("pk")
            last = None
            while True:
                batch = rows.filter(pk__gt=last) if last is not None else rows
                found = list(batch.values_list("pk", *(key.source for key in keys))[:FILL_BATCH])
                if not found:
                    break
                with connection.cursor() as cursor:
                    cursor.executemany(
                        sql, [(*map(sort_key_text, row[1:]), row[0]) for row in found]
                    )
                last = found[-1][0]

    return fill


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


def _text_field(model: type[models.Model], path: str) -> tuple[bool, str | None]:
    """Whether `path` ("name", "project__code") ends on a text column, and the path of
    its stored key if it has one ("project__code_key")."""
    current: Any = model
    field: Any = None
    for part in path.split("__"):
        try:
            field = current._meta.get_field(part)
        except Exception:
            return False, None
        if field.is_relation:
            current = field.related_model
            if current is None:
                return False, None
    if not isinstance(field, models.CharField | models.TextField) or field.choices:
        return False, None
    key = _key_of(field.model, field.name)
    if key is None:
        return True, None
    return True, "__".join([*path.split("__")[:-1], key.name])


def natural_ordering(model: type[models.Model], ordering: Iterable[Any]) -> list[Any]:
    """`ordering` with its text columns in the reader's order ("-name" stays descending):
    by their stored key when they have one (an index serves it), else by the collation;
    other terms (dates, numbers, expressions) as they are."""
    terms: list[Any] = []
    for term in ordering:
        if isinstance(term, str) and term not in ("?", "pk", "-pk"):
            path = term.removeprefix("-")
            text, key = _text_field(model, path)
            if key is not None:
                terms.append(f"-{key}" if term.startswith("-") else key)
                continue
            if text:
                collated = Collate(models.F(path), COLLATION)
                terms.append(collated.desc() if term.startswith("-") else collated.asc())
                continue
        terms.append(term)
    return terms
