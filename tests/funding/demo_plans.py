"""The demo's funding (funding.toml), built on the few organisations and the project it
names, without the rest of the demo: the donors, the instruments with their published
rules, and the Lille–Oujda gastronomy plan that breaks two of the ministry's rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from maillage.accounts.models import Role
from maillage.actors.models import OrganisationType
from maillage.demo.build_funding import build_funding
from maillage.demo.dataset import load_dataset
from maillage.funding.models import FinancingPlan, LineKind
from tests.factories import OrganisationFactory, ProjectFactory, UserFactory

DONORS = {
    "meae": ("Ministère de l'Europe et des Affaires étrangères", "MEAE / DAECT"),
    "afd": ("Agence française de développement", "AFD"),
    "ue": ("Union européenne", "UE"),
    "aeag": ("Agence de l'eau Adour-Garonne", ""),
    "region-na": ("Région Nouvelle-Aquitaine", ""),
}
# The amounts that respect every rule: ministry 40 %, Lille 60 % of which in-kind 36.5 %.
FIXED = {
    LineKind.DONOR: Decimal("168000"),
    LineKind.APPLICANT_CASH: Decimal("160000"),
    LineKind.APPLICANT_IN_KIND: Decimal("92000"),
}


def build_demo_funding() -> dict[str, Any]:
    """The demo's funding; returns the plan, the users and the organisations."""
    users = {
        "admin": UserFactory(username="admin", role=Role.ADMIN),
        "youssef": UserFactory(username="youssef", role=Role.OFFICER),
    }
    orgs = {
        key: OrganisationFactory(name=name, acronym=acronym, type=OrganisationType.DONOR)
        for key, (name, acronym) in DONORS.items()
    }
    orgs["lille"] = OrganisationFactory(name="Ville de Lille", type=OrganisationType.MUNICIPALITY)
    project = ProjectFactory(
        code="LIL-OUJ-GASTRO",
        title="Formation aux métiers de la gastronomie marocaine à Oujda",
        country="MA",
        start_on=dt.date(2025, 1, 15),
        end_on=dt.date(2027, 6, 30),
        budget=Decimal("420000"),
    )
    actors = SimpleNamespace(organisations=orgs)
    instruments, counts = build_funding(load_dataset(), users, actors, {"LIL-OUJ-GASTRO": project})
    plan = FinancingPlan.objects.get(project=project)
    return {
        "plan": plan,
        "users": users,
        "orgs": orgs,
        "project": project,
        "instruments": instruments,
        "counts": counts,
    }
