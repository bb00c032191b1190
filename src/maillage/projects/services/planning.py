"""Writes of the plan: activities, tasks and milestones (a task done is 100 % and dated
in the user's own day), their dependencies (never on itself, across projects or in a
loop), moving a task on the board, and pushing dependent items when dates change."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.core.services import ModelService, today_for
from maillage.projects import selectors
from maillage.projects.models import (
    Activity,
    Dependency,
    ItemKind,
    Milestone,
    PlanItem,
    Task,
    TaskStatus,
    check_dependency,
    creates_cycle,
)
from maillage.projects.models.planning import SAME_PROJECT

# (predecessor — a PlanItem —, lag in days) as the API gives an item's predecessors.
PredecessorRow = tuple[PlanItem, int]


class PlanItemService(ModelService[PlanItem]):
    """An item of a plan; `predecessors` in the data ([(item, lag)]) replaces the links
    to the items it waits for."""

    model = PlanItem

    @classmethod
    def prepare(cls, obj: PlanItem, *, by: Any, before: PlanItem | None) -> None:
        if obj.kind == ItemKind.MILESTONE and obj.end_on:
            obj.start_on = obj.end_on  # a milestone takes its one day
        if obj.status == TaskStatus.DONE:
            obj.progress = 100
            if obj.completed_on is None:
                # The day where the user is, not the server's: at 1:30 in Paris it is
                # already tomorrow while UTC is still today.
                obj.completed_on = today_for(by)
            return
        obj.completed_on = None
        if before is None or before.status == obj.status or obj.status != TaskStatus.TODO:
            return
        if obj.progress == before.progress:
            obj.progress = 0  # back to "to do", with no progress said: it restarts

    @classmethod
    def validate(
        cls, obj: PlanItem, *, by: Any, before: PlanItem | None, related: dict[str, Any]
    ) -> None:
        if before is not None and before.project_id != obj.project_id:
            # Its dependencies and tasks belong to the project: moving it would split them.
            raise ValidationError(
                {"project": _("An item stays in its project; create a new one instead.")}
            )
        if related.get("predecessors") is not None:
            check_predecessors(obj, related["predecessors"])

    @classmethod
    def save_related(cls, obj: PlanItem, related: dict[str, Any], *, by: Any) -> None:
        super().save_related(obj, related, by=by)
        if related.get("predecessors") is not None:
            set_predecessors(item=obj, links=related["predecessors"], by=by)


class ActivityService(PlanItemService):
    model = Activity


class TaskService(PlanItemService):
    model = Task


class MilestoneService(PlanItemService):
    model = Milestone


def check_predecessors(item: PlanItem, links: Sequence[PredecessorRow]) -> None:
    """Each predecessor once, of the same project, and no loop once they replace the
    item's current ones (ValidationError on `predecessors`)."""
    ids = [predecessor.pk for predecessor, _lag in links]
    if len(set(ids)) != len(ids):
        raise ValidationError(
            {"predecessors": _("An item is listed twice among the predecessors.")}
        )
    edges: list[tuple[int, int]] = []
    if item.pk is not None:
        edges = list(
            Dependency.objects.filter(successor__project_id=item.project_id)
            .exclude(successor=item)
            .values_list("predecessor_id", "successor_id")
        )
    for predecessor, _lag in links:
        try:
            if item.pk is None:
                # A new item has no successor yet: no loop possible, but the same project.
                if predecessor.project_id != item.project_id:
                    raise ValidationError(SAME_PROJECT)
                continue
            check_dependency(predecessor, item, edges=edges)
        except ValidationError as error:
            raise ValidationError({"predecessors": error.messages}) from error
        edges.append((predecessor.pk, item.pk))


@transaction.atomic
def set_predecessors(*, item: PlanItem, links: Sequence[PredecessorRow], by: Any) -> None:
    """Make `links` the item's predecessors: links removed, lags changed, links added,
    each through the dependency's service."""
    current = {link.predecessor_id: link for link in Dependency.objects.filter(successor=item)}
    wanted = {predecessor.pk: (predecessor, lag) for predecessor, lag in links}
    for predecessor_id, link in current.items():
        if predecessor_id not in wanted:
            DependencyService.delete(obj=link, by=by)
        elif link.lag_days != wanted[predecessor_id][1]:
            DependencyService.update(obj=link, data={"lag_days": wanted[predecessor_id][1]}, by=by)
    for predecessor_id, (predecessor, lag) in wanted.items():
        if predecessor_id not in current:
            DependencyService.create(
                data={"predecessor": predecessor, "successor": item, "lag_days": lag}, by=by
            )


class DependencyService(ModelService[Dependency]):
    """A finish-to-start link: the model says "not on itself" and "same project"; a
    loop through the project's other links is refused here."""

    model = Dependency

    @classmethod
    def validate(
        cls, obj: Dependency, *, by: Any, before: Dependency | None, related: dict[str, Any]
    ) -> None:
        if obj.predecessor_id is None or obj.successor_id is None:
            return
        if obj.predecessor_id == obj.successor_id:
            return
        if obj.predecessor.project_id != obj.successor.project_id:
            return
        edges = (
            Dependency.objects.filter(successor__project_id=obj.successor.project_id)
            .exclude(pk=obj.pk)
            .values_list("predecessor_id", "successor_id")
        )
        if creates_cycle(edges, obj.predecessor_id, obj.successor_id):
            raise ValidationError(
                _("This dependency would create a cycle: %(item)s already depends on %(other)s.")
                % {"item": obj.predecessor, "other": obj.successor}
            )


@transaction.atomic
def update_plan_item(
    *,
    item: PlanItem,
    data: dict[str, Any],
    by: Any,
    version: int | None = None,
    shift: bool = False,
) -> tuple[PlanItem, int]:
    """Save an item's change; with `shift`, push the items that depend on it so that
    none starts before what it waits for ends ("save and shift"). The item and how many
    dependent items moved."""
    before = PlanItem.all_objects.values_list("start_on", "end_on").get(pk=item.pk)
    item = PlanItemService.update(obj=item, data=data, by=by, version=version)
    moved = 0
    if shift and (item.start_on, item.end_on) != tuple(before):
        moved = shift_dependants(item=item, by=by)
    return item, moved


@transaction.atomic
def shift_dependants(*, item: PlanItem, by: Any) -> int:
    """Move forward the items that would start before `item` (at its saved dates) and
    their own dependants allow, keeping their durations; how many moved."""
    shifts = selectors.proposed_shifts(item=item, start_on=item.start_on, end_on=item.end_on)
    reason = _("Shifted after %(item)s moved") % {"item": item}
    for other, shift in shifts:
        service = service_of(other)
        service.update(
            obj=other,
            data={"start_on": shift.new_start_on, "end_on": shift.new_end_on},
            by=by,
            reason=reason,
        )
    return len(shifts)


@transaction.atomic
def move_task(*, task: PlanItem, status: str, progress: int | None = None, by: Any) -> PlanItem:
    """Put a task in a column of the board (and at a progress, when given): done is
    100 % and dated today where the user is; back to "to do" is 0 % unless said."""
    data: dict[str, Any] = {"status": status}
    if progress is not None:
        data["progress"] = progress
    return service_of(task).update(obj=task, data=data, by=by)


def service_of(item: PlanItem) -> type[PlanItemService]:
    return {
        ItemKind.ACTIVITY: ActivityService,
        ItemKind.TASK: TaskService,
        ItemKind.MILESTONE: MilestoneService,
    }.get(ItemKind(item.kind), PlanItemService)
