"""Object-level access: every page, form, export and API endpoint starts from `visible_to`.

Staff of the service (admin, officer, viewer) see every record; a partner sees only what
is linked to the projects it is a member of. A model's queryset says how, by overriding
`visible_to_partner`; the secure default is nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Self

from django.db import models
from django.db.models import Exists, OuterRef

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from maillage.accounts.models import User


class VisibleQuerySet(models.QuerySet):
    def visible_to(self, user: User | AnonymousUser) -> Self:
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        # An AnonymousUser is never active: from here on `user` is a User.
        if user.is_internal:
            return self.all()
        return self.visible_to_partner(user)

    def visible_to_partner(self, user: User) -> Self:
        return self.none()


def can_write(user: Any, roles: frozenset[str] | None = None) -> bool:
    """Whether `user` may create, change or delete records (of a view's write roles)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if roles is None:
        return bool(user.can_write)
    return user.role in roles


class HiddenRecord:
    """What a page shows in place of a related record the reader may not open: a name
    that says so, no link, false in a template's `{% if %}`. Put in the object's cache of
    the relation (the key column is kept, so nothing changes if the object is saved)."""

    pk = None

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        from django.utils.translation import gettext

        return gettext("(restricted)")

    name = property(__str__)

    def get_absolute_url(self) -> str:
        return ""


HIDDEN = HiddenRecord()


def _guarded(model: Any) -> bool:
    """Whether the records of `model` are checked against `visible_to` before a page
    names them: every domain model; not the user accounts (an officer named as who
    follows a project is not a record the page opens)."""
    from django.contrib.auth import get_user_model

    manager = getattr(model, "objects", None)
    return (
        model is not get_user_model()
        and manager is not None
        and isinstance(manager.all(), VisibleQuerySet)
    )


def hide_unseen(user: Any, objects: Iterable[models.Model], *fields: str) -> None:
    """Replace, on each of `objects`, the records its foreign keys `fields` (all its
    guarded foreign keys when none is named) point to that `user` may not see, by HIDDEN.

    One query per foreign key for the whole page, none for staff (who see everything):
    a list, a detail page, an export and a section call it on the rows they show, so a
    page never names a record whose own page answers 404 to its reader.
    """
    objects = [obj for obj in objects if obj is not None]
    if not objects or getattr(user, "is_internal", False):
        return
    model = type(objects[0])
    names = fields or tuple(
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation and f.many_to_one and _guarded(f.related_model)
    )
    for name in names:
        field: Any = model._meta.get_field(name)  # a foreign key (concrete, forward)
        related: Any = field.related_model
        if not _guarded(related):
            continue
        ids = {getattr(obj, field.attname) for obj in objects} - {None}
        if not ids:
            continue
        seen = set(related.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
        for obj in objects:
            value = getattr(obj, field.attname)
            if value is not None and value not in seen:
                field.set_cached_value(obj, HIDDEN)


def openable(user: Any, model: type[models.Model], field: str) -> Exists:
    """A filter keeping the rows whose `field` (a key to `model`, or "pk") names a record
    `user` may open: one key lookup per row kept by the rest of the query.

    For the related rows of a few records (a detail page's sections, a page's prefetch),
    in place of `field__in=model.objects.visible_to(user)`: SQLite made that a list of
    every visible record first (the 60,000 people for an organisation's six positions;
    for a page of 50 agreements, 20,000 organisations each probed against the 50: 130 ms
    at national scale). PostgreSQL plans both as the same semi-join."""
    visible = model.objects.visible_to(user).order_by()  # type: ignore[attr-defined]  # every guarded model's manager is a VisibleQuerySet
    return Exists(visible.filter(pk=OuterRef(field)))


def visible_ids(user: Any, model: type[models.Model], ids: Iterable[Any]) -> set[Any]:
    """Which of `ids` of `model` the user may see (all for staff, without a query)."""
    ids = set(ids) - {None}
    if not ids or getattr(user, "is_internal", False):
        return ids
    return set(
        model.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True)  # type: ignore[attr-defined]  # every guarded model's manager is a VisibleQuerySet
    )
