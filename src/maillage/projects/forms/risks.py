"""The risk form."""

from __future__ import annotations

from typing import Any

from django import forms

from maillage.accounts.models import User
from maillage.core.forms import DateInput
from maillage.core.typeahead import TypeaheadFormMixin, TypeaheadSelect
from maillage.projects.models import Level, Project, Risk


class RiskForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = Risk
        fields = [
            "project",
            "title",
            "category",
            "description",
            "likelihood",
            "impact",
            "mitigation",
            "owner",
            "review_on",
            "status",
        ]
        widgets = {
            "project": TypeaheadSelect("projects:project_choices"),
            "review_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "mitigation": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.visible_to(user)
        self.fields["owner"].queryset = User.objects.internal()
        for name in ("likelihood", "impact"):
            # Offered as a list, parsed as a number: the model says what is out of range,
            # in the same words as to the API.
            field = self.fields[name]
            self.fields[name] = forms.IntegerField(
                label=field.label,
                initial=field.initial,
                help_text=field.help_text,
                widget=forms.Select(choices=Level.choices),
            )
