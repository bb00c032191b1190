"""The rows of a mission: participants and their logistics checklist, itinerary legs,
agenda, emergency contacts and follow-ups of the report. Each is internal like its
mission and shows on the mission's history."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.actors.models.people import timezone_choices
from maillage.core.models import SearchQuerySet, TimestampedModel
from maillage.missions.models.missions import Mission


class MissionRowQuerySet(SearchQuerySet):
    """Rows of a mission: seen through their mission (pages load them from it)."""


class _MissionRow(TimestampedModel):
    """What every row of a mission shares: its page is the mission's."""

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        return reverse("missions:mission_detail", args=[self.mission_id])  # type: ignore[attr-defined]  # every row has a mission


class ParticipantRole(models.TextChoices):
    STAFF = "staff", _("Staff")
    ELECTED = "elected", _("Elected official")
    PARTNER = "partner", _("Partner")
    OTHER = "other", _("Other")


class MissionParticipant(_MissionRow):
    """Someone on the mission: a person of the contacts or a user of the service, with
    their role and passport expiry (checked against the return date)."""

    create_title = _("New participant")

    mission = models.ForeignKey(
        Mission, verbose_name=_("mission"), on_delete=models.CASCADE, related_name="participants"
    )
    person = models.ForeignKey(
        "actors.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mission_participations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mission_participations",
    )
    role = models.CharField(
        _("role"), max_length=10, choices=ParticipantRole.choices, default=ParticipantRole.STAFF
    )
    passport_expires_on = models.DateField(_("passport expiry"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    objects = MissionRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(user__isnull=False),
                name="mission_participant_someone",
                violation_error_message=_("Choose a person or a user."),
            ),
        ]

    def __str__(self) -> str:
        if self.person_id:
            return str(self.person)
        if self.user_id:
            return self.user.get_full_name() or self.user.get_username()
        return ""

    def clean(self) -> None:
        if not self.person_id and not self.user_id:
            raise ValidationError({"person": _("Choose a person or a user.")})


class ChecklistKind(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    VISA = "visa", _("Visa")
    TICKETS = "tickets", _("Tickets")
    LODGING = "lodging", _("Lodging")
    INSURANCE = "insurance", _("Insurance")
    VACCINATIONS = "vaccinations", _("Vaccinations")
    ARIANE = "ariane", _("Ariane registration")


class ChecklistStatus(models.TextChoices):
    TO_DO = "to_do", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    NOT_NEEDED = "not_needed", _("Not needed")


# Not done yet, and needed: what the pages flag (a missing visa first of all).
MISSING = (ChecklistStatus.TO_DO, ChecklistStatus.IN_PROGRESS)


class ChecklistEntry(TimestampedModel):
    """One item of a participant's logistics (passport, visa, tickets, lodging,
    insurance, vaccinations, Ariane registration): where it stands, with a note."""

    create_title = _("New checklist item")

    participant = models.ForeignKey(
        MissionParticipant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="checklist",
    )
    # The participant's mission, set by ChecklistEntryService: the item's changes show on
    # the mission's history, which follows one foreign key from a row to its parent.
    mission = models.ForeignKey(
        Mission,
        verbose_name=_("mission"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="checklist_entries",
    )
    kind = models.CharField(_("item"), max_length=16, choices=ChecklistKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=ChecklistStatus.choices, default=ChecklistStatus.TO_DO
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    objects = MissionRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["participant_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "kind"], name="mission_checklist_one_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        mission_id = self.mission_id or self.participant.mission_id
        return reverse("missions:mission_detail", args=[mission_id])

    @property
    def is_missing(self) -> bool:
        return self.status in MISSING


class Transport(models.TextChoices):
    PLANE = "plane", _("Plane")
    TRAIN = "train", _("Train")
    CAR = "car", _("Car")
    BUS = "bus", _("Bus")
    BOAT = "boat", _("Boat")
    OTHER = "other", _("Other")


def local_instant(on: dt.date | None, at: dt.time | None, tz: str) -> dt.datetime | None:
    """The instant a date and a wall-clock time name in the time zone `tz`."""
    if on is None or at is None or not tz:
        return None
    try:
        zone = zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    return dt.datetime.combine(on, at, tzinfo=zone)


class ItineraryLeg(_MissionRow):
    """A leg of the journey: from a place to another, leaving and arriving at wall-clock
    times of each place's own time zone (the instants are derived)."""

    create_title = _("New itinerary leg")

    mission = models.ForeignKey(
        Mission, verbose_name=_("mission"), on_delete=models.CASCADE, related_name="legs"
    )
    from_place = models.CharField(_("from"), max_length=120)
    departure_on = models.DateField(_("departure date"))
    departure_time = models.TimeField(_("departure time"))
    departure_tz = models.CharField(
        _("departure time zone"), max_length=64, choices=timezone_choices
    )
    to_place = models.CharField(_("to"), max_length=120)
    arrival_on = models.DateField(_("arrival date"))
    arrival_time = models.TimeField(_("arrival time"))
    arrival_tz = models.CharField(_("arrival time zone"), max_length=64, choices=timezone_choices)
    transport = models.CharField(
        _("transport"), max_length=8, choices=Transport.choices, default=Transport.PLANE
    )
    reference = models.CharField(
        _("reference"), max_length=60, blank=True, help_text=_("Flight or train number.")
    )
    # Derived on every save from the date, time and zone above (sorting, the calendar).
    departs_at = models.DateTimeField(_("departs at"), null=True, editable=False)
    arrives_at = models.DateTimeField(_("arrives at"), null=True, editable=False)
    history = HistoricalRecords()

    objects = MissionRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("itinerary leg")
        verbose_name_plural = _("itinerary legs")
        ordering = ["departs_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_place} → {self.to_place}"

    @property
    def departure_local(self) -> dt.datetime | None:
        return local_instant(self.departure_on, self.departure_time, self.departure_tz)

    @property
    def arrival_local(self) -> dt.datetime | None:
        return local_instant(self.arrival_on, self.arrival_time, self.arrival_tz)

    def clean(self) -> None:
        self.departs_at = self.departure_local
        self.arrives_at = self.arrival_local
        if self.departs_at and self.arrives_at and self.arrives_at < self.departs_at:
            raise ValidationError(
                {"arrival_time": _("The arrival cannot come before the departure.")}
            )


class AgendaItem(_MissionRow):
    """A meeting or visit on the mission's agenda: when (local time of the destination),
    where, about what, with whom."""

    create_title = _("New agenda item")

    mission = models.ForeignKey(
        Mission, verbose_name=_("mission"), on_delete=models.CASCADE, related_name="agenda"
    )
    starts_on = models.DateField(_("date"))
    starts_time = models.TimeField(_("time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    people = models.CharField(_("people met"), max_length=300, blank=True)
    meeting = models.ForeignKey(
        "missions.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mission_agenda",
        help_text=_("The meeting's record, with its minutes, when there is one."),
    )
    history = HistoricalRecords()

    objects = MissionRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["starts_on", "starts_time", "pk"]

    def __str__(self) -> str:
        return self.subject

    def clean(self) -> None:
        mission = self.mission if self.mission_id else None
        if (
            mission
            and self.starts_on
            and not (mission.departure_on <= self.starts_on <= mission.return_on)
        ):
            raise ValidationError({"starts_on": _("Choose a date within the mission.")})


class ContactKind(models.TextChoices):
    EMBASSY = "embassy", _("Embassy")
    CONSULATE = "consulate", _("Consulate")
    LOCAL_PARTNER = "local_partner", _("Local partner")
    OTHER = "other", _("Other")


class EmergencyContact(_MissionRow):
    """Whom to call on the spot: the embassy, the consulate, the local partner."""

    create_title = _("New emergency contact")

    mission = models.ForeignKey(
        Mission,
        verbose_name=_("mission"),
        on_delete=models.CASCADE,
        related_name="emergency_contacts",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ContactKind.choices)
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    history = HistoricalRecords()

    objects = MissionRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("emergency contact")
        verbose_name_plural = _("emergency contacts")
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.name}"

    def clean(self) -> None:
        if not self.phone and not self.email:
            raise ValidationError({"phone": _("Give a phone number or an email.")})


class FollowUpKind(models.TextChoices):
    COMMITMENT = "commitment", _("Commitment of a party")
    ACTION = "action", _("Action item for someone of the service")
    NOTE = "note", _("Follow-up to note")


class MissionFollowUp(_MissionRow):
    """A follow-up of the after-mission report. A commitment of a party lands in the
    partnerships' commitments, an action item on its owner's list (each through its
    own service), linked here."""

    create_title = _("New follow-up")

    mission = models.ForeignKey(
        Mission, verbose_name=_("mission"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=FollowUpKind.choices, default=FollowUpKind.COMMITMENT
    )
    text = models.TextField(_("follow-up"), max_length=2000, validators=[MaxLengthValidator(2000)])
    party = models.ForeignKey(
        "actors.Organisation",
        verbose_name=_("committed party"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mission_follow_ups",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mission_follow_ups",
        help_text=_("Who carries out an action item."),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    action_item = models.ForeignKey(
        "missions.ActionItem",
        verbose_name=_("action item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="mission_follow_ups",
    )
    commitment = models.ForeignKey(
        "partnerships.Commitment",
        verbose_name=_("commitment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="mission_follow_ups",
    )
    history = HistoricalRecords()

    objects = MissionRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= 80 else f"{text[:79]}…"

    def clean(self) -> None:
        if self.kind == FollowUpKind.COMMITMENT and not self.party_id:
            raise ValidationError({"party": _("Say which party committed to it.")})
        if self.kind == FollowUpKind.ACTION:
            if not self.owner_id:
                raise ValidationError({"owner": _("Say who carries out the action.")})
            if not self.due_on:
                raise ValidationError({"due_on": _("An action item needs a due date.")})
