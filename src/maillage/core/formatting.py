"""Locale-aware display of values: dates, numbers and money follow the active language.

`display_value` is how every page (detail fields, list columns, history) shows a field:
choice labels, local dates and numbers, emails and websites as links, phone numbers
(fields named `phone`, `mobile`, `fax` or `…_phone`, stored as E.164) in their readable
international form ("+33 3 20 96 08 57") behind a `tel:` link; a model says how one of
its own fields reads with a `get_<name>_display()` method (a person's languages by name).
"""

from __future__ import annotations

import datetime as dt
import inspect
import operator
from collections.abc import Callable
from decimal import Decimal
from functools import cache, partialmethod
from typing import Any

import phonenumbers
from babel.numbers import format_currency, format_decimal
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.html import format_html
from django.utils.translation import get_language, to_locale


def babel_locale() -> str:
    return to_locale(get_language() or "fr")


def format_money(amount: Decimal | float | int | None, currency: str) -> str:
    """`1234.5, "EUR"` → "1 234,50 €" in French, "€1,234.50" in English."""
    if amount is None:
        return ""
    return format_currency(amount, currency or "EUR", locale=babel_locale())


def format_number(value: Decimal | float | int | None) -> str:
    if value is None:
        return ""
    return format_decimal(value, locale=babel_locale())


PHONE_NAMES = {"phone", "mobile", "fax"}


def is_phone_field(name: str) -> bool:
    return name in PHONE_NAMES or name.endswith("_phone")


def format_phone(value: str) -> str:
    """ "+33320960857" → "+33 3 20 96 08 57"; what is not a number stays as typed."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@cache
def _field_of(model: type[models.Model], name: str) -> tuple[Any, Callable[[Any], Any] | None]:
    """The model field `name` reads (None: a property or method) and how it reads when
    the model shows it through `get_<name>_display()` (choices, or its own), once per
    model: `display_value` runs for every cell of every list."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # not a model field: a property or method
        field = None
    method = inspect.getattr_static(model, f"get_{name}_display", None)
    generated = method.keywords.get("field") if isinstance(method, partialmethod) else None
    if (
        isinstance(field, models.Field)
        and generated is field
        and isinstance(field.choices, list | tuple)
    ):
        return field, _fixed_display(field)
    if (field is not None and getattr(field, "choices", None)) or callable(
        getattr(model, f"get_{name}_display", None)
    ):
        return field, operator.methodcaller(f"get_{name}_display")
    return field, None


def _fixed_display(field: models.Field) -> Callable[[models.Model], Any]:
    """Django's `get_<field>_display()` for a field with a fixed list of choices (an
    organisation's type, a project's status), its labels read once per language: Django's
    flattens the choices and hashes each lazy label, translating them all, on every call."""
    attname = field.attname

    def display(obj: models.Model) -> Any:
        value = getattr(obj, attname)
        try:
            label = _fixed_labels(field, get_language()).get(value, _UNKNOWN)
        except TypeError:  # an unhashable value (a list): Django's own way
            label = _fixed_labels(field, get_language()).get(make_hashable(value), _UNKNOWN)
        return force_str(value, strings_only=True) if label is _UNKNOWN else label

    return display


_UNKNOWN = object()


@cache
def _fixed_labels(field: models.Field, language: str | None) -> dict[Any, str]:
    """`field`'s value → label, as Django's `_get_FIELD_display` maps them, per active
    language (None included: the labels then read as their msgids)."""
    return {
        make_hashable(value): force_str(label, strings_only=True)
        for value, label in field.flatchoices
    }


def display_value(obj: models.Model, name: str) -> Any:
    """How a field of `obj` reads for a person: choice labels, related names, local
    dates, links for emails, websites and phones (see the module's docstring)."""
    field, display = _field_of(type(obj), name)
    if display is not None:
        return display(obj)
    value = getattr(obj, name)
    if value and isinstance(field, models.EmailField):
        return format_html('<a href="mailto:{}">{}</a>', value, value)
    if value and isinstance(field, models.URLField):
        return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', value, value)
    if value and isinstance(value, str) and is_phone_field(name):
        return format_html('<a href="tel:{}">{}</a>', value, format_phone(value))
    if callable(value):
        value = value()
    if value is None:
        return ""
    if isinstance(value, bool):
        from django.utils.translation import gettext

        return gettext("Yes") if value else gettext("No")
    if isinstance(value, dt.datetime):
        # In the reader's time zone (the site's, or the user's: accounts.middleware).
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return formats.date_format(local, "SHORT_DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal | float | int):
        return format_number(value)
    return value


def export_value(obj: models.Model, name: str) -> Any:
    """The raw value a spreadsheet keeps: numbers and dates stay typed, labels for choices."""
    field, display = _field_of(type(obj), name)
    if display is not None and field is not None and getattr(field, "choices", None):
        return str(display(obj))
    value = getattr(obj, name)
    if callable(value):
        value = value()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.datetime):
        return (
            value.replace(tzinfo=None)
            if value.tzinfo is None
            else value.astimezone().replace(tzinfo=None)
        )
    return value
