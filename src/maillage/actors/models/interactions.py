"""The log of meetings, calls, emails, events and visits with people and organisations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.actors.models.organisations import Organisation
from maillage.actors.models.people import Person
from maillage.core.models import (
    LiveManager,
    SearchableModel,
    SearchQuerySet,
    SoftDeleteModel,
    TimestampedModel,
    VersionedModel,
    trash_index,
)
from maillage.core.text import LONG_TEXT

if TYPE_CHECKING:
    from maillage.accounts.models import User


class InteractionKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    CALL = "call", _("Call")
    EMAIL = "email", _("Email")
    EVENT = "event", _("Event")
    VISIT = "visit", _("Visit")


class Confidentiality(models.TextChoices):
    """Who reads an interaction: the service's staff only, or also the partners who are
    members of its project."""

    INTERNAL = "internal", _("Internal")
    SHARED = "shared", _("Shared with project partners")


class InteractionQuerySet(SearchQuerySet):
    def visible_to_partner(self, user: User) -> InteractionQuerySet:
        # Only what was shared with the partners of its project; a project in the trash
        # takes its interactions with it.
        return self.filter(
            confidentiality=Confidentiality.SHARED,
            project__memberships__user=user,
            project__deleted_at__isnull=True,
        )


class Interaction(SoftDeleteModel, VersionedModel, SearchableModel, TimestampedModel):
    """A dated exchange with people and organisations, with an optional follow-up date."""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New interaction")

    SEARCH_FIELDS = ("subject", "notes")

    kind = models.CharField(_("kind"), max_length=16, choices=InteractionKind.choices)
    occurred_on = models.DateField(_("date"))
    subject = models.CharField(_("subject"), max_length=200)
    notes = models.TextField(
        _("notes"), blank=True, max_length=LONG_TEXT, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    people = models.ManyToManyField(
        Person, verbose_name=_("people"), blank=True, related_name="interactions"
    )
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisations"), blank=True, related_name="interactions"
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interactions",
    )
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=16,
        choices=Confidentiality.choices,
        default=Confidentiality.INTERNAL,
        help_text=_(
            "Internal: the service's staff only. Shared: also the partners who are members "
            "of the project."
        ),
    )
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords(m2m_fields=[people, organisations])

    objects = LiveManager.from_queryset(InteractionQuerySet)()
    all_objects = models.Manager.from_queryset(InteractionQuerySet)()

    class Meta:
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        ordering = ["-occurred_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(confidentiality__in=[c.value for c in Confidentiality]),
                name="interaction_confidentiality_valid",
            )
        ]
        indexes = [
            trash_index("interaction_trashed"),
            models.Index(fields=["follow_up_on"], name="interaction_follow_up"),
            # The default sort: a page of the list reads the index instead of sorting. With
            # the trash date, which every list asks about: a count by date (`?after=`)
            # reads the index alone, not each row (180,000 rows, ~150 ms on SQLite at
            # national scale).
            models.Index(
                fields=["-occurred_on", "-id", "deleted_at"], name="interaction_live_date"
            ),
            # The follow-ups due on the home page of who recorded them, soonest first:
            # the pending ones alone, so the page reads its eight rows in order instead
            # of every interaction the user recorded (20,000 for an officer at national
            # scale: ~100 ms on SQLite).
            models.Index(
                fields=["created_by", "follow_up_on", "id"],
                name="interaction_follow_up_due",
                condition=models.Q(follow_up_done=False, deleted_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        # The date as the reader's language writes it: "10 juin 2025 — Comité…".
        return f"{formats.date_format(self.occurred_on, 'DATE_FORMAT')} — {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("actors:interaction_detail", args=[self.pk])
