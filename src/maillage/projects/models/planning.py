"""The plan of a project: activities, their tasks and milestones, and the finish-to-start
dependencies between them.

One table, `PlanItem`, holds the three kinds so that dependencies, the Gantt chart, the
critical path and MS Project files treat them alike; `Activity`, `Task` and `Milestone`
are proxies with their own pages and API. A task belongs to an activity; a milestone may.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.core.dates import dates_in_order
from maillage.core.models import SearchableModel, TimestampedModel, VersionedModel
from maillage.projects.models.projects import Project, ProjectScopedQuerySet

if TYPE_CHECKING:
    from collections.abc import Iterable


class ItemKind(models.TextChoices):
    ACTIVITY = "activity", _("Activity")
    TASK = "task", _("Task")
    MILESTONE = "milestone", _("Milestone")


class TaskStatus(models.TextChoices):
    """The columns of the task board."""

    TODO = "todo", _("To do")
    DOING = "doing", _("Doing")
    DONE = "done", _("Done")


class PlanItemQuerySet(ProjectScopedQuerySet):
    def late(self, today: datetime.date) -> PlanItemQuerySet:
        """Items whose end has passed and that are not done."""
        return self.filter(end_on__lt=today).exclude(status=TaskStatus.DONE)

    def assigned_to(self, user: object) -> PlanItemQuerySet:
        return self.filter(assignees=user)


class PlanItem(SearchableModel, VersionedModel, TimestampedModel):
    """An activity, a task or a milestone of a project's plan."""

    SEARCH_FIELDS = ("title",)

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="plan_items"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        limit_choices_to={"kind": ItemKind.ACTIVITY},
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    start_on = models.DateField(_("start date"))
    end_on = models.DateField(_("end date"))
    status = models.CharField(
        _("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.TODO
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignees"),
        blank=True,
        related_name="plan_items",
    )
    organisation = models.ForeignKey(
        "actors.Organisation",
        verbose_name=_("responsible organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_items",
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[assignees])

    objects = PlanItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["project", "start_on", "position", "pk"]
        indexes = [models.Index(fields=["project", "kind"], name="plan_item_project_kind")]
        constraints = [
            dates_in_order("plan_item_dates_in_order"),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="plan_item_progress_max_100"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="milestone") | models.Q(start_on=models.F("end_on")),
                name="plan_item_milestone_one_day",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(f"projects:{self.kind}_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.kind == ItemKind.MILESTONE and self.end_on:
            self.start_on = self.end_on
        if self.kind == ItemKind.TASK and self.parent_id is None:
            raise ValidationError({"parent": _("A task belongs to an activity.")})
        if self.kind == ItemKind.ACTIVITY and self.parent_id is not None:
            raise ValidationError({"parent": _("An activity does not belong to another one.")})
        if self.parent_id is not None and self.parent.project_id != self.project_id:
            raise ValidationError({"parent": _("The activity belongs to another project.")})

    def save(self, *args: object, **kwargs: object) -> None:
        if self.kind == ItemKind.MILESTONE:
            self.start_on = self.end_on
        if self.status == TaskStatus.DONE:
            self.progress = 100
            if self.completed_on is None:
                self.completed_on = datetime.date.today()
        elif self.completed_on is not None:
            self.completed_on = None
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def is_late(self, today: datetime.date) -> bool:
        return self.end_on < today and self.status != TaskStatus.DONE

    @property
    def duration_days(self) -> int:
        """Calendar days from start to end, both included (0 for a milestone)."""
        if self.kind == ItemKind.MILESTONE:
            return 0
        return (self.end_on - self.start_on).days + 1


class _KindManager(models.Manager.from_queryset(PlanItemQuerySet)):  # type: ignore[misc]
    """The manager of a proxy: only the items of its kind."""

    kind: str = ""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(kind=self.kind)


class ActivityManager(_KindManager):
    kind = ItemKind.ACTIVITY


class TaskManager(_KindManager):
    kind = ItemKind.TASK


class MilestoneManager(_KindManager):
    kind = ItemKind.MILESTONE


class Activity(PlanItem):
    objects = ActivityManager()

    class Meta:
        proxy = True
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def save(self, *args: object, **kwargs: object) -> None:
        self.kind = ItemKind.ACTIVITY
        super().save(*args, **kwargs)


class Task(PlanItem):
    objects = TaskManager()

    class Meta:
        proxy = True
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def save(self, *args: object, **kwargs: object) -> None:
        self.kind = ItemKind.TASK
        super().save(*args, **kwargs)


class Milestone(PlanItem):
    objects = MilestoneManager()

    class Meta:
        proxy = True
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def save(self, *args: object, **kwargs: object) -> None:
        self.kind = ItemKind.MILESTONE
        super().save(*args, **kwargs)


class DependencyQuerySet(models.QuerySet):
    def visible_to(self, user: object) -> DependencyQuerySet:
        return self.filter(successor__in=PlanItem.objects.visible_to(user))


class Dependency(models.Model):
    """Finish-to-start: `successor` may start once `predecessor` is finished (+ lag days)."""

    predecessor = models.ForeignKey(
        PlanItem,
        verbose_name=_("predecessor"),
        on_delete=models.CASCADE,
        related_name="successor_links",
    )
    successor = models.ForeignKey(
        PlanItem,
        verbose_name=_("successor"),
        on_delete=models.CASCADE,
        related_name="predecessor_links",
    )
    lag_days = models.IntegerField(_("lag (days)"), default=0)
    history = HistoricalRecords()

    objects = DependencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("dependency")
        verbose_name_plural = _("dependencies")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="dependency_unique"),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")),
                name="dependency_not_on_itself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"

    def clean(self) -> None:
        super().clean()
        check_dependency(self.predecessor, self.successor)


def check_dependency(predecessor: PlanItem, successor: PlanItem) -> None:
    """Refuses a dependency on itself, across projects, or one that closes a cycle."""
    if predecessor.pk == successor.pk:
        raise ValidationError(_("An item cannot depend on itself."))
    if predecessor.project_id != successor.project_id:
        raise ValidationError(_("Both items must belong to the same project."))
    edges = Dependency.objects.filter(successor__project_id=successor.project_id).values_list(
        "predecessor_id", "successor_id"
    )
    if creates_cycle(edges, predecessor.pk, successor.pk):
        raise ValidationError(
            _("This dependency would create a cycle: %(item)s already depends on %(other)s.")
            % {"item": predecessor, "other": successor}
        )


def creates_cycle(edges: Iterable[tuple[int, int]], predecessor: int, successor: int) -> bool:
    """Whether adding predecessor → successor to `edges` closes a loop: that is, whether
    `predecessor` is already reachable from `successor`."""
    if predecessor == successor:
        return True
    following: dict[int, list[int]] = defaultdict(list)
    for before, after in edges:
        following[before].append(after)
    seen, stack = {successor}, [successor]
    while stack:
        node = stack.pop()
        for nxt in following[node]:
            if nxt == predecessor:
                return True
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False
