"""The REST API's shared parts: the base viewset with access, ETags and the trash.

Every resource is a `VisibleModelViewSet`: its queryset starts from `visible_to`, so a
record the user may not see answers 404, and writes need a write role (403 otherwise).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from maillage.core.api_settings import SearchFilter
from maillage.core.collation import natural_ordering
from maillage.core.concurrency import VersionConflict, etag, parse_version
from maillage.core.dates import END_BEFORE_START, end_before_start
from maillage.core.services import ModelService, StillInUse, error_dict, service_for

_UNSHOWN_TEXTS: dict[tuple[type, type], list[str]] = {}


class VisibleModelViewSet(viewsets.ModelViewSet):
    """A resource: reads start from `visible_to`; writes go through the entity's service
    (`service_for(model)`, the same as the pages and imports), whose refusals answer 400
    naming the field."""

    model: Any = None
    # The project's filters and ordering (DRF has imported the setting's paths: classes),
    # and `?search=` on every searchable model.
    filter_backends = [*cast("list[Any]", api_settings.DEFAULT_FILTER_BACKENDS), SearchFilter]
    view_roles: frozenset[str] | None = None
    write_roles: frozenset[str] | None = None
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()

    @property
    def service(self) -> type[ModelService[Any]]:
        return service_for(self.model)

    def service_data(self, serializer: Any) -> dict[str, Any]:
        """What the serializer parsed, as the service takes it (override to reshape
        nested input)."""
        return dict(serializer.validated_data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.get_object()
        response = Response(self.get_serializer(obj).data)
        if hasattr(obj, "version"):
            response["ETag"] = etag(obj)
        return response

    def perform_create(self, serializer: Any) -> None:
        with refusals_as_400():
            serializer.instance = self.service.create(
                data=self.service_data(serializer), by=self.request.user
            )

    def perform_update(self, serializer: Any) -> None:
        with refusals_as_400():
            serializer.instance = self.service.update(
                obj=serializer.instance,
                data=self.service_data(serializer),
                by=self.request.user,
                version=self._if_match(serializer.instance),
            )
        if hasattr(serializer.instance, "version"):
            self.headers_to_add = {"ETag": etag(serializer.instance)}

    def perform_destroy(self, instance: Any) -> None:
        with transaction.atomic(), refusals_as_400():
            self.service.lock(instance, self._if_match(instance))
            self.service.delete(obj=instance, by=self.request.user)

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        for name, value in getattr(self, "headers_to_add", {}).items():
            response[name] = value
        return super().finalize_response(request, response, *args, **kwargs)

    def _if_match(self, instance: Any) -> int | None:
        """`If-Match: "<id>-<version>"` makes a write conditional (412 when stale)."""
        if not hasattr(instance, "version"):
            return None
        header = self.request.headers.get("If-Match")
        expected = parse_version(header) if header else None
        if header and expected is None:
            raise PreconditionFailed(_("The If-Match header is not an ETag of this record."))
        return expected

    def get_queryset(self) -> Any:
        qs = self.model.objects.visible_to(self.request.user)
        if getattr(self, "action", None) == "list":
            qs = qs.defer(*self.unshown_texts())
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        ordering = natural_ordering(self.model, self.model._meta.ordering or ["pk"])
        return qs.order_by(*ordering, "pk")

    def unshown_texts(self) -> list[str]:
        """The long text columns a list's serializer does not give: left unloaded. Worked
        out once per serializer class (no serializer's fields depend on the request):
        building a serializer's fields is ~2 ms, paid again by every list request."""
        key = (self.get_serializer_class(), self.model)
        if key not in _UNSHOWN_TEXTS:
            serializer: Any = self.get_serializer()  # a ModelSerializer: it has fields
            given = set(serializer.fields)
            given |= {f.source.split(".", 1)[0] for f in serializer.fields.values() if f.source}
            _UNSHOWN_TEXTS[key] = [
                f.name
                for f in self.model._meta.concrete_fields
                if isinstance(f, models.TextField) and f.name not in given
            ]
        return _UNSHOWN_TEXTS[key]


@extend_schema_field(
    {
        "type": "string",
        "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,6})?)?$",
        "example": "09:00:00",
    }
)
class TimeOfDayField(serializers.TimeField):
    """A time of day on a wall clock, without an offset ("09:00:00": working hours, a
    leg's departure). drf-spectacular described it as JSON Schema's `time`, which is RFC
    3339's and requires an offset, so every answer broke its own schema; a pattern says
    what is sent and taken."""


class ModelSerializer(serializers.ModelSerializer):
    """The base of every resource's serializer: a text over its length limit is refused
    in the words of the model's own check (Django's), as the page and the imports say,
    not in DRF's; a time of day is a `TimeOfDayField`."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.TimeField: TimeOfDayField,
    }

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        for field in fields.values():
            limit = getattr(field, "max_length", None)
            if isinstance(field, serializers.CharField) and limit is not None:
                field.validators = [
                    MaxLengthValidator(limit) if isinstance(v, MaxLengthValidator) else v
                    for v in field.validators
                ]
        return fields


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("The record changed since you read it.")
    default_code = "precondition_failed"


class InUse(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "still_in_use"


@contextmanager
def refusals_as_400() -> Iterator[None]:
    """A service's refusal becomes the API's: 400 with messages by field name
    (`non_field_errors` for the record as a whole), 409 when still in use, 412 when
    the record moved on since the client read it."""
    try:
        yield
    except StillInUse as error:
        raise InUse(" ".join(str(m) for m in error.messages)) from error
    except DjangoValidationError as error:
        detail = {
            ("non_field_errors" if field == NON_FIELD_ERRORS else field): messages
            for field, messages in error_dict(error).items()
        }
        raise serializers.ValidationError(detail) from error
    except VersionConflict as conflict:
        raise PreconditionFailed(
            _("This record changed since you read it (now version %(version)s).")
            % {"version": conflict.current.version}  # type: ignore[attr-defined]  # VersionedModel
        ) from conflict


class DateRangeSerializerMixin:
    """Refuses an end date before the start date (400, message on `end_on`)."""

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # A mixin: the serializer after it in the class's bases has validate().
        attrs = super().validate(attrs)  # type: ignore[misc]
        instance = getattr(self, "instance", None)
        start = attrs.get("start_on", getattr(instance, "start_on", None))
        end = attrs.get("end_on", getattr(instance, "end_on", None))
        if end_before_start(start, end):
            raise serializers.ValidationError({"end_on": END_BEFORE_START})
        return attrs
