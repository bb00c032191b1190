"""The demo's donors, their instruments with their published rules and prerequisites,
and the projects' co-financing plans, from funding.toml: the ministry's yearly call for
local authorities' external action, AFD's facility for local authorities (FICOL), an EU
thematic programme, a water agency's 1 % fund and the Région's call; the Lille–Oujda
gastronomy project's plan breaks two of the ministry's rules, as first typed.

Each record is created through its service, as the pages would."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from maillage.accounts.models import User
from maillage.core.services import service_for
from maillage.demo.build_actors import Actors
from maillage.demo.dataset import Dataset
from maillage.funding.models import (
    Donor,
    FinancingPlan,
    Instrument,
    InstrumentPrerequisite,
)
from maillage.projects.models import Project

RULE_FIELDS = (
    "code",
    "url",
    "description",
    "currency",
    "in_kind_basis",
    "eligible_applicant_types",
    "eligible_cost_categories",
    "ineligible_cost_categories",
    "eligible_countries",
    "min_duration_months",
    "max_duration_months",
    "payment_pattern",
    "payment_notes",
)
DECIMAL_FIELDS = (
    "max_share_percent",
    "min_applicant_share_percent",
    "min_applicant_cash_percent",
    "in_kind_cap_percent",
    "overheads_cap_percent",
    "held_back_percent",
    "min_amount",
    "max_amount",
)


def _decimal(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def build_funding(
    ds: Dataset, users: dict[str, User], actors: Actors, projects: dict[str, Project]
) -> tuple[dict[str, Instrument], dict[str, int]]:
    """Donors, instruments (by key, for the calls built after) and plans; the number of
    records by kind."""
    spec = ds["funding.toml"]
    admin = users["admin"]  # an instrument's rules are an administrator's to write
    orgs = actors.organisations
    donors = {
        row["organisation"]: service_for(Donor).create(
            data={
                "organisation": orgs[row["organisation"]],
                "kind": row["kind"],
                "notes": row.get("notes", ""),
            },
            by=admin,
        )
        for row in spec["donors"]
    }
    instruments: dict[str, Instrument] = {}
    prerequisites = 0
    for row in spec["instruments"]:
        data: dict[str, Any] = {"donor": donors[row["donor"]], "name": row["name"]}
        data |= {name: row[name] for name in RULE_FIELDS if name in row}
        data |= {name: _decimal(row.get(name)) for name in DECIMAL_FIELDS if name in row}
        instrument = service_for(Instrument).create(data=data, by=admin)
        for position, text in enumerate(row.get("prerequisites", []), start=1):
            service_for(InstrumentPrerequisite).create(
                data={"instrument": instrument, "text": text, "position": position}, by=admin
            )
            prerequisites += 1
        instruments[row["key"]] = instrument
    plans = 0
    for row in spec.get("plans", []):
        lines = [
            {
                "kind": line["kind"],
                "instrument": instruments[line["instrument"]] if "instrument" in line else None,
                "organisation": orgs[line["organisation"]] if "organisation" in line else None,
                "amount": Decimal(str(line["amount"])),
                "label": line.get("label", ""),
            }
            for line in row["lines"]
        ]
        service_for(FinancingPlan).create(
            data={
                "project": projects[row["project"]],
                "applicant": orgs[row["applicant"]],
                "currency": row["currency"],
                "total_budget": Decimal(str(row["total_budget"])),
                "overheads_amount": _decimal(row.get("overheads_amount")),
                "note": row.get("note", ""),
                "lines": lines,
            },
            by=users[row["entered_by"]],
        )
        plans += 1
    counts = {
        "donors": len(donors),
        "instruments": len(instruments),
        "prerequisites": prerequisites,
        "financing_plans": plans,
    }
    return instruments, counts
