"""Forms of indicator values: one update (figure or text, its parts by disaggregation,
narrative, an evidence file, the reason of a correction) and a move of the workflow.
They parse; IndicatorValueService decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core.forms import DateInput
from maillage.core.uploads import SafeFileField
from maillage.results.models import (
    DimensionValue,
    Indicator,
    IndicatorKind,
    IndicatorPeriod,
    IndicatorValue,
    ValueStatus,
)
from maillage.results.services.values import (
    EVIDENCE,
    EVIDENCE_KINDS,
    MAX_EVIDENCE_BYTES,
    PARTS,
    REASON,
    START_STATUSES,
)

PART_PREFIX = "part_"
REASON_HELP = _("Needed to correct an approved value: kept in its history.")
DATE = DateInput()


def part_field_name(dimension_value: DimensionValue) -> str:
    return f"{PART_PREFIX}{dimension_value.pk}"


class IndicatorValueForm(forms.ModelForm):
    """One update of an indicator's value; the parts of its disaggregations appear once
    the indicator is known (an edit, or a create page opened from the indicator)."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(s, ValueStatus(s).label) for s in START_STATUSES],
        initial=ValueStatus.DRAFT,
        help_text=_("Submitted: sent to the officer for approval."),
    )
    evidence = SafeFileField(
        allowed=EVIDENCE_KINDS, max_bytes=MAX_EVIDENCE_BYTES, label=_("evidence"), required=False
    )
    reason = forms.CharField(
        label=_("Reason for the correction"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
    )

    class Meta:
        model = IndicatorValue
        fields = ["period", "value", "text", "narrative", "status"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "narrative": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(
        self,
        *args: Any,
        user: Any = None,
        indicator: Indicator | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            indicator = self.instance.period.indicator
            # The workflow's buttons move a stored value; the form edits its figures.
            del self.fields["status"]
            if self.instance.status != ValueStatus.APPROVED:
                del self.fields["reason"]
        else:
            del self.fields["reason"]
        periods = IndicatorPeriod.objects.visible_to(user).select_related("indicator__project")
        if indicator is not None:
            periods = periods.filter(indicator=indicator)
        self.fields["period"].queryset = periods.order_by(
            "indicator__project__code", "indicator__code", "starts_on"
        )
        self.fields["period"].label_from_instance = _period_label
        self.indicator = indicator
        self.part_values: list[DimensionValue] = []
        if indicator is None:
            return
        if indicator.kind == IndicatorKind.QUALITATIVE:
            del self.fields["value"]
            self.fields["text"].required = True
            return
        del self.fields["text"]
        self.part_values = list(
            DimensionValue.objects.filter(dimension__indicators=indicator)
            .select_related("dimension")
            .order_by("dimension__name", "order", "label")
        )
        stored = (
            dict(self.instance.parts.values_list("dimension_value_id", "amount"))
            if self.instance.pk
            else {}
        )
        for value in self.part_values:
            self.fields[part_field_name(value)] = forms.DecimalField(
                label=f"{value.dimension.name} : {value.label}",
                required=False,
                max_digits=20,
                decimal_places=4,
                initial=stored.get(value.pk),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.indicator is not None and self.part_values:
            cleaned[PARTS] = {
                value.pk: cleaned.get(part_field_name(value))
                for value in self.part_values
                if cleaned.get(part_field_name(value)) is not None
            }
        upload = cleaned.pop("evidence", None)
        cleaned[EVIDENCE] = [upload] if upload else []
        for name in [n for n in cleaned if n.startswith(PART_PREFIX)]:
            del cleaned[name]
        if REASON in self.fields:
            cleaned[REASON] = cleaned.get(REASON, "")
        return cleaned

    def add_error(self, field: str | None, error: Any) -> None:
        # The service names the parts as a whole: shown on the first part's field.
        if field == PARTS and self.part_values:
            field = part_field_name(self.part_values[0])
        super().add_error(field, error)


def _period_label(period: IndicatorPeriod) -> str:
    indicator = period.indicator
    return f"{indicator.project.code} · {indicator} · {period}"


class ValueMoveForm(forms.Form):
    """Submit, approve or return a value (a return says why)."""

    status = forms.ChoiceField(label=_("Status"), choices=ValueStatus.choices)
    comment = forms.CharField(
        label=_("Reason for returning"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed to return a value: the partner reads it."),
    )
