"""`{% load sanitize %}`: `{{ note.text|markdown }}` and `{{ imported_html|sanitize_html }}`."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from maillage.core import sanitize

register = template.Library()


@register.filter
def markdown(text: str | None) -> SafeString:
    # Safe to mark: the output went through the sanitizer's allow-list.
    return mark_safe(sanitize.render_markdown(text))  # noqa: S308


@register.filter
def sanitize_html(html: str | None) -> SafeString:
    return mark_safe(sanitize.sanitize_html(html))  # noqa: S308 - sanitised just now
