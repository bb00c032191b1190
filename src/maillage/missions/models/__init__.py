"""The models of the missions app, one module per entity family."""

# Missions (G1): the mission, its rows, its budget and the per-diem rates.
from maillage.missions.models.mission_rows import (
    MISSING,
    AgendaItem,
    ChecklistEntry,
    ChecklistKind,
    ChecklistStatus,
    ContactKind,
    EmergencyContact,
    FollowUpKind,
    ItineraryLeg,
    MissionFollowUp,
    MissionParticipant,
    ParticipantRole,
    Transport,
)
from maillage.missions.models.missions import (
    ACTIVE_STATUSES,
    APPROVAL_LEVELS,
    TRANSITIONS,
    ApprovalDecision,
    Mission,
    MissionApproval,
    MissionApprover,
    MissionDirection,
    MissionStatus,
    RiskLevel,
)
from maillage.missions.models.rates import CostKind, MissionCost, PerDiemRate

__all__ = [
    "ACTIVE_STATUSES",
    "APPROVAL_LEVELS",
    "MISSING",
    "TRANSITIONS",
    "AgendaItem",
    "ApprovalDecision",
    "ChecklistEntry",
    "ChecklistKind",
    "ChecklistStatus",
    "ContactKind",
    "CostKind",
    "EmergencyContact",
    "FollowUpKind",
    "ItineraryLeg",
    "Mission",
    "MissionApproval",
    "MissionApprover",
    "MissionCost",
    "MissionDirection",
    "MissionFollowUp",
    "MissionParticipant",
    "MissionStatus",
    "ParticipantRole",
    "PerDiemRate",
    "RiskLevel",
    "Transport",
]

# Meetings (G2): meetings and events, their invitees, and action items.
from maillage.missions.models.meetings import (
    ActionItem,
    ActionStatus,
    Attendance,
    Invitee,
    Meeting,
    MeetingKind,
)

__all__ += ["ActionItem", "ActionStatus", "Attendance", "Invitee", "Meeting", "MeetingKind"]
