"""Writes of calls and applications: a call with its attachments and required documents,
an application with its checklist (copied from the call when it is created) and its
status, moved through one path whatever the door (the page's buttons, the board, the API).

Marking an application submitted while a required document is not ready is refused,
unless a reason is given: the reason is the history's change reason of that write.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.services import ModelService, bulk_save
from maillage.funding import clock
from maillage.funding.models import (
    TRANSITIONS,
    Application,
    ApplicationStatus,
    Call,
    CallAttachment,
    CallDocument,
    ChecklistItem,
)
from maillage.funding.models.calls import DECIDED_STATUSES, START_STATUSES

# The input name of the reason a status change gives (page form, API body).
REASON = "reason"


class CallService(ModelService[Call]):
    """Calls; a new call's deadline may not be past (Call.clean)."""

    model = Call
    protected_fields: ClassVar[frozenset[str]] = ModelService.protected_fields | {"deadline_at"}


class CallAttachmentService(ModelService[CallAttachment]):
    model = CallAttachment


class CallDocumentService(ModelService[CallDocument]):
    model = CallDocument


class ChecklistItemService(ModelService[ChecklistItem]):
    model = ChecklistItem


def missing_documents(application: Application) -> list[ChecklistItem]:
    """The required items of the application's checklist that are not ready."""
    return [item for item in application.checklist.all() if item.missing]


class ApplicationService(ModelService[Application]):
    """Applications: the status moves only along TRANSITIONS; submitting with required
    documents not ready needs a reason, kept in the history."""

    model = Application
    protected_fields: ClassVar[frozenset[str]] = ModelService.protected_fields | {
        "submitted_on",
        "decided_on",
    }

    @classmethod
    def create(cls, *, data: Mapping[str, Any], by: Any, reason: str | None = None) -> Application:
        return super().create(data=data, by=by, reason=reason or _reason(data))

    @classmethod
    def update(
        cls,
        *,
        obj: Application,
        data: Mapping[str, Any],
        by: Any,
        version: int | None = None,
        reason: str | None = None,
    ) -> Application:
        return super().update(
            obj=obj, data=data, by=by, version=version, reason=reason or _reason(data)
        )

    @classmethod
    def prepare(cls, obj: Application, *, by: Any, before: Application | None) -> None:
        moved = before is None or before.status != obj.status
        if not moved:
            return
        # The funding clock: the real day, or the day the demo's story is told as of.
        today = timezone.localdate(clock.now())
        if obj.status == ApplicationStatus.SUBMITTED:
            obj.submitted_on = obj.submitted_on or today
        if obj.status in DECIDED_STATUSES:
            obj.decided_on = today

    @classmethod
    def validate(
        cls, obj: Application, *, by: Any, before: Application | None, related: dict[str, Any]
    ) -> None:
        if before is None:
            if obj.status not in START_STATUSES:
                labels = ", ".join(str(ApplicationStatus(s).label) for s in START_STATUSES)
                raise ValidationError(
                    {"status": _("A new application starts at one of: %(s)s.") % {"s": labels}}
                )
            return
        if before.status == obj.status:
            if before.call_id != obj.call_id and obj.status != ApplicationStatus.WATCH:
                raise ValidationError(
                    {"call": _("The call can change only while the application is watched.")}
                )
            return
        if obj.status not in TRANSITIONS.get(before.status, ()):
            raise ValidationError(
                {
                    "status": _("An application cannot go from “%(from)s” to “%(to)s”.")
                    % {
                        "from": ApplicationStatus(before.status).label,
                        "to": ApplicationStatus(obj.status).label,
                    }
                }
            )
        if obj.status == ApplicationStatus.SUBMITTED:
            missing = missing_documents(obj)
            reason = str(related.get(REASON) or "").strip()
            if missing and not reason:
                names = ", ".join(item.name for item in missing)
                raise ValidationError(
                    {
                        REASON: _(
                            "Required documents are not ready: %(names)s. Give the reason "
                            "for submitting without them."
                        )
                        % {"names": names}
                    }
                )

    @classmethod
    def after_save(cls, obj: Application, *, by: Any, before: Application | None) -> None:
        if before is None:
            copy_checklist(obj, by=by)

    @classmethod
    def move(
        cls,
        *,
        obj: Application,
        status: str,
        by: Any,
        reason: str = "",
        version: int | None = None,
    ) -> Application:
        """Move an application to `status` (the board, the status form): the same rules
        as any other write of it."""
        return cls.update(obj=obj, data={"status": status, REASON: reason}, by=by, version=version)


def _reason(data: Mapping[str, Any]) -> str | None:
    value = str(data.get(REASON) or "").strip()
    return value or None


def copy_checklist(application: Application, *, by: Any) -> list[ChecklistItem]:
    """The call's required documents, as the application's checklist to fill in."""
    documents = CallDocument.objects.filter(call_id=application.call_id).order_by("position", "pk")
    items = [
        ChecklistItem(
            application=application,
            name=document.name,
            required=document.required,
            position=document.position,
        )
        for document in documents
    ]
    if not items:
        return []
    return bulk_save(ChecklistItem, items, by=by, reason=None)


def allowed_moves(application: Application) -> list[tuple[str, str]]:
    """Where the application may go next: (status, label)."""
    return [
        (status, str(ApplicationStatus(status).label))
        for status in TRANSITIONS.get(application.status, ())
    ]


def check_status(value: Any) -> str:
    if value not in ApplicationStatus.values:
        raise ValidationError({"status": _("This status is not one of the board's columns.")})
    return str(value)
