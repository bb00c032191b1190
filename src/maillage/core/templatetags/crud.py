"""`{% crud_url crud "update" object %}`: the URL of an entity's page from its CrudViews."""

from typing import Any

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def crud_url(crud: Any, action: str, obj: Any = None) -> str:
    if obj is None:
        return reverse(crud.url_name(action))
    return reverse(crud.url_name(action), args=[obj.pk])
