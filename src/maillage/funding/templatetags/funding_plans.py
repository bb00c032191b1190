"""Template filters of the financing plans' pages."""

from __future__ import annotations

from typing import Any

from django import template

from maillage.funding.money import format_share

register = template.Library()


@register.filter
def share(value: Any) -> str:
    """A share in percent in the active language ("62 %" / "62%"); "—" when unknown."""
    return format_share(value) if value is not None else "—"
