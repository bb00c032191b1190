"""The field update form, with its photos and documents checked by their content (the
service stores them: `services.store_attachment`)."""

from __future__ import annotations

import os
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core.forms import DateInput
from maillage.core.typeahead import TypeaheadFormMixin, TypeaheadSelect
from maillage.core.uploads import KIND_LABELS, KINDS, SafeFileField, clean_filename
from maillage.projects.models import FieldUpdate, Project
from maillage.projects.models.updates import DOCUMENT_KINDS, PHOTO_KINDS

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


class FieldUpdateForm(TypeaheadFormMixin, forms.ModelForm):
    attachments = AttachmentsField(label=gettext_lazy("Photos and documents"))

    class Meta:
        model = FieldUpdate
        fields = ["project", "occurred_on", "title", "body", "is_public"]
        widgets = {
            "project": TypeaheadSelect("projects:project_choices"),
            "occurred_on": DateInput(),
            "body": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A partner writes only on the projects it is a member of.
        self.fields["project"].queryset = Project.objects.visible_to(user)
