"""Typed reads of a model's fields, for code that walks models generically.

Django's `_meta.get_field` may answer a field, a reverse relation or a generic foreign
key, and a relation's `related_model` may still read "self" before the apps are loaded:
these helpers say which one the caller expects, and fail loudly when it is not that.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.db.models.fields.reverse_related import ForeignObjectRel
from django.utils.translation import gettext


def model_field(model: type[models.Model] | models.Model, name: str) -> models.Field[Any, Any]:
    """The field `name` declared on the model (a column or a many-to-many); a reverse
    relation (another model's foreign key seen from here) raises FieldDoesNotExist."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise FieldDoesNotExist(f"{model._meta.label}.{name} is a relation from another model")
    return field


def related_model(field: models.Field[Any, Any] | ForeignObjectRel) -> type[models.Model]:
    """The model a relation points to: a class once the apps are loaded."""
    target = field.related_model
    if not isinstance(target, type):
        raise ImproperlyConfigured(f"{field} points to {target!r}: are the apps loaded?")
    return target


def reverse_relation(model: type[models.Model], name: str) -> ForeignObjectRel:
    """The relation `name` seen from `model`: another model's foreign key to it (a
    group's members); a field declared on `model` raises FieldDoesNotExist."""
    relation = model._meta.get_field(name)
    if not isinstance(relation, ForeignObjectRel):
        raise FieldDoesNotExist(f"{model._meta.label}.{name} is not a reverse relation")
    return relation


def max_length(model: type[models.Model], name: str) -> int:
    """The declared maximum length of a text column."""
    length = model_field(model, name).max_length
    if length is None:
        raise ImproperlyConfigured(f"{model._meta.label}.{name} has no maximum length")
    return length


def create_title(model: type[models.Model]) -> str:
    """The title of the page that makes a new record, as one phrase the translation
    writes whole: French agrees "nouveau" with the noun ("Nouvelle convention", "Nouvel
    engagement", "Nouvelle nouvelle du terrain" is avoided by "Nouveau message du
    terrain"…). A model says it with `create_title = _("New agreement")`; without one,
    "New <verbose name>"."""
    title = getattr(model, "create_title", None)
    if title is not None:
        return str(title)
    return gettext("New %(verbose_name)s") % {"verbose_name": model._meta.verbose_name}
