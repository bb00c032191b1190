"""Writes of missions: the status moves along TRANSITIONS through `MissionService.move`
(pages, API and demo alike); a mission to an orange or red zone is confirmed only after
a designated approver approved it (`decide_approval`), decision and reason kept in the
history."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core.services import ModelService, changed
from maillage.missions.models import (
    APPROVAL_LEVELS,
    TRANSITIONS,
    ApprovalDecision,
    Mission,
    MissionApproval,
    MissionApprover,
    MissionStatus,
    PerDiemRate,
)

STATUS = "status"
REASON = "reason"
# How far up the colours go: an approval given for orange does not cover red.
RISK_ORDER = {"": 0, "green": 1, "yellow": 2, "orange": 3, "red": 4}


def is_approver(user: Any) -> bool:
    """Whether an administrator designated `user` to approve missions."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return MissionApprover.objects.filter(user=user).exists()


def valid_approval(mission: Mission) -> MissionApproval | None:
    """The latest decision, when it approves the mission at its current risk level."""
    latest = MissionApproval.objects.filter(mission=mission).order_by("-created_at", "-pk").first()
    if latest is None or latest.decision != ApprovalDecision.APPROVED:
        return None
    if RISK_ORDER.get(latest.risk_level, 0) < RISK_ORDER.get(mission.risk_level, 0):
        return None
    return latest


# An approved or confirmed mission whose zone is raised past what its approval covered.
REVOCABLE = (MissionStatus.APPROVED, MissionStatus.CONFIRMED)
# The colour as the history's reason names it ("raised to red").
RISK_NAMES = {
    "green": gettext_lazy("green"),
    "yellow": gettext_lazy("yellow"),
    "orange": gettext_lazy("orange"),
    "red": gettext_lazy("red"),
}


def approval_revoked(before: Mission, mission: Mission) -> bool:
    """Whether raising the risk level from `before` to `mission` revokes its approval:
    the mission was approved or confirmed, the new level needs an approval, is higher
    than before, and no approval covers it (one for orange does not cover red; a mission
    confirmed directly in a green or yellow zone has none)."""
    if before.status not in REVOCABLE or mission.status not in REVOCABLE:
        return False
    if RISK_ORDER.get(mission.risk_level, 0) <= RISK_ORDER.get(before.risk_level, 0):
        return False
    return mission.needs_approval and valid_approval(mission) is None


class MissionService(ModelService[Mission]):
    """Missions: the status moves only through `move`; dates and participants agree."""

    model = Mission
    protected_fields: ClassVar[frozenset[str]] = ModelService.protected_fields | {STATUS}

    @classmethod
    def prepare(cls, obj: Mission, *, by: Any, before: Mission | None) -> None:
        if before is None and obj.organiser_id is None and getattr(by, "pk", None):
            obj.organiser = by

    @classmethod
    def validate(
        cls, obj: Mission, *, by: Any, before: Mission | None, related: dict[str, Any]
    ) -> None:
        if before is None or not changed(before, obj, "departure_on", "return_on"):
            return
        if not obj.departure_on or not obj.return_on or obj.return_on < obj.departure_on:
            return
        from maillage.missions.services.mission_rows import overlapping_missions

        errors: list[str] = []
        for participant in obj.participants.select_related("person", "user"):
            expiry = participant.passport_expires_on
            if expiry and expiry < obj.return_on:
                errors.append(
                    _("The passport of %(name)s expires before this return date.")
                    % {"name": participant}
                )
            clash = overlapping_missions(participant, obj).first()
            if clash is not None:
                errors.append(
                    _("%(name)s is already on “%(mission)s” on these dates.")
                    % {"name": participant, "mission": clash}
                )
        if errors:
            raise ValidationError({"return_on": errors})

    @classmethod
    def after_save(cls, obj: Mission, *, by: Any, before: Mission | None) -> None:
        if before is not None and approval_revoked(before, obj):
            # Whatever the door (page, API, import), an approval given for a lower level
            # no longer holds: the mission waits for a new one.
            obj.status = MissionStatus.APPROVAL_REQUESTED
            cls.save(
                obj,
                by=by,
                reason=_("Risk level raised to %(level)s: new approval required")
                % {"level": RISK_NAMES.get(obj.risk_level, obj.risk_level)},
            )

    @classmethod
    def move(cls, *, mission: Mission, to: str, by: Any, reason: str = "") -> Mission:
        """Move the mission to status `to` along TRANSITIONS; confirming a mission to an
        orange or red zone needs an approval (ValidationError on `status` otherwise)."""
        with transaction.atomic():
            cls.lock(mission, None)
            mission.refresh_from_db()  # the row as stored now, not as the caller read it
            current = mission.status
            if to not in MissionStatus.values:
                raise ValidationError({STATUS: _("Choose a valid status.")})
            if to not in TRANSITIONS.get(current, ()):
                raise ValidationError(
                    {
                        STATUS: _("A mission cannot go from “%(from)s” to “%(to)s”.")
                        % {
                            "from": MissionStatus(current).label,
                            "to": MissionStatus(to).label,
                        }
                    }
                )
            if (
                to == MissionStatus.CONFIRMED
                and mission.needs_approval
                and valid_approval(mission) is None
            ):
                raise ValidationError(
                    {
                        STATUS: _(
                            "A mission to an orange or red zone is confirmed only after "
                            "an approver approved it: request the approval first."
                        )
                    }
                )
            if to == MissionStatus.APPROVAL_REQUESTED and not mission.needs_approval:
                raise ValidationError(
                    {
                        STATUS: _(
                            "Only a mission to an orange or red zone needs an approval: "
                            "confirm it directly."
                        )
                    }
                )
            mission.status = to
            label = MissionStatus(to).label
            note = f"{label} — {reason}" if reason else str(label)
            cls.save(mission, by=by, reason=note)
        return mission

    @classmethod
    def decide_approval(
        cls, *, mission: Mission, decision: str, reason: str, by: Any
    ) -> MissionApproval:
        """An approver's decision on a mission awaiting approval: approved, it may be
        confirmed; refused, it goes back to planned. The reason is required."""
        mission.refresh_from_db()
        errors: dict[str, str] = {}
        if not is_approver(by):
            errors["decision"] = _(
                "Only an approver designated by an administrator decides on a mission."
            )
        if decision not in ApprovalDecision.values:
            errors["decision"] = _("Choose approved or refused.")
        if not (reason or "").strip():
            errors[REASON] = _("Give the reason for the decision.")
        if mission.status != MissionStatus.APPROVAL_REQUESTED:
            errors.setdefault(STATUS, _("The mission's approval has not been requested."))
        if errors:
            raise ValidationError(errors)
        with transaction.atomic():
            approval = MissionApprovalService.create(
                data={
                    "mission": mission,
                    "decision": decision,
                    "reason": reason.strip(),
                    "risk_level": mission.risk_level,
                    "decided_by": by,
                },
                by=by,
            )
            mission.status = (
                MissionStatus.APPROVED
                if decision == ApprovalDecision.APPROVED
                else MissionStatus.PLANNED
            )
            cls.save(
                mission,
                by=by,
                reason=f"{ApprovalDecision(decision).label} — {reason.strip()}",
            )
        return approval


class MissionApprovalService(ModelService[MissionApproval]):
    """Decisions are written by MissionService.decide_approval, never edited."""

    model = MissionApproval


class MissionApproverService(ModelService[MissionApprover]):
    model = MissionApprover


class PerDiemRateService(ModelService[PerDiemRate]):
    model = PerDiemRate


__all__ = [
    "APPROVAL_LEVELS",
    "MissionApprovalService",
    "MissionApproverService",
    "MissionService",
    "PerDiemRateService",
    "approval_revoked",
    "is_approver",
    "valid_approval",
]
