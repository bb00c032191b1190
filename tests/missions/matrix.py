"""Rows of the permission matrix (tests/test_permission_matrix.py) for the missions app."""

from __future__ import annotations

from tests.permissions import Rule

RULES: list[Rule] = []
# basename: (URL segment, shared record, hidden record)
API_RESOURCES: dict[str, tuple[str, str, str]] = {}

# Meetings and action items (G2, G3): tests/missions/matrix_meetings.py. Each part of the
# app adds its records' function to WORLD_PARTS; extend_world chains them.
from tests.missions import matrix_meetings  # noqa: E402

RULES += matrix_meetings.RULES
API_RESOURCES.update(matrix_meetings.API_RESOURCES)  # type: ignore[arg-type]
WORLD_PARTS = [matrix_meetings.extend_world]


def extend_world(world: dict) -> dict:
    records: dict = {}
    for part in WORLD_PARTS:
        records.update(part({**world, **records}))
    return records


# Missions (G1): tests/missions/matrix_missions.py.
from tests.missions import matrix_missions  # noqa: E402

RULES += matrix_missions.RULES
API_RESOURCES.update(matrix_missions.API_RESOURCES)  # type: ignore[arg-type]
WORLD_PARTS.append(matrix_missions.extend_world)
