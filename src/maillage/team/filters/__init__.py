"""Filter sets of the team app, one module per entity family."""

from maillage.team.filters.staff import LeaveFilterSet, StaffMemberFilterSet
from maillage.team.filters.training import TrainingNeedFilterSet, TrainingSessionFilterSet

__all__ = [
    "LeaveFilterSet",
    "StaffMemberFilterSet",
    "TrainingNeedFilterSet",
    "TrainingSessionFilterSet",
]
