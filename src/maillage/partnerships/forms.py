"""Forms of partnerships, agreements with their rows, and commitments."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.accounts.models import User
from maillage.actors.forms import organisation_picker, person_picker
from maillage.core.forms import DateInput
from maillage.core.typeahead import TypeaheadFormMixin, TypeaheadSelect, TypeaheadSelectMultiple
from maillage.core.uploads import KINDS, SafeFileField
from maillage.partnerships.models import (
    Agreement,
    AgreementFile,
    AgreementParty,
    Amendment,
    Commitment,
    CouncilDecision,
    Partnership,
)
from maillage.projects.models import Project

DATE = DateInput()
TEXT = forms.Textarea(attrs={"rows": 4})
# Signed conventions, annexes and evidence: documents and scans, never programs or pages.
FILE_KINDS = frozenset({"pdf", "docx", "odt", "jpeg", "png"})
MAX_FILE_BYTES = 20 * 1024 * 1024


def projects_picker() -> TypeaheadSelectMultiple:
    return TypeaheadSelectMultiple("projects:project_choices")


def _file_field(required: bool = True) -> SafeFileField:
    return SafeFileField(
        allowed=FILE_KINDS, max_bytes=MAX_FILE_BYTES, required=required, label=_("file")
    )


def _keep_content_type(form: forms.ModelForm, upload_field: str, type_field: str) -> None:
    """The content type the upload check found, served back with the file: parsed here,
    handed to the service with the rest (`core.crud.form_data` reads it from the form)."""
    kind = getattr(form.cleaned_data.get(upload_field), "detected_kind", None)
    if kind:
        form.cleaned_data[type_field] = KINDS[kind][0]
        setattr(form.instance, type_field, KINDS[kind][0])


class PartnershipForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = Partnership
        fields = [
            "name",
            "french_authority",
            "foreign_authority",
            "since",
            "status",
            "description",
            "projects",
        ]
        widgets = {
            "since": DATE,
            "description": TEXT,
            "french_authority": organisation_picker(),
            "foreign_authority": organisation_picker(),
            "projects": projects_picker(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["projects"].queryset = Project.objects.order_by("code")


class AgreementForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "partnership",
            "reference",
            "title",
            "kind",
            "status",
            "object",
            "signed_on",
            "start_on",
            "end_on",
            "tacit_renewal",
            "notice_months",
            "renewal",
            "amount",
            "currency",
            "projects",
        ]
        widgets = {
            "signed_on": DATE,
            "start_on": DATE,
            "end_on": DATE,
            "object": TEXT,
            "renewal": forms.Textarea(attrs={"rows": 2}),
            "projects": projects_picker(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["projects"].queryset = Project.objects.order_by("code")


class AgreementPartyForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = AgreementParty
        fields = ["organisation", "signatory", "signatory_title", "signed_on"]
        widgets = {
            "organisation": organisation_picker(),
            "signatory": person_picker(),
            "signed_on": DATE,
        }


class CouncilDecisionForm(TypeaheadFormMixin, forms.ModelForm):
    file = _file_field(required=False)

    class Meta:
        model = CouncilDecision
        fields = ["organisation", "number", "decided_on", "title", "file"]
        widgets = {"organisation": organisation_picker(), "decided_on": DATE}


class AmendmentForm(forms.ModelForm):
    file = _file_field(required=False)

    class Meta:
        model = Amendment
        fields = ["number", "signed_on", "object", "new_end_on", "new_amount", "file"]
        widgets = {"signed_on": DATE, "new_end_on": DATE, "object": TEXT}


class AgreementFileForm(forms.ModelForm):
    file = _file_field()

    class Meta:
        model = AgreementFile
        fields = ["title", "kind", "file"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        _keep_content_type(self, "file", "content_type")
        return cleaned


class CommitmentForm(TypeaheadFormMixin, forms.ModelForm):
    evidence_file = SafeFileField(
        allowed=FILE_KINDS, max_bytes=MAX_FILE_BYTES, required=False, label=_("evidence file")
    )

    class Meta:
        model = Commitment
        fields = [
            "agreement",
            "project",
            "party",
            "responsible_person",
            "follow_up_user",
            "text",
            "due_on",
            "remind_days_before",
            "status",
            "fulfilled_on",
            "evidence",
            "evidence_file",
        ]
        widgets = {
            "due_on": DATE,
            "fulfilled_on": DATE,
            "text": TEXT,
            "evidence": TEXT,
            "project": TypeaheadSelect("projects:project_choices"),
            "responsible_person": person_picker(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["follow_up_user"].queryset = User.objects.internal()
        self.fields["project"].queryset = Project.objects.order_by("code")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        _keep_content_type(self, "evidence_file", "evidence_content_type")
        return cleaned


class CommitmentsByPartnerForm(forms.Form):
    """The choices of the "commitments by partner" page, among what the user sees."""

    agreement = forms.ModelChoiceField(
        label=_("Agreement"),
        queryset=Agreement.objects.none(),
        required=False,
        # Not a select of every agreement (5,000 at national scale: a 498 KB page).
        widget=TypeaheadSelect("partnerships:agreement_choices"),
    )
    project = forms.ModelChoiceField(
        label=_("Project"),
        queryset=Project.objects.none(),
        required=False,
        # Not a select of every project (24,903 at national scale): the chosen one.
        widget=TypeaheadSelect("projects:project_choices"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = Agreement.objects.visible_to(user)
        self.fields["project"].queryset = Project.objects.visible_to(user)
