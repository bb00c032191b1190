"""Writes of strategies, programmes, projects and a project's descriptive rows: its DAC
sectors (written together, summing to 100), locations, policy markers, consortium and
team."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from maillage.core.formatting import format_number
from maillage.core.services import ModelService, StillInUse
from maillage.projects.models import (
    Programme,
    Project,
    ProjectLocation,
    ProjectMembership,
    ProjectPartner,
    ProjectPolicyMarker,
    ProjectSector,
    Strategy,
)

# (DAC sector — a CodelistItem —, percentage) as the page's formset and the API give them.
SectorRow = tuple[Any, Decimal]


class StrategyService(ModelService[Strategy]):
    model = Strategy

    @classmethod
    def before_delete(cls, obj: Strategy, *, by: Any) -> None:
        # Programmes point to their strategy: a strategy in the trash would leave them
        # under a title nobody can open.
        if obj.programmes.exists():
            raise StillInUse(
                _("%(name)s still has programmes: attach them elsewhere or delete them first.")
                % {"name": obj}
            )


class ProgrammeService(ModelService[Programme]):
    model = Programme

    @classmethod
    def validate(
        cls, obj: Programme, *, by: Any, before: Programme | None, related: dict[str, Any]
    ) -> None:
        # The live ones are checked by the unique field; a code stays taken in the trash.
        trashed = Programme.all_objects.filter(code=obj.code, deleted_at__isnull=False)
        if obj.code and trashed.exclude(pk=obj.pk).exists():
            raise ValidationError({"code": code_in_trash(obj.code)})

    @classmethod
    def before_delete(cls, obj: Programme, *, by: Any) -> None:
        if obj.projects.exists():
            raise StillInUse(
                _("%(name)s still has projects: attach them elsewhere or delete them first.")
                % {"name": obj}
            )


def code_in_trash(code: str) -> str:
    return _(
        "The code “%(code)s” belongs to a record in the trash: restore it or choose another."
    ) % {"code": code}


class ProjectService(ModelService[Project]):
    """A project; `sectors` in the data ([(sector, percentage)]) replaces its DAC sectors."""

    model = Project

    @classmethod
    def validate(
        cls, obj: Project, *, by: Any, before: Project | None, related: dict[str, Any]
    ) -> None:
        errors: dict[str, Any] = {}
        trashed = Project.all_objects.filter(code=obj.code, deleted_at__isnull=False)
        if obj.code and trashed.exclude(pk=obj.pk).exists():
            errors["code"] = code_in_trash(obj.code)
        if related.get("sectors") is not None:
            try:
                check_sectors(related["sectors"])
            except ValidationError as error:
                errors["sectors"] = error.messages
        if errors:
            raise ValidationError(errors)

    @classmethod
    def save_related(cls, obj: Project, related: dict[str, Any], *, by: Any) -> None:
        super().save_related(obj, related, by=by)
        if related.get("sectors") is not None:
            _replace_sectors(obj, related["sectors"], by=by)


def check_new_project_code(code: str) -> str:
    """The code of a project to create, stripped; ValidationError when a project (live
    or in the trash) has it already — for imports, which ask before reading a file."""
    code = code.strip()
    if Project.all_objects.filter(code=code).exists():
        raise ValidationError(
            _("A project with the code “%(code)s” exists already (perhaps in the trash).")
            % {"code": code}
        )
    return code


def check_sectors(rows: Sequence[SectorRow]) -> None:
    """A project's DAC sectors: each at most once, and their percentages sum to exactly
    100 (or there are none)."""
    total, seen = Decimal(0), set()
    for sector, percentage in rows:
        if sector.pk in seen:
            raise ValidationError(_("%(sector)s is listed twice.") % {"sector": sector})
        seen.add(sector.pk)
        total += percentage or 0
    if seen and total != 100:
        raise ValidationError(
            _("The sector percentages add up to %(total)s %%; they must add up to 100 %%.")
            % {"total": format_number(total)}
        )


@transaction.atomic
def set_sectors(*, project: Project, rows: Sequence[SectorRow], by: Any) -> None:
    """Replace the project's DAC sectors, all together or none (ValidationError on
    `sectors` when they do not sum to 100 or one is listed twice)."""
    try:
        check_sectors(rows)
    except ValidationError as error:
        raise ValidationError({"sectors": error.messages}) from error
    _replace_sectors(project, rows, by=by)


def _replace_sectors(project: Project, rows: Sequence[SectorRow], *, by: Any) -> None:
    wanted = {sector.pk: (sector, percentage) for sector, percentage in rows}
    current = {row.sector_id: row for row in ProjectSector.objects.filter(project=project)}
    # Rows go one by one: removals first, so that no intermediate state repeats a sector.
    for sector_id, row in current.items():
        if sector_id not in wanted:
            ProjectSectorService.delete(obj=row, by=by)
    for sector_id, (sector, percentage) in wanted.items():
        if sector_id in current:
            if current[sector_id].percentage != percentage:
                ProjectSectorService.update(
                    obj=current[sector_id], data={"percentage": percentage}, by=by
                )
        else:
            ProjectSectorService.create(
                data={"project": project, "sector": sector, "percentage": percentage}, by=by
            )


class ProjectSectorService(ModelService[ProjectSector]):
    """One sector row; the rule on the whole set is `set_sectors`'."""

    model = ProjectSector


class ProjectLocationService(ModelService[ProjectLocation]):
    model = ProjectLocation


class ProjectPolicyMarkerService(ModelService[ProjectPolicyMarker]):
    model = ProjectPolicyMarker


class ProjectPartnerService(ModelService[ProjectPartner]):
    """An organisation in the consortium: the partners' shares add up to 100 % at most."""

    model = ProjectPartner

    @classmethod
    def validate(
        cls,
        obj: ProjectPartner,
        *,
        by: Any,
        before: ProjectPartner | None,
        related: dict[str, Any],
    ) -> None:
        if obj.share is None or obj.project_id is None:
            return
        others = (
            ProjectPartner.objects.filter(project_id=obj.project_id)
            .exclude(pk=obj.pk)
            .aggregate(total=Sum("share"))["total"]
        )
        total = (others or 0) + obj.share
        if total > 100:
            raise ValidationError(
                {
                    "share": _(
                        "The consortium's shares would add up to %(total)s %%; "
                        "they may not exceed 100 %%."
                    )
                    % {"total": format_number(total)}
                }
            )


class ProjectMembershipService(ModelService[ProjectMembership]):
    """A user in a project's team (what gives a partner access to the project)."""

    model = ProjectMembership
