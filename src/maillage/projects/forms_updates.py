"""The field update form (with its photos and documents) and the updates' filters."""

from __future__ import annotations

import os
import uuid
from typing import Any

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core.uploads import KIND_LABELS, KINDS, SafeFileField, clean_filename
from maillage.projects.models import AttachmentKind, FieldUpdate, Project, UpdateAttachment

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PHOTO_KINDS = frozenset({"jpeg", "png", "webp"})
DOCUMENT_KINDS = frozenset({"pdf", "docx", "odt", "xlsx", "ods"})
MAX_FILES = 20


def max_photo_bytes() -> int:
    return int(getattr(settings, "UPDATE_PHOTO_MAX_BYTES", 10 * 1024 * 1024))


def max_document_bytes() -> int:
    return int(getattr(settings, "UPDATE_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024))


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(SafeFileField):
    """Several photos and documents at once, each checked by its content and its name:
    a file named `.jpg` must be a JPEG, whatever else it would be accepted as."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(
            allowed=PHOTO_KINDS | DOCUMENT_KINDS,
            max_bytes=max(max_photo_bytes(), max_document_bytes()),
            **kwargs,
        )

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_FILES:
            raise ValidationError(
                _("Send at most %(max)d files at once.") % {"max": MAX_FILES}, code="too_many"
            )
        cleaned = []
        for file in files:
            file = super().clean(file, initial)
            kind = file.detected_kind
            limit = max_photo_bytes() if kind in PHOTO_KINDS else max_document_bytes()
            if file.size > limit:
                raise ValidationError(
                    _("%(name)s weighs %(size)s; the limit for %(kind)s is %(limit)s.")
                    % {
                        "name": clean_filename(file.name),
                        "size": filesizeformat(file.size),
                        "kind": KIND_LABELS[kind],
                        "limit": filesizeformat(limit),
                    },
                    code="too_big",
                )
            extension = os.path.splitext(file.name or "")[1].lower()
            if extension not in KINDS[kind][1]:
                raise ValidationError(
                    _(
                        "%(name)s is %(kind)s, which its name does not say. Rename it with "
                        "the right extension (%(extensions)s), or send the file you meant."
                    )
                    % {
                        "name": clean_filename(file.name),
                        "kind": KIND_LABELS[kind],
                        "extensions": ", ".join(KINDS[kind][1]),
                    },
                    code="misnamed",
                )
            cleaned.append(file)
        return cleaned


def store_attachment(update: FieldUpdate, file: Any, caption: str = "") -> UpdateAttachment:
    """Save a checked upload (from `AttachmentsField`) under a random name."""
    kind = file.detected_kind
    attachment = UpdateAttachment(
        update=update,
        kind=AttachmentKind.PHOTO if kind in PHOTO_KINDS else AttachmentKind.DOCUMENT,
        original_name=clean_filename(file.name, default=f"file{KINDS[kind][1][0]}"),
        content_type=KINDS[kind][0],
        size=file.size,
        caption=caption,
    )
    # The stored name says nothing of the user's: no path tricks, no guessable names.
    attachment.file.save(f"{uuid.uuid4().hex}{KINDS[kind][1][0]}", file, save=False)
    attachment.save()
    return attachment


class FieldUpdateForm(forms.ModelForm):
    attachments = AttachmentsField(label=gettext_lazy("Photos and documents"))

    class Meta:
        model = FieldUpdate
        fields = ["project", "occurred_on", "title", "body", "is_public"]
        widgets = {"occurred_on": DATE, "body": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A partner writes only on the projects it is a member of.
        self.fields["project"].queryset = Project.objects.visible_to(user)

    def _save_m2m(self) -> None:
        super()._save_m2m()
        for file in self.cleaned_data.get("attachments") or []:
            store_attachment(self.instance, file)


def _visible_projects(request: Any) -> QuerySet[Project]:
    user = getattr(request, "user", None)
    return Project.objects.visible_to(user) if user is not None else Project.objects.none()


class FieldUpdateFilterSet(django_filters.FilterSet):
    project = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Project"), queryset=_visible_projects, empty_label=gettext_lazy("All")
    )
    is_public = django_filters.BooleanFilter(label=gettext_lazy("For public communication"))
    after = django_filters.DateFilter(
        label=gettext_lazy("On or after"), field_name="occurred_on", lookup_expr="gte", widget=DATE
    )
    before = django_filters.DateFilter(
        label=gettext_lazy("On or before"), field_name="occurred_on", lookup_expr="lte", widget=DATE
    )

    class Meta:
        model = FieldUpdate
        fields: list[str] = []
