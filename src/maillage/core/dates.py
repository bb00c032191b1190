"""Dates people type: the years they may fall in, and ranges (start_on … end_on) — one
rule for the database, the forms, the filters and the API."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

END_BEFORE_START = _("The end date must come after the start date.")

# Every date a user types falls within these years: 9999-12-31 is a typing slip that
# would stretch a Gantt chart over eight thousand years, 0001-01-01 one that no
# calendar computation expects. `ModelService.clean` refuses a date outside on every
# door (pages, API, imports); the date pickers and list filters say the same.
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2200, 12, 31)
DATE_OUT_OF_RANGE = _("Enter a date between the years %(first)s and %(last)s.")


def out_of_range(value: Any) -> bool:
    """Whether a date (or date and time) falls outside EARLIEST … LATEST."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return isinstance(value, dt.date) and not EARLIEST <= value <= LATEST


def out_of_range_message() -> str:
    return DATE_OUT_OF_RANGE % {"first": EARLIEST.year, "last": LATEST.year}


def validate_in_range(value: Any) -> None:
    """A validator (forms, filters): refuses a date outside EARLIEST … LATEST."""
    if out_of_range(value):
        raise ValidationError(out_of_range_message(), code="date_out_of_range")


def dates_in_order(
    name: str, start: str = "start_on", end: str = "end_on"
) -> models.CheckConstraint:
    """A named constraint: the end date, when both are known, is not before the start."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{start}__isnull": True})
        | models.Q(**{f"{end}__gte": models.F(start)}),
        name=name,
    )


def end_before_start(start: Any, end: Any) -> bool:
    return bool(start and end and end < start)


class DateRangeFormMixin:
    """Refuses an end date before the start date, with the message on the end date."""

    date_range = ("start_on", "end_on")

    def clean(self) -> dict[str, Any]:
        # A mixin: the form after it in the class's bases has clean() and add_error().
        cleaned = super().clean()  # type: ignore[misc]
        start, end = self.date_range
        if end_before_start(cleaned.get(start), cleaned.get(end)):
            self.add_error(end, END_BEFORE_START)  # type: ignore[attr-defined]  # see above
        return cleaned


def day_argument(value: str) -> dt.date:
    """A command's `--date YYYY-MM-DD` (argparse `type=`): the day a daily job runs as; a
    value that is no such day is refused by the parser, naming the option."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error
