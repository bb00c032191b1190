"""Forms of budgets, their versions, lines and funder splits."""

from __future__ import annotations

from typing import Any

from django import forms

from maillage.core.forms import DateInput
from maillage.finance.models import Budget, BudgetLine, BudgetLineFunding, BudgetVersion
from maillage.funding.models import Donor, Grant
from maillage.partnerships.models import Amendment
from maillage.projects.models import Project


class BudgetForm(forms.ModelForm):
    class Meta:
        model = Budget
        fields = ["project", "currency", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.visible_to(user).order_by("code")


class BudgetVersionForm(forms.ModelForm):
    class Meta:
        model = BudgetVersion
        fields = ["budget", "status", "adopted_on", "amendment", "note"]
        widgets = {"adopted_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["budget"].queryset = Budget.objects.visible_to(user).select_related("project")
        self.fields["amendment"].queryset = Amendment.objects.visible_to(user).select_related(
            "agreement"
        )
        if self.instance.pk:
            # A version stays in its budget (the service refuses a move, whatever the door).
            self.fields["budget"].disabled = True


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = [
            "budget_version",
            "code",
            "label",
            "category",
            "quantity",
            "unit",
            "unit_cost",
            "currency",
            "year",
            "quarter",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        versions = BudgetVersion.objects.visible_to(user).select_related("budget__project")
        self.fields["budget_version"].queryset = versions
        if self.instance.pk:
            self.fields["budget_version"].disabled = True


class BudgetLineFundingForm(forms.ModelForm):
    class Meta:
        model = BudgetLineFunding
        fields = ["donor", "grant", "amount"]

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["donor"].queryset = Donor.objects.visible_to(user).select_related(
            "organisation"
        )
        self.fields["grant"].queryset = Grant.objects.visible_to(user).select_related(
            "application__call"
        )
