"""Permission rows of the follow-up, the financial reports and the accounting export.
The follow-up is read by the project's members (partners too, by line, category and
year); the cash-flow, the reports and the FEC are internal (funders are)."""

from __future__ import annotations

from typing import Any

from tests.permissions import API_HIDDEN, SHARED, Rule, crud, expect

STAFF_PAGE = expect(outsider=403, partner=403)
STAFF_ON_SHARED = expect(outsider=404, partner=403)
EXPORT_HIDDEN = expect(outsider=404, partner=404, viewer=302, officer=302, admin=302)

RULES: list[Rule] = [
    Rule("finance:project_followup", SHARED, ("project_shared",)),
    Rule("finance:project_followup", SHARED, ("project_shared",), data={"by": "funder"}),
    Rule("finance:project_cash_flow", STAFF_ON_SHARED, ("project_shared",)),
    *crud("finance", "financialreport", None, "financialreport"),
    Rule(
        "finance:financialreport_file",
        EXPORT_HIDDEN,
        ("financialreport",),
        method="post",
        data={"format": "xlsx"},
    ),
    # The report's figures (API action): internal like the report.
    Rule(
        "financialreport-figures",
        API_HIDDEN,
        ("financialreport",),
        path="/api/financial-reports/{financialreport}/figures",
    ),
    Rule("finance:fec_export", STAFF_PAGE),
    Rule(
        "finance:fec_export",
        expect(outsider=403, partner=403, viewer=302, officer=302, admin=302),
        method="post",
        data={
            "start_on": "2026-01-01",
            "end_on": "2026-12-31",
            "siren": "123456789",
            "separator": "tab",
        },
    ),
]

# basename: (URL segment, shared record, hidden record)
API_RESOURCES: dict[str, tuple[str, str | None, str]] = {
    "financialreport": ("financial-reports", None, "financialreport"),
}


def extend_world(world: dict[str, Any]) -> dict[str, Any]:
    from tests.finance.factories_followup import financial_report

    return {"financialreport": financial_report(world["project_shared"]).pk}
