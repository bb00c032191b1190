"""Staff and volunteers (H1): who works for the authority or its partners, on which
contract, assigned to which projects for which share of their time, and their leave."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.core.dates import dates_in_order, end_before_start
from maillage.core.models import (
    LiveManager,
    SearchableModel,
    SearchQuerySet,
    SoftDeleteModel,
    TimestampedModel,
    VersionedModel,
)
from maillage.core.reference import country_choices
from maillage.core.text import SHORT_TEXT, TEXT

# A contract ending within this many days is flagged (home page, list filter).
CONTRACT_NOTICE_DAYS = 60
RETURN_BEFORE_START = _("The return cannot come before the start.")
SHARE_RANGE = _("Enter a share between 1 and 100 %.")


class StaffKind(models.TextChoices):
    EMPLOYEE = "employee", _("Employee")
    VOLUNTEER = "volunteer", _("Volunteer")
    INTERN = "intern", _("Intern")
    SECONDEE = "secondee", _("Secondee")


class StaffQuerySet(SearchQuerySet):
    """Team records are internal: partners see none (the default)."""

    def contract_ending(self, today: dt.date, days: int = CONTRACT_NOTICE_DAYS) -> StaffQuerySet:
        """Contracts ending from `today` to `days` days after."""
        return self.filter(end_on__gte=today, end_on__lte=today + dt.timedelta(days=days))


class StaffMember(SoftDeleteModel, VersionedModel, SearchableModel, TimestampedModel):
    """A person of the CRM working for the service: an employee, a volunteer (e.g. an
    international solidarity volunteer, VSI, with France Volontaires), an intern or a
    secondee, with their contract's dates."""

    create_title = _("New staff member")

    SEARCH_FIELDS = ("person", "post", "base_location")

    person = models.ForeignKey(
        "actors.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="staff_records",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_records",
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=StaffKind.choices, default=StaffKind.EMPLOYEE
    )
    employer = models.ForeignKey(
        "actors.Organisation",
        verbose_name=_("employer or host organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_members",
    )
    post = models.CharField(_("post"), max_length=200)
    base_location = models.CharField(_("base location"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=country_choices, blank=True)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_staff",
        help_text=_("Approves this person's leave, as administrators do."),
    )
    start_on = models.DateField(_("contract start"), null=True, blank=True)
    end_on = models.DateField(_("contract end"), null=True, blank=True)
    renewable = models.BooleanField(_("renewable"), default=False)
    notes = models.TextField(
        _("notes"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    history = HistoricalRecords()

    objects = LiveManager.from_queryset(StaffQuerySet)()
    all_objects = models.Manager.from_queryset(StaffQuerySet)()

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        ordering = ["person__last_name", "person__first_name", "pk"]
        constraints = [dates_in_order("staffmember_dates_in_order")]
        indexes = [
            # The contracts ending soon (home page): a range of this index. Without it,
            # SQLite with statistics but no staff yet read every person of the CRM.
            models.Index(fields=["end_on", "id"], name="staff_end_on"),
        ]

    def __str__(self) -> str:
        return str(self.person) if self.person_id else ""

    def get_absolute_url(self) -> str:
        return reverse("team:staffmember_detail", args=[self.pk])

    def clean(self) -> None:
        if end_before_start(self.start_on, self.end_on):
            raise ValidationError({"end_on": _("The contract cannot end before it starts.")})

    def contract_ends_soon(self, today: dt.date) -> bool:
        return bool(
            self.end_on and today <= self.end_on <= today + dt.timedelta(CONTRACT_NOTICE_DAYS)
        )


class TeamChildQuerySet(SearchQuerySet):
    """Rows of a staff member or a training session: internal, like their parent."""


class Assignment(TimestampedModel):
    """A staff member's share of time on a project, from a date to a date; one person's
    shares at any time add up to 100 % at most (AssignmentService)."""

    create_title = _("New assignment")

    staff = models.ForeignKey(
        StaffMember,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="staff_assignments",
    )
    share = models.PositiveSmallIntegerField(
        _("share of time (%)"),
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    start_on = models.DateField(_("from"))
    end_on = models.DateField(_("to"), null=True, blank=True)
    history = HistoricalRecords()

    objects = TeamChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["start_on", "pk"]
        constraints = [
            dates_in_order("assignment_dates_in_order"),
            models.CheckConstraint(
                condition=models.Q(share__gte=1, share__lte=100),
                name="assignment_share_range",
                violation_error_message=SHARE_RANGE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} — {self.share} %" if self.project_id else f"{self.share} %"

    def get_absolute_url(self) -> str:
        return reverse("team:staffmember_detail", args=[self.staff_id])

    def clean(self) -> None:
        if end_before_start(self.start_on, self.end_on):
            raise ValidationError({"end_on": _("The assignment cannot end before it starts.")})


class LeaveKind(models.TextChoices):
    ANNUAL = "annual", _("Annual leave")
    SICK = "sick", _("Sick leave")
    TRAINING = "training", _("Training leave")
    OTHER = "other", _("Other")


class LeaveStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class Leave(SoftDeleteModel, VersionedModel, TimestampedModel):
    """A staff member's leave, from its first day to the day before the return; requested,
    then approved or refused by an administrator or the person's manager."""

    create_title = _("New leave")

    staff = models.ForeignKey(
        StaffMember,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="leaves",
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=LeaveKind.choices, default=LeaveKind.ANNUAL
    )
    start_on = models.DateField(_("from"))
    end_on = models.DateField(_("to"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=LeaveStatus.choices,
        default=LeaveStatus.REQUESTED,
        editable=False,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    note = models.CharField(_("note"), max_length=SHORT_TEXT, blank=True)
    history = HistoricalRecords()

    objects = LiveManager.from_queryset(TeamChildQuerySet)()
    all_objects = models.Manager.from_queryset(TeamChildQuerySet)()

    class Meta:
        verbose_name = _("leave")
        verbose_name_plural = _("leave")
        ordering = ["-start_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__gte=models.F("start_on")),
                name="leave_dates_in_order",
                violation_error_message=RETURN_BEFORE_START,
            ),
        ]

    def __str__(self) -> str:
        return _("%(kind)s of %(person)s") % {
            "kind": self.get_kind_display(),
            "person": self.staff if self.staff_id else "",
        }

    def get_absolute_url(self) -> str:
        return reverse("team:leave_detail", args=[self.pk])

    def clean(self) -> None:
        if end_before_start(self.start_on, self.end_on):
            raise ValidationError({"end_on": RETURN_BEFORE_START})
