"""The plan of a project: activities, their tasks and milestones, and the finish-to-start
dependencies between them.

One table, `PlanItem`, holds the three kinds so that dependencies, the Gantt chart, the
critical path and MS Project files treat them alike; `Activity`, `Task` and `Milestone`
are proxies with their own pages and API. A task belongs to an activity; a milestone may.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.core.dates import dates_in_order
from maillage.core.models import (
    LiveManager,
    SearchableModel,
    SoftDeleteModel,
    TimestampedModel,
    VersionedModel,
    trash_index,
)
from maillage.core.text import TEXT
from maillage.projects.models.projects import Project, ProjectScopedQuerySet, check_date_range

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


OPEN_STATUSES = [status for status in TaskStatus.values if status != TaskStatus.DONE]


class PlanItemQuerySet(ProjectScopedQuerySet):
    def late(self, today: datetime.date) -> PlanItemQuerySet:
        """Items whose end has passed and that are not done. The statuses named (not
        "not done") so that an index on the status reads only theirs: the count of the
        late tasks read every task's row, 140 ms at national scale, 2.5 ms so."""
        return self.filter(end_on__lt=today, status__in=OPEN_STATUSES)

    def assigned_to(self, user: object) -> PlanItemQuerySet:
        return self.filter(assignees=user)


PROGRESS_RANGE = _("Progress is a percentage, from 0 to 100.")


class PlanItem(SoftDeleteModel, SearchableModel, VersionedModel, TimestampedModel):
    """An activity, a task or a milestone of a project's plan."""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New plan item")

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
    description = models.TextField(
        _("description"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    start_on = models.DateField(_("start date"))
    end_on = models.DateField(_("end date"))
    status = models.CharField(
        _("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.TODO
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100, message=PROGRESS_RANGE)]
    )
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

    objects = LiveManager.from_queryset(PlanItemQuerySet)()
    all_objects = models.Manager.from_queryset(PlanItemQuerySet)()

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["project", "start_on", "position", "pk"]
        indexes = [
            trash_index("plan_item_trashed"),
            # A project's list of one kind in its default order (`?project=`), its plan
            # pages, and its trash.
            models.Index(fields=["project", "kind", "end_on", "id"], name="plan_item_project_end"),
            # The lists across projects, by due date (the date the "late" badge is on):
            # a page, the list's count and a deep page's ids (core.pagination) read this
            # index instead of sorting the items of a kind (250,000 plan items at
            # national scale). Live rows only, as the lists read them.
            models.Index(
                fields=["kind", "end_on", "id"],
                name="plan_item_kind_end",
                condition=models.Q(deleted_at__isnull=True),
            ),
            # The same lists filtered by status, and the late items (by status, then
            # due date): their count and their page read the index alone (the count of
            # the tasks to do read every task's row: 165 ms at national scale, 2.7 ms).
            models.Index(
                fields=["kind", "status", "end_on", "id"],
                name="plan_item_kind_status",
                condition=models.Q(deleted_at__isnull=True),
            ),
        ]
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

    @classmethod
    def search_kinds(cls) -> list[type[models.Model]]:
        # Each kind its own content type in the search index: a search of activities
        # read every item's matches and kept one in six (core.search).
        return [cls] if cls._meta.proxy else list(_kind_models().values())

    def search_kind(self) -> type[models.Model]:
        return _kind_models()[self.kind]

    def get_absolute_url(self) -> str:
        return reverse(f"projects:{self.kind}_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.kind == ItemKind.MILESTONE and self.end_on:
            self.start_on = self.end_on
        check_date_range(self.start_on, self.end_on)
        if self.kind == ItemKind.TASK and self.parent_id is None:
            raise ValidationError({"parent": _("A task belongs to an activity.")})
        if self.kind == ItemKind.ACTIVITY and self.parent_id is not None:
            raise ValidationError({"parent": _("An activity does not belong to another one.")})
        if self.parent_id is not None and self.parent.kind != ItemKind.ACTIVITY:
            raise ValidationError({"parent": _("Tasks and milestones belong to an activity.")})
        if self.parent_id is not None and self.parent.project_id != self.project_id:
            raise ValidationError({"parent": _("Choose an activity of the same project.")})

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Derived, like search_text: a milestone's start is its date, whoever writes it.
        if self.kind == ItemKind.MILESTONE and self.end_on:
            self.start_on = self.end_on
        super().save(*args, **kwargs)

    def is_late(self, today: datetime.date) -> bool:
        return self.end_on < today and self.status != TaskStatus.DONE

    @property
    def duration_days(self) -> int:
        """Calendar days from start to end, both included (0 for a milestone)."""
        if self.kind == ItemKind.MILESTONE:
            return 0
        return (self.end_on - self.start_on).days + 1


def _kind_models() -> dict[str, type[PlanItem]]:
    return {ItemKind.ACTIVITY: Activity, ItemKind.TASK: Task, ItemKind.MILESTONE: Milestone}


class _KindManager(models.Manager.from_queryset(PlanItemQuerySet)):  # type: ignore[misc]  # a manager class built at run time by from_queryset
    """The manager of a proxy: only the items of its kind, the trash included
    (`all_objects`); `LiveKindManager` leaves the trash out (`objects`)."""

    kind: str = ""

    def __init__(self, kind: str = "") -> None:
        super().__init__()
        self.kind = kind

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(kind=self.kind)


class LiveKindManager(_KindManager):
    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(deleted_at__isnull=True)


class Activity(PlanItem):
    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New activity")

    objects = LiveKindManager(ItemKind.ACTIVITY)
    all_objects = _KindManager(ItemKind.ACTIVITY)

    class Meta:
        proxy = True
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = self.kind or ItemKind.ACTIVITY

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.kind = ItemKind.ACTIVITY
        super().save(*args, **kwargs)


class Task(PlanItem):
    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New task")

    objects = LiveKindManager(ItemKind.TASK)
    all_objects = _KindManager(ItemKind.TASK)

    class Meta:
        proxy = True
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = self.kind or ItemKind.TASK

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.kind = ItemKind.TASK
        super().save(*args, **kwargs)


class Milestone(PlanItem):
    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New milestone")

    objects = LiveKindManager(ItemKind.MILESTONE)
    all_objects = _KindManager(ItemKind.MILESTONE)

    class Meta:
        proxy = True
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = self.kind or ItemKind.MILESTONE

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.kind = ItemKind.MILESTONE
        super().save(*args, **kwargs)


ON_ITSELF = _("An item cannot depend on itself.")
SAME_PROJECT = _("Both items must belong to the same project.")


class DependencyQuerySet(models.QuerySet):
    def visible_to(self, user: object) -> DependencyQuerySet:
        return self.filter(successor__in=PlanItem.objects.visible_to(user))


class LiveDependencyManager(models.Manager.from_queryset(DependencyQuerySet)):  # type: ignore[misc]  # built at run time by from_queryset
    """The links between live items: a link to an item in the trash waits there with it
    (the critical path, the Gantt and the knock-on never see it) and comes back with it."""

    def get_queryset(self) -> models.QuerySet:
        return (
            super()
            .get_queryset()
            .filter(predecessor__deleted_at__isnull=True, successor__deleted_at__isnull=True)
        )


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

    objects = LiveDependencyManager()
    all_objects = models.Manager.from_queryset(DependencyQuerySet)()

    class Meta:
        verbose_name = _("dependency")
        verbose_name_plural = _("dependencies")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"],
                name="dependency_unique",
                violation_error_message=_("These two items are already linked."),
            ),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")),
                name="dependency_not_on_itself",
                violation_error_message=ON_ITSELF,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"

    def clean(self) -> None:
        super().clean()
        if self.predecessor_id is None or self.successor_id is None:
            return
        # On itself: the named constraint says it, once.
        if self.predecessor.project_id != self.successor.project_id:
            raise ValidationError(SAME_PROJECT)


def check_dependency(
    predecessor: PlanItem, successor: PlanItem, *, edges: Iterable[tuple[int, int]] | None = None
) -> None:
    """Refuses a dependency on itself, across projects, or one that closes a cycle with
    `edges` (by default the project's live links)."""
    if predecessor.pk == successor.pk:
        raise ValidationError(ON_ITSELF)
    if predecessor.project_id != successor.project_id:
        raise ValidationError(SAME_PROJECT)
    if edges is None:
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
