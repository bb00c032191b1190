"""The actors' page forms: they parse (identifiers to digits, phones to E.164, language
codes in one spelling); the rules are the models' and the services', the same for the API
and the imports."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.accounts.models import User
from maillage.accounts.working_hours import WorkingHoursFormMixin
from maillage.actors.identifiers import clean_digits, normalise_languages, normalise_phone
from maillage.actors.models import (
    Confidentiality,
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
from maillage.core.typeahead import TypeaheadFormMixin, TypeaheadSelect, TypeaheadSelectMultiple


# Type-ahead pickers (core.typeahead): never a select of every organisation or person.
def organisation_picker() -> TypeaheadSelect:
    return TypeaheadSelect("actors:organisation_choices")


def organisations_picker() -> TypeaheadSelectMultiple:
    return TypeaheadSelectMultiple("actors:organisation_choices")


def person_picker() -> TypeaheadSelect:
    return TypeaheadSelect("actors:person_choices")


def people_picker() -> TypeaheadSelectMultiple:
    return TypeaheadSelectMultiple("actors:person_choices")


def country_picker() -> TypeaheadSelect:
    return TypeaheadSelect("core:country_choices")


def tags_picker() -> TypeaheadSelectMultiple:
    """Tags, with "Create …" on the spot (through TagService, for the roles that write)."""
    return TypeaheadSelectMultiple("actors:tag_choices", create_url_name="actors:tag_choices")


class OrganisationForm(TypeaheadFormMixin, forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https", label=_("website"))
    action_countries = forms.MultipleChoiceField(
        label=_("countries of action"),
        choices=country_choices,
        required=False,
        widget=TypeaheadSelectMultiple("core:country_choices"),
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
            "tags": tags_picker(),
            "parent": organisation_picker(),
            "country": country_picker(),
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


class PersonForm(WorkingHoursFormMixin, TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "first_name", "last_name", "email", "other_email", "phone", "mobile", "languages",
            "timezone", "working_hours_start", "working_hours_end", "working_days", "tags",
            "notes", "lawful_basis", "consent_on", "consent_source", "do_not_contact", "user",
        ]  # fmt: skip
        help_texts = {
            "user": _(
                "The account this person signs in with, if any: a partner's account sees "
                "its own person, organisation and partnership."
            )
        }
        widgets = {
            "consent_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "tags": tags_picker(),
            "working_hours_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "working_hours_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Active accounts, as a project's team lists them.
        self.fields["user"].queryset = User.objects.filter(is_active=True).order_by(
            "last_name", "username"
        )

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data["phone"])

    def clean_mobile(self) -> str:
        return normalise_phone(self.cleaned_data["mobile"])

    def clean_languages(self) -> str:
        return normalise_languages(self.cleaned_data["languages"])


class PositionForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = Position
        fields = ["organisation", "role", "start_on", "end_on"]
        widgets = {
            "organisation": organisation_picker(),
            "start_on": DateInput(),
            "end_on": DateInput(),
        }


class InteractionForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = Interaction
        fields = [
            "kind", "occurred_on", "subject", "notes", "people", "organisations", "project",
            "confidentiality", "follow_up_on", "follow_up_done",
        ]  # fmt: skip
        # Internal by default (the model's default, also when the field is not sent):
        # sharing with the project's partners is a choice made on each exchange.
        widgets = {
            "people": people_picker(),
            "organisations": organisations_picker(),
            "project": TypeaheadSelect("projects:project_choices"),
            "occurred_on": DateInput(),
            "follow_up_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confidentiality"].required = False

    def clean_confidentiality(self) -> str:
        return self.cleaned_data.get("confidentiality") or Confidentiality.INTERNAL


class GroupForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = Group
        fields = ["name", "kind", "theme", "country", "description"]
        widgets = {"country": country_picker(), "description": forms.Textarea(attrs={"rows": 3})}


class GroupMemberForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = GroupMember
        fields = ["person", "organisation", "role"]
        widgets = {"person": person_picker(), "organisation": organisation_picker()}


class OrganisationLinkForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = OrganisationLink
        fields = ["kind", "target", "since_on"]
        widgets = {"target": organisation_picker(), "since_on": DateInput()}
