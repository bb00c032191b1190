"""The missions app's lines for the generic suites (tests/generic/entities.py collects them)."""

from __future__ import annotations

from tests.generic.entities import Entity

ENTITIES: list[Entity] = []

# Meetings and action items (G2): tests/missions/factories_meetings.py.
import datetime as dt  # noqa: E402

from tests.missions import factories_meetings as fm  # noqa: E402


def _meeting(w):
    return {
        "kind": "steering_committee",
        "title": "Comité de pilotage eau",
        "starts_at": fm.STARTS,
        "ends_at": fm.STARTS + dt.timedelta(hours=2),
        "timezone": "Europe/Paris",
        "place": "Lille",
        "projects": [w.shared],
    }


def _actionitem(w):
    return {
        "title": "Envoyer le relevé de décisions",
        "owner_user": w.officer,
        "due_on": dt.date(2026, 10, 20),
        "status": "open",
    }


ENTITIES += [
    Entity(
        "meeting",
        "missions.Meeting",
        "maillage.missions.views.meetings.MeetingViews",
        "meetings",
        fm.meeting,
        _meeting,
        {"title": "Titre corrigé"},
        enrich=fm.enrich_meeting,
        grow_detail=fm.grow_meeting,
        filter_values={
            "after": lambda r: r.starts_local.date().isoformat(),
            "before": lambda r: r.starts_local.date().isoformat(),
        },
    ),
    Entity(
        "actionitem",
        "missions.ActionItem",
        "maillage.missions.views.meetings.ActionItemViews",
        "action-items",
        fm.actionitem,
        _actionitem,
        {"title": "Action corrigée"},
        enrich=fm.enrich_actionitem,
        filter_values={
            "mine": lambda r: "true",
            "overdue_on": lambda r: (r.due_on + dt.timedelta(days=1)).isoformat(),
        },
    ),
]

# Missions (G1): tests/missions/factories_missions.py. Missions are internal records a
# partner sees when linked to its project; the rate table and the approvers are staff's,
# written by administrators.
from decimal import Decimal  # noqa: E402

from tests.factories import UserFactory  # noqa: E402
from tests.missions import factories_missions as fmi  # noqa: E402


def _mission(w):
    return {
        "title": "Délégation à Oujda",
        "direction": "outgoing",
        "departure_on": dt.date(2026, 10, 12),
        "return_on": dt.date(2026, 10, 16),
        "country": "MA",
        "city": "Oujda",
        "timezone": "Africa/Casablanca",
        "projects": [w.other],
    }


def _perdiemrate(w):
    return {
        "country": "SN",
        "amount": Decimal("110.00"),
        "currency": "EUR",
        "valid_from": dt.date(2026, 1, 1),
    }


def _missionapprover(w):
    return {"user": UserFactory(role="officer"), "note": "Directrice"}


ENTITIES += [
    Entity(
        "mission",
        "missions.Mission",
        "maillage.missions.views.missions.MissionViews",
        "missions",
        fmi.mission,
        _mission,
        {"title": "Titre corrigé"},
        enrich=fmi.enrich_mission,
        grow_detail=fmi.grow_mission,
        filter_values={
            "project": lambda r: r.projects.first().pk,
            "person": lambda r: r.participants.first().person_id,
            "current_on": lambda r: r.departure_on.isoformat(),
        },
    ),
    Entity(
        "perdiemrate",
        "missions.PerDiemRate",
        "maillage.missions.views.missions.PerDiemRateViews",
        "per-diem-rates",
        fmi.perdiemrate,
        _perdiemrate,
        {"source": "Barème corrigé"},
        partner_reads=False,
        admin_writes=True,
    ),
    Entity(
        "missionapprover",
        "missions.MissionApprover",
        "maillage.missions.views.missions.MissionApproverViews",
        "mission-approvers",
        fmi.missionapprover,
        _missionapprover,
        {"note": "Note corrigée"},
        partner_reads=False,
        admin_writes=True,
    ),
]
