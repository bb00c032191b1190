"""The models of the team app, one module per entity family: staff, assignments and
leave (`staff.py`), training sessions, participants, feedback and needs (`training.py`)."""

from maillage.team.models.staff import (
    CONTRACT_NOTICE_DAYS,
    Assignment,
    Leave,
    LeaveKind,
    LeaveStatus,
    StaffKind,
    StaffMember,
)
from maillage.team.models.training import (
    SCORES,
    NeedPriority,
    TrainingFeedback,
    TrainingKind,
    TrainingNeed,
    TrainingParticipant,
    TrainingSession,
)

__all__ = [
    "CONTRACT_NOTICE_DAYS",
    "SCORES",
    "Assignment",
    "Leave",
    "LeaveKind",
    "LeaveStatus",
    "NeedPriority",
    "StaffKind",
    "StaffMember",
    "TrainingFeedback",
    "TrainingKind",
    "TrainingNeed",
    "TrainingParticipant",
    "TrainingSession",
]
