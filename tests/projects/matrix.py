"""The projects area's rows of the permission matrix (tests/test_permission_matrix.py):
strategies, programmes, a project's descriptive rows, consortium and team. The plan,
risks and updates declare theirs in matrix_planning.py, matrix_plan_io.py and
matrix_risks_updates.py, gathered here."""

from __future__ import annotations

from typing import Any

from tests.permissions import SIGNED_IN, WRITE_HIDDEN, WRITE_SHARED, Rule, crud, expect

REMOVED = expect(outsider=404, partner=404, viewer=403, officer=302, admin=302)

RULES: list[Rule] = [
    *crud("projects", "strategy", None, "strategy"),
    *crud("projects", "programme", None, "programme"),
    Rule("projects:project_sectors", WRITE_SHARED, ("project_shared",)),
    Rule("projects:project_sectors", WRITE_HIDDEN, ("project_other",)),
    # Type-ahead matches: every signed-in user, among what it sees (tests/core/test_typeahead.py).
    Rule("projects:project_choices", SIGNED_IN),
    Rule("projects:planitem_choices", SIGNED_IN),
]
for row in ("location", "policymarker", "partner", "member"):
    RULES += [
        Rule(f"projects:{row}_add", WRITE_SHARED, ("project_shared",)),
        Rule(f"projects:{row}_add", WRITE_HIDDEN, ("project_other",)),
        # Rows are edited with their project's rules: staff who write only.
        Rule(f"projects:{row}_update", WRITE_HIDDEN, ("project_other", f"{row}_other")),
        Rule(f"projects:{row}_delete", REMOVED, ("project_other", f"{row}_other"), method="post"),
    ]

# basename: (URL segment, shared record key, hidden record key)
API_RESOURCES: dict[str, tuple[str, str | None, str]] = {
    "strategy": ("strategies", None, "strategy"),
    "programme": ("programmes", None, "programme"),
}


def _codelist_item(name: str, code: str) -> Any:
    from maillage.core.models import Codelist, CodelistItem

    codelist, _ = Codelist.objects.get_or_create(name=name)
    return CodelistItem.objects.create(codelist=codelist, code=code, name_en=f"{name} {code}")


def extend_world(world: dict[str, Any]) -> dict[str, Any]:
    from maillage.projects.models import Project, ProjectLocation, ProjectPolicyMarker
    from tests.factories import (
        MembershipFactory,
        ProgrammeFactory,
        ProjectPartnerFactory,
        StrategyFactory,
    )

    other = Project.objects.get(pk=world["project_other"])
    return {
        "strategy": StrategyFactory().pk,
        "programme": ProgrammeFactory(strategy=None).pk,
        "location_other": ProjectLocation.objects.create(
            project=other, name="Oujda", country="MA"
        ).pk,
        "policymarker_other": ProjectPolicyMarker.objects.create(
            project=other,
            marker=_codelist_item("PolicyMarker", "1"),
            significance=_codelist_item("PolicySignificance", "1"),
        ).pk,
        "partner_other": ProjectPartnerFactory(project=other).pk,
        "member_other": MembershipFactory(project=other).pk,
    }
