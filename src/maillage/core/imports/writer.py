"""Write a clean preview in one transaction, through the entity's service, and report what
became of each row."""

from __future__ import annotations

import copy
import os
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from maillage.core.imports.engine import CREATE, SKIP, UPDATE, Importer, Issue, RowResult
from maillage.core.imports.preview import Preview, named
from maillage.core.imports.readers import column_letter
from maillage.core.models import VersionedModel
from maillage.core.services import RowErrors, iter_errors

MAX_REFUSALS_SHOWN = 10


class ImportAborted(Exception):
    """The import was stopped before or while writing; nothing was written."""


@dataclass(frozen=True)
class Outcome:
    row: int
    action: str  # created, updated, unchanged, skipped, rejected
    pk: int | None = None
    label: str = ""
    detail: str = ""


class Progress:
    """What `commit` reports to: a job's context, or nothing (the command line)."""

    def set_total(self, total: int) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass


def decide(row: RowResult, decisions: Mapping[int, str], default: str) -> str:
    if row.match is None:
        return CREATE
    decision = decisions.get(row.number, default)
    if decision not in row.match.choices:
        return SKIP
    return decision


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def commit(
    importer: Importer,
    preview: Preview,
    *,
    decisions: Mapping[int, str] | None = None,
    default: str = SKIP,
    expected: Mapping[int, int | None] | None = None,
    progress: Progress | None = None,
    valid_rows_only: bool = False,
) -> list[Outcome]:
    """Write a clean preview: create, update or skip each row, all in one transaction.

    `decisions` maps row numbers to skip/update/create for the duplicates (others get
    `default`); `expected` maps row numbers to the record the person saw matched: if the
    row now matches another, it is skipped rather than written on a record nobody chose.

    With `valid_rows_only`, the rows with errors (in the preview, or refused by the
    service when written) are set aside as "rejected" with their reasons, and the others
    are written; without it (all or nothing), any error writes nothing.
    """
    if not valid_rows_only and not preview.is_clean:
        raise ImportAborted(_("The file still has errors: nothing was imported."))
    if any(i.level == "error" for i in preview.file_issues):
        raise ImportAborted(_("The file itself has errors: nothing was imported."))
    progress = progress or Progress()
    decisions = decisions or {}
    outcomes: dict[int, Outcome] = {}
    creates: list[RowResult] = []
    updates: list[RowResult] = []
    for row in preview.rows:
        if row.has_errors:
            outcomes[row.number] = _rejected(
                row, [i.message for i in row.issues if i.level == "error"]
            )
            continue
        if (
            expected is not None
            and row.match is not None
            and expected.get(row.number, -1) != row.match.pk
        ):
            outcomes[row.number] = Outcome(
                row.number, "skipped", detail=_("The duplicate changed since the preview.")
            )
            continue
        decision = decide(row, decisions, default)
        if decision == CREATE:
            creates.append(row)
        elif decision == UPDATE:
            updates.append(row)
        else:
            assert row.match is not None
            outcomes[row.number] = Outcome(
                row.number, "skipped", row.match.pk, row.match.label, row.match.reason
            )
    model = importer.model
    now = timezone.now()
    with transaction.atomic():
        for batch in _chunks(creates, importer.batch_size):
            if valid_rows_only:
                batch = _set_aside_refused(importer, batch, outcomes)
            objects = [importer.build(row.values) for row in batch]
            saved = _create(importer, objects, batch)
            pairs = list(zip(saved, batch, strict=True))
            importer.after_create(pairs)
            for obj, row in pairs:
                outcomes[row.number] = Outcome(row.number, "created", obj.pk, str(obj))
            progress.advance(len(batch))
            _test_pause_hook()
        for batch in _chunks(updates, importer.batch_size):
            pks = [row.match.pk for row in batch if row.match is not None]
            current = model._default_manager.select_for_update().in_bulk(pks)
            changed_fields: set[str] = set()
            pairs = []
            refusals: list[tuple[RowResult, ValidationError]] = []
            for row in batch:
                assert row.match is not None
                obj = current.get(row.match.pk)
                if obj is None:
                    raise ImportAborted(
                        _(
                            "Row %(row)s: the record it updates (%(label)s) was deleted "
                            "since the preview. Nothing was imported; preview the file again."
                        )
                        % {"row": row.number, "label": row.match.label}
                    )
                before = copy.copy(obj)
                changed = importer.apply(obj, row.values)
                if changed:
                    try:
                        _check_update(importer, obj, before)
                    except ValidationError as error:
                        if valid_rows_only:
                            outcomes[row.number] = _rejected(row, _messages(error, model))
                        else:
                            refusals.append((row, error))
                        continue
                    changed_fields.update(changed)
                    changed_fields.update(_derive(obj, updating=True, now=now))
                pairs.append((obj, row))
                action = "updated" if changed else "unchanged"
                outcomes[row.number] = Outcome(row.number, action, obj.pk, str(obj))
            if refusals:
                raise ImportAborted(_refused(refusals, model))
            # Two rows may update one record: it is written once, with both changes.
            touched = list(
                {id(o): o for o, row in pairs if outcomes[row.number].action == "updated"}.values()
            )
            if touched:
                _bulk_update(importer, touched, sorted(changed_fields), now)
            importer.after_update(pairs)
            progress.advance(len(batch))
    return [outcomes[row.number] for row in preview.rows if row.number in outcomes]


def _rejected(row: RowResult, messages: list[str]) -> Outcome:
    return Outcome(row.number, "rejected", detail=" ".join(messages))


def _messages(error: ValidationError, model: type[models.Model]) -> list[str]:
    return [
        message if name == NON_FIELD_ERRORS else named(model, name, message)
        for name, message in iter_errors(error)
    ]


def _set_aside_refused(
    importer: Importer, batch: list[RowResult], outcomes: dict[int, Outcome]
) -> list[RowResult]:
    """The rows of a batch the service accepts now (the database may have changed since
    the preview); the others are rejected with its messages."""
    service = importer.service
    kept = []
    for row in batch:
        obj = importer.build(row.values)
        try:
            service.prepare(obj, by=importer.user, before=None)
            service.clean(obj, by=importer.user, before=None, related={})
        except ValidationError as error:
            outcomes[row.number] = _rejected(row, _messages(error, importer.model))
        else:
            kept.append(row)
    return kept


def _test_pause_hook() -> None:
    """Test hook: with MAILLAGE_TEST_PAUSE_IMPORT=seconds, stop after the first batch is
    written inside the transaction, so a test can kill the process mid-import."""
    seconds = os.environ.get("MAILLAGE_TEST_PAUSE_IMPORT")
    if seconds:
        sys.stderr.write("import paused inside its transaction\n")
        sys.stderr.flush()
        time.sleep(float(seconds))


def _has_history(model: type[models.Model]) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def _create(importer: Importer, objects: list[models.Model], rows: list[RowResult]) -> list[Any]:
    """The new records, through the service: each passes the rules of a single create
    (the database may have changed since the preview), then one bulk insert with history."""
    try:
        return importer.service.create_many(
            objects,
            by=importer.user,
            reason=str(importer.change_reason),
            batch_size=importer.batch_size,
        )
    except RowErrors as refused:
        raise ImportAborted(
            _refused(
                [(rows[index], error) for index, error in sorted(refused.errors.items())],
                importer.model,
            )
        ) from None


def _check_update(importer: Importer, obj: models.Model, before: models.Model) -> None:
    """An existing record changed by its row passes the rules of an edit on its page."""
    service = importer.service
    service.prepare(obj, by=importer.user, before=before)
    service.clean(obj, by=importer.user, before=before, related={})


def _refused(refusals: list[tuple[RowResult, ValidationError]], model: type[models.Model]) -> str:
    """Why rows are refused now (the database changed since the preview, or a duplicate
    was to be created): each row with its messages, as the preview says them."""
    lines = []
    for row, error in refusals[:MAX_REFUSALS_SHOWN]:
        for name, message in iter_errors(error):
            if name != NON_FIELD_ERRORS:
                message = named(model, name, message)
            lines.append(_("Row %(row)s: %(message)s") % {"row": row.number, "message": message})
    return " ".join([_("Some rows are refused; nothing was imported."), *lines])


def _bulk_update(
    importer: Importer, objects: list[models.Model], fields: list[str], now: Any
) -> None:
    model = importer.model
    if not _has_history(model):
        model._default_manager.bulk_update(objects, fields, batch_size=importer.batch_size)
    else:
        bulk_update_with_history(
            objects,
            model,
            fields,
            batch_size=importer.batch_size,
            default_user=importer.user,
            default_change_reason=str(importer.change_reason),
            default_date=now,
        )
    if "search_text" in fields:  # a SearchableModel: save() is not called, index here
        from maillage.core.search import index

        index(objects)


def _derive(obj: models.Model, *, updating: bool = False, now: Any = None) -> list[str]:
    """What save() would have set, since bulk writes skip it; the fields it changed."""
    fields = []
    compute_search_text = getattr(obj, "compute_search_text", None)
    if compute_search_text is not None:
        obj.search_text = compute_search_text()  # type: ignore[attr-defined]  # SearchableModel
        fields.append("search_text")
    if updating:
        if isinstance(obj, VersionedModel):
            obj.version += 1  # editors holding the old version are told it moved on
            fields.append("version")
        for model_field in obj._meta.concrete_fields:
            if getattr(model_field, "auto_now", False):
                setattr(obj, model_field.attname, now or timezone.now())
                fields.append(model_field.attname)
    return fields


def outcome_label(action: str) -> str:
    return {
        "created": _("created"),
        "updated": _("updated"),
        "unchanged": _("unchanged"),
        "skipped": _("skipped"),
        "rejected": _("rejected"),
    }.get(action, action)


def report_rows(outcomes: Iterable[Outcome]) -> tuple[list[str], Iterator[list[Any]]]:
    """The downloadable report: one line per row of the file, with what became of it."""
    headers = [_("Row"), _("Outcome"), _("Record id"), _("Record"), _("Details")]
    rows = ([o.row, outcome_label(o.action), o.pk or "", o.label, o.detail] for o in outcomes)
    return headers, rows


def issue_report_rows(issues: Iterable[Issue]) -> tuple[list[str], Iterator[list[Any]]]:
    headers = [_("Row"), _("Column"), _("Level"), _("Message")]
    rows = (
        [
            i.row or "",
            f"{column_letter(i.column)} {i.header}".strip() if i.column else "",
            _("error") if i.level == "error" else _("warning"),
            i.message,
        ]
        for i in issues
    )
    return headers, rows
