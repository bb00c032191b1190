"""Forms of donors, instruments (their rules) and prerequisites. Forms only parse: the
rules that refuse a contradicting instrument are the model's (`Instrument.clean`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.actors.models import Organisation
from maillage.core.reference import country_choices
from maillage.core.typeahead import TypeaheadFormMixin, TypeaheadSelect
from maillage.funding.models import (
    Donor,
    Instrument,
    InstrumentPrerequisite,
)
from maillage.funding.models.instruments import applicant_type_choices, cost_category_choices

TEXT = forms.Textarea(attrs={"rows": 4})


class DonorForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = Donor
        fields = ["organisation", "kind", "notes"]
        # Never a select of every organisation: a network counts thousands.
        widgets = {"organisation": TypeaheadSelect("actors:organisation_choices"), "notes": TEXT}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["organisation"]
        field.queryset = Organisation.objects.all()


def _codes(label: Any, choices: Any, *, checkboxes: bool = True, help_text: Any = "") -> Any:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple if checkboxes else forms.SelectMultiple,
        help_text=help_text,
    )


class InstrumentForm(forms.ModelForm):
    url = forms.URLField(required=False, assume_scheme="https", label=_("link"))
    eligible_cost_categories = _codes(
        _("eligible cost categories"),
        cost_category_choices,
        help_text=_("None chosen: every category not declared ineligible."),
    )
    ineligible_cost_categories = _codes(_("ineligible cost categories"), cost_category_choices)
    eligible_countries = _codes(
        _("eligible countries"),
        country_choices,
        checkboxes=False,
        help_text=_("Countries where the project may take place; none chosen: every country."),
    )
    eligible_applicant_types = _codes(
        _("eligible applicant types"),
        applicant_type_choices,
        help_text=_("None chosen: any kind of applicant."),
    )

    class Meta:
        model = Instrument
        fields = [
            "donor", "name", "code", "description", "url", "currency", "is_active",
            "max_share_percent", "min_applicant_share_percent", "min_applicant_cash_percent",
            "in_kind_cap_percent", "in_kind_basis", "overheads_cap_percent",
            "eligible_cost_categories", "ineligible_cost_categories", "eligible_countries",
            "eligible_applicant_types", "min_amount", "max_amount",
            "min_duration_months", "max_duration_months",
            "payment_pattern", "held_back_percent", "payment_notes",
        ]  # fmt: skip
        widgets = {"description": TEXT, "payment_notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["donor"]
        field.queryset = Donor.objects.select_related("organisation")
        field.label_from_instance = str


class InstrumentPrerequisiteForm(forms.ModelForm):
    class Meta:
        model = InstrumentPrerequisite
        fields = ["text", "position"]
