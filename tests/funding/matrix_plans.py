"""The funding area's rows of the permission matrix for donors, instruments and financing
plans (F1). Funding is internal: partners find none of these records (404) and have no
financing tab on their projects (403); an instrument's rules and prerequisites are
written by administrators only."""

from __future__ import annotations

from typing import Any

from tests.permissions import (
    ADMIN_ONLY,
    API_HIDDEN,
    API_LIST,
    WRITE_HIDDEN,
    Rule,
    crud,
    expect,
)

# Records the partners do not see, written by administrators only.
ADMIN_WRITES_HIDDEN = expect(outsider=404, partner=404, viewer=403, officer=403)
ADMIN_DELETES_HIDDEN = expect(outsider=404, partner=404, viewer=403, officer=403, admin=302)
API_ADMIN_WRITE = expect(anonymous=401, outsider=403, partner=403, viewer=403, officer=403)
PREREQUISITE = "instrumentprerequisite"

RULES: list[Rule] = [
    *crud("funding", "donor", None, "donor"),
    *crud(
        "funding",
        "instrument",
        None,
        "instrument",
        create=ADMIN_ONLY,
        write_hidden=ADMIN_WRITES_HIDDEN,
    ),
    Rule(f"funding:{PREREQUISITE}_add", ADMIN_WRITES_HIDDEN, ("instrument",)),
    Rule(f"funding:{PREREQUISITE}_update", ADMIN_WRITES_HIDDEN, ("instrument", PREREQUISITE)),
    Rule(
        f"funding:{PREREQUISITE}_delete",
        ADMIN_DELETES_HIDDEN,
        ("instrument", PREREQUISITE),
        method="post",
    ),
    *crud("funding", "financingplan", None, "financingplan"),
    Rule("funding:financingplan_lines", WRITE_HIDDEN, ("financingplan",)),
    # The live check of what is typed: the panel, for those who edit the plan.
    Rule(
        "funding:financingplan_check",
        expect(outsider=404, partner=404, viewer=403),
        ("financingplan",),
        method="post",
    ),
    # The project's "Financing" tab: not for partners, even of their own project.
    Rule("funding:project_financing", expect(outsider=404, partner=403), ("project_shared",)),
    Rule("funding:project_financing", expect(outsider=404, partner=404), ("project_other",)),
    # Instruments on the API: read by every signed-in user (partners get none), written
    # by administrators.
    Rule("instrument-list", API_LIST, path="/api/instruments"),
    Rule(
        "instrument-list",
        API_ADMIN_WRITE,
        method="post",
        path="/api/instruments",
        allowed=frozenset({201, 400}),
    ),
    Rule("instrument-detail", API_HIDDEN, ("instrument",), path="/api/instruments/{instrument}"),
    Rule(
        "instrument-detail",
        expect(anonymous=401, outsider=404, partner=404, viewer=403, officer=403, admin=204),
        ("instrument",),
        method="delete",
        path="/api/instruments/{instrument}",
    ),
]

# basename: (URL segment, shared record key, hidden record key)
API_RESOURCES: dict[str, tuple[str, str | None, str]] = {
    "donor": ("donors", None, "donor"),
    "financingplan": ("financing-plans", None, "financingplan"),
}


def extend_world(world: dict[str, Any]) -> dict[str, Any]:
    """A donor, an instrument with a prerequisite, and a plan of the other project."""
    from maillage.projects.models import Project
    from tests.funding.factories_plans import (
        DonorFactory,
        FinancingLineFactory,
        FinancingPlanFactory,
        InstrumentFactory,
        InstrumentPrerequisiteFactory,
    )

    instrument = InstrumentFactory()
    plan = FinancingPlanFactory(project=Project.objects.get(pk=world["project_other"]))
    FinancingLineFactory(plan=plan, instrument=instrument)
    return {
        "donor": DonorFactory().pk,
        "instrument": instrument.pk,
        PREREQUISITE: InstrumentPrerequisiteFactory(instrument=instrument).pk,
        "financingplan": plan.pk,
    }
