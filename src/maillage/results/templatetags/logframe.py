"""Template helpers of the logframe pages: a period's name, a level's next level."""

from __future__ import annotations

from typing import Any

from django import template

from maillage.results.periods import period_label

register = template.Library()


@register.filter
def period_name(period: Any) -> str:
    """ "2025", "Q1 2025", "March 2025" or the two dates."""
    return period_label(period.starts_on, period.ends_on)


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)
