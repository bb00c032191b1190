"""Writes of training sessions, their participants and feedback, and training needs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from maillage.core.services import ModelService
from maillage.team.models import (
    TrainingFeedback,
    TrainingNeed,
    TrainingParticipant,
    TrainingSession,
)

PARTICIPANTS = "participants"
PARTICIPANT_FIELDS = ("person", "attended", "skills_gained")


class TrainingSessionService(ModelService[TrainingSession]):
    """A session; `participants`, when given (the API), replaces its list of participants:
    those named again keep their row and feedback, the others leave."""

    model = TrainingSession

    @classmethod
    def validate(
        cls,
        obj: TrainingSession,
        *,
        by: Any,
        before: TrainingSession | None,
        related: dict[str, Any],
    ) -> None:
        rows = related.get(PARTICIPANTS)
        if rows is None:
            return
        people = [getattr(row.get("person"), "pk", row.get("person")) for row in rows]
        if None in people:
            raise ValidationError({PARTICIPANTS: _("Name the person of each participant.")})
        if len(set(people)) != len(people):
            raise ValidationError({PARTICIPANTS: _("A person is listed twice.")})

    @classmethod
    def save_related(cls, obj: TrainingSession, related: dict[str, Any], *, by: Any) -> None:
        rows = related.pop(PARTICIPANTS, None)
        super().save_related(obj, related, by=by)
        if rows is not None:
            set_participants(obj, rows, by=by)


def set_participants(
    session: TrainingSession, rows: Iterable[Mapping[str, Any]], *, by: Any
) -> list[TrainingParticipant]:
    """Make the session's participants those of `rows` (checked by the service)."""
    existing = {p.person_id: p for p in TrainingParticipant.objects.filter(session=session)}
    kept = []
    for row in rows:
        data = {name: row[name] for name in PARTICIPANT_FIELDS if name in row}
        person_id = getattr(data.get("person"), "pk", data.get("person"))
        current = existing.pop(person_id, None)
        if current is None:
            kept.append(
                TrainingParticipantService.create(
                    data={**data, "session": session}, by=by, reason="participants"
                )
            )
        else:
            kept.append(
                TrainingParticipantService.update(
                    obj=current, data=data, by=by, reason="participants"
                )
            )
    for gone in existing.values():
        TrainingParticipantService.delete(obj=gone, by=by, reason="participants")
    return kept


class TrainingParticipantService(ModelService[TrainingParticipant]):
    """A person takes part in a session once."""

    model = TrainingParticipant


class TrainingFeedbackService(ModelService[TrainingFeedback]):
    """One questionnaire per participant, who attended the session."""

    model = TrainingFeedback

    @classmethod
    def validate(
        cls,
        obj: TrainingFeedback,
        *,
        by: Any,
        before: TrainingFeedback | None,
        related: dict[str, Any],
    ) -> None:
        if obj.participant_id and not obj.participant.attended:
            raise ValidationError(
                {"participant": _("Only a participant who attended answers the questionnaire.")}
            )
        if obj.participant_id:
            taken = TrainingFeedback.objects.filter(participant_id=obj.participant_id)
            if taken.exclude(pk=obj.pk).exists():
                raise ValidationError(
                    {"participant": _("This participant already answered the questionnaire.")}
                )


class TrainingNeedService(ModelService[TrainingNeed]):
    model = TrainingNeed
