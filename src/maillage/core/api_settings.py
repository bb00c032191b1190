"""API settings' classes: role permission, pagination (Bearer tokens are accounts':
`accounts.authentication`).

Kept apart from api.py because DRF imports them while its own views module loads.
"""

from __future__ import annotations

from typing import Any

from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from maillage.core.access import can_write


class RolePermission(BasePermission):
    """Reading needs an active account; writing needs one of the view's write roles."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not (user.is_authenticated and user.is_active):  # never None: AnonymousUser
            return False
        view_roles = getattr(view, "view_roles", None)
        if view_roles is not None and user.role not in view_roles:
            return False
        if request.method in SAFE_METHODS:
            return True
        if getattr(view, "kwargs", {}).get("pk") is not None:
            # A write to one record: look it up first (404 when not visible), then
            # has_object_permission decides (403), as the pages do.
            return True
        return can_write(user, getattr(view, "write_roles", None))

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return can_write(request.user, getattr(view, "write_roles", None))


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
