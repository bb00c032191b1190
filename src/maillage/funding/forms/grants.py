"""Forms of grants, their tranches and reporting obligations."""

from __future__ import annotations

from typing import Any

from django import forms

from maillage.core.forms import DateInput
from maillage.funding.models import (
    Application,
    ApplicationStatus,
    Grant,
    ReportingObligation,
    Tranche,
)
from maillage.partnerships.models import Agreement

DATE = DateInput()


class GrantForm(forms.ModelForm):
    class Meta:
        model = Grant
        fields = [
            "application",
            "agreement",
            "amount",
            "currency",
            "start_on",
            "end_on",
            "conditions",
        ]
        widgets = {
            "start_on": DATE,
            "end_on": DATE,
            "conditions": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The granted applications (the service refuses any other, whatever the door).
        applications = Application.objects.filter(status=ApplicationStatus.GRANTED)
        self.fields["application"].queryset = applications.select_related("call", "project")
        self.fields["agreement"].queryset = Agreement.objects.order_by("title", "pk")


class TrancheForm(forms.ModelForm):
    class Meta:
        model = Tranche
        fields = [
            "position",
            "expected_on",
            "expected_amount",
            "received_on",
            "received_amount",
            "awaits",
            "held_back",
        ]
        widgets = {"expected_on": DATE, "received_on": DATE}

    def __init__(self, *args: Any, grant: Grant | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reports = ReportingObligation.objects.none()
        if grant is not None:
            reports = ReportingObligation.objects.filter(grant=grant)
        self.fields["awaits"].queryset = reports


class ReportingObligationForm(forms.ModelForm):
    class Meta:
        model = ReportingObligation
        fields = ["kind", "title", "is_final", "due_on", "submitted_on", "accepted_on"]
        widgets = {"due_on": DATE, "submitted_on": DATE, "accepted_on": DATE}


class ScheduleRowForm(forms.ModelForm):
    """A row of the whole schedule, edited at once (GrantService checks the total)."""

    class Meta:
        model = Tranche
        fields = [
            "expected_on",
            "expected_amount",
            "received_on",
            "received_amount",
            "awaits",
            "held_back",
        ]
        widgets = {"expected_on": DATE, "received_on": DATE}

    def __init__(self, *args: Any, grant: Grant | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["awaits"].queryset = ReportingObligation.objects.filter(grant=grant)
        self.fields["expected_amount"].required = False


ScheduleFormSet = forms.modelformset_factory(
    Tranche, form=ScheduleRowForm, extra=2, can_delete=True, max_num=40, validate_max=True
)
