"""`{% render_section section %}`: a block that an app above adds to an actor's page
(`hooks.Section`: its template rendered with its own context)."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from maillage.core.hooks import Section

register = template.Library()


@register.simple_tag(takes_context=True)
def render_section(context: template.Context, section: Section) -> SafeString:
    # The section's template sees its own context plus what every page sees (user,
    # request, csrf_token); Django escapes inside it as in any template.
    html = render_to_string(section.template, section.context, request=context.get("request"))
    return mark_safe(html)  # noqa: S308
