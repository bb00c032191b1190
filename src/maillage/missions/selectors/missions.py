"""Reads of missions: a mission's page, a person's missions, the calendar's events, the
team calendar's missions and the data of a participant's pre-departure sheet."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from maillage.core.access import hide_unseen
from maillage.missions.models import (
    TRANSITIONS,
    AgendaItem,
    ChecklistEntry,
    ChecklistKind,
    EmergencyContact,
    ItineraryLeg,
    Mission,
    MissionApproval,
    MissionCost,
    MissionFollowUp,
    MissionParticipant,
    MissionStatus,
)
from maillage.missions.services.missions import is_approver, valid_approval


def participants_of(mission: Mission) -> list[MissionParticipant]:
    """The participants with their checklist (one query each for both)."""
    checklist = Prefetch("checklist", queryset=ChecklistEntry.objects.order_by("pk"))
    return list(
        MissionParticipant.objects.filter(mission=mission)
        .select_related("person", "user")
        .prefetch_related(checklist)
        .order_by("pk")
    )


def missing_visas(participants: list[MissionParticipant]) -> list[MissionParticipant]:
    """Who still lacks a visa (needed and not obtained): the page shows them first."""
    return [
        p
        for p in participants
        if any(e.kind == ChecklistKind.VISA and e.is_missing for e in p.checklist.all())
    ]


def cost_totals(costs: list[MissionCost]) -> list[tuple[str, Decimal]]:
    """The budget's total per currency (lines may be in several)."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for cost in costs:
        if cost.amount is not None:
            totals[cost.currency] += cost.amount
    return sorted(totals.items())


def mission_detail(*, mission: Mission, user: Any) -> dict[str, Any]:
    """A mission's page. A partner who sees the mission reads the records its rows name
    only when it may open them (a person, a party, a commitment, a meeting): "hidden"
    otherwise, as every page does (`hide_unseen`; no query for staff)."""
    participants = participants_of(mission)
    costs = list(MissionCost.objects.filter(mission=mission).select_related("rate", "expense"))
    approvals = list(MissionApproval.objects.filter(mission=mission).select_related("decided_by"))
    agenda = list(AgendaItem.objects.filter(mission=mission).select_related("meeting"))
    follow_ups = list(
        MissionFollowUp.objects.filter(mission=mission).select_related(
            "party", "commitment", "owner", "action_item"
        )
    )
    hide_unseen(user, participants, "person")
    hide_unseen(user, agenda, "meeting")
    hide_unseen(user, follow_ups, "party", "commitment", "action_item")
    hide_unseen(user, costs, "expense")
    return {
        "participants": participants,
        "missing_visas": missing_visas(participants),
        "legs": list(ItineraryLeg.objects.filter(mission=mission)),
        "agenda": agenda,
        "contacts": list(EmergencyContact.objects.filter(mission=mission)),
        "costs": costs,
        "cost_totals": cost_totals(costs),
        "follow_ups": follow_ups,
        "approvals": approvals,
        "approval": valid_approval(mission) if mission.needs_approval else None,
        "next_statuses": [MissionStatus(s) for s in TRANSITIONS.get(mission.status, ())],
        "may_decide": mission.status == MissionStatus.APPROVAL_REQUESTED and is_approver(user),
    }


def missions_of_person(*, person: Any, user: Any) -> QuerySet[Mission]:
    """The missions `person` takes part in that `user` may see, latest first."""
    return (
        Mission.objects.visible_to(user)
        .filter(pk__in=MissionParticipant.objects.filter(person=person).values("mission_id"))
        .order_by("-departure_on", "pk")
    )


def missions_of_user(*, user: Any, since: dt.date) -> QuerySet[Mission]:
    """The live missions the user takes part in (as a user or as their person record)
    or organises, not cancelled, ending on or after `since`."""
    from django.db.models import Q

    taking_part = MissionParticipant.objects.filter(Q(user=user) | Q(person__user=user)).values(
        "mission_id"
    )
    return (
        Mission.objects.visible_to(user)
        .filter(Q(pk__in=taking_part) | Q(organiser=user), return_on__gte=since)
        .exclude(status=MissionStatus.CANCELLED)
        .order_by("departure_on", "pk")
    )


def missions_between(*, viewer: Any, since: dt.date, until: dt.date) -> QuerySet[Mission]:
    """The missions `viewer` may see under way on some day from `since` to `until`, not
    cancelled, with their participants (two queries, whatever their number)."""
    return (
        Mission.objects.visible_to(viewer)
        .filter(departure_on__lte=until, return_on__gte=since)
        .exclude(status=MissionStatus.CANCELLED)
        .prefetch_related(
            Prefetch("participants", queryset=MissionParticipant.objects.order_by("pk"))
        )
        .order_by("departure_on", "pk")
    )


def sheet_data(*, participant: MissionParticipant) -> dict[str, Any]:
    """What a participant's pre-departure sheet holds."""
    mission = participant.mission
    return {
        "mission": mission,
        "participant": participant,
        "legs": list(ItineraryLeg.objects.filter(mission=mission)),
        "agenda": list(AgendaItem.objects.filter(mission=mission)),
        "contacts": list(EmergencyContact.objects.filter(mission=mission)),
        "checklist": list(ChecklistEntry.objects.filter(participant=participant).order_by("pk")),
    }
