"""The actors' page forms: they parse (identifiers to digits, phones to E.164, language
codes in one spelling); the rules are the models' and the services', the same for the API
and the imports."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.actors.identifiers import clean_digits, normalise_languages, normalise_phone
from maillage.actors.models import (
    Group,
    GroupMember,
    Interaction,
    Organisation,
    OrganisationLink,
    Person,
    Position,
)
from maillage.core.forms import DateInput
from maillage.core.models import CodelistItem
from maillage.core.reference import country_choices


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https", label=_("website"))
    action_countries = forms.MultipleChoiceField(
        label=_("countries of action"), choices=country_choices, required=False
    )
    # Typed with spaces or dots ("213 303 180"); cleaned to digits, then checked by the model.
    siren = forms.CharField(label=_("SIREN"), max_length=20, required=False)
    siret = forms.CharField(label=_("SIRET"), max_length=30, required=False)

    class Meta:
        model = Organisation
        fields = [
            "name", "acronym", "type", "siren", "siret", "iati_identifier",
            "address", "postcode", "city", "country", "departement", "foreign_region",
            "latitude", "longitude", "website", "email", "phone",
            "themes", "sectors", "sdgs", "tags", "parent", "notes", "is_active",
        ]  # fmt: skip
        widgets = {
            "sdgs": forms.CheckboxSelectMultiple,
            "address": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Withdrawn sector codes stay on old records but are not offered for new choices.
        sectors = CodelistItem.objects.of("SectorCategory")
        chosen = self.instance.sectors.all() if self.instance.pk else CodelistItem.objects.none()
        self.fields["sectors"].queryset = (
            sectors.offerable() | sectors.filter(pk__in=chosen)
        ).order_by("code")
        if self.instance.pk:
            self.fields["parent"].queryset = Organisation.objects.exclude(pk=self.instance.pk)
            self.initial["action_countries"] = list(
                self.instance.action_countries.values_list("country", flat=True)
            )

    def clean_siren(self) -> str:
        return clean_digits(self.cleaned_data["siren"])

    def clean_siret(self) -> str:
        return clean_digits(self.cleaned_data["siret"])

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data["phone"], self.cleaned_data.get("country") or "FR")


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "first_name", "last_name", "email", "other_email", "phone", "mobile", "languages",
            "timezone", "tags", "notes", "lawful_basis", "consent_on", "consent_source",
            "do_not_contact",
        ]  # fmt: skip
        widgets = {"consent_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data["phone"])

    def clean_mobile(self) -> str:
        return normalise_phone(self.cleaned_data["mobile"])

    def clean_languages(self) -> str:
        return normalise_languages(self.cleaned_data["languages"])


class PositionForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = ["organisation", "role", "start_on", "end_on"]
        widgets = {"start_on": DateInput(), "end_on": DateInput()}


class InteractionForm(forms.ModelForm):
    class Meta:
        model = Interaction
        fields = [
            "kind", "occurred_on", "subject", "notes", "people", "organisations", "project",
            "follow_up_on", "follow_up_done",
        ]  # fmt: skip
        widgets = {
            "occurred_on": DateInput(),
            "follow_up_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }


class GroupForm(forms.ModelForm):
    class Meta:
        model = Group
        fields = ["name", "kind", "theme", "country", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class GroupMemberForm(forms.ModelForm):
    class Meta:
        model = GroupMember
        fields = ["person", "organisation", "role"]


class OrganisationLinkForm(forms.ModelForm):
    class Meta:
        model = OrganisationLink
        fields = ["kind", "target", "since_on"]
        widgets = {"since_on": DateInput()}
