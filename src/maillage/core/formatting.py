"""Locale-aware display of values: dates, numbers and money follow the active language.

`display_value` is how every page (detail fields, list columns, history) shows a field:
choice labels, local dates and numbers, emails and websites as links, phone numbers
(fields named `phone`, `mobile`, `fax` or `…_phone`, stored as E.164) in their readable
international form ("+33 3 20 96 08 57") behind a `tel:` link; a model says how one of
its own fields reads with a `get_<name>_display()` method (a person's languages by name).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import phonenumbers
from babel.numbers import format_currency, format_decimal
from django.db import models
from django.utils import formats, timezone
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


def display_value(obj: models.Model, name: str) -> Any:
    """How a field of `obj` reads for a person: choice labels, related names, local
    dates, links for emails, websites and phones (see the module's docstring)."""
    try:
        field = obj._meta.get_field(name)
    except Exception:  # not a model field: a property or method
        field = None
    if (field is not None and getattr(field, "choices", None)) or callable(
        getattr(type(obj), f"get_{name}_display", None)
    ):
        return getattr(obj, f"get_{name}_display")()
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
    try:
        field = obj._meta.get_field(name)
    except Exception:
        field = None
    if field is not None and getattr(field, "choices", None):
        return str(getattr(obj, f"get_{name}_display")())
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
