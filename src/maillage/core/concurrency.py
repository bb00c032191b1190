"""Optimistic concurrency: a save is refused when the record changed since it was loaded.

Pages send the loaded `version` back in a hidden field; the API uses `ETag` / `If-Match`.
The check and the save happen in one transaction with the row locked, so two saves of
the same version cannot both pass.
"""

from __future__ import annotations

from typing import Any

from django.db import models


class VersionConflict(Exception):
    """The record moved on: `current` is its state now."""

    def __init__(self, current: models.Model) -> None:
        super().__init__(f"{current._meta.label} {current.pk} changed meanwhile")
        self.current = current


def lock_current(obj: models.Model, expected_version: int | None) -> models.Model:
    """Lock `obj`'s row (call inside a transaction) and check it is still at the version.

    `expected_version` None means the client did not say: no check (API without If-Match).
    """
    current = type(obj)._base_manager.select_for_update().get(pk=obj.pk)
    # Only a VersionedModel is locked at a version.
    if expected_version is not None and current.version != expected_version:  # type: ignore[attr-defined]
        raise VersionConflict(current)
    return current


def parse_version(value: Any) -> int | None:
    try:
        return int(str(value).strip().strip("W/").strip('"').rsplit("-", 1)[-1])
    except (TypeError, ValueError):
        return None


def etag(obj: models.Model) -> str:
    return f'"{obj.pk}-{obj.version}"'  # type: ignore[attr-defined]  # ETags are for VersionedModel
