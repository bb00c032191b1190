"""Calls for proposals of an instrument, and the applications answering them with their
checklist of required documents (D2)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal
from typing import Any

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
from maillage.core.reference import currency_choices
from maillage.core.text import TEXT
from maillage.core.uploads import StoredFileField
from maillage.funding import clock
from maillage.funding.models.instruments import Instrument

DEFAULT_DEADLINE_TZ = "Europe/Paris"
# Past this, an amount is a typing mistake, not a grant (a billion in any currency).
MAX_AMOUNT = Decimal("1000000000")
AMOUNT_RANGE = _("Enter an amount between 0 and 1,000,000,000.")
DEADLINE_PAST = _("The submission deadline of a new call cannot be in the past.")


def amount_in_range(field: str, name: str, *, nullable: bool = True) -> models.CheckConstraint:
    """A named constraint: the amount is neither negative nor absurd."""
    within = models.Q(**{f"{field}__gte": 0, f"{field}__lte": MAX_AMOUNT})
    return models.CheckConstraint(
        condition=(models.Q(**{f"{field}__isnull": True}) | within) if nullable else within,
        name=name,
        violation_error_message=AMOUNT_RANGE,
    )


class CallQuerySet(SearchQuerySet):
    """Funding is internal: partners see no call (the default)."""

    def open_at(self, instant: dt.datetime) -> CallQuerySet:
        return self.filter(deadline_at__gte=instant)


class Call(SoftDeleteModel, VersionedModel, SearchableModel, TimestampedModel):
    """A call for proposals of an instrument: when it was published, when applications
    are due (a date, a time and the time zone the donor states it in), where to read it."""

    create_title = _("New call for proposals")

    SEARCH_FIELDS = ("title", "reference")

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="calls"
    )
    title = models.CharField(_("title"), max_length=250)
    reference = models.CharField(_("reference"), max_length=60, blank=True)
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    deadline_on = models.DateField(_("submission deadline"))
    deadline_time = models.TimeField(_("deadline time"), default=dt.time(12, 0))
    deadline_tz = models.CharField(
        _("deadline time zone"),
        max_length=64,
        choices=timezone_choices,
        default=DEFAULT_DEADLINE_TZ,
    )
    # The instant the three fields above name, derived on every save (sorting, alerts).
    deadline_at = models.DateTimeField(_("deadline"), editable=False)
    url = models.URLField(_("link"), blank=True, max_length=500)
    text = models.TextField(
        _("text of the call"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    history = HistoricalRecords()

    objects = LiveManager.from_queryset(CallQuerySet)()
    all_objects = models.Manager.from_queryset(CallQuerySet)()

    class Meta:
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")
        ordering = ["deadline_at", "pk"]
        indexes = [models.Index(fields=["deadline_at", "id"], name="call_deadline_idx")]

    def __str__(self) -> str:
        return f"{self.reference} — {self.title}" if self.reference else self.title

    def get_absolute_url(self) -> str:
        return reverse("funding:call_detail", args=[self.pk])

    def compute_deadline(self) -> dt.datetime | None:
        if self.deadline_on is None or self.deadline_time is None:
            return None
        try:
            tz = zoneinfo.ZoneInfo(self.deadline_tz or DEFAULT_DEADLINE_TZ)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return None
        return dt.datetime.combine(self.deadline_on, self.deadline_time, tzinfo=tz)

    def clean(self) -> None:
        self.deadline_at = self.compute_deadline()
        if self._state.adding and self.deadline_at and self.deadline_at < clock.now():
            raise ValidationError({"deadline_on": DEADLINE_PAST})

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.deadline_at = self.compute_deadline() or self.deadline_at
        super().save(*args, **kwargs)

    @property
    def deadline_local(self) -> dt.datetime | None:
        """The deadline in the time zone the donor states it in."""
        return self.compute_deadline()


class CallChildQuerySet(SearchQuerySet):
    """Rows of a call: internal, like the call."""


class CallAttachment(TimestampedModel):
    """A file of a call: terms of reference, application form, budget template."""

    create_title = _("New attachment")

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=200)
    file = StoredFileField(_("file"), upload_to="funding/calls/%Y/%m/")
    content_type = models.CharField(max_length=100, blank=True, editable=False)
    history = HistoricalRecords()

    objects = CallChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("funding:call_attachment_file", args=[self.call_id, self.pk])


class CallDocument(TimestampedModel):
    """A document the call requires of every application (copied into each
    application's checklist when the application is created)."""

    create_title = _("New required document")

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="documents"
    )
    name = models.CharField(_("document"), max_length=200)
    required = models.BooleanField(_("required"), default=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    objects = CallChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class ApplicationStatus(models.TextChoices):
    WATCH = "watch", _("Watch")
    GO_NO_GO = "go_no_go", _("Go / no-go")
    DRAFTING = "drafting", _("Drafting")
    SUBMITTED = "submitted", _("Submitted")
    GRANTED = "granted", _("Granted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = ApplicationStatus
# Where an application may go from each status (funding.services.calls applies it).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.WATCH: (S.GO_NO_GO, S.WITHDRAWN),
    S.GO_NO_GO: (S.WATCH, S.DRAFTING, S.WITHDRAWN),
    S.DRAFTING: (S.GO_NO_GO, S.SUBMITTED, S.WITHDRAWN),
    S.SUBMITTED: (S.GRANTED, S.REJECTED, S.WITHDRAWN),
    S.GRANTED: (),
    S.REJECTED: (),
    S.WITHDRAWN: (S.WATCH,),
}
# A new application starts before it is submitted.
START_STATUSES = (S.WATCH, S.GO_NO_GO, S.DRAFTING)
# Still being worked on: its call's deadline is watched.
OPEN_STATUSES = (S.WATCH, S.GO_NO_GO, S.DRAFTING)
DECIDED_STATUSES = (S.GRANTED, S.REJECTED)


class ApplicationQuerySet(SearchQuerySet):
    """Funding is internal: partners see no application (the default)."""

    def open(self) -> ApplicationQuerySet:
        return self.filter(status__in=OPEN_STATUSES)


class Application(SoftDeleteModel, VersionedModel, SearchableModel, TimestampedModel):
    """An answer to a call for a project (or a project idea not yet a project), from the
    watch to the donor's decision."""

    create_title = _("New application")

    SEARCH_FIELDS = ("idea_title",)

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="applications"
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    idea_title = models.CharField(
        _("project idea"),
        max_length=250,
        blank=True,
        help_text=_("The idea's title, while there is no project yet."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus.choices, default=S.WATCH
    )
    requested_amount = models.DecimalField(
        _("requested amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=currency_choices, default=settings.DEFAULT_CURRENCY
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funding_applications",
        help_text=_("The officer who prepares it and receives its deadline alerts."),
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    notes = models.TextField(
        _("notes"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    history = HistoricalRecords()

    objects = LiveManager.from_queryset(ApplicationQuerySet)()
    all_objects = models.Manager.from_queryset(ApplicationQuerySet)()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["status", "call"], name="application_status_call")]
        constraints = [amount_in_range("requested_amount", "application_amount_range")]

    def __str__(self) -> str:
        what = self.idea_title
        if self.project_id:
            what = str(self.project)
        return f"{what} — {self.call}" if self.call_id else what

    def get_absolute_url(self) -> str:
        return reverse("funding:application_detail", args=[self.pk])

    def clean(self) -> None:
        if not self.project_id and not self.idea_title.strip():
            raise ValidationError({"idea_title": _("Choose a project, or name the project idea.")})


class ChecklistState(models.TextChoices):
    TO_PROVIDE = "to_provide", _("To provide")
    IN_PROGRESS = "in_progress", _("In progress")
    READY = "ready", _("Ready")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


# A checklist item in one of these states does not hold back a submission.
DONE_STATES = (ChecklistState.READY, ChecklistState.NOT_APPLICABLE)


class ChecklistItem(TimestampedModel):
    """A document an application needs: copied from its call, then edited (who provides
    it, where it stands)."""

    create_title = _("New checklist item")

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="checklist",
    )
    name = models.CharField(_("document"), max_length=200)
    required = models.BooleanField(_("required"), default=True)
    provided_by = models.CharField(
        _("provided by"),
        max_length=200,
        blank=True,
        help_text=_("Who provides it: a service, a partner, a person."),
    )
    state = models.CharField(
        _("state"), max_length=16, choices=ChecklistState.choices, default=ChecklistState.TO_PROVIDE
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    objects = CallChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def missing(self) -> bool:
        return self.required and self.state not in DONE_STATES
