"""The risk register of a project: likelihood × impact, mitigation, owner, review date."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.core.models import (
    LiveManager,
    SearchableModel,
    SoftDeleteModel,
    TimestampedModel,
    VersionedModel,
)
from maillage.core.text import TEXT
from maillage.projects.models.projects import Project, ProjectScopedQuerySet


class RiskCategory(models.TextChoices):
    POLITICAL = "political", _("Political")
    SECURITY = "security", _("Security")
    HEALTH = "health", _("Health")
    FINANCIAL = "financial", _("Financial")
    OPERATIONAL = "operational", _("Operational")
    REPUTATIONAL = "reputational", _("Reputational")
    ENVIRONMENTAL = "environmental", _("Environmental")
    LEGAL = "legal", _("Legal and compliance")
    OTHER = "other", _("Other")


class Level(models.IntegerChoices):
    """Likelihood and impact, from 1 to 5."""

    VERY_LOW = 1, _("Very low")
    LOW = 2, _("Low")
    MEDIUM = 3, _("Medium")
    HIGH = 4, _("High")
    VERY_HIGH = 5, _("Very high")


class RiskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


# A risk's score, computed by the database: the lists sort by it, an index holds it.
SCORE = models.F("likelihood") * models.F("impact")


class RiskQuerySet(ProjectScopedQuerySet):
    def open(self) -> RiskQuerySet:
        return self.filter(status=RiskStatus.OPEN)

    def review_overdue(self, today: datetime.date) -> RiskQuerySet:
        return self.open().filter(review_on__lt=today)

    def with_score(self) -> RiskQuerySet:
        """With `score_value` (likelihood × impact) computed by the database."""
        return self.annotate(score_value=SCORE)


class Risk(SoftDeleteModel, SearchableModel, VersionedModel, TimestampedModel):
    """A risk of a project and what is done about it."""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New risk")

    SEARCH_FIELDS = ("title", "description")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="risks"
    )
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(
        _("description"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    category = models.CharField(_("category"), max_length=20, choices=RiskCategory.choices)
    likelihood = models.PositiveSmallIntegerField(
        _("likelihood"), choices=Level.choices, default=Level.MEDIUM
    )
    impact = models.PositiveSmallIntegerField(
        _("impact"), choices=Level.choices, default=Level.MEDIUM
    )
    mitigation = models.TextField(
        _("mitigation"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_risks",
    )
    review_on = models.DateField(_("next review"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN
    )
    history = HistoricalRecords()

    objects = LiveManager.from_queryset(RiskQuerySet)()
    all_objects = models.Manager.from_queryset(RiskQuerySet)()

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["project", "status", "-likelihood", "-impact", "title"]
        indexes = [
            # The register across projects, highest score first (`with_score`'s
            # expression, as the list sorts by it): a page, the count and a deep page's
            # ids read this index instead of sorting every live risk.
            models.Index(
                SCORE.desc(),
                "id",
                name="risk_score",
                condition=models.Q(deleted_at__isnull=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(likelihood__gte=1, likelihood__lte=5)
                & models.Q(impact__gte=1, impact__lte=5),
                name="risk_levels_range",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:risk_detail", args=[self.pk])

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    def review_overdue(self, today: datetime.date) -> bool:
        return (
            self.status == RiskStatus.OPEN and self.review_on is not None and self.review_on < today
        )
