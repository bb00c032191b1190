"""Writes of a mission's rows: a participant's passport and other missions are checked,
their logistics checklist is created with them; a per-diem line takes the country's
rate; a follow-up that is a party's commitment lands in the partnerships' commitments."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from maillage.core.services import ModelService, changed
from maillage.funding.money import round_money
from maillage.missions.models import (
    ACTIVE_STATUSES,
    AgendaItem,
    ChecklistEntry,
    ChecklistKind,
    CostKind,
    EmergencyContact,
    FollowUpKind,
    ItineraryLeg,
    Mission,
    MissionCost,
    MissionFollowUp,
    MissionParticipant,
    PerDiemRate,
)


def overlapping_missions(participant: MissionParticipant, mission: Mission) -> QuerySet[Mission]:
    """The other live, not cancelled missions of the same person or user whose dates
    overlap `mission`'s."""
    who = Q()
    if participant.person_id:
        who |= Q(participants__person_id=participant.person_id)
    if participant.user_id:
        who |= Q(participants__user_id=participant.user_id)
    if not who:
        return Mission.objects.none()
    return (
        Mission.objects.filter(who, status__in=ACTIVE_STATUSES)
        .exclude(pk=mission.pk)
        .filter(departure_on__lte=mission.return_on, return_on__gte=mission.departure_on)
        .order_by("departure_on", "pk")
    )


class MissionParticipantService(ModelService[MissionParticipant]):
    """A passport valid until the return; nobody on two missions at once; the checklist
    of a new participant is created with it."""

    model = MissionParticipant

    @classmethod
    def validate(
        cls,
        obj: MissionParticipant,
        *,
        by: Any,
        before: MissionParticipant | None,
        related: dict[str, Any],
    ) -> None:
        if not obj.mission_id:
            return
        mission = obj.mission
        errors: dict[str, str] = {}
        if obj.passport_expires_on and obj.passport_expires_on < mission.return_on:
            errors["passport_expires_on"] = _(
                "The passport expires on %(expiry)s, before the return on %(return)s."
            ) % {
                "expiry": obj.passport_expires_on.strftime("%d/%m/%Y"),
                "return": mission.return_on.strftime("%d/%m/%Y"),
            }
        same = MissionParticipant.objects.filter(mission=mission).exclude(pk=obj.pk)
        if (obj.person_id and same.filter(person_id=obj.person_id).exists()) or (
            obj.user_id and same.filter(user_id=obj.user_id).exists()
        ):
            errors["person" if obj.person_id else "user"] = _(
                "Already a participant of this mission."
            )
        elif mission.status in ACTIVE_STATUSES:
            clash = overlapping_missions(obj, mission).first()
            if clash is not None:
                errors["person" if obj.person_id else "user"] = _(
                    "Already on the mission “%(mission)s” (%(start)s – %(end)s), which "
                    "overlaps this one."
                ) % {
                    "mission": clash,
                    "start": clash.departure_on.strftime("%d/%m/%Y"),
                    "end": clash.return_on.strftime("%d/%m/%Y"),
                }
        if errors:
            raise ValidationError(errors)

    @classmethod
    def after_save(
        cls, obj: MissionParticipant, *, by: Any, before: MissionParticipant | None
    ) -> None:
        if before is not None:
            return
        for kind in ChecklistKind.values:
            ChecklistEntryService.create(data={"participant": obj, "kind": kind}, by=by)


class ChecklistEntryService(ModelService[ChecklistEntry]):
    """A participant's checklist item; it carries its participant's mission, so that its
    changes are on the mission's history."""

    model = ChecklistEntry

    @classmethod
    def prepare(cls, obj: ChecklistEntry, *, by: Any, before: ChecklistEntry | None) -> None:
        if obj.participant_id is not None:
            obj.mission_id = obj.participant.mission_id


class ItineraryLegService(ModelService[ItineraryLeg]):
    model = ItineraryLeg


class AgendaItemService(ModelService[AgendaItem]):
    model = AgendaItem


class EmergencyContactService(ModelService[EmergencyContact]):
    model = EmergencyContact


def rate_for(country: str, on: Any) -> PerDiemRate | None:
    """The per-diem rate of `country` valid on `on` (the latest starting by then)."""
    return (
        PerDiemRate.objects.filter(country=country, valid_from__lte=on)
        .order_by("-valid_from", "-pk")
        .first()
    )


class MissionCostService(ModelService[MissionCost]):
    """The amount is quantity × unit amount, rounded by the currency; a per-diem line
    without its own unit amount takes the destination's rate on the departure date."""

    model = MissionCost

    @classmethod
    def prepare(cls, obj: MissionCost, *, by: Any, before: MissionCost | None) -> None:
        obj.rate = None
        if not obj.mission_id:
            return
        mission = obj.mission
        if obj.kind == CostKind.PER_DIEM:
            if obj.quantity is None:
                obj.quantity = Decimal(mission.nights + 1)
            if obj.unit_amount is None:
                rate = rate_for(mission.country, mission.departure_on)
                if rate is not None:
                    obj.rate = rate
                    obj.unit_amount = rate.amount
                    obj.currency = rate.currency
        quantity = obj.quantity if obj.quantity is not None else Decimal(1)
        if obj.unit_amount is not None:
            obj.amount = round_money(Decimal(quantity) * Decimal(obj.unit_amount), obj.currency)
        else:
            obj.amount = None

    @classmethod
    def validate(
        cls, obj: MissionCost, *, by: Any, before: MissionCost | None, related: dict[str, Any]
    ) -> None:
        if obj.unit_amount is not None:
            return
        if obj.kind == CostKind.PER_DIEM and obj.mission_id:
            raise ValidationError(
                {
                    "unit_amount": _(
                        "No per-diem rate for %(country)s on %(date)s: enter the daily amount "
                        "or ask an administrator to add the rate."
                    )
                    % {
                        "country": obj.mission.get_country_display(),
                        "date": obj.mission.departure_on.strftime("%d/%m/%Y"),
                    }
                }
            )
        raise ValidationError({"unit_amount": _("Enter the amount.")})


class MissionFollowUpService(ModelService[MissionFollowUp]):
    """A party's commitment from the report is written as a partnerships commitment
    (their service: reminders, the commitments-by-partner page), an action item of
    someone of the service as a meetings action item (ActionItemService: it stays on
    the owner's home page until done); each is linked here and kept in step."""

    model = MissionFollowUp

    @classmethod
    def after_save(cls, obj: MissionFollowUp, *, by: Any, before: MissionFollowUp | None) -> None:
        if obj.kind == FollowUpKind.COMMITMENT and obj.party_id:
            cls._commitment(obj, by=by, before=before)
        elif obj.kind == FollowUpKind.ACTION and obj.owner_id and obj.due_on:
            cls._action_item(obj, by=by, before=before)

    @classmethod
    def _commitment(cls, obj: MissionFollowUp, *, by: Any, before: MissionFollowUp | None) -> None:
        from maillage.partnerships.services import CommitmentService

        data: dict[str, Any] = {"text": obj.text, "due_on": obj.due_on, "party": obj.party}
        if obj.commitment_id is None:
            projects = list(obj.mission.projects.values_list("pk", flat=True)[:2])
            data["project_id"] = projects[0] if len(projects) == 1 else None
            data["follow_up_user"] = by if getattr(by, "pk", None) else None
            obj.commitment = CommitmentService.create(
                data=data, by=by, reason=str(_("From the mission “%(m)s”") % {"m": obj.mission})
            )
            cls.save(obj, by=by, reason="commitment")
        elif before is not None and changed(before, obj, "text", "due_on", "party_id"):
            assert obj.commitment is not None
            CommitmentService.update(obj=obj.commitment, data=data, by=by)

    @classmethod
    def _action_item(cls, obj: MissionFollowUp, *, by: Any, before: MissionFollowUp | None) -> None:
        from maillage.missions.services.meetings import ActionItemService

        data: dict[str, Any] = {
            "title": " ".join(obj.text.split())[:250],
            "description": obj.text,
            "owner_user": obj.owner,
            "due_on": obj.due_on,
        }
        if obj.action_item_id is None:
            obj.action_item = ActionItemService.create(
                data={**data, "mission": obj.mission},
                by=by,
                reason=str(_("From the mission “%(m)s”") % {"m": obj.mission}),
            )
            cls.save(obj, by=by, reason="action item")
        elif before is not None and changed(before, obj, "text", "due_on", "owner_id"):
            assert obj.action_item is not None
            ActionItemService.update(obj=obj.action_item, data=data, by=by)
