"""Forms of meetings, their invitees and action items, the .ics upload and the slot
finder (parsing only: the services hold the rules)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.fields import BaseTemporalField
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from maillage.accounts.models import User
from maillage.actors.forms import organisation_picker, people_picker, person_picker
from maillage.actors.models import Group, Person
from maillage.core.dates import out_of_range, out_of_range_message
from maillage.core.forms import DateInput
from maillage.core.typeahead import TypeaheadFormMixin, TypeaheadSelect, TypeaheadSelectMultiple
from maillage.missions.invitations import MAX_ICS_BYTES
from maillage.missions.models import ActionItem, Invitee, Meeting
from maillage.missions.selectors.meetings import outside_working_hours
from maillage.partnerships.models import Partnership

DATE = DateInput()
LOCAL_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class LocalDateTimeField(forms.DateTimeField):
    """A date and time as typed, without the reader's time zone: the form reads it in
    the meeting's own time zone (an ISO value with an offset keeps its offset)."""

    def to_python(self, value: Any) -> dt.datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value
        text = str(value).strip()
        try:
            parsed = parse_datetime(text)
        except ValueError:
            parsed = None
        if parsed is not None:
            if out_of_range(parsed):
                raise ValidationError(out_of_range_message(), code="out_of_range")
            return parsed
        value = BaseTemporalField.to_python(self, text)  # the input formats, naive
        if out_of_range(value):
            # Before any time zone is applied: year 1 at UTC+14 is no date at all.
            raise ValidationError(out_of_range_message(), code="out_of_range")
        return value


def in_zone(value: dt.datetime | None, tz: str) -> dt.datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=zoneinfo.ZoneInfo(tz))


class MeetingForm(TypeaheadFormMixin, forms.ModelForm):
    starts_at = LocalDateTimeField(label=_("starts at"), widget=LOCAL_DATETIME)
    ends_at = LocalDateTimeField(label=_("ends at"), widget=LOCAL_DATETIME)
    video_url = forms.URLField(
        label=_("video link"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Meeting
        fields = [
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "timezone",
            "place",
            "video_url",
            "projects",
            "group",
            "partnership",
            "organiser",
            "agenda",
            "minutes",
            "decisions",
        ]
        widgets = {
            "projects": TypeaheadSelectMultiple("projects:project_choices"),
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
            "decisions": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Group.objects.order_by("name")
        self.fields["partnership"].queryset = Partnership.objects.order_by("name", "pk")
        self.fields["organiser"].queryset = User.objects.internal()
        instance = self.instance
        if instance.pk:
            # The times as the meeting's own clock reads them, not the reader's.
            self.initial["starts_at"] = instance.starts_local.replace(tzinfo=None)
            self.initial["ends_at"] = instance.ends_local.replace(tzinfo=None)
        # Not a refusal: who would meet outside their working hours, said on the form.
        self.warnings = outside_working_hours(instance) if instance.pk else []

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        tz = data.get("timezone") or settings.TIME_ZONE
        for name in ("starts_at", "ends_at"):
            if name in data:
                data[name] = in_zone(data[name], tz)
        return data


class InviteeForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = Invitee
        fields = ["person", "organisation", "attendance", "note"]
        widgets = {"person": person_picker(), "organisation": organisation_picker()}


class ActionItemForm(TypeaheadFormMixin, forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = [
            "title",
            "description",
            "owner_user",
            "owner_person",
            "due_on",
            "status",
            "done_on",
            "meeting",
            "mission",
        ]
        widgets = {
            "owner_person": person_picker(),
            "due_on": DATE,
            "done_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "meeting": TypeaheadSelect("missions:meeting_choices"),
            "mission": TypeaheadSelect("missions:actionitem_mission_choices"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = User.objects.filter(is_active=True).order_by(
            "last_name", "username"
        )


class MeetingUploadForm(forms.Form):
    """An .ics to create a meeting, or to update the one it was exported from."""

    file = forms.FileField(
        label=_("iCalendar file (.ics)"),
        help_text=_("One event, at most %(size)s KB.") % {"size": MAX_ICS_BYTES // 1024},
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_ICS_BYTES:
            raise ValidationError(
                _("The .ics is larger than %(size)s KB: export only the one meeting.")
                % {"size": MAX_ICS_BYTES // 1024}
            )
        return upload.read(MAX_ICS_BYTES + 1)


DURATIONS = [
    (m, f"{m // 60} h {m % 60:02d}" if m >= 60 else f"{m} min")
    for m in (30, 45, 60, 90, 120, 180, 240)
]
STEPS = [(15, "15 min"), (30, "30 min"), (60, "1 h")]


class SlotFinderForm(TypeaheadFormMixin, forms.Form):
    """Who, which week, how long: the slot finder's question."""

    people = forms.ModelMultipleChoiceField(
        label=_("People"),
        queryset=Person.objects.none(),
        required=False,
        widget=people_picker(),
    )
    users = forms.ModelMultipleChoiceField(
        label=_("Users"), queryset=User.objects.none(), required=False
    )
    week = forms.DateField(label=_("Week of"), widget=DATE)
    duration = forms.TypedChoiceField(
        label=_("Duration"), choices=DURATIONS, coerce=int, initial=60
    )
    step = forms.TypedChoiceField(label=_("Every"), choices=STEPS, coerce=int, initial=30)
    timezone = forms.ChoiceField(label=_("Shown in time zone"), required=False)

    def __init__(self, *args: Any, user: Any = None, meeting: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from maillage.actors.models.people import timezone_choices

        self.meeting = meeting  # a meeting's invitees stand for the people chosen
        self.fields["people"].queryset = Person.objects.visible_to(user)
        self.fields["users"].queryset = User.objects.internal()
        self.fields["timezone"].choices = [("", "—"), *timezone_choices()]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        chosen = data.get("people") or data.get("users") or self.meeting is not None
        if not self.errors and not chosen:
            raise ValidationError({"people": _("Choose at least one person or user.")})
        return data
