"""The logical framework of a project (F1): its intervention logic as a tree of results
(overall objective → specific objectives → outcomes → outputs) and the assumptions each
level rests on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.core.access import VisibleQuerySet
from maillage.core.models import (
    LiveManager,
    SearchableModel,
    SoftDeleteModel,
    TimestampedModel,
    VersionedModel,
)
from maillage.core.text import SHORT_TEXT, TEXT
from maillage.projects.models import ProjectScopedQuerySet

if TYPE_CHECKING:
    from maillage.accounts.models import User


class ResultLevel(models.TextChoices):
    GOAL = "goal", _("Overall objective")
    SPECIFIC_OBJECTIVE = "specific_objective", _("Specific objective")
    OUTCOME = "outcome", _("Outcome")
    OUTPUT = "output", _("Output")


# The depth of each level in the tree: a result's parent is of a lower rank (an output
# may sit under an outcome or, in the EU's three-level logframes, under a specific
# objective). results.services.logframe applies it.
LEVEL_RANK: dict[str, int] = {
    ResultLevel.GOAL: 0,
    ResultLevel.SPECIFIC_OBJECTIVE: 1,
    ResultLevel.OUTCOME: 2,
    ResultLevel.OUTPUT: 3,
}


class ResultQuerySet(ProjectScopedQuerySet):
    """A partner sees the logframes of its projects."""

    def of_project(self, project_id: int) -> ResultQuerySet:
        return self.filter(project_id=project_id)


class Result(SoftDeleteModel, VersionedModel, SearchableModel, TimestampedModel):
    """One level of a project's intervention logic: the overall objective, a specific
    objective, an outcome or an output, under its parent level."""

    create_title = _("New result")

    SEARCH_FIELDS = ("code", "title")

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="results",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent level"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    level = models.CharField(_("level"), max_length=20, choices=ResultLevel.choices)
    code = models.CharField(
        _("code"), max_length=20, blank=True, help_text=_("As the logframe numbers it: OS1, R1.2…")
    )
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(
        _("description"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Outputs only: the activities of the project's plan that deliver the output. To the
    # plan's items (activities only, `limit_choices_to`; the service checks it too): a
    # relation to the Activity proxy would read through its manager, which filters on a
    # kind the related manager does not pass on.
    activities = models.ManyToManyField(
        "projects.PlanItem",
        verbose_name=_("activities"),
        blank=True,
        related_name="results",
        limit_choices_to={"kind": "activity"},
    )
    history = HistoricalRecords(m2m_fields=[activities])

    objects = LiveManager.from_queryset(ResultQuerySet)()
    all_objects = models.Manager.from_queryset(ResultQuerySet)()

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["project", "order", "code", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__in=ResultLevel.values), name="result_level_known"
            ),
            models.CheckConstraint(
                # The overall objective is the root of the tree; every other level hangs
                # from a parent.
                condition=models.Q(level=ResultLevel.GOAL, parent__isnull=True)
                | (~models.Q(level=ResultLevel.GOAL) & models.Q(parent__isnull=False)),
                name="result_parent_by_level",
                violation_error_message=_(
                    "The overall objective has no parent level; every other level has one."
                ),
            ),
            models.UniqueConstraint(
                fields=["project", "code"],
                condition=~models.Q(code="") & models.Q(deleted_at__isnull=True),
                name="result_code_unique_in_project",
                violation_error_message=_("Another result of this project has this code."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}" if self.code else self.title

    def get_absolute_url(self) -> str:
        return reverse("results:result_detail", args=[self.pk])

    def clean(self) -> None:
        # The rules of the constraints that span fields, on the field the reader fixes
        # (a refusal in clean() leaves the constraint on that field unchecked).
        if self.code and self.project_id:
            same = Result.objects.filter(project_id=self.project_id, code=self.code)
            if same.exclude(pk=self.pk).exists():
                raise ValidationError({"code": _("Another result of this project has this code.")})

    @property
    def rank(self) -> int:
        return LEVEL_RANK.get(self.level, 0)


class AssumptionQuerySet(VisibleQuerySet):
    def visible_to_partner(self, user: User) -> AssumptionQuerySet:
        return self.filter(
            result__project__memberships__user=user,
            result__project__deleted_at__isnull=True,
            result__deleted_at__isnull=True,
        )


class Assumption(TimestampedModel):
    """A condition outside the project's control that a level of the logframe needs to
    hold; it may be followed as a risk of the project's register."""

    create_title = _("New assumption")

    result = models.ForeignKey(
        Result, verbose_name=_("result"), on_delete=models.CASCADE, related_name="assumptions"
    )
    text = models.TextField(
        _("assumption"), max_length=SHORT_TEXT, validators=[MaxLengthValidator(SHORT_TEXT)]
    )
    risk = models.ForeignKey(
        "projects.Risk",
        verbose_name=_("risk"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assumptions",
        help_text=_("The risk of the project's register that follows this assumption."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    objects = AssumptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("assumption")
        verbose_name_plural = _("assumptions")
        ordering = ["result", "order", "pk"]

    def __str__(self) -> str:
        return Truncator(self.text).chars(80)

    def get_absolute_url(self) -> str:
        return reverse("results:result_detail", args=[self.result_id])
