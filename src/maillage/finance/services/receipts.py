"""Writes of receipts: a PDF or an image, checked by its content and size whatever the
door, its SHA-256 kept, the same file attached twice refused; nothing changes on a
validated expense."""

from __future__ import annotations

import hashlib
from typing import Any, ClassVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.core.services import ModelService
from maillage.core.uploads import (
    KINDS,
    UploadRefused,
    check_upload,
    clean_filename,
    download_name,
)
from maillage.finance.models import Expense, Receipt
from maillage.finance.services.expense_rules import (
    LOCKED,
    RECEIPT_KINDS,
    WITH_EXPENSE,
    max_receipt_bytes,
    may_edit,
)


def checksum_of(file: Any) -> str:
    """SHA-256 of a file's bytes, read in pieces; the file is left at its start."""
    digest = hashlib.sha256()
    file.seek(0)
    for piece in iter(lambda: file.read(1024 * 1024), b""):
        digest.update(piece)
    file.seek(0)
    return digest.hexdigest()


def check_receipt_file(file: Any) -> str:
    """The receipt's kind (PDF or image), by content and size, else UploadRefused."""
    return check_upload(file, allowed=RECEIPT_KINDS, max_bytes=max_receipt_bytes())


def attached_elsewhere(checksum: str, *, expense: Expense | None, by: Any) -> str | None:
    """Why a file with this checksum may not be attached to `expense`: it already is,
    to it or to another expense (named when the user may open it)."""
    others = Receipt.objects.filter(checksum=checksum).select_related("expense")
    if expense is not None and expense.pk is not None:
        if others.filter(expense_id=expense.pk).exists():
            return _("This receipt is already attached to this expense.")
        others = others.exclude(expense_id=expense.pk)
    other = others.order_by("pk").first()
    if other is None:
        return None
    seen = by is None or Expense.objects.visible_to(by).filter(pk=other.expense_id).exists()
    if seen:
        return _("This receipt is already attached to expense %(reference)s.") % {
            "reference": other.expense.reference
        }
    return _("This receipt is already attached to another expense.")


def _uploads(value: Any) -> list[Any]:
    if not value:
        return []
    return [f for f in (value if isinstance(value, list | tuple) else [value]) if f]


class ReceiptService(ModelService[Receipt]):
    """A receipt: a PDF or an image, checked by its content and size whatever the door;
    its SHA-256 kept; the same file attached twice refused. Nothing changes on a
    validated expense."""

    model = Receipt
    protected_fields: ClassVar[frozenset[str]] = ModelService.protected_fields | {
        "checksum",
        "size",
    }

    @classmethod
    def unchecked_fields(cls, obj: Receipt) -> set[str]:
        # Derived from the file here, never typed: a refused file leaves them blank.
        return super().unchecked_fields(obj) | {"checksum", "size", "original_name"}

    @classmethod
    def prepare(cls, obj: Receipt, *, by: Any, before: Receipt | None) -> None:
        file = obj.file
        if not file or (before is not None and before.file.name == file.name):
            return
        if not obj.original_name:
            obj.original_name = clean_filename(getattr(file, "name", "") or "receipt")[:255]
        upload = getattr(file, "file", file)
        size = getattr(upload, "size", None)
        if isinstance(size, int) and 0 < size <= max_receipt_bytes():
            obj.size = size
            obj.checksum = checksum_of(upload)

    @classmethod
    def validate(
        cls, obj: Receipt, *, by: Any, before: Receipt | None, related: dict[str, Any]
    ) -> None:
        expense = Expense.all_objects.filter(pk=obj.expense_id).first()
        if expense is not None and expense.is_locked:
            raise ValidationError({NON_FIELD_ERRORS: LOCKED})
        # Receipts sent with their expense's own write (a partner submitting at once) are
        # checked by that write; on their own, they follow who may edit the expense.
        own = related.get(WITH_EXPENSE)
        if expense is not None and by is not None and not own and not may_edit(expense, by):
            raise ValidationError({NON_FIELD_ERRORS: _("You may not change this expense.")})
        file = obj.file
        if not file or (before is not None and before.file.name == file.name):
            return
        upload = getattr(file, "file", file)
        try:
            kind = check_receipt_file(upload)
        except UploadRefused as refused:
            raise ValidationError({"file": refused.messages}) from None
        upload.detected_kind = kind
        obj.checksum = obj.checksum or checksum_of(upload)
        obj.size = obj.size or getattr(upload, "size", None) or file.size
        obj.original_name = download_name(obj.original_name or "receipt", f"f{KINDS[kind][1][0]}")
        problem = attached_elsewhere(obj.checksum, expense=expense, by=by)
        if problem:
            raise ValidationError({"file": problem})

    @classmethod
    def delete(cls, *, obj: Receipt, by: Any, reason: str | None = None) -> str | None:
        expense = obj.expense
        if expense.is_locked:
            raise ValidationError({NON_FIELD_ERRORS: LOCKED})
        storage, name = obj.file.storage, obj.file.name
        said = super().delete(obj=obj, by=by, reason=reason)
        if name:
            transaction.on_commit(lambda: storage.delete(name))
        return said
