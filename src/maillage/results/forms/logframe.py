"""Forms of the logframe's levels, their assumptions, indicators, periods and the shared
definitions. Choices are limited to what the user sees, and to the record's project
when it is known (a level's parent, an output's activities, an assumption's risk)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core.forms import DateInput
from maillage.core.typeahead import TypeaheadFormMixin, TypeaheadSelect
from maillage.projects.models import Activity, Project, Risk
from maillage.results.models import (
    Assumption,
    CommonIndicator,
    Dimension,
    DimensionValue,
    Indicator,
    IndicatorPeriod,
    Result,
)
from maillage.results.models.indicators import FIGURE_DECIMALS, FIGURE_DIGITS
from maillage.results.sdg import sdg_indicator_choices
from maillage.results.services.periods import Cadence

TEXT = forms.Textarea(attrs={"rows": 3})


def _project_id(form: forms.ModelForm) -> Any:
    """The project the record belongs to: stored, sent, or given in the link."""
    value = form.instance.project_id if form.instance.pk else None
    value = value or form.data.get("project") or form.initial.get("project")
    value = getattr(value, "pk", value)
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        return None


class ResultForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = Result
        fields = ["project", "parent", "level", "code", "title", "description", "order"]
        fields += ["activities"]
        widgets = {
            "project": TypeaheadSelect("projects:project_choices"),
            "description": TEXT,
            "activities": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        project = _project_id(self)
        fields: Any = self.fields
        fields["project"].queryset = Project.objects.visible_to(user)
        parents = Result.objects.visible_to(user).select_related("project")
        activities = Activity.objects.visible_to(user)
        if project:
            parents = parents.filter(project_id=project)
            activities = activities.filter(project_id=project)
        else:
            # Without a project yet, the lists would hold every project's rows.
            activities = activities.none()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        fields["parent"].queryset = parents
        fields["activities"].queryset = activities.order_by("start_on", "position")
        fields["activities"].help_text = _("Outputs only: the activities that deliver it.")


class AssumptionForm(forms.ModelForm):
    class Meta:
        model = Assumption
        fields = ["text", "risk", "order"]
        widgets = {"text": TEXT}

    def __init__(self, *args: Any, result: Result | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        risks = Risk.objects.none()
        if result is not None:
            risks = Risk.objects.filter(project_id=result.project_id)
        field: Any = self.fields["risk"]
        field.queryset = risks


class IndicatorForm(TypeaheadFormMixin, forms.ModelForm):
    sdg_indicator = forms.CharField(
        label=_("SDG indicator"),
        required=False,
        max_length=10,
        help_text=_("The code of the official global SDG indicator, e.g. 4.4.1."),
    )

    class Meta:
        model = Indicator
        fields = [
            "project", "result", "code", "title", "definition", "kind", "unit", "measure",
            "direction", "aggregation", "baseline_value", "baseline_on", "baseline_comment",
            "means_of_verification", "sdg_indicator", "common", "dimensions",
            "parts_sum_to_total", "order",
        ]  # fmt: skip
        widgets = {
            "project": TypeaheadSelect("projects:project_choices"),
            "definition": TEXT,
            "baseline_on": DateInput(),
            "baseline_comment": TEXT,
            "means_of_verification": TEXT,
            "dimensions": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        project = _project_id(self)
        fields: Any = self.fields
        fields["project"].queryset = Project.objects.visible_to(user)
        results = Result.objects.visible_to(user)
        fields["result"].queryset = results.filter(project_id=project) if project else results
        fields["common"].queryset = CommonIndicator.objects.visible_to(user)
        fields["dimensions"].queryset = Dimension.objects.visible_to(user).for_project(project)
        choices = sdg_indicator_choices()
        if choices:
            # The official list is loaded: offer it (the service checks the code anyway).
            fields["sdg_indicator"] = forms.ChoiceField(
                label=fields["sdg_indicator"].label,
                required=False,
                choices=[("", "—"), *choices],
                help_text=fields["sdg_indicator"].help_text,
            )


def part_field_name(value: DimensionValue) -> str:
    return f"part_{value.pk}"


class IndicatorPeriodForm(forms.ModelForm):
    """A period and its target; one field per disaggregation value of the indicator for
    the target's parts, handed to the service as `parts`."""

    target_unit = forms.CharField(
        label=_("unit of the target"),
        required=False,
        max_length=60,
        help_text=_("Targets are in the indicator's unit."),
    )

    class Meta:
        model = IndicatorPeriod
        fields = ["starts_on", "ends_on", "target_value", "target_unit", "target_comment"]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "target_comment": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, indicator: Indicator | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.part_values: list[DimensionValue] = []
        if indicator is None:
            return
        self.fields["target_unit"].initial = indicator.unit
        self.part_values = list(
            DimensionValue.objects.filter(dimension__indicators=indicator)
            .select_related("dimension")
            .order_by("dimension__name", "order", "label")
        )
        stored = {}
        if self.instance.pk:
            stored = {p.dimension_value_id: p.value for p in self.instance.parts.all()}
        for value in self.part_values:
            self.fields[part_field_name(value)] = forms.DecimalField(
                label=_("Target — %(value)s") % {"value": value},
                required=False,
                max_digits=FIGURE_DIGITS,
                decimal_places=FIGURE_DECIMALS,
                initial=stored.get(value.pk),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.part_values:
            cleaned["parts"] = {
                value.pk: cleaned.pop(part_field_name(value), None) for value in self.part_values
            }
        return cleaned


class GeneratePeriodsForm(forms.Form):
    cadence = forms.ChoiceField(label=_("every"), choices=Cadence.choices)
    starts_on = forms.DateField(label=_("from"), widget=DateInput())
    ends_on = forms.DateField(label=_("to"), widget=DateInput())


class CommonIndicatorForm(forms.ModelForm):
    class Meta:
        model = CommonIndicator
        fields = ["code", "title", "unit", "measure", "definition"]
        widgets = {"definition": TEXT}


class DimensionForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = Dimension
        fields = ["name", "kind", "project"]
        widgets = {"project": TypeaheadSelect("projects:project_choices")}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["project"]
        field.queryset = Project.objects.visible_to(user)


class DimensionValueForm(forms.ModelForm):
    class Meta:
        model = DimensionValue
        fields = ["label", "order"]
