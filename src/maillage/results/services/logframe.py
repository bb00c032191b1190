"""Writes of a logframe's levels and assumptions. The tree keeps its shape whatever the
door: a level hangs under a higher level of the same project, a project has one overall
objective, an output serves activities of its own project's plan only."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from maillage.core.services import ModelService
from maillage.projects.models import ItemKind
from maillage.results.models import LEVEL_RANK, Assumption, Result, ResultLevel


class ResultService(ModelService[Result]):
    model = Result

    @classmethod
    def prepare(cls, obj: Result, *, by: Any, before: Result | None) -> None:
        # A level added under a parent belongs to the parent's project.
        parent = obj.parent if obj.parent_id else None
        if parent is not None and not obj.project_id:
            obj.project_id = parent.project_id

    @classmethod
    def validate(cls, obj: Result, *, by: Any, before: Result | None, related: dict) -> None:
        errors: dict[str, str] = {}
        if before is not None and before.project_id != obj.project_id:
            errors["project"] = _("A level of a logframe does not move to another project.")
        parent = obj.parent if obj.parent_id else None
        if parent is not None:
            if parent.project_id != obj.project_id:
                errors["parent"] = _("The parent level belongs to another project.")
            elif parent.deleted_at is not None:
                errors["parent"] = _("The parent level is in the trash.")
            elif LEVEL_RANK.get(parent.level, 0) >= LEVEL_RANK.get(obj.level, 0):
                errors["parent"] = _(
                    "A %(level)s hangs under a higher level, not under a %(parent)s."
                ) % {
                    "level": ResultLevel(obj.level).label.lower(),
                    "parent": ResultLevel(parent.level).label.lower(),
                }
            elif obj.pk and _is_descendant(parent, obj.pk):
                errors["parent"] = _("A level cannot hang under one of its own sub-levels.")
        if obj.level == ResultLevel.GOAL and obj.project_id:
            goals = Result.objects.filter(project_id=obj.project_id, level=ResultLevel.GOAL)
            if goals.exclude(pk=obj.pk).exists():
                errors["level"] = _("This project has an overall objective already.")
        if obj.pk and obj.level in LEVEL_RANK:
            lower = obj.children.filter(deleted_at__isnull=True)
            if any(LEVEL_RANK[c.level] <= LEVEL_RANK[obj.level] for c in lower):
                errors["level"] = _("Some sub-levels of this result are not below this level.")
        activities = related.get("activities")
        if activities:
            if obj.level != ResultLevel.OUTPUT:
                errors["activities"] = _("Only an output lists the activities that deliver it.")
            elif any(
                a.project_id != obj.project_id or a.kind != ItemKind.ACTIVITY for a in activities
            ):
                errors["activities"] = _("Choose activities of this project's plan only.")
        if errors:
            raise ValidationError(errors)


def _is_descendant(node: Result, ancestor_pk: int) -> bool:
    """Whether `node` sits under the result `ancestor_pk` (a level is at most 4 deep)."""
    seen = 0
    current: Result | None = node
    while current is not None and seen < len(LEVEL_RANK) + 1:
        if current.pk == ancestor_pk:
            return True
        current = current.parent if current.parent_id else None
        seen += 1
    return False


class AssumptionService(ModelService[Assumption]):
    model = Assumption

    @classmethod
    def validate(
        cls, obj: Assumption, *, by: Any, before: Assumption | None, related: dict
    ) -> None:
        risk = obj.risk if obj.risk_id else None
        if risk is not None and obj.result_id and risk.project_id != obj.result.project_id:
            raise ValidationError({"risk": _("Choose a risk of this project's register.")})
