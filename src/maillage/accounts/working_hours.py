"""Working hours and working days, of a user (accounts.User) and of a contact
(actors.Person): what the meetings' slot finder and their "outside working hours"
warning read, each person's hours in their own time zone.

Days are ISO weekday digits, Monday "1" to Sunday "7", stored as one short string
("12345", Monday to Friday); a form shows them as check boxes, the API as that string.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_START = dt.time(9, 0)
DEFAULT_END = dt.time(18, 0)
DEFAULT_DAYS = "12345"
HOURS_HELP = _("In the person's own time zone.")

DAY_CHOICES = [
    ("1", _("Monday")),
    ("2", _("Tuesday")),
    ("3", _("Wednesday")),
    ("4", _("Thursday")),
    ("5", _("Friday")),
    ("6", _("Saturday")),
    ("7", _("Sunday")),
]
DAY_NAMES = dict(DAY_CHOICES)


def parse_days(value: str) -> frozenset[int]:
    """ "135" → {1, 3, 5} (ISO weekdays)."""
    return frozenset(int(c) for c in value or "" if c in "1234567")


def validate_working_days(value: str) -> None:
    if not value or any(c not in "1234567" for c in value) or len(set(value)) != len(value):
        raise ValidationError(
            _("Working days are ISO weekday digits, Monday 1 to Sunday 7 (e.g. 12345)."),
            code="working_days",
        )


class WorkingDaysFormField(forms.MultipleChoiceField):
    """The days as check boxes; cleaned back to the stored digits, in order."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("max_length", None)
        kwargs.pop("empty_value", None)
        super().__init__(choices=DAY_CHOICES, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, str):
            return list(value)
        return value

    def to_python(self, value: Any) -> list[str]:
        if isinstance(value, str):
            return list(value)
        return super().to_python(value)

    def clean(self, value: Any) -> str:  # type: ignore[override]  # the stored string, not a list
        # None ticked (or a form that does not show them): Monday to Friday.
        return "".join(sorted(set(super().clean(value)))) or DEFAULT_DAYS

    def has_changed(self, initial: Any, data: Any) -> bool:
        return "".join(sorted(self.prepare_value(initial) or [])) != "".join(
            sorted(self.to_python(data) or [])
        )


class WorkingDaysField(models.CharField):
    """The working days, "12345" by default (Monday to Friday)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 7)
        kwargs.setdefault("default", DEFAULT_DAYS)
        kwargs.setdefault("validators", [validate_working_days])
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # a choice of days
        return WorkingDaysFormField(
            required=False,
            label=kwargs.get("label", self.verbose_name),
            help_text=self.help_text,
        )


def hours_in_order(name: str) -> models.CheckConstraint:
    """The working day ends after it starts (night shifts are not modelled)."""
    return models.CheckConstraint(
        condition=models.Q(working_hours_end__gt=models.F("working_hours_start")),
        name=name,
        violation_error_message=_("The working hours end after they start."),
        violation_error_code="working_hours_end",
    )


def days_display(value: str) -> str:
    return ", ".join(str(DAY_NAMES[c]) for c in value if c in DAY_NAMES)


def check_hours(obj: Any) -> None:
    """The model's `clean()` rule behind `hours_in_order`, on the end field."""
    start, end = obj.working_hours_start, obj.working_hours_end
    if start is not None and end is not None and end <= start:
        raise ValidationError(
            {"working_hours_end": _("The working hours end after they start.")},
            code="working_hours_end",
        )


class WorkingHoursFormMixin:
    """A form with the working hours: left empty (or not shown), they are the defaults,
    9:00 to 18:00, Monday to Friday."""

    fields: dict[str, Any]
    cleaned_data: dict[str, Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]  # a form's arguments
        for name in ("working_hours_start", "working_hours_end", "working_days"):
            if name in self.fields:
                self.fields[name].required = False
        if "working_days" in self.fields:
            self.fields["working_days"].help_text = _("None ticked: Monday to Friday.")

    def clean_working_hours_start(self) -> dt.time:
        return self.cleaned_data.get("working_hours_start") or DEFAULT_START

    def clean_working_hours_end(self) -> dt.time:
        return self.cleaned_data.get("working_hours_end") or DEFAULT_END
