"""Cell parsers: turn what a spreadsheet cell holds into a typed value, or say why not.

A parser is `parse(raw, row) -> value`. `raw` is never empty (the engine handles empty
cells and required fields); it is a `str` from CSV, and may be a number, a date or a
boolean from XLSX and ODS. A parser raises `ValidationError` with a message for the
person who typed the file, and may call `row.warn(...)` for a doubt that does not block.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import override

from maillage.core.text import normalize

if TYPE_CHECKING:
    from maillage.core.imports.engine import RowContext

Parser = Callable[[Any, "RowContext"], Any]

_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def as_text(raw: Any) -> str:
    """A cell as text: 59000.0 read from a spreadsheet is "59000", not "59000.0"."""
    if isinstance(raw, bool):
        return "1" if raw else "0"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime) and raw.time() == dt.time():
        return raw.date().isoformat()
    return str(raw).strip()


def text(raw: Any, row: RowContext) -> str:
    return as_text(raw)


def multiline_text(raw: Any, row: RowContext) -> str:
    return "\n".join(line.rstrip() for line in as_text(raw).splitlines()).strip()


def email(raw: Any, row: RowContext) -> str:
    value = as_text(raw).strip("<>").strip()
    if value.lower().startswith("mailto:"):
        value = value[7:]
    if "@" not in value:
        raise ValidationError(
            _("“%(value)s” is not an email address: it has no @.") % {"value": value}
        )
    try:
        validate_email(value)
    except ValidationError:
        raise ValidationError(
            _("“%(value)s” is not a valid email address.") % {"value": value}
        ) from None
    local, domain = value.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


# --- Dates -------------------------------------------------------------------------------

# Day first, as in France; 31.12.2026 (a common European form) reads like 31/12/2026.
_DMY = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{2,4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def date(raw: Any, row: RowContext) -> dt.date:
    """DD/MM/YYYY, YYYY-MM-DD or DD-MM-YYYY (and a spreadsheet's own date cells).

    Two-digit years and other orders are refused rather than guessed: "03/04/25" could
    be three different dates.
    """
    if isinstance(raw, dt.datetime):
        if raw.time() != dt.time():
            row.warn(_("The time of day in “%(value)s” is ignored.") % {"value": raw})
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, int | float | Decimal):
        raise ValidationError(
            _(
                "“%(value)s” is a number, not a date: format the cell as a date or write "
                "it as DD/MM/YYYY."
            )
            % {"value": as_text(raw)}
        )
    value = as_text(raw)
    if _TIMESTAMP.match(value):
        value = value[:10]  # an ISO timestamp: keep its date
    year = month = day = None
    if m := _YMD.match(value):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _DMY.match(value):
        if len(m[4]) != 4:
            raise ValidationError(
                _(
                    "“%(value)s” has a two-digit year, which is ambiguous: write the year "
                    "in full (DD/MM/YYYY)."
                )
                % {"value": value}
            )
        day, month, year = int(m[1]), int(m[3]), int(m[4])
    else:
        raise ValidationError(
            _("“%(value)s” is not a date: write DD/MM/YYYY, YYYY-MM-DD or DD-MM-YYYY.")
            % {"value": value}
        )
    try:
        return dt.date(year, month, day)
    except ValueError:
        if month > 12 >= day:
            raise ValidationError(
                _(
                    "“%(value)s” is not a valid date: it seems written month first; "
                    "write the day first (DD/MM/YYYY)."
                )
                % {"value": value}
            ) from None
        raise ValidationError(
            _("“%(value)s” is not a valid date (day %(day)s of month %(month)s?).")
            % {"value": value, "day": day, "month": month}
        ) from None


# --- Numbers -----------------------------------------------------------------------------


def decimal(raw: Any, row: RowContext) -> Decimal:
    """A number written the French way ("1 234,56") or the English way ("1,234.56")."""
    if isinstance(raw, bool):
        raise ValidationError(_("“%(value)s” is not a number.") % {"value": raw})
    if isinstance(raw, int | Decimal):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))
    value = _SPACES.sub("", as_text(raw)).replace("'", "")
    value = value.replace("−", "-")  # the typographic minus sign
    if "," in value and "." in value:
        # The last separator is the decimal one: 1.234,56 or 1,234.56.
        thousands = "." if value.rfind(",") > value.rfind(".") else ","
        value = value.replace(thousands, "").replace(",", ".")
    elif value.count(",") == 1:
        value = value.replace(",", ".")
    elif value.count(",") > 1 and re.fullmatch(r"-?\d{1,3}(,\d{3})+", value):
        value = value.replace(",", "")
    elif value.count(".") > 1 and re.fullmatch(r"-?\d{1,3}(\.\d{3})+", value):
        value = value.replace(".", "")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValidationError(
            _("“%(value)s” is not a number (write it like 1234,56).") % {"value": as_text(raw)}
        ) from None
    if not number.is_finite():
        raise ValidationError(_("“%(value)s” is not a number.") % {"value": as_text(raw)})
    return number


def integer(raw: Any, row: RowContext) -> int:
    number = decimal(raw, row)
    if number != number.to_integral_value():
        raise ValidationError(_("“%(value)s” is not a whole number.") % {"value": as_text(raw)})
    return int(number)


def bounded_decimal(low: Decimal | int, high: Decimal | int) -> Parser:
    def parse(raw: Any, row: RowContext) -> Decimal:
        number = decimal(raw, row)
        if not low <= number <= high:
            raise ValidationError(
                _("%(value)s is out of range (from %(low)s to %(high)s).")
                % {"value": number, "low": low, "high": high}
            )
        return number

    return parse


_TRUE = {"1", "yes", "y", "true", "oui", "o", "vrai", "x", "✓", "✔"}
_FALSE = {"0", "no", "n", "false", "non", "faux", "-"}


def boolean(raw: Any, row: RowContext) -> bool:
    if isinstance(raw, bool):
        return raw
    value = normalize(as_text(raw))
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValidationError(_("“%(value)s” is not yes or no (oui/non).") % {"value": as_text(raw)})


# --- Choices -----------------------------------------------------------------------------


def _choice_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", normalize(text)).split())


def choice(
    choices: type[models.Choices] | Iterable[tuple[Any, Any]] | Callable[[], Any],
    *,
    aliases: dict[str, Any] | None = None,
) -> Parser:
    """A value among `choices`, written as its code or its label in French or English.

    `choices` is a `TextChoices` class, a list of (code, label) pairs, or a function
    returning one (such as `country_choices`); `aliases` adds spellings (“mairie”).
    """
    cache: dict[str, Any] = {}

    def lookup() -> dict[str, Any]:
        if cache:
            return cache
        source: Any = choices
        if isinstance(source, type) and issubclass(source, models.Choices):
            source = source.choices
        pairs: list[Any] = []
        for language in ("en", "fr"):
            with override(language):
                pairs = list(source() if callable(source) else source)
                for code, label in pairs:
                    cache.setdefault(_choice_key(str(label)), code)
        for code, _label in pairs:
            cache[_choice_key(str(code))] = code  # a code wins over a label that reads alike
        for spelling, code in (aliases or {}).items():
            cache.setdefault(_choice_key(spelling), code)
        return cache

    seen: dict[str, Any] = {}  # a column repeats the same few values: read each once

    def parse(raw: Any, row: RowContext) -> Any:
        value = as_text(raw)
        if value in seen:
            return seen[value]
        known = lookup()
        key = _choice_key(value)
        if key in known:
            if len(seen) < 10_000:
                seen[value] = known[key]
            return known[key]
        codes = sorted({str(c) for c in known.values()})
        listed = ", ".join(codes[:12]) + (" …" if len(codes) > 12 else "")
        raise ValidationError(
            _("“%(value)s” is not one of the accepted values (%(values)s).")
            % {"value": value, "values": listed}
        )

    return parse


# --- Adapters ------------------------------------------------------------------------------


def using(normalise: Callable[[str], Any]) -> Parser:
    """A parser from any function that takes the text and returns the clean value or raises
    `ValidationError` (a model field validator, `normalise_phone`…)."""

    def parse(raw: Any, row: RowContext) -> Any:
        value = as_text(raw)
        result = normalise(value)
        return value if result is None else result

    return parse


def listing(item: Parser = text, *, separators: str = ";,\n|") -> Parser:
    """Several values in one cell, separated by ; , | or new lines: "eau; santé"."""
    pattern = re.compile("[" + re.escape(separators) + "]")

    def parse(raw: Any, row: RowContext) -> list[Any]:
        parts = [p.strip() for p in pattern.split(as_text(raw))]
        return list(dict.fromkeys(item(p, row) for p in parts if p))

    return parse
