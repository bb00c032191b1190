"""Writes of indicator values (F2): the updates of an indicator's actual figure within a
period, with their disaggregated parts, evidence files and narrative, moved from draft to
approval through one path whatever the door (pages, grid, API, import).

A value moves along TRANSITIONS: draft → submitted → approved, or returned (with a
comment) and submitted again. Officers approve and return; partners enter, edit and
submit the values of their projects until approved. An approved value is locked for
partners; an officer may still correct it, with a reason kept as the history's change
reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from maillage.core.services import ModelService
from maillage.core.uploads import UploadRefused, check_upload, clean_filename
from maillage.results.models import (
    DimensionValue,
    IndicatorKind,
    IndicatorValue,
    ValueEvidence,
    ValuePart,
    ValueStatus,
)
from maillage.results.models.indicators import PERCENT_MAX
from maillage.results.services.actuals import refresh_actuals
from maillage.results.services.periods import check_parts, parse_parts, project_dates

# Inputs a door may give beside the columns (page form, API body, import row).
REASON = "reason"  # why an approved value is corrected (kept in the history)
PARTS = "parts"  # {dimension value: amount} or [{"dimension_value": …, "value": …}]
EVIDENCE = "evidence"  # uploaded files, each becoming a ValueEvidence
INDICATOR = "indicator"  # the indicator the door says the value is for
# What an evidence file may be, checked by its content whatever the door (page, API).
EVIDENCE_KINDS = frozenset({"pdf", "jpeg", "png", "xlsx", "ods", "docx", "odt", "csv"})
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
PROJECT = "project"  # the project the door works on (a project's grid or import)

S = ValueStatus
# Where a value may go from each status.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.SUBMITTED,),
    S.SUBMITTED: (S.APPROVED, S.RETURNED),
    S.RETURNED: (S.SUBMITTED,),
    S.APPROVED: (),
}
START_STATUSES = (S.DRAFT, S.SUBMITTED)
# Moves only the service's officers make.
STAFF_MOVES = frozenset({S.APPROVED, S.RETURNED})
# What a correction of an approved value changes.
FIGURE_FIELDS = ("period_id", "value", "text", "narrative")


def is_staff_writer(user: Any) -> bool:
    """Officers and administrators: they approve, return and correct values."""
    return bool(getattr(user, "can_write", False))


def may_edit(value: IndicatorValue, user: Any) -> bool:
    """Whether `user` may change this value at all (pages and API answer 403 otherwise):
    staff writers always (a correction of an approved value needs a reason); a partner,
    the values it entered, while they are not approved."""
    if is_staff_writer(user):
        return True
    return (
        getattr(user, "is_authenticated", False)
        and value.entered_by_id == getattr(user, "pk", None)
        and value.status != S.APPROVED
    )


def _figure(value: Decimal | None) -> str:
    return formats.number_format(value.normalize()) if value is not None else "—"


class IndicatorValueService(ModelService[IndicatorValue]):
    """Values of indicators: figure or text by the indicator's type, percentages within
    0–100, parts of the indicator's disaggregations (adding up when it says so), a
    period of the project, the workflow's moves and the lock of approved values."""

    model = IndicatorValue
    protected_fields: ClassVar[frozenset[str]] = ModelService.protected_fields | {
        "entered_by",
        "submitted_at",
        "approved_by",
        "approved_at",
    }

    @classmethod
    def create(
        cls, *, data: Mapping[str, Any], by: Any, reason: str | None = None
    ) -> IndicatorValue:
        return super().create(data=data, by=by, reason=reason or _reason(data))

    @classmethod
    def update(
        cls,
        *,
        obj: IndicatorValue,
        data: Mapping[str, Any],
        by: Any,
        version: int | None = None,
        reason: str | None = None,
    ) -> IndicatorValue:
        return super().update(
            obj=obj, data=data, by=by, version=version, reason=reason or _reason(data)
        )

    @classmethod
    def move(
        cls,
        *,
        obj: IndicatorValue,
        status: str,
        by: Any,
        comment: str = "",
        reason: str = "",
        version: int | None = None,
    ) -> IndicatorValue:
        """Submit, approve or return a value (returning needs `comment`), by the same
        rules as any other write of it."""
        data: dict[str, Any] = {"status": status}
        if status == S.RETURNED:
            data["return_comment"] = comment
        if reason:
            data[REASON] = reason
        return cls.update(obj=obj, data=data, by=by, version=version)

    # -- hooks -------------------------------------------------------------------------

    @classmethod
    def prepare(cls, obj: IndicatorValue, *, by: Any, before: IndicatorValue | None) -> None:
        if before is None and getattr(by, "pk", None) is not None:
            obj.entered_by = by
        if before is not None and before.status == obj.status:
            return
        now = timezone.now()
        if obj.status == S.SUBMITTED:
            obj.submitted_at = now
            obj.return_comment = ""  # answered by this submission (kept in the history)
        elif obj.status == S.APPROVED:
            obj.approved_by = by if getattr(by, "pk", None) is not None else None
            obj.approved_at = now

    @classmethod
    def validate(
        cls,
        obj: IndicatorValue,
        *,
        by: Any,
        before: IndicatorValue | None,
        related: dict[str, Any],
    ) -> None:
        errors: dict[str, Any] = {}
        if obj.period_id is not None:
            errors |= cls._check_figures(obj, related)
        errors |= cls._check_workflow(obj, by=by, before=before, related=related)
        if errors:
            raise ValidationError(errors)

    @classmethod
    def _check_figures(cls, obj: IndicatorValue, related: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        period = obj.period
        indicator = period.indicator
        given = related.get(INDICATOR)
        if given not in (None, "") and getattr(given, "pk", given) != indicator.pk:
            errors["period"] = _("This period is not one of the indicator's periods.")
        project = related.get(PROJECT)
        project_id = getattr(project, "pk", project)
        if project_id is not None and project_id != "" and int(project_id) != indicator.project_id:
            field = INDICATOR if INDICATOR in related else "period"
            errors[field] = _("This indicator belongs to another project (%(project)s).") % {
                "project": indicator.project.code
            }
        start, end = project_dates(indicator.project)
        if (start and period.ends_on < start) or (end and period.starts_on > end):
            errors["period"] = _("This period (%(period)s) is outside the project's dates.") % {
                "period": period
            }
        if indicator.kind == IndicatorKind.QUALITATIVE:
            if obj.value is not None:
                errors["value"] = _("A qualitative indicator takes a text, not a figure.")
            if not obj.text.strip():
                errors["text"] = _("Write the qualitative value.")
            if related.get(PARTS):
                errors[PARTS] = _("A qualitative indicator has no disaggregated figures.")
            return errors
        if obj.value is None:
            errors["value"] = _("Enter the value.")
        elif indicator.is_percentage and not (0 <= obj.value <= PERCENT_MAX):
            errors["value"] = _("A percentage is between 0 and 100.")
        try:
            parts = cls.parts_of(obj, related)
        except (ValidationError, ValueError, ArithmeticError, KeyError, TypeError) as error:
            message = getattr(error, "message_dict", {}).get(PARTS)
            errors[PARTS] = message[0] if message else _("Enter a number for each part.")
        else:
            if "value" not in errors:
                problem = check_parts(indicator, obj.value, parts)
                if problem:
                    errors[PARTS] = problem
        return errors

    @classmethod
    def _check_workflow(
        cls,
        obj: IndicatorValue,
        *,
        by: Any,
        before: IndicatorValue | None,
        related: dict[str, Any],
    ) -> dict[str, Any]:
        staff = is_staff_writer(by) or by is None  # None: a command or the demo
        if before is None:
            if obj.status not in START_STATUSES:
                return {"status": _("A new value starts as a draft or submitted.")}
            return {}
        errors: dict[str, Any] = {}
        if before.period_id != obj.period_id and before.period.indicator_id != getattr(
            obj.period, "indicator_id", None
        ):
            errors["period"] = _("A value does not move to another indicator.")
        if before.status != obj.status:
            if obj.status not in TRANSITIONS.get(before.status, ()):
                errors["status"] = _("A value cannot go from “%(from)s” to “%(to)s”.") % {
                    "from": S(before.status).label,
                    "to": S(obj.status).label if obj.status in S.values else obj.status,
                }
            elif obj.status in STAFF_MOVES and not staff:
                errors["status"] = _("Only the service's officers approve or return values.")
            if obj.status == S.RETURNED and not obj.return_comment.strip():
                errors["return_comment"] = _("Say why the value is returned.")
        corrected = any(getattr(before, f) != getattr(obj, f) for f in FIGURE_FIELDS)
        corrected = corrected or bool(related.get(EVIDENCE)) or _parts_changed(before, related)
        if not staff and before.entered_by_id != getattr(by, "pk", None):
            errors[NON_FIELD_ERRORS] = _("You may change only the values you entered.")
        elif before.status == S.APPROVED and corrected:
            if not staff:
                errors[NON_FIELD_ERRORS] = _(
                    "This value is approved: it is locked. Ask the officer to correct it."
                )
            elif not str(related.get(REASON) or "").strip():
                errors[REASON] = _(
                    "Say why you correct an approved value: the reason is kept in its history."
                )
        return errors

    @classmethod
    def parts_of(cls, obj: IndicatorValue, related: dict[str, Any]) -> dict[Any, Decimal]:
        """The value's parts as they will be: those given, else those stored."""
        if PARTS in related:
            given = parse_parts(related[PARTS])
            values = DimensionValue.objects.select_related("dimension").in_bulk(list(given))
            if len(values) != len(given):
                raise ValidationError({PARTS: _("Unknown disaggregation value.")})
            return {values[pk]: figure for pk, figure in given.items()}
        if obj.pk is None:
            return {}
        stored = obj.parts.select_related("dimension_value__dimension")
        return {p.dimension_value: p.amount for p in stored}

    @classmethod
    def save_related(cls, obj: IndicatorValue, related: dict[str, Any], *, by: Any) -> None:
        if PARTS in related:
            given = parse_parts(related[PARTS])
            kept = {p.dimension_value_id: p for p in obj.parts.all()}
            for pk, part in kept.items():
                if pk not in given:
                    cls.set_history(part, by=by, reason=None)
                    part.delete()
            for pk, figure in given.items():
                part = kept.get(pk) or ValuePart(value=obj, dimension_value_id=pk)
                if part.pk is None or part.amount != figure:
                    part.amount = figure
                    cls.set_history(part, by=by, reason=None)
                    part.save()
        for upload in related.get(EVIDENCE) or ():
            try:
                ValueEvidenceService.create(data={"value": obj, "file": upload}, by=by)
            except ValidationError as refused:
                # The value's doors name the upload `evidence`, not the file's column.
                raise ValidationError({EVIDENCE: _messages(refused)}) from None

    @classmethod
    def after_save(cls, obj: IndicatorValue, *, by: Any, before: IndicatorValue | None) -> None:
        # Only approved values make a period's actual: a write counts when the value is
        # approved before it or after it (approval, correction, a move to another period).
        if obj.status == S.APPROVED or (before is not None and before.status == S.APPROVED):
            refresh_actuals(periods=[obj.period_id, before.period_id if before else None])

    @classmethod
    def before_delete(cls, obj: IndicatorValue, *, by: Any) -> None:
        if by is not None and not is_staff_writer(by) and not may_edit(obj, by):
            raise ValidationError({NON_FIELD_ERRORS: _("This value is approved: it is locked.")})

    @classmethod
    def after_trash(cls, obj: IndicatorValue, *, by: Any) -> None:
        if obj.status == S.APPROVED:
            refresh_actuals(periods=[obj.period_id])

    @classmethod
    def after_restore(cls, obj: IndicatorValue, *, by: Any) -> None:
        if obj.status == S.APPROVED:
            refresh_actuals(periods=[obj.period_id])


class ValueEvidenceService(ModelService[ValueEvidence]):
    """Evidence files of a value, checked by their content and size whatever the door
    (the value's page, the API's `evidence` action); none is added to an approved value
    by a partner, nor by anyone who may not change the value."""

    model = ValueEvidence

    @classmethod
    def prepare(cls, obj: ValueEvidence, *, by: Any, before: ValueEvidence | None) -> None:
        file = obj.file
        if file and not obj.original_name and (before is None or before.file.name != file.name):
            obj.original_name = clean_filename(getattr(file, "name", "") or "evidence")[:255]

    @classmethod
    def validate(
        cls, obj: ValueEvidence, *, by: Any, before: ValueEvidence | None, related: dict
    ) -> None:
        locked = obj.value_id and obj.value.status == S.APPROVED
        if locked and by is not None and not is_staff_writer(by):
            raise ValidationError({"file": _("This value is approved: it is locked.")})
        if obj.value_id and by is not None and not may_edit(obj.value, by):
            raise ValidationError({"file": _("You may change only the values you entered.")})
        file = obj.file
        if not file or (before is not None and before.file.name == file.name):
            return
        try:
            check_upload(
                getattr(file, "file", file), allowed=EVIDENCE_KINDS, max_bytes=MAX_EVIDENCE_BYTES
            )
        except UploadRefused as refused:
            raise ValidationError({"file": refused.messages}) from None


class ValuePartService(ModelService[ValuePart]):
    """A value's parts are written with the value (IndicatorValueService's `parts`)."""

    model = ValuePart


def _parts_changed(before: IndicatorValue, related: dict[str, Any]) -> bool:
    if PARTS not in related:
        return False
    try:
        given = parse_parts(related[PARTS])
    except (ValidationError, ValueError, ArithmeticError, KeyError, TypeError):
        return True
    stored = dict(before.parts.values_list("dimension_value_id", "amount"))
    return given != stored


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [m for messages in error.message_dict.values() for m in messages]
    return list(error.messages)


def _reason(data: Mapping[str, Any]) -> str | None:
    value = str(data.get(REASON) or "").strip()
    return value or None
