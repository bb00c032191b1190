"""Projects, their consortium and the users who are members of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.core.dates import dates_in_order
from maillage.core.models import (
    LiveManager,
    SearchableModel,
    SearchQuerySet,
    SoftDeleteModel,
    TimestampedModel,
    VersionedModel,
)
from maillage.core.reference import country_choices, currency_choices

if TYPE_CHECKING:
    from maillage.accounts.models import User


class ProjectStatus(models.TextChoices):
    """Life cycle of a project; `IATI_ACTIVITY_STATUS` maps it to IATI ActivityStatus."""

    IDEA = "idea", _("Idea")
    IDENTIFICATION = "identification", _("Identification")
    FORMULATION = "formulation", _("Formulation")
    IN_PROGRESS = "in_progress", _("In progress")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")
    EVALUATED = "evaluated", _("Evaluated")


IATI_ACTIVITY_STATUS = {
    ProjectStatus.IDEA: "1",
    ProjectStatus.IDENTIFICATION: "1",
    ProjectStatus.FORMULATION: "1",
    ProjectStatus.IN_PROGRESS: "2",
    ProjectStatus.SUSPENDED: "6",
    ProjectStatus.CLOSED: "4",
    ProjectStatus.EVALUATED: "4",
}


class ProjectQuerySet(SearchQuerySet):
    def visible_to_partner(self, user: User) -> ProjectQuerySet:
        return self.filter(memberships__user=user)


class Project(SoftDeleteModel, VersionedModel, SearchableModel, TimestampedModel):
    """A cooperation project: what is done, where, when, with whom and for how much."""

    SEARCH_FIELDS = ("code", "title", "title_en")

    code = models.CharField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=250)
    title_en = models.CharField(_("title in English"), max_length=250, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.IDEA
    )
    country = models.CharField(_("country"), max_length=2, choices=country_choices)
    start_on = models.DateField(_("start date"), null=True, blank=True)
    end_on = models.DateField(_("end date"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, null=True, blank=True
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
        related_name="owned_projects",
    )
    history = HistoricalRecords()

    objects = LiveManager.from_queryset(ProjectQuerySet)()
    all_objects = models.Manager.from_queryset(ProjectQuerySet)()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["code"]
        constraints = [
            dates_in_order("project_dates_in_order"),
            models.CheckConstraint(
                condition=models.Q(budget__isnull=True) | models.Q(budget__gte=0),
                name="project_budget_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", args=[self.pk])


class PartnerRole(models.TextChoices):
    """An organisation's role in a project; mapped to IATI OrganisationRole."""

    LEAD = "lead", _("Lead")
    PARTNER = "partner", _("Partner")
    FUNDER = "funder", _("Funder")
    IMPLEMENTER = "implementer", _("Implementer")
    BENEFICIARY = "beneficiary", _("Beneficiary")


class ProjectPartnerQuerySet(SearchQuerySet):
    def visible_to_partner(self, user: User) -> ProjectPartnerQuerySet:
        return self.filter(project__memberships__user=user)


class ProjectPartner(TimestampedModel):
    """An organisation's place in a project's consortium."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="partners"
    )
    organisation = models.ForeignKey(
        "actors.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="project_roles",
    )
    role = models.CharField(_("role"), max_length=16, choices=PartnerRole.choices)
    share = models.DecimalField(
        _("share (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    contacts = models.ManyToManyField(
        "actors.Person", verbose_name=_("contact people"), blank=True, related_name="partner_roles"
    )
    history = HistoricalRecords(m2m_fields=[contacts])

    objects = ProjectPartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        ordering = ["project", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation", "role"], name="project_partner_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_role_display()}"


class MembershipRole(models.TextChoices):
    MANAGER = "manager", _("Manager")
    MEMBER = "member", _("Team member")
    PARTNER = "partner", _("Partner")


class ProjectMembership(TimestampedModel):
    """A user's membership of a project: what feeds a partner's access to records."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"), max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project membership")
        verbose_name_plural = _("project memberships")
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="project_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.project}"
