"""API settings' classes: role permission, pagination (Bearer tokens are accounts':
`accounts.authentication`).

Kept apart from api.py because DRF imports them while its own views module loads.
"""

from __future__ import annotations

import io
import re
from typing import Any, cast

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import filters, parsers, status
from rest_framework.exceptions import APIException, ParseError, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from maillage.core.access import can_write
from maillage.core.filters import INT64
from maillage.core.pagination import DeepPaginator


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
    # Deep pages and the last one read at the cost of the first (core.pagination).
    django_paginator_class = DeepPaginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_paginated_response(self, data: Any) -> Response:
        """DRF's page, and `count_capped`: true when more rows match a search than
        `count` says (core.pagination.SEARCH_COUNT_CAP), of which the first `count` are
        paged."""
        assert self.page is not None
        paginator = cast(DeepPaginator, self.page.paginator)
        return Response(
            {
                "count": paginator.count,
                "count_capped": paginator.capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        paged = super().get_paginated_response_schema(schema)
        paged["properties"]["count_capped"] = {
            "type": "boolean",
            "description": str(
                _(
                    "True when more rows match the search than `count` says: only the "
                    "first `count` are paged; narrow the search to reach the others."
                )
            ),
        }
        paged["required"] = [*paged.get("required", []), "count_capped"]
        return paged

    def get_page_number(self, request: Request, paginator: Any) -> Any:
        """`?page=` is a whole number from 1 (or "last"): anything else is a 400 naming
        it; a page past the last one is DRF's 404."""
        value = request.query_params.get(self.page_query_param) or ""
        if not value or value in self.last_page_strings:
            return super().get_page_number(request, paginator)
        number = _whole_number(value)
        if number is None or not 0 < number <= INT64[1]:
            raise ValidationError({self.page_query_param: [_("Give a page number from 1.")]})
        return number

    def get_page_size(self, request: Request) -> int | None:
        """`?page_size=` is a whole number from 1 (more than max_page_size gives
        max_page_size); anything else is a 400 naming it."""
        assert self.page_size_query_param is not None
        value = request.query_params.get(self.page_size_query_param) or ""
        if value and not _whole_number(value):
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("Give a number of results per page from 1 to %(max)s.")
                        % {"max": self.max_page_size}
                    ]
                }
            )
        return super().get_page_size(request)


def _whole_number(value: str) -> int | None:
    """ "12" → 12; None for anything else ("-1", "1.5", "½", "1e3")."""
    return int(value) if value.isascii() and value.isdigit() else None


class OrderingFilter(filters.OrderingFilter):
    """`?ordering=` on the view's ordering fields only: an unknown one is a 400 naming
    `ordering` (DRF ignores it silently); rows of equal keys keep one order (by id), so
    pages neither repeat nor skip a row."""

    def get_ordering(self, request: Request, queryset: Any, view: Any) -> Any:
        params = request.query_params.get(self.ordering_param)
        if params:
            fields = [param.strip() for param in params.split(",") if param.strip()]
            valid = self.remove_invalid_fields(queryset, fields, view, request)
            if len(valid) != len(fields):
                allowed = sorted(
                    name
                    for name, _label in self.get_valid_fields(queryset, view, {"request": request})
                )
                unknown = [f for f in fields if f not in valid]
                raise ValidationError(
                    {
                        self.ordering_param: [
                            _("Unknown ordering: %(unknown)s. Order by one of: %(allowed)s.")
                            % {"unknown": ", ".join(unknown), "allowed": ", ".join(allowed)}
                        ]
                    }
                )
            if valid:
                return [*valid, "pk"] if not {"pk", "-pk", "id", "-id"} & set(valid) else valid
        return super().get_ordering(request, queryset, view)

    def filter_queryset(self, request: Request, queryset: Any, view: Any) -> Any:
        """Texts in the order of the pages' lists (core.collation)."""
        from maillage.core.collation import natural_ordering

        ordering = self.get_ordering(request, queryset, view)
        if ordering:
            return queryset.order_by(*natural_ordering(queryset.model, ordering))
        return queryset


class SearchFilter(filters.BaseFilterBackend):
    """`?search=words` on every list whose records are in the search index (a
    `SearchableModel`: the engine of the lists' `?q=` and the global search): the rows
    matching every word, accent- and case-insensitively. DRF's own SearchFilter needs
    `search_fields` per view; none declared them, so the parameter was ignored on every
    list. A list whose records are not indexed (grants, budget lines, leaves…) refuses it
    with a 400 naming `search`: it used to answer an empty list, which a client reads as
    "nothing matches"."""

    search_param = "search"

    @staticmethod
    def searchable(model: Any) -> bool:
        from maillage.core.models import SearchableModel

        return (
            isinstance(model, type)
            and issubclass(model, SearchableModel)
            and hasattr(model._default_manager.none(), "search")
        )

    def filter_queryset(self, request: Request, queryset: Any, view: Any) -> Any:
        words = request.query_params.get(self.search_param, "")[:200]
        if not words.strip():
            return queryset
        if not self.searchable(queryset.model):
            if getattr(view, "action", "list") != "list":
                return queryset  # a record's own URL: the parameter means nothing there
            raise ValidationError(
                {
                    self.search_param: [
                        _("This list cannot be searched: filter it by its other parameters.")
                    ]
                }
            )
        return queryset.search(words)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        if not self.searchable(getattr(view, "model", None)):
            return []
        return [
            {
                "name": self.search_param,
                "required": False,
                "in": "query",
                "description": str(
                    _(
                        "Words to look for (every one must match the start of a word, "
                        "accents and case ignored), in the fields the lists' search reads."
                    )
                ),
                "schema": {"type": "string", "maxLength": 200},
            }
        ]


# -- request bodies ----------------------------------------------------------------------

MAX_JSON_DEPTH = 64
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_A_BRACKET = re.compile(rb"[^\[\]{}]")
_INNERMOST_PAIR = re.compile(rb"\[\]|\{\}")


class BodyTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is too large.")
    default_code = "body_too_large"


def read_limited(stream: Any) -> bytes:
    """The body, refused (413) beyond DATA_UPLOAD_MAX_MEMORY_SIZE: Django checks that
    size when it reads a form, DRF's parsers read the stream themselves."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    raw = stream.read() if limit is None else stream.read(limit + 1)
    if limit is not None and len(raw) > limit:
        raise BodyTooLarge
    return bytes(raw)


def json_depth_exceeds(raw: bytes, depth: int = MAX_JSON_DEPTH) -> bool:
    """Whether brackets nest more than `depth` levels, outside strings. Each pass drops
    the innermost pairs, at C speed: no recursion, whatever the input."""
    brackets = _NOT_A_BRACKET.sub(b"", _JSON_STRING.sub(b"", raw))
    for _level in range(depth):
        if not brackets:
            return False
        brackets = _INNERMOST_PAIR.sub(b"", brackets)
    return bool(brackets)


class JSONParser(parsers.JSONParser):
    """JSON bodies within the size limit and nested at most MAX_JSON_DEPTH levels (the
    standard parser recursed until a RecursionError, a 500, on 100,000 levels)."""

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        raw = read_limited(stream)
        if json_depth_exceeds(raw):
            raise ParseError(
                _("JSON parse error - nested more than %(depth)s levels deep.")
                % {"depth": MAX_JSON_DEPTH}
            )
        try:
            return super().parse(io.BytesIO(raw), media_type, parser_context)
        except RecursionError as error:
            raise ParseError(_("JSON parse error - nested too deep.")) from error


class FormParser(parsers.FormParser):
    """URL-encoded bodies within the size limit, as Django's own forms."""

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        return super().parse(io.BytesIO(read_limited(stream)), media_type, parser_context)
