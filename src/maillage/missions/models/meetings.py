"""Meetings and events (G2): steering committees, working groups, trainings, public
events — with their agenda, invitees and attendance, minutes (compte rendu), decisions
(relevé de décisions) and the action items they give rise to."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.actors.models.people import timezone_choices
from maillage.core.models import (
    LiveManager,
    SearchableModel,
    SearchQuerySet,
    SoftDeleteModel,
    TimestampedModel,
    VersionedModel,
)
from maillage.core.sanitize import render_markdown
from maillage.core.text import LONG_TEXT, TEXT

if TYPE_CHECKING:
    from maillage.accounts.models import User

END_BEFORE_START = _("The meeting cannot end before it starts.")
ONE_OWNER = _("Choose the owner: a user or a person, not both.")


class MeetingKind(models.TextChoices):
    STEERING_COMMITTEE = "steering_committee", _("Steering committee")
    WORKING_GROUP = "working_group", _("Working group")
    TRAINING = "training", _("Training")
    PUBLIC_EVENT = "public_event", _("Public event")
    OTHER = "other", _("Other")


class Attendance(models.TextChoices):
    """Before the meeting: invited, attending or excused; after: present or absent."""

    INVITED = "invited", _("Invited")
    ATTENDING = "attending", _("Attending")
    EXCUSED = "excused", _("Excused")
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")


class MeetingQuerySet(SearchQuerySet):
    def visible_to_partner(self, user: User) -> MeetingQuerySet:
        # A partner sees the meetings of the projects it is a member of (while the
        # project is out of the trash) and those it is invited to, as the person its
        # account is; never the others.
        from maillage.projects.models import Project

        projects = Project.objects.visible_to_partner(user).values("pk")
        linked = Meeting.projects.through.objects.filter(project_id__in=projects)
        invited = Invitee.objects.filter(person__user=user, person__deleted_at__isnull=True)
        return self.filter(
            models.Q(pk__in=linked.values("meeting_id"))
            | models.Q(pk__in=invited.values("meeting_id"))
        )


class Meeting(SoftDeleteModel, VersionedModel, SearchableModel, TimestampedModel):
    """A meeting or an event, at a time in its own time zone, in a place or by video."""

    create_title = _("New meeting")

    SEARCH_FIELDS = ("title", "place")

    kind = models.CharField(
        _("kind"), max_length=24, choices=MeetingKind.choices, default=MeetingKind.OTHER
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=timezone_choices,
        default=settings.TIME_ZONE,
        help_text=_("The start and end are read in this time zone."),
    )
    place = models.CharField(_("place"), max_length=250, blank=True)
    video_url = models.URLField(_("video link"), max_length=500, blank=True)
    projects = models.ManyToManyField(
        "projects.Project", verbose_name=_("projects"), blank=True, related_name="meetings"
    )
    group = models.ForeignKey(
        "actors.Group",
        verbose_name=_("group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        help_text=_("A working group's meeting invites its members."),
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("partnership"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organised by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organised_meetings",
    )
    agenda = models.TextField(
        _("agenda"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    minutes = models.TextField(
        _("minutes"),
        blank=True,
        max_length=LONG_TEXT,
        validators=[MaxLengthValidator(LONG_TEXT)],
        help_text=_("The compte rendu. Markdown is accepted."),
    )
    decisions = models.TextField(
        _("decisions"),
        blank=True,
        max_length=TEXT,
        validators=[MaxLengthValidator(TEXT)],
        help_text=_("The relevé de décisions. Markdown is accepted."),
    )
    # Minutes and decisions as safe HTML, rendered once when saved (as field updates).
    minutes_html = models.TextField(editable=False, default="")
    decisions_html = models.TextField(editable=False, default="")
    history = HistoricalRecords(
        m2m_fields=[projects], excluded_fields=["minutes_html", "decisions_html"]
    )

    objects = LiveManager.from_queryset(MeetingQuerySet)()
    all_objects = models.Manager.from_queryset(MeetingQuerySet)()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=END_BEFORE_START,
            ),
        ]
        indexes = [models.Index(fields=["starts_at", "id"], name="meeting_start_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("missions:meeting_detail", args=[self.pk])

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.minutes_html = render_markdown(self.minutes)
        self.decisions_html = render_markdown(self.decisions)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "minutes_html", "decisions_html"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": END_BEFORE_START})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone or settings.TIME_ZONE)

    @property
    def starts_local(self) -> dt.datetime:
        return self.starts_at.astimezone(self.zone)

    @property
    def ends_local(self) -> dt.datetime:
        return self.ends_at.astimezone(self.zone)

    @property
    def uid(self) -> str:
        """The iCalendar UID: stable, so an invitation sent again updates the event."""
        return f"meeting-{self.pk}@maillage"


class MeetingChildQuerySet(SearchQuerySet):
    """Rows of a meeting: seen with the meeting."""

    def visible_to_partner(self, user: User) -> MeetingChildQuerySet:
        return self.filter(meeting__in=Meeting.objects.visible_to_partner(user))


class Invitee(TimestampedModel):
    """A person or an organisation invited to a meeting, with their attendance."""

    create_title = _("New invitee")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="invitees"
    )
    person = models.ForeignKey(
        "actors.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meeting_invitations",
    )
    organisation = models.ForeignKey(
        "actors.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meeting_invitations",
    )
    attendance = models.CharField(
        _("attendance"), max_length=12, choices=Attendance.choices, default=Attendance.INVITED
    )
    note = models.CharField(_("note"), max_length=250, blank=True)
    history = HistoricalRecords()

    objects = MeetingChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitee")
        verbose_name_plural = _("invitees")
        ordering = ["meeting", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, organisation__isnull=True)
                | models.Q(person__isnull=True, organisation__isnull=False),
                name="invitee_person_xor_organisation",
                violation_error_message=_("Choose either a person or an organisation."),
            ),
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=models.Q(person__isnull=False),
                name="invitee_person_unique",
                violation_error_message=_("This person is already invited."),
            ),
            models.UniqueConstraint(
                fields=["meeting", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="invitee_organisation_unique",
                violation_error_message=_("This organisation is already invited."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.person or self.organisation or "")

    def get_absolute_url(self) -> str:
        return reverse("missions:meeting_detail", args=[self.meeting_id])

    @property
    def email(self) -> str:
        who = self.person or self.organisation
        return getattr(who, "email", "") or ""


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class ActionItemQuerySet(SearchQuerySet):
    def visible_to_partner(self, user: User) -> ActionItemQuerySet:
        # An action item is seen by its owner (the account, or the person it is) and by
        # the service's staff; a partner sees only its own.
        return self.filter(models.Q(owner_user=user) | models.Q(owner_person__user=user))

    def owned_by(self, user: Any) -> ActionItemQuerySet:
        return self.filter(models.Q(owner_user=user) | models.Q(owner_person__user=user))

    def open(self) -> ActionItemQuerySet:
        return self.filter(status=ActionStatus.OPEN)


class ActionItem(SoftDeleteModel, VersionedModel, SearchableModel, TimestampedModel):
    """Something someone must do by a date, decided at a meeting or on a mission; it
    stays on its owner's home page until done."""

    create_title = _("New action item")

    SEARCH_FIELDS = ("title",)

    title = models.CharField(_("action"), max_length=250)
    description = models.TextField(
        _("description"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner (user)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
    )
    owner_person = models.ForeignKey(
        "actors.Person",
        verbose_name=_("owner (person)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=8, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="action_items",
    )
    mission = models.ForeignKey(
        "missions.Mission",
        verbose_name=_("mission"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="action_items",
    )
    history = HistoricalRecords()

    objects = LiveManager.from_queryset(ActionItemQuerySet)()
    all_objects = models.Manager.from_queryset(ActionItemQuerySet)()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner_user__isnull=False, owner_person__isnull=True)
                | models.Q(owner_user__isnull=True, owner_person__isnull=False),
                name="action_item_one_owner",
                violation_error_message=ONE_OWNER,
            ),
            models.CheckConstraint(
                condition=models.Q(status="open") | models.Q(status="done"),
                name="action_item_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="action_item_open_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("missions:actionitem_detail", args=[self.pk])

    @property
    def owner(self) -> Any:
        return self.owner_user or self.owner_person

    def is_overdue(self, today: dt.date) -> bool:
        return self.status == ActionStatus.OPEN and self.due_on < today

    def clean(self) -> None:
        if bool(self.owner_user_id) == bool(self.owner_person_id):
            raise ValidationError({"owner_user": ONE_OWNER})
