"""Form parts shared by every app: the date field's widget and choices limited to what
the user sees (for filters and forms)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.db import models

from maillage.core.dates import EARLIEST, LATEST


class DateInput(forms.DateInput):
    """The browser's date picker, with the ISO value it expects, offering only the years
    the services accept (core.dates: EARLIEST … LATEST)."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        bounds = {"min": EARLIEST.isoformat(), "max": LATEST.isoformat()}
        super().__init__(attrs={**bounds, **(attrs or {})}, format="%Y-%m-%d")


def visible_choices(model: type[models.Model]) -> Callable[[Any], models.QuerySet]:
    """A FilterSet `queryset=` callable: the records of `model` the request's user sees
    (none without a request, e.g. in the API schema)."""

    def queryset(request: Any) -> models.QuerySet:
        user = getattr(request, "user", None)
        if user is None:
            return model._default_manager.none()
        return model._default_manager.visible_to(user)  # type: ignore[attr-defined]  # every domain queryset is a VisibleQuerySet

    return queryset
