"""Forms of calls (with their attachments and required documents) and applications (with
their checklist and status changes). They parse; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.accounts.models import User
from maillage.core.forms import DateInput
from maillage.core.typeahead import TypeaheadFormMixin, TypeaheadSelect
from maillage.core.uploads import KINDS, SafeFileField
from maillage.funding.models import (
    Application,
    ApplicationStatus,
    Call,
    CallAttachment,
    CallDocument,
    ChecklistItem,
)
from maillage.projects.models import Project

DATE = DateInput()
TEXT = forms.Textarea(attrs={"rows": 4})
FILE_KINDS = frozenset({"pdf", "docx", "odt", "xlsx", "ods", "jpeg", "png"})
MAX_FILE_BYTES = 20 * 1024 * 1024
REASON_HELP = _(
    "Why, when the change needs one: submitting while a required document is not ready. "
    "Kept in the history."
)


class CallForm(forms.ModelForm):
    url = forms.URLField(label=_("link"), required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = Call
        fields = [
            "instrument",
            "title",
            "reference",
            "published_on",
            "deadline_on",
            "deadline_time",
            "deadline_tz",
            "url",
            "text",
        ]
        widgets = {
            "published_on": DATE,
            "deadline_on": DATE,
            "deadline_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "text": forms.Textarea(attrs={"rows": 8}),
        }


class CallAttachmentForm(forms.ModelForm):
    file = SafeFileField(allowed=FILE_KINDS, max_bytes=MAX_FILE_BYTES, label=_("file"))

    class Meta:
        model = CallAttachment
        fields = ["title", "file"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        kind = getattr(cleaned.get("file"), "detected_kind", None)
        if kind:
            cleaned["content_type"] = KINDS[kind][0]
            self.instance.content_type = KINDS[kind][0]
        return cleaned


class CallDocumentForm(forms.ModelForm):
    class Meta:
        model = CallDocument
        fields = ["name", "required", "position"]


class ApplicationForm(TypeaheadFormMixin, forms.ModelForm):
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
    )

    class Meta:
        model = Application
        fields = [
            "call",
            "project",
            "idea_title",
            "status",
            "requested_amount",
            "currency",
            "owner",
            "notes",
        ]
        widgets = {
            "project": TypeaheadSelect("projects:project_choices"),
            "notes": TEXT,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.internal()
        self.fields["project"].queryset = Project.objects.all()
        self.fields["call"].queryset = Call.objects.select_related("instrument")


class ChecklistItemForm(forms.ModelForm):
    class Meta:
        model = ChecklistItem
        fields = ["name", "required", "provided_by", "state", "position"]


class ApplicationStatusForm(forms.Form):
    """A move of the board or of the application's page (the same service decides)."""

    status = forms.ChoiceField(label=_("Status"), choices=ApplicationStatus.choices)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
    )
