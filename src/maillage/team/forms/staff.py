"""Forms of staff members, their assignments and leave."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.accounts.models import User
from maillage.actors.forms import organisation_picker, person_picker
from maillage.core.forms import DateInput
from maillage.core.typeahead import TypeaheadFormMixin, TypeaheadSelect
from maillage.team.models import Assignment, Leave, LeaveStatus, StaffMember

DATE = DateInput()


def staff_users() -> Any:
    return User.objects.filter(is_active=True).order_by("last_name", "first_name", "pk")


class StaffMemberForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = StaffMember
        fields = [
            "person",
            "user",
            "kind",
            "employer",
            "post",
            "base_location",
            "country",
            "manager",
            "start_on",
            "end_on",
            "renewable",
            "notes",
        ]
        widgets = {
            "person": person_picker(),
            "employer": organisation_picker(),
            "start_on": DATE,
            "end_on": DATE,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff_users()
        self.fields["manager"].queryset = staff_users()


class AssignmentForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ["project", "share", "start_on", "end_on"]
        widgets = {
            "project": TypeaheadSelect("projects:project_choices"),
            "start_on": DATE,
            "end_on": DATE,
        }


class LeaveForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = Leave
        fields = ["staff", "kind", "start_on", "end_on", "note"]
        widgets = {"start_on": DATE, "end_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = StaffMember.objects.select_related("person")


class LeaveDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("", "—"),
            (LeaveStatus.APPROVED, _("Approve")),
            (LeaveStatus.REFUSED, _("Refuse")),
        ],
    )
