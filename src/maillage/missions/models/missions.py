"""Missions (delegations, G1): who travels where and why, the destination's risk level,
the status moving through one service, the approval an orange or red zone needs, and the
after-mission report (compte rendu)."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
from maillage.core.reference import country_choices
from maillage.core.text import TEXT

if TYPE_CHECKING:
    from maillage.accounts.models import User

RETURN_BEFORE_DEPARTURE = _("The return cannot come before the departure.")


class MissionDirection(models.TextChoices):
    OUTGOING = "outgoing", _("Outgoing (our delegation travels)")
    INCOMING = "incoming", _("Incoming (we host a delegation)")


class MissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PLANNED = "planned", _("Planned")
    APPROVAL_REQUESTED = "approval_requested", _("Approval requested")
    APPROVED = "approved", _("Approved")
    CONFIRMED = "confirmed", _("Confirmed")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# Where a mission may go from each status (MissionService.move, whatever the door).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    MissionStatus.DRAFT: (MissionStatus.PLANNED, MissionStatus.CANCELLED),
    MissionStatus.PLANNED: (
        MissionStatus.APPROVAL_REQUESTED,
        MissionStatus.CONFIRMED,
        MissionStatus.DRAFT,
        MissionStatus.CANCELLED,
    ),
    MissionStatus.APPROVAL_REQUESTED: (MissionStatus.PLANNED, MissionStatus.CANCELLED),
    MissionStatus.APPROVED: (MissionStatus.CONFIRMED, MissionStatus.CANCELLED),
    MissionStatus.CONFIRMED: (MissionStatus.DONE, MissionStatus.CANCELLED),
    MissionStatus.DONE: (),
    MissionStatus.CANCELLED: (MissionStatus.DRAFT,),
}
# A cancelled mission holds nobody: its participants may travel elsewhere meanwhile.
ACTIVE_STATUSES = tuple(s for s in MissionStatus.values if s != MissionStatus.CANCELLED)


class RiskLevel(models.TextChoices):
    """The colours of the French foreign ministry's travel advice (Conseils aux
    voyageurs): from vigilance to formally advised against."""

    GREEN = "green", _("Green — normal vigilance")
    YELLOW = "yellow", _("Yellow — heightened vigilance")
    ORANGE = "orange", _("Orange — advised against except for compelling reasons")
    RED = "red", _("Red — formally advised against")


# A mission to these zones is confirmed only after an approver's explicit approval.
APPROVAL_LEVELS = (RiskLevel.ORANGE, RiskLevel.RED)


class MissionQuerySet(SearchQuerySet):
    def visible_to_partner(self, user: User) -> MissionQuerySet:
        # Missions are internal staff records. A partner sees a mission it takes part in
        # (as a user, or as the person its account is) or one linked to a project it is
        # a member of; never the others.
        from maillage.missions.models.mission_rows import MissionParticipant
        from maillage.projects.models import Project

        projects = Project.objects.visible_to_partner(user).values("pk")
        linked = Mission.projects.through.objects.filter(project_id__in=projects)
        # The two ways of taking part asked apart: as one condition over the participant
        # and its person, PostgreSQL joined every person to every participant (60,000
        # read for each list or search of missions: 25 ms at national scale).
        as_user = MissionParticipant.objects.filter(user=user)
        as_person = MissionParticipant.objects.filter(person__user=user)
        return self.filter(
            models.Q(pk__in=linked.values("mission_id"))
            | models.Q(pk__in=as_user.values("mission_id"))
            | models.Q(pk__in=as_person.values("mission_id"))
        )


class Mission(SoftDeleteModel, VersionedModel, SearchableModel, TimestampedModel):
    """A delegation: an outgoing mission of the authority or an incoming one it hosts,
    with its participants, itinerary, agenda, logistics, budget and report."""

    create_title = _("New mission")

    SEARCH_FIELDS = ("title", "city")

    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(
        _("purpose"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    direction = models.CharField(
        _("direction"),
        max_length=16,
        choices=MissionDirection.choices,
        default=MissionDirection.OUTGOING,
    )
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=MissionStatus.choices,
        default=MissionStatus.DRAFT,
        editable=False,
    )
    projects = models.ManyToManyField(
        "projects.Project", verbose_name=_("projects"), blank=True, related_name="missions"
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("partnership"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="missions",
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organised by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organised_missions",
    )
    departure_on = models.DateField(_("departure date"))
    return_on = models.DateField(_("return date"))
    country = models.CharField(_("destination country"), max_length=2, choices=country_choices)
    city = models.CharField(_("destination city"), max_length=120)
    timezone = models.CharField(_("destination time zone"), max_length=64, choices=timezone_choices)
    risk_level = models.CharField(
        _("risk level"), max_length=8, choices=RiskLevel.choices, blank=True
    )
    risk_assessed_on = models.DateField(_("risk level as of"), null=True, blank=True)
    risk_source = models.CharField(
        _("risk level source"),
        max_length=200,
        blank=True,
        help_text=_("e.g. France Diplomatie – Conseils aux voyageurs"),
    )
    report = models.TextField(
        _("after-mission report"),
        blank=True,
        max_length=TEXT,
        validators=[MaxLengthValidator(TEXT)],
        help_text=_("The compte rendu: what was seen, said and agreed."),
    )
    decisions = models.TextField(
        _("decisions"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    history = HistoricalRecords(m2m_fields=[projects])

    objects = LiveManager.from_queryset(MissionQuerySet)()
    all_objects = models.Manager.from_queryset(MissionQuerySet)()

    class Meta:
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        ordering = ["-departure_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(return_on__gte=models.F("departure_on")),
                name="mission_return_after_departure",
                violation_error_message=RETURN_BEFORE_DEPARTURE,
            ),
        ]
        indexes = [models.Index(fields=["departure_on", "id"], name="mission_departure_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("missions:mission_detail", args=[self.pk])

    @property
    def needs_approval(self) -> bool:
        return self.risk_level in APPROVAL_LEVELS

    @property
    def nights(self) -> int:
        if not self.departure_on or not self.return_on:
            return 0
        return max((self.return_on - self.departure_on).days, 0)

    def clean(self) -> None:
        if self.departure_on and self.return_on and self.return_on < self.departure_on:
            raise ValidationError({"return_on": RETURN_BEFORE_DEPARTURE})
        if self.risk_level and not self.risk_assessed_on:
            raise ValidationError(
                {"risk_assessed_on": _("Say on which date the risk level was published.")}
            )


class ApprovalDecision(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class MissionApproval(TimestampedModel):
    """An approver's decision on a mission to an orange or red zone, with its reason."""

    create_title = _("New approval decision")

    mission = models.ForeignKey(
        Mission, verbose_name=_("mission"), on_delete=models.CASCADE, related_name="approvals"
    )
    decision = models.CharField(_("decision"), max_length=10, choices=ApprovalDecision.choices)
    reason = models.TextField(_("reason"), max_length=2000, validators=[MaxLengthValidator(2000)])
    risk_level = models.CharField(
        _("risk level"), max_length=8, choices=RiskLevel.choices, blank=True, editable=False
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="mission_approvals",
        editable=False,
    )
    history = HistoricalRecords()

    objects = SearchQuerySet.as_manager()

    class Meta:
        verbose_name = _("approval decision")
        verbose_name_plural = _("approval decisions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} — {self.decided_by}"

    def get_absolute_url(self) -> str:
        return reverse("missions:mission_detail", args=[self.mission_id])


class MissionApproverQuerySet(SearchQuerySet):
    """Who approves missions is internal: partners see nobody."""


class MissionApprover(SoftDeleteModel, TimestampedModel):
    """A user an administrator designated to approve missions to orange or red zones."""

    create_title = _("New mission approver")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="mission_approver",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = LiveManager.from_queryset(MissionApproverQuerySet)()
    all_objects = models.Manager.from_queryset(MissionApproverQuerySet)()

    class Meta:
        verbose_name = _("mission approver")
        verbose_name_plural = _("mission approvers")
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("missions:missionapprover_detail", args=[self.pk])
