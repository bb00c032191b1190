"""Input validation of the actors' pages: identifiers checked, phones stored as E.164."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.actors.identifiers import (
    clean_digits,
    normalise_phone,
    validate_siren,
    validate_siret,
)
from maillage.actors.models import (
    Group,
    GroupMember,
    Interaction,
    Organisation,
    OrganisationCountry,
    OrganisationLink,
    Person,
    Position,
)
from maillage.core.dates import DateRangeFormMixin
from maillage.core.models import CodelistItem
from maillage.core.reference import country_choices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https", label=_("website"))
    action_countries = forms.MultipleChoiceField(
        label=_("countries of action"), choices=country_choices, required=False
    )
    # Typed with spaces or dots ("213 303 180"); cleaned to digits, then checked.
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
        value = clean_digits(self.cleaned_data["siren"])
        if value:
            validate_siren(value)
        return value

    def clean_siret(self) -> str:
        value = clean_digits(self.cleaned_data["siret"])
        if value:
            validate_siret(value)
        return value

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data["phone"], self.cleaned_data.get("country") or "FR")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        siren, siret = cleaned.get("siren"), cleaned.get("siret")
        if siren and siret and not siret.startswith(siren):
            self.add_error("siret", _("The SIRET must start with the organisation's SIREN."))
        if cleaned.get("departement") and cleaned.get("country") != "FR":
            self.add_error("departement", _("A département is only for organisations in France."))
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        return cleaned

    def _save_m2m(self) -> None:
        super()._save_m2m()
        wanted = set(self.cleaned_data.get("action_countries") or [])
        current = set(self.instance.action_countries.values_list("country", flat=True))
        self.instance.action_countries.filter(country__in=current - wanted).delete()
        OrganisationCountry.objects.bulk_create(
            [OrganisationCountry(organisation=self.instance, country=c) for c in wanted - current]
        )


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "first_name", "last_name", "email", "other_email", "phone", "mobile", "languages",
            "timezone", "tags", "notes", "lawful_basis", "consent_on", "consent_source",
            "do_not_contact",
        ]  # fmt: skip
        widgets = {"consent_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data["phone"])

    def clean_mobile(self) -> str:
        return normalise_phone(self.cleaned_data["mobile"])

    def clean_languages(self) -> str:
        from maillage.core.reference import language_name

        codes = self.cleaned_data["languages"].replace(",", " ").lower().split()
        unknown = [c for c in codes if language_name(c) == c]
        if unknown:
            raise forms.ValidationError(
                _("Unknown language code: %(codes)s. Use ISO codes such as fr, ar, en."),
                params={"codes": ", ".join(unknown)},
            )
        return " ".join(dict.fromkeys(codes))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("lawful_basis") == "consent" and not cleaned.get("consent_on"):
            self.add_error("consent_on", _("Record when consent was given."))
        return cleaned


class PositionForm(DateRangeFormMixin, forms.ModelForm):
    class Meta:
        model = Position
        fields = ["organisation", "role", "start_on", "end_on"]
        widgets = {"start_on": DATE, "end_on": DATE}


class InteractionForm(forms.ModelForm):
    class Meta:
        model = Interaction
        fields = [
            "kind", "occurred_on", "subject", "notes", "people", "organisations", "project",
            "follow_up_on", "follow_up_done",
        ]  # fmt: skip
        widgets = {
            "occurred_on": DATE,
            "follow_up_on": DATE,
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

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if bool(cleaned.get("person")) == bool(cleaned.get("organisation")):
            raise forms.ValidationError(_("Choose either a person or an organisation."))
        return cleaned


class OrganisationLinkForm(forms.ModelForm):
    class Meta:
        model = OrganisationLink
        fields = ["kind", "target", "since_on"]
        widgets = {"since_on": DATE}
