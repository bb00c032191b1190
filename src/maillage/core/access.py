"""Object-level access: every page, form, export and API endpoint starts from `visible_to`.

Staff of the service (admin, officer, viewer) see every record; a partner sees only what
is linked to the projects it is a member of. A model's queryset says how, by overriding
`visible_to_partner`; the secure default is nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from django.db import models

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
