"""The team app's lines for the generic suites (tests/generic/entities.py collects them).

Team records are internal: partners see none of them, on the shared side as on the
hidden one (a partner's person may be a participant: the session stays internal)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.generic.entities import Entity, Values
from tests.generic.factories import SHARED, World


def _person(w: World, side: str = SHARED) -> Any:
    from tests.generic import factories as f

    return f.person(w, side)


def staffmember(w: World, side: str) -> Any:
    from tests.team.factories import StaffMemberFactory

    return StaffMemberFactory(person=_person(w, side))


def leave(w: World, side: str) -> Any:
    from tests.team.factories import LeaveFactory

    return LeaveFactory(staff=staffmember(w, side))


def trainingsession(w: World, side: str) -> Any:
    from tests.team.factories import TrainingParticipantFactory, TrainingSessionFactory

    session = TrainingSessionFactory(project=w.project(side))
    # A partner's person takes part: the session stays internal all the same.
    TrainingParticipantFactory(session=session, person=_person(w, side))
    return session


def trainingneed(w: World, side: str) -> Any:
    from tests.team.factories import TrainingNeedFactory

    return TrainingNeedFactory(person=_person(w, side))


def enrich_staffmember(w: World, record: Any) -> None:
    from tests.team.factories import AssignmentFactory

    AssignmentFactory(staff=record, project=w.shared)


def grow_staffmember(w: World, record: Any, n: int) -> None:
    from tests.factories import ProjectFactory
    from tests.team.factories import AssignmentFactory, LeaveFactory

    for _ in range(n):
        AssignmentFactory(staff=record, project=ProjectFactory(), share=1)
        LeaveFactory(staff=record)


def grow_trainingsession(w: World, record: Any, n: int) -> None:
    from tests.team.factories import TrainingFeedbackFactory, TrainingNeedFactory

    for _ in range(n):
        TrainingFeedbackFactory(participant__session=record, session=record)
        TrainingNeedFactory()


def grow_trainingneed(w: World, record: Any, n: int) -> None:
    from tests.team.factories import TrainingSessionFactory

    for _ in range(n):
        TrainingSessionFactory(start_on=dt.date(2100, 1, 1), end_on=None)


def _staffmember(w: World) -> Values:
    return {
        "person": _person(w),
        "kind": "volunteer",
        "post": "Volontaire de solidarité internationale",
        "base_location": "Oujda",
        "country": "MA",
        "start_on": dt.date(2026, 1, 1),
        "end_on": dt.date(2026, 12, 31),
        "renewable": True,
    }


def _leave(w: World) -> Values:
    staff = w.extra.get("staffmember") or staffmember(w, SHARED)
    w.extra["staffmember"] = staff
    return {
        "staff": staff,
        "kind": "annual",
        "start_on": dt.date(2026, 7, 6),
        "end_on": dt.date(2026, 7, 17),
        "note": "Congés d'été",
    }


def _trainingsession(w: World) -> Values:
    return {
        "title": "Gestion du cycle de projet",
        "kind": "workshop",
        "start_on": dt.date(2026, 10, 5),
        "end_on": dt.date(2026, 10, 6),
        "place": "Oujda",
        "online": False,
        "skills": "gestion du cycle de projet",
    }


def _trainingneed(w: World) -> Values:
    return {
        "person": _person(w),
        "topic": "Suivi-évaluation",
        "priority": "high",
        "noted_on": dt.date(2026, 6, 1),
    }


ENTITIES: list[Entity] = [
    Entity(
        "staffmember",
        "team.StaffMember",
        "maillage.team.views.staff.StaffMemberViews",
        "staff",
        staffmember,
        _staffmember,
        {"post": "Poste corrigé"},
        partner_reads=False,
        enrich=enrich_staffmember,
        grow_detail=grow_staffmember,
        filter_values={
            "contract_ending_from": lambda r: r.end_on.isoformat(),
            "project": lambda r: r.assignments.first().project_id,
        },
    ),
    Entity(
        "leave",
        "team.Leave",
        "maillage.team.views.staff.LeaveViews",
        "leave",
        leave,
        _leave,
        {"note": "Note corrigée"},
        partner_reads=False,
        filter_values={"on": lambda r: r.start_on.isoformat()},
    ),
    Entity(
        "trainingsession",
        "team.TrainingSession",
        "maillage.team.views.training.TrainingSessionViews",
        "trainings",
        trainingsession,
        _trainingsession,
        {"title": "Titre corrigé"},
        partner_reads=False,
        grow_detail=grow_trainingsession,
        filter_values={
            "planned_from": lambda r: r.start_on.isoformat(),
            "person": lambda r: r.participants.first().person_id,
        },
    ),
    Entity(
        "trainingneed",
        "team.TrainingNeed",
        "maillage.team.views.training.TrainingNeedViews",
        "training-needs",
        trainingneed,
        _trainingneed,
        {"topic": "Thème corrigé"},
        partner_reads=False,
        grow_detail=grow_trainingneed,
    ),
]
