"""Filters of the results dashboards: a figure as a French reader expects it."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django import template

from maillage.core.formatting import format_number

register = template.Library()


@register.filter
def figure(value: Decimal | None) -> str:
    """A figure in the reader's language, without trailing zeros; "—" when there is none."""
    if value is None:
        return "—"
    return format_number(round(Decimal(value), 2).normalize())


@register.filter
def join_sorted(values: Iterable[str]) -> str:
    return ", ".join(sorted(values))
