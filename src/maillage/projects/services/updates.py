"""Writes of field updates and of their photos and documents."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.core.services import ModelService
from maillage.core.uploads import KINDS, download_name
from maillage.projects.models import AttachmentKind, FieldUpdate, Project, UpdateAttachment
from maillage.projects.models.updates import PHOTO_KINDS


class FieldUpdateService(ModelService[FieldUpdate]):
    """A field update: its author is who recorded it; written only on a project the
    author sees; `attachments` in the data (checked uploads) are stored with it. In the
    trash, its photos and documents stay on disk until the trash is emptied."""

    model = FieldUpdate

    @classmethod
    def prepare(cls, obj: FieldUpdate, *, by: Any, before: FieldUpdate | None) -> None:
        if before is None and obj.author_id is None and getattr(by, "pk", None) is not None:
            obj.author = by

    @classmethod
    def validate(
        cls, obj: FieldUpdate, *, by: Any, before: FieldUpdate | None, related: dict[str, Any]
    ) -> None:
        # Forms and the API offer only the projects the user sees; checked again where
        # it is written (commands and jobs, acting for nobody, are not limited).
        if by is None or obj.project_id is None:
            return
        if not Project.objects.visible_to(by).filter(pk=obj.project_id).exists():
            raise ValidationError({"project": _("You may not write on this project.")})

    @classmethod
    def save_related(cls, obj: FieldUpdate, related: dict[str, Any], *, by: Any) -> None:
        super().save_related(obj, related, by=by)
        for file in related.get("attachments") or ():
            store_attachment(update=obj, file=file, by=by)


class UpdateAttachmentService(ModelService[UpdateAttachment]):
    """A photo or document of a field update; removing one deletes its file once the
    row is surely gone."""

    model = UpdateAttachment

    @classmethod
    def delete(cls, *, obj: UpdateAttachment, by: Any, reason: str | None = None) -> str | None:
        storage, name = obj.file.storage, obj.file.name
        said = super().delete(obj=obj, by=by, reason=reason)
        if name:
            transaction.on_commit(lambda: storage.delete(name))
        return said


def store_attachment(
    *, update: FieldUpdate, file: Any, by: Any, caption: str = ""
) -> UpdateAttachment:
    """Attach a checked upload (`detected_kind` set by core.uploads.SafeFileField); the
    field stores it under a generated name (`core.uploads.StoredFileField`), and it is
    served under the user's name with the extension of its content."""
    kind = file.detected_kind
    content_type, extensions = KINDS[kind]
    original_name = download_name(file.name or "file", f"file{extensions[0]}")
    return UpdateAttachmentService.create(
        data={
            "update": update,
            "file": file,
            "kind": AttachmentKind.PHOTO if kind in PHOTO_KINDS else AttachmentKind.DOCUMENT,
            "original_name": original_name,
            "content_type": content_type,
            "size": file.size,
            "caption": caption,
        },
        by=by,
    )
