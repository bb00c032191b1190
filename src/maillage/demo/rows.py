"""Writing the demo's records: in bulk through the entities' services, with their history.

Every record goes through `service_for(Model).create_many`, so the demo passes the same
checks as an import (the model's fields, `clean()`, constraints, the service's rules)
and its history names the user who "entered" it. Many-to-many values are bulk-added
here, and written into each record's first version too, as if they had been there from
the start.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from typing import Any, TypeVar, cast

from django.db.models import ManyToManyField, Model

from maillage.core.services import RowErrors, error_dict, service_for
from maillage.demo.dataset import DemoDataError

M = TypeVar("M", bound=Model)


def create_rows(rows: Iterable[tuple[M, Any]]) -> list[M]:
    """Create (record, author) pairs, in order, through the services of their models;
    a refused record stops the build with what was refused."""
    created: list[M] = []
    for (model, author), run in groupby(rows, key=lambda row: (type(row[0]), row[1])):
        records = [record for record, _ in run]
        service = service_for(model)
        try:
            created += service.create_many(records, by=author)
        except RowErrors as refusal:
            raise DemoDataError(_refused(model, records, refusal)) from refusal
    return created


def _refused(model: type[Model], records: list[Any], refusal: RowErrors) -> str:
    lines = [f"The {model._meta.verbose_name} service refuses demo records:"]
    for index, error in refusal.errors.items():
        for field, messages in error_dict(error).items():
            lines.append(f"- {records[index]}: {field}: {' '.join(messages)}")
    return "\n".join(lines)


def add_m2m(model: type[Model], field_name: str, pairs: list[tuple[int, Any]]) -> None:
    """Bulk-add (record pk, related pk) pairs to a many-to-many field.

    When the field's history is kept, the pairs are also written into the record's latest
    historical version (its creation), as if they had been there from the start: bulk
    writes send no signal, and the next edit must not look as if it had added them.
    """
    field = cast(ManyToManyField, model._meta.get_field(field_name))
    through = cast(type[Model], field.remote_field.through)
    source = field.m2m_field_name()
    target = field.m2m_reverse_field_name()
    rows = through._default_manager.bulk_create(
        [through(**{f"{source}_id": pk, f"{target}_id": other}) for pk, other in pairs]
    )
    history_model = model.history.model  # type: ignore[attr-defined]  # simple-history adds it
    if field_name not in {f.name for f in getattr(history_model, "_history_m2m_fields", [])}:
        return
    m2m_history_model = getattr(history_model, field_name).model
    latest = dict(
        history_model.objects.filter(id__in={pk for pk, _ in pairs})
        .order_by("history_id")
        .values_list("id", "history_id")
    )
    m2m_history_model.objects.bulk_create(
        [
            m2m_history_model(
                id=row.pk,
                history_id=latest[pk],
                **{f"{source}_id": pk, f"{target}_id": other},
            )
            for row, (pk, other) in zip(rows, pairs, strict=True)
        ]
    )


def by_name(model: type[M], names: Iterable[str], *, by: Any) -> dict[str, M]:
    """Rows of a name-keyed vocabulary (themes, tags), created when missing."""
    names = list(dict.fromkeys(names))
    rows = model._default_manager.filter(name__in=names)
    existing = {row.name: row for row in rows}  # type: ignore[attr-defined]  # themes, tags
    missing = [model(name=name) for name in names if name not in existing]
    created = create_rows((row, by) for row in missing)
    return {**existing, **{row.name: row for row in created}}  # type: ignore[attr-defined]  # idem
