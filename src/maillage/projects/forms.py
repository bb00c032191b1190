"""Forms of a project, its hierarchy (strategy, programme) and its descriptive rows
(sectors, locations, policy markers, consortium, team)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.accounts.models import User
from maillage.core.dates import DateRangeFormMixin
from maillage.core.formatting import format_number
from maillage.core.models import CodelistItem
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

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _offerable(field: forms.ModelChoiceField | forms.ModelMultipleChoiceField) -> None:
    """Withdrawn codes stay readable on old records but are not offered for new data."""
    field.queryset = field.queryset.filter(withdrawn=False).select_related("codelist")


class StrategyForm(DateRangeFormMixin, forms.ModelForm):
    class Meta:
        model = Strategy
        fields = ["title", "owner_organisation", "description", "start_on", "end_on"]
        widgets = {
            "start_on": DATE,
            "end_on": DATE,
            "description": forms.Textarea(attrs={"rows": 5}),
        }


class ProgrammeForm(DateRangeFormMixin, forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["strategy", "code", "title", "description", "start_on", "end_on", "owner"]
        widgets = {
            "start_on": DATE,
            "end_on": DATE,
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.internal()


class ProjectForm(DateRangeFormMixin, forms.ModelForm):
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
            "start_on": DATE,
            "end_on": DATE,
            "actual_start_on": DATE,
            "actual_end_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 5}),
            "summary_en": forms.Textarea(attrs={"rows": 5}),
            "sdg_targets": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.internal()
        _offerable(self.fields["sdg_targets"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        from maillage.core.dates import END_BEFORE_START, end_before_start

        if end_before_start(cleaned.get("actual_start_on"), cleaned.get("actual_end_on")):
            self.add_error("actual_end_on", END_BEFORE_START)
        return cleaned


class SectorRowForm(forms.ModelForm):
    class Meta:
        model = ProjectSector
        fields = ["sector", "percentage"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offerable(self.fields["sector"])
        self.fields["percentage"].widget.attrs.update({"min": "0.01", "max": "100", "step": "0.01"})


class BaseSectorFormSet(forms.BaseInlineFormSet):
    """A project's DAC sectors: each at most once, and the percentages sum to exactly 100."""

    def clean(self) -> None:
        super().clean()
        if any(form.errors for form in self.forms):
            return
        total, seen = Decimal(0), set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or not data.get("sector"):
                continue
            if data["sector"].pk in seen:
                raise forms.ValidationError(
                    _("%(sector)s is listed twice.") % {"sector": data["sector"]}
                )
            seen.add(data["sector"].pk)
            total += data.get("percentage") or 0
        if seen and total != 100:
            raise forms.ValidationError(
                _("The sector percentages add up to %(total)s %%; they must add up to 100 %%.")
                % {"total": format_number(total)}
            )


SectorFormSet = forms.inlineformset_factory(
    Project,
    ProjectSector,
    form=SectorRowForm,
    formset=BaseSectorFormSet,
    extra=3,
    can_delete=True,
)


class LocationForm(forms.ModelForm):
    class Meta:
        model = ProjectLocation
        fields = ["name", "country", "latitude", "longitude", "description"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        return cleaned


class PolicyMarkerForm(forms.ModelForm):
    class Meta:
        model = ProjectPolicyMarker
        fields = ["marker", "significance"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offerable(self.fields["marker"])
        _offerable(self.fields["significance"])


class PartnerForm(forms.ModelForm):
    class Meta:
        model = ProjectPartner
        fields = ["organisation", "role", "share", "contacts"]
        widgets = {"contacts": forms.SelectMultiple(attrs={"size": 6})}

    def clean_share(self) -> Decimal | None:
        share = self.cleaned_data.get("share")
        if share is not None and not 0 <= share <= 100:
            raise forms.ValidationError(_("A share is a percentage between 0 and 100."))
        return share


class MembershipForm(forms.ModelForm):
    class Meta:
        model = ProjectMembership
        fields = ["user", "role"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(is_active=True).order_by(
            "last_name", "username"
        )


def codelist_loaded(name: str) -> bool:
    return CodelistItem.objects.of(name).exists()
