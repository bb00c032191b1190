"""Reads of training: a session's page (participants, feedback results as a chart and a
table), a person's training history, and the matching of training needs to the planned
sessions that target their topic."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext as _

from maillage.core.charts import Chart, bar_chart
from maillage.core.text import normalize
from maillage.team.models import (
    SCORES,
    NeedPriority,
    TrainingFeedback,
    TrainingNeed,
    TrainingParticipant,
    TrainingSession,
)
from maillage.team.models.training import skill_keys

PRIORITY_RANK: dict[str, int] = {NeedPriority.HIGH: 0, NeedPriority.MEDIUM: 1, NeedPriority.LOW: 2}


def score_labels() -> dict[str, str]:
    fields = {f.name: f for f in TrainingFeedback._meta.concrete_fields}
    return {name: str(fields[name].verbose_name) for name in SCORES}


def session_results(*, session: TrainingSession) -> dict[str, Any]:
    """The questionnaire's results, aggregated in the database: the average of each
    score, the number of answers, and the participants who attended."""
    figures = TrainingSession.all_objects.filter(pk=session.pk).aggregate(
        answers=Count("feedback", distinct=True),
        enrolled=Count("participants", distinct=True),
        present=Count("participants", filter=Q(participants__attended=True), distinct=True),
        **{f"avg_{name}": Avg(f"feedback__{name}") for name in SCORES},
    )
    labels = score_labels()
    rows = [
        {"criterion": labels[name], "average": round(figures[f"avg_{name}"], 1)}
        for name in SCORES
        if figures[f"avg_{name}"] is not None
    ]
    chart: Chart = bar_chart(
        rows,
        category="criterion",
        value="average",
        title=_("Feedback on “%(session)s”") % {"session": session},
        description=_("Average satisfaction from 1 to 5 on each question, over %(count)s answers.")
        % {"count": figures["answers"]},
        category_title=_("Question"),
        value_title=_("Average (1 to 5)"),
        keep_order=True,
        value_format=".1f",
        slug=f"training-{session.pk}",
    )
    return {"figures": figures, "score_rows": rows, "chart": chart}


def session_detail(*, session: TrainingSession, today: dt.date) -> dict[str, Any]:
    participants = list(
        TrainingParticipant.objects.filter(session=session)
        .select_related("person")
        .annotate(answered=Count("feedback"))
    )
    feedback = list(
        TrainingFeedback.objects.filter(session=session).select_related("participant__person")
    )
    return {
        "participants": participants,
        "feedback_rows": feedback,
        "trainer_list": list(session.trainers.all()),
        "matching_needs": needs_for_session(session=session, today=today),
        **session_results(session=session),
    }


def _matches(topic: str, keys: set[str]) -> bool:
    """A need's topic matches a session's skills when one contains the other, accents
    and capitals aside ("cycle de projet" ⊂ "gestion du cycle de projet")."""
    wanted = normalize(topic)
    return bool(wanted) and any(wanted in key or key in wanted for key in keys if key)


def planned_sessions(*, today: dt.date) -> list[TrainingSession]:
    return list(TrainingSession.objects.filter(start_on__gte=today).order_by("start_on", "pk"))


def sessions_for_need(*, need: TrainingNeed, today: dt.date) -> list[TrainingSession]:
    """The planned sessions (from `today` on) whose skills targeted match the need."""
    return [s for s in planned_sessions(today=today) if _matches(need.topic, skill_keys(s.skills))]


def needs_for_session(*, session: TrainingSession, today: dt.date) -> list[TrainingNeed]:
    """The training needs this session meets, when it is still to come."""
    if session.start_on < today:
        return []
    keys = skill_keys(session.skills)
    if not keys:
        return []
    needs = TrainingNeed.objects.select_related("person").order_by("-noted_on", "pk")
    found = [need for need in needs if _matches(need.topic, keys)]
    return sorted(found, key=lambda need: PRIORITY_RANK.get(need.priority, 9))


def person_trainings(*, person: Any) -> list[TrainingParticipant]:
    """A person's training history: the sessions they took part in, latest first."""
    return list(
        TrainingParticipant.objects.filter(person=person, session__deleted_at__isnull=True)
        .select_related("session")
        .order_by("-session__start_on", "pk")
    )


def training_export(*, person: Any) -> dict[str, list[dict[str, Any]]]:
    """A person's trainings, feedback, trainings given and needs (GDPR access export)."""
    participations = TrainingParticipant.objects.filter(person=person).select_related("session")
    feedback = TrainingFeedback.objects.filter(participant__person=person).select_related("session")
    return {
        "trainings": [
            {
                "session": str(p.session),
                "start_on": p.session.start_on,
                "attended": p.attended,
                "skills_gained": p.skills_gained,
            }
            for p in participations
        ],
        "training_feedback": [
            {
                "session": str(f.session),
                **{name: getattr(f, name) for name in SCORES},
                "comment": f.comment,
            }
            for f in feedback
        ],
        "trainings_given": [
            {"session": str(s), "start_on": s.start_on}
            for s in TrainingSession.all_objects.filter(trainers=person)
        ],
        "training_needs": [
            {"topic": n.topic, "priority": n.priority, "noted_on": n.noted_on, "note": n.note}
            for n in TrainingNeed.all_objects.filter(person=person)
        ],
    }
