"""Forms of a project, its hierarchy (strategy, programme) and its descriptive rows
(sectors, locations, policy markers, consortium, team). They parse; the rules are the
models' and the services'."""

from __future__ import annotations

from typing import Any

from django import forms

from maillage.accounts.models import User
from maillage.actors.forms import (
    country_picker,
    organisation_picker,
    people_picker,
    tags_picker,
)
from maillage.core.dates import DateRangeFormMixin
from maillage.core.forms import DateInput
from maillage.core.typeahead import TypeaheadFormMixin
from maillage.core.widgets import Select
from maillage.projects.models import (
    Programme,
    Project,
    ProjectLocation,
    ProjectMembership,
    ProjectPartner,
    ProjectPolicyMarker,
    ProjectSector,
    Strategy,
)


def _offerable(field: forms.ModelChoiceField | forms.ModelMultipleChoiceField) -> None:
    """Withdrawn codes stay readable on old records but are not offered for new data."""
    field.queryset = field.queryset.filter(withdrawn=False).select_related("codelist")


class StrategyForm(TypeaheadFormMixin, DateRangeFormMixin, forms.ModelForm):
    class Meta:
        model = Strategy
        fields = ["title", "owner_organisation", "description", "start_on", "end_on"]
        widgets = {
            "owner_organisation": organisation_picker(),
            "start_on": DateInput(),
            "end_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 5}),
        }


class ProgrammeForm(DateRangeFormMixin, forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["strategy", "code", "title", "description", "start_on", "end_on", "owner"]
        widgets = {
            "start_on": DateInput(),
            "end_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.internal()


class ProjectForm(TypeaheadFormMixin, DateRangeFormMixin, forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "programme",
            "code",
            "title",
            "title_en",
            "summary",
            "summary_en",
            "status",
            "country",
            "start_on",
            "end_on",
            "actual_start_on",
            "actual_end_on",
            "budget",
            "currency",
            "owner",
            "sdg_targets",
            "tags",
        ]
        widgets = {
            "start_on": DateInput(),
            "end_on": DateInput(),
            "actual_start_on": DateInput(),
            "actual_end_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 5}),
            "summary_en": forms.Textarea(attrs={"rows": 5}),
            "sdg_targets": forms.SelectMultiple(attrs={"size": 8}),
            "tags": tags_picker(),
            "country": country_picker(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.internal()
        _offerable(self.fields["sdg_targets"])


class SectorRowForm(forms.ModelForm):
    class Meta:
        model = ProjectSector
        fields = ["sector", "percentage"]
        # The ~300 DAC sectors of each row written in one pass (`core.widgets`).
        widgets = {"sector": Select}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offerable(self.fields["sector"])
        self.fields["percentage"].widget.attrs.update({"min": "0.01", "max": "100", "step": "0.01"})


# The project's sectors, parsed row by row; `services.set_sectors` checks the whole set
# (each sector once, summing to 100) and writes it.
SectorFormSet = forms.formset_factory(SectorRowForm, extra=3, can_delete=True)


class LocationForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = ProjectLocation
        fields = ["name", "country", "latitude", "longitude", "description"]
        widgets = {"country": country_picker()}


class PolicyMarkerForm(forms.ModelForm):
    class Meta:
        model = ProjectPolicyMarker
        fields = ["marker", "significance"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offerable(self.fields["marker"])
        _offerable(self.fields["significance"])


class PartnerForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = ProjectPartner
        fields = ["organisation", "role", "share", "contacts"]
        widgets = {"organisation": organisation_picker(), "contacts": people_picker()}


class MembershipForm(forms.ModelForm):
    class Meta:
        model = ProjectMembership
        fields = ["user", "role"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(is_active=True).order_by(
            "last_name", "username"
        )
