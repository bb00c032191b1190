from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.projects.models import Project


class ProjectForm(forms.ModelForm):
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

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        start, end = cleaned.get("start_on"), cleaned.get("end_on")
        if start and end and end < start:
            self.add_error("end_on", _("The end date must come after the start date."))
        return cleaned
