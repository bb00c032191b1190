"""This area's rows of the permission matrix (tests/test_permission_matrix.py)."""

from __future__ import annotations

from typing import Any

from tests.permissions import Rule

RULES: list[Rule] = []

# basename: (URL segment, shared record key, hidden record key)
API_RESOURCES: dict[str, tuple[str, str | None, str]] = {}


def extend_world(world: dict[str, Any]) -> dict[str, Any]:
    """The records this area's rules name, built beside the matrix's shared world:
    `world["project_shared"]` / `world["project_other"]` are project ids; users are in
    `world["users"]` (outsider, partner, viewer, officer, admin)."""
    return {}
