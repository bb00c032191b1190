from django import forms

from maillage.core.dates import DateRangeFormMixin
from maillage.projects.models import Project


class ProjectForm(DateRangeFormMixin, forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "code",
            "title",
            "title_en",
            "summary",
            "status",
            "country",
            "start_on",
            "end_on",
            "budget",
            "currency",
            "owner",
        ]
        widgets = {
            "start_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 5}),
        }
