"""What each party of a partnership committed to, and whether it was done."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.core.models import (
    LiveManager,
    SearchableModel,
    SearchQuerySet,
    SoftDeleteModel,
    TimestampedModel,
    VersionedModel,
)
from maillage.core.text import TEXT
from maillage.core.uploads import StoredFileField
from maillage.partnerships.models.agreements import Agreement

if TYPE_CHECKING:
    from maillage.accounts.models import User

MAX_REMIND_DAYS = 365


class CommitmentStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    FULFILLED = "fulfilled", _("Fulfilled")
    PARTLY_FULFILLED = "partly_fulfilled", _("Partly fulfilled")
    NOT_FULFILLED = "not_fulfilled", _("Not fulfilled")
    CANCELLED = "cancelled", _("Cancelled")


# Commitments still awaited: they can be late and they get reminders.
OPEN_STATUSES = (CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS)
# The same as a condition, written as equalities joined by OR, here and in the partial
# index `commitment_open_due`: SQLite matches a partial index to a query's terms one by
# one, a bound parameter to a literal, but not inside an IN list.
OPEN = models.Q(status=CommitmentStatus.PLANNED) | models.Q(status=CommitmentStatus.IN_PROGRESS)


class CommitmentQuerySet(SearchQuerySet):
    def visible_to_partner(self, user: User) -> CommitmentQuerySet:
        # A commitment of a project is seen by that project's members only, whatever its
        # agreement (an agreement may span projects the partner is not in); one without a
        # project is seen through its agreement. A project in the trash takes its
        # commitments with it.
        from maillage.projects.models import Project

        projects = Project.objects.visible_to_partner(user).values("pk")
        agreements = Agreement.objects.visible_to_partner(user).values("pk")
        return self.filter(
            models.Q(project_id__in=projects)
            | models.Q(project__isnull=True, agreement_id__in=agreements)
        )

    def of_project(self, project_id: int) -> CommitmentQuerySet:
        """A project's commitments: its own, and those of the agreements linked to it
        that belong to no project (under an agreement shared by several projects, a
        commitment of another project is that project's)."""
        linked = Agreement.projects.through.objects.filter(project_id=project_id).values(
            "agreement_id"
        )
        return self.filter(
            models.Q(project_id=project_id)
            | models.Q(project__isnull=True, agreement_id__in=linked)
        )

    def open(self) -> CommitmentQuerySet:
        return self.filter(OPEN)

    def overdue(self, today: dt.date) -> CommitmentQuerySet:
        return self.open().filter(due_on__lt=today)


class Commitment(SoftDeleteModel, VersionedModel, SearchableModel, TimestampedModel):
    """A party's commitment under an agreement or in a project: what, by when, who answers
    for it, and the evidence that it was fulfilled."""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New commitment")

    SEARCH_FIELDS = ("text", "evidence")

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="commitments",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
    )
    party = models.ForeignKey(
        "actors.Organisation",
        verbose_name=_("committed party"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    responsible_person = models.ForeignKey(
        "actors.Person",
        verbose_name=_("responsible person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
    )
    follow_up_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("followed up by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_commitments",
        help_text=_("The officer of the service who follows it and receives the reminders."),
    )
    text = models.TextField(_("commitment"), max_length=TEXT, validators=[MaxLengthValidator(TEXT)])
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.PLANNED,
    )
    evidence = models.TextField(
        _("evidence"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    evidence_file = StoredFileField(
        _("evidence file"), upload_to="partnerships/evidence/%Y/%m/", blank=True
    )
    evidence_content_type = models.CharField(max_length=100, blank=True, editable=False)
    fulfilled_on = models.DateField(_("fulfilled on"), null=True, blank=True)
    remind_days_before = models.PositiveSmallIntegerField(
        _("reminder (days before)"),
        default=14,
        validators=[MaxValueValidator(MAX_REMIND_DAYS)],
    )
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = LiveManager.from_queryset(CommitmentQuerySet)()
    all_objects = models.Manager.from_queryset(CommitmentQuerySet)()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(remind_days_before__lte=MAX_REMIND_DAYS),
                name="commitment_remind_days_range",
            )
        ]
        indexes = [
            # The default sort: a page of the list reads the index instead of sorting.
            models.Index(fields=["due_on", "id"], name="commitment_due_idx"),
            # The open ones by due date (the home page's first five overdue, the reminders'
            # window). It replaces (status, due_on): SQLite, with no statistics yet, chose
            # that one and sorted every overdue commitment to show five.
            models.Index(
                fields=["due_on", "id"],
                name="commitment_open_due",
                condition=OPEN & models.Q(deleted_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= 80 else f"{text[:79]}…"

    def get_absolute_url(self) -> str:
        return reverse("partnerships:commitment_detail", args=[self.pk])

    def is_overdue(self, today: dt.date) -> bool:
        return self.status in OPEN_STATUSES and self.due_on is not None and self.due_on < today
