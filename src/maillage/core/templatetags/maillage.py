"""Template helpers: money and numbers in the user's locale, query strings."""

from __future__ import annotations

from typing import Any

from django import template

from maillage.core.formatting import format_money, format_number
from maillage.core.reference import country_name

register = template.Library()


@register.filter
def export_label(fmt: str) -> str:
    """ "CSV (semicolon)", "XLSX": how an export button names its format."""
    from maillage.core.exports import format_label

    return format_label(fmt)


@register.filter
def export_help(fmt: str) -> str:
    from maillage.core.exports import FORMAT_HELP

    return str(FORMAT_HELP.get(fmt, ""))


@register.filter
def money(amount: Any, currency: str = "EUR") -> str:
    return format_money(amount, currency)


@register.filter
def number(value: Any) -> str:
    return format_number(value)


@register.filter
def country(code: str) -> str:
    return country_name(code)


@register.simple_tag(takes_context=True)
def page_url(context: dict[str, Any], page: int) -> str:
    querystring = context.get("querystring", "")
    return f"?{querystring}&page={page}" if querystring else f"?page={page}"
