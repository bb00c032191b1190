"""The missions app's API resources, registered by config/api.py."""

from __future__ import annotations

from typing import Any

ROUTES: list[tuple[str, Any, str]] = []

# Missions (G1).
from maillage.missions.api_missions import (  # noqa: E402
    MissionApproverViewSet,
    MissionViewSet,
    PerDiemRateViewSet,
)

ROUTES += [
    ("missions", MissionViewSet, "mission"),
    ("per-diem-rates", PerDiemRateViewSet, "perdiemrate"),
    ("mission-approvers", MissionApproverViewSet, "missionapprover"),
]

# Meetings and action items (G2, G3).
from maillage.missions.api_meetings import ActionItemViewSet, MeetingViewSet  # noqa: E402

ROUTES += [
    ("meetings", MeetingViewSet, "meeting"),
    ("action-items", ActionItemViewSet, "actionitem"),
]
