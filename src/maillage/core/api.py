"""The REST API's shared parts: the base viewset with access, ETags and the trash.

Every resource is a `VisibleModelViewSet`: its queryset starts from `visible_to`, so a
record the user may not see answers 404, and writes need a write role (403 otherwise).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.deletion import ProtectedError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response

from maillage.core.concurrency import VersionConflict, etag, lock_current, parse_version
from maillage.core.dates import END_BEFORE_START, end_before_start
from maillage.core.trash import move_to_trash


class VisibleModelViewSet(viewsets.ModelViewSet):
    model: Any = None
    view_roles: frozenset[str] | None = None
    write_roles: frozenset[str] | None = None
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.get_object()
        response = Response(self.get_serializer(obj).data)
        if hasattr(obj, "version"):
            response["ETag"] = etag(obj)
        return response

    def perform_update(self, serializer: Any) -> None:
        with transaction.atomic():
            self._check_if_match(serializer.instance)
            serializer.save()
        if hasattr(serializer.instance, "version"):
            self.headers_to_add = {"ETag": etag(serializer.instance)}

    def perform_destroy(self, instance: Any) -> None:
        with transaction.atomic():
            self._check_if_match(instance)
            if hasattr(instance, "deleted_at"):
                move_to_trash(instance)
                return
            try:
                with transaction.atomic():
                    instance.delete()
            except ProtectedError as error:
                raise StillInUse(
                    _("This record is still used by other records and cannot be deleted.")
                ) from error

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        for name, value in getattr(self, "headers_to_add", {}).items():
            response[name] = value
        return super().finalize_response(request, response, *args, **kwargs)

    def _check_if_match(self, instance: Any) -> None:
        """`If-Match: "<id>-<version>"` makes a write conditional (412 when stale)."""
        if not hasattr(instance, "version"):
            return
        header = self.request.headers.get("If-Match")
        expected = parse_version(header) if header else None
        if header and expected is None:
            raise PreconditionFailed(_("The If-Match header is not an ETag of this record."))
        try:
            lock_current(instance, expected)
        except VersionConflict as conflict:
            raise PreconditionFailed(
                _("This record changed since you read it (now version %(version)s).")
                % {"version": conflict.current.version}
            ) from conflict

    def get_queryset(self) -> Any:
        qs = self.model.objects.visible_to(self.request.user)
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs.order_by(*(self.model._meta.ordering or ["pk"]), "pk")


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("The record changed since you read it.")
    default_code = "precondition_failed"


class StillInUse(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "still_in_use"


class DateRangeSerializerMixin:
    """Refuses an end date before the start date (400, message on `end_on`)."""

    def validate(self, attrs):  # type: ignore[no-untyped-def]
        attrs = super().validate(attrs)  # type: ignore[misc]
        instance = getattr(self, "instance", None)
        start = attrs.get("start_on", getattr(instance, "start_on", None))
        end = attrs.get("end_on", getattr(instance, "end_on", None))
        if end_before_start(start, end):
            raise serializers.ValidationError({"end_on": END_BEFORE_START})
        return attrs
