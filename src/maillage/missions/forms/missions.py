"""Forms of missions and their rows (parsing only: the services hold the rules)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.accounts.models import User
from maillage.actors.forms import country_picker, organisation_picker, person_picker
from maillage.core.forms import DateInput
from maillage.core.typeahead import TypeaheadFormMixin, TypeaheadSelect, TypeaheadSelectMultiple
from maillage.missions.models import (
    AgendaItem,
    ApprovalDecision,
    ChecklistEntry,
    EmergencyContact,
    ItineraryLeg,
    Mission,
    MissionApprover,
    MissionCost,
    MissionFollowUp,
    MissionParticipant,
    MissionStatus,
    PerDiemRate,
)
from maillage.partnerships.models import Partnership

DATE = DateInput()
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MissionForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = Mission
        fields = [
            "title",
            "direction",
            "purpose",
            "projects",
            "partnership",
            "departure_on",
            "return_on",
            "country",
            "city",
            "timezone",
            "risk_level",
            "risk_assessed_on",
            "risk_source",
            "report",
            "decisions",
        ]
        widgets = {
            "departure_on": DATE,
            "return_on": DATE,
            "risk_assessed_on": DATE,
            "country": country_picker(),
            "projects": TypeaheadSelectMultiple("projects:project_choices"),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "report": forms.Textarea(attrs={"rows": 6}),
            "decisions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = Partnership.objects.order_by("name", "pk")


class MissionParticipantForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = MissionParticipant
        fields = ["person", "user", "role", "passport_expires_on", "note"]
        widgets = {"person": person_picker(), "passport_expires_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(is_active=True).order_by("username")


class ChecklistEntryForm(forms.ModelForm):
    """One item of a participant's checklist, in the checklist page's formset."""

    class Meta:
        model = ChecklistEntry
        fields = ["status", "note"]


ChecklistFormSet = forms.modelformset_factory(
    ChecklistEntry, form=ChecklistEntryForm, extra=0, max_num=20, can_delete=False
)


class ItineraryLegForm(forms.ModelForm):
    class Meta:
        model = ItineraryLeg
        fields = [
            "from_place",
            "departure_on",
            "departure_time",
            "departure_tz",
            "to_place",
            "arrival_on",
            "arrival_time",
            "arrival_tz",
            "transport",
            "reference",
        ]
        widgets = {
            "departure_on": DATE,
            "arrival_on": DATE,
            "departure_time": TIME,
            "arrival_time": TIME,
        }


class AgendaItemForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["starts_on", "starts_time", "place", "subject", "people", "meeting"]
        widgets = {
            "starts_on": DATE,
            "starts_time": TIME,
            "meeting": TypeaheadSelect("missions:meeting_choices"),
        }


class EmergencyContactForm(forms.ModelForm):
    class Meta:
        model = EmergencyContact
        fields = ["kind", "name", "phone", "email"]


class MissionCostForm(forms.ModelForm):
    class Meta:
        model = MissionCost
        fields = ["kind", "label", "quantity", "unit_amount", "currency"]


class MissionFollowUpForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = MissionFollowUp
        fields = ["kind", "text", "party", "owner", "due_on"]
        widgets = {
            "party": organisation_picker(),
            "due_on": DATE,
            "text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.internal()


class MissionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=MissionStatus.choices)
    reason = forms.CharField(label=_("Note"), max_length=500, required=False)


class ApprovalDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=ApprovalDecision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class PerDiemRateForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = PerDiemRate
        fields = ["country", "amount", "currency", "valid_from", "source"]
        widgets = {"country": country_picker(), "valid_from": DATE}


class MissionApproverForm(forms.ModelForm):
    class Meta:
        model = MissionApprover
        fields = ["user", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Approvers are staff of the service: never a partner's account.
        self.fields["user"].queryset = User.objects.internal().filter(is_active=True)
