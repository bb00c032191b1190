"""The demo's partnerships, agreements and commitments, from partnerships.toml: the
Lille–Oujda twinning since 2005 with its framework convention and three amendments, the
conventions of its projects (one expiring within 90 days of the reference date), the
consortium agreements of the Nouvelle-Aquitaine network, and a cofinancing agreement
shared by a Lille–Oujda project and a network project (each with its own commitments).

Each record is created through its service, one by one, as the pages would: an agreement
and its rows, a commitment and its reminder follow the same rules as when entered by hand.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Model

from maillage.accounts.models import User
from maillage.core.services import service_for
from maillage.demo.build_actors import Actors
from maillage.demo.dataset import Dataset, DemoDataError
from maillage.partnerships.models import (
    Agreement,
    AgreementParty,
    Amendment,
    Commitment,
    CouncilDecision,
    Partnership,
)
from maillage.projects.models import Project


def _create(model: type[Model], by: User, **data: Any) -> Any:
    return service_for(model).create(data=data, by=by)


def build_partnerships(
    ds: Dataset, users: dict[str, User], actors: Actors, projects: dict[str, Project]
) -> dict[str, int]:
    """Partnerships, their agreements with parties, decisions, amendments and commitments;
    the number of records by kind."""
    orgs, people = actors.organisations, actors.people
    specs = ds["partnerships.toml"]
    partnerships = {
        spec["key"]: _create(
            Partnership,
            users[spec["follow_up"]],
            name=spec["name"],
            french_authority=orgs[spec["french_authority"]],
            foreign_authority=orgs[spec["foreign_authority"]],
            since=spec["since"],
            status=spec["status"],
            description=spec["description"],
            projects=[projects[code] for code in spec["projects"]],
        )
        for spec in specs["partnerships"]
    }
    counts = dict.fromkeys(("parties", "council_decisions", "amendments", "commitments"), 0)
    for spec in specs["agreements"]:
        user = users[spec["follow_up"]]
        agreement = _create(
            Agreement,
            user,
            partnership=partnerships[spec["partnership"]] if "partnership" in spec else None,
            reference=spec["reference"],
            title=spec["title"],
            object=spec["object"],
            kind=spec["kind"],
            status=spec["status"],
            signed_on=spec.get("signed_on"),
            start_on=spec["start_on"],
            end_on=spec["end_on"],
            renewal=spec.get("renewal", ""),
            tacit_renewal=spec.get("tacit_renewal", False),
            notice_months=spec.get("notice_months"),
            amount=_money(spec.get("amount")),
            currency=spec["currency"],
            projects=[projects[code] for code in spec["projects"]],
        )
        for party in spec.get("parties", []):
            _create(
                AgreementParty,
                user,
                agreement=agreement,
                organisation=orgs[party["organisation"]],
                signatory=people[party["signatory"]] if "signatory" in party else None,
                signatory_title=party["title"],
                signed_on=party.get("signed_on"),
            )
        for decision in spec.get("decisions", []):
            _create(
                CouncilDecision,
                user,
                agreement=agreement,
                organisation=orgs[decision["organisation"]],
                number=decision["number"],
                decided_on=decision["decided_on"],
                title=decision["title"],
            )
        for amendment in spec.get("amendments", []):
            _create(
                Amendment,
                user,
                agreement=agreement,
                number=amendment["number"],
                signed_on=amendment["signed_on"],
                object=amendment["object"],
                new_end_on=amendment.get("new_end_on"),
                new_amount=_money(amendment.get("new_amount")),
            )
        # An agreement of one project: its commitments are that project's. One spanning
        # several (a framework convention, a cofinancing one): its commitments belong to
        # none, unless one names its project (seen then by that project's members only).
        single = projects[spec["projects"][0]] if len(spec["projects"]) == 1 else None
        for commitment in spec.get("commitments", []):
            code = commitment.get("project")
            if code is not None and code not in spec["projects"]:
                raise DemoDataError(
                    f"partnerships.toml, {spec['reference']}: the commitment's project "
                    f"{code} is not one of the agreement's projects"
                )
            project = projects[code] if code is not None else single
            responsible = commitment.get("responsible")
            _create(
                Commitment,
                user,
                agreement=agreement,
                project=project,
                party=orgs[commitment["party"]],
                responsible_person=people[responsible] if responsible else None,
                follow_up_user=user,
                text=commitment["text"],
                due_on=commitment["due_on"],
                status=commitment["status"],
                fulfilled_on=commitment.get("fulfilled_on"),
                evidence=commitment.get("evidence", ""),
                remind_days_before=commitment.get("remind_days_before", 14),
            )
        counts["parties"] += len(spec.get("parties", []))
        counts["council_decisions"] += len(spec.get("decisions", []))
        counts["amendments"] += len(spec.get("amendments", []))
        counts["commitments"] += len(spec.get("commitments", []))
    return {"partnerships": len(partnerships), "agreements": len(specs["agreements"]), **counts}


def _money(amount: int | None) -> Decimal | None:
    return None if amount is None else Decimal(amount)
