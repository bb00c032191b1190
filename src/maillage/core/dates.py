"""Date ranges (start_on … end_on): one rule for the database, the forms and the API."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

END_BEFORE_START = _("The end date must come after the start date.")


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
