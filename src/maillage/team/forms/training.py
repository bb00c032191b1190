"""Forms of training sessions, participants, feedback and training needs."""

from __future__ import annotations

from typing import Any

from django import forms

from maillage.actors.forms import people_picker, person_picker
from maillage.core.forms import DateInput
from maillage.core.typeahead import TypeaheadFormMixin, TypeaheadSelect
from maillage.team.models import (
    TrainingFeedback,
    TrainingNeed,
    TrainingParticipant,
    TrainingSession,
)

DATE = DateInput()
SCORE = forms.RadioSelect


class TrainingSessionForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = TrainingSession
        fields = [
            "title",
            "kind",
            "objectives",
            "trainers",
            "start_on",
            "end_on",
            "place",
            "online",
            "project",
            "skills",
        ]
        widgets = {
            "trainers": people_picker(),
            "project": TypeaheadSelect("projects:project_choices"),
            "start_on": DATE,
            "end_on": DATE,
            "objectives": forms.Textarea(attrs={"rows": 4}),
        }


class TrainingParticipantForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = TrainingParticipant
        fields = ["person", "attended", "skills_gained"]
        widgets = {"person": person_picker()}


class TrainingFeedbackForm(forms.ModelForm):
    class Meta:
        model = TrainingFeedback
        fields = ["participant", "content", "trainer", "organisation", "usefulness", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, session: TrainingSession | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        participants = TrainingParticipant.objects.none()
        if session is not None:
            participants = TrainingParticipant.objects.filter(
                session=session, attended=True
            ).select_related("person")
        self.fields["participant"].queryset = participants
        for name in ("content", "trainer", "organisation", "usefulness"):
            self.fields[name].widget = forms.Select(
                choices=[("", "—"), *[(n, str(n)) for n in range(1, 6)]]
            )


class TrainingNeedForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = TrainingNeed
        fields = ["person", "topic", "priority", "noted_on", "note"]
        widgets = {"person": person_picker(), "noted_on": DATE}
