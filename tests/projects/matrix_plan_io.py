"""The permission rules of the plan's downloads and of the MS Project import
(to be merged into tests/projects/matrix.py)."""

from __future__ import annotations

from typing import Any

from tests.permissions import HIDDEN, SHARED, WRITE, Rule, expect

RULES: list[Rule] = [
    Rule("projects:project_plan_xlsx", SHARED, ("project_shared",)),
    Rule("projects:project_plan_xlsx", HIDDEN, ("project_other",)),
    Rule("projects:project_plan_mspdi", SHARED, ("project_shared",)),
    Rule("projects:project_plan_mspdi", HIDDEN, ("project_other",)),
    Rule("projects:plan_import", WRITE),
    # A post without a file: refused before reading for those who may not import, and
    # answered with the form's errors (422) for those who may.
    Rule(
        "projects:plan_import",
        expect(outsider=403, partner=403, viewer=403, officer=422, admin=422),
        method="post",
        data={"code": "X", "title": "Y", "country": "FR"},
    ),
]

# basename: (URL segment, shared record key, hidden record key)
API_RESOURCES: dict[str, tuple[str, str | None, str]] = {}


def extend_world(world: dict[str, Any]) -> dict[str, Any]:
    """No record of its own: the rules use the matrix's shared and other projects."""
    return {}
