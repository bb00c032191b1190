"""This area's rows of the permission matrix (tests/test_permission_matrix.py)."""

from __future__ import annotations

from typing import Any

from tests.permissions import (
    HIDDEN,
    SHARED,
    SIGNED_IN,
    WRITE_HIDDEN,
    WRITE_SHARED,
    Rule,
    crud,
    expect,
)

# A row removed from an agreement the partners do not see.
ROW_DELETE_HIDDEN = expect(outsider=404, partner=404, viewer=403, officer=302, admin=302)
ROWS = ("agreementparty", "councildecision", "amendment", "agreementfile")
DOCUMENT = "/partnerships/agreements/{{{agreement}}}/documents/{what}/{{{row}}}/"

RULES: list[Rule] = [
    # Partnerships are the service's own records: partners see none.
    *crud("partnerships", "partnership", None, "partnership"),
    # Agreements and commitments: partners see those of their projects.
    *crud("partnerships", "agreement", "agreement_shared", "agreement_other"),
    *crud("partnerships", "commitment", "commitment_shared", "commitment_other"),
    Rule("partnerships:commitments_by_partner", SIGNED_IN),
    Rule(
        "partnerships:commitments_by_partner",
        SIGNED_IN,
        data={"format": "xlsx", "agreement": "999999"},
    ),
    Rule("partnerships:commitment_evidence", SHARED, ("commitment_shared",)),
    Rule("partnerships:commitment_evidence", HIDDEN, ("commitment_other",)),
    *[
        rule
        for row in ROWS
        for rule in (
            Rule(f"partnerships:{row}_add", WRITE_SHARED, ("agreement_shared",)),
            Rule(f"partnerships:{row}_add", WRITE_HIDDEN, ("agreement_other",)),
            # Editing a row: its form to those who may change the agreement.
            Rule(
                f"partnerships:{row}_update",
                WRITE_SHARED,
                ("agreement_shared", f"{row}_shared"),
            ),
            Rule(
                f"partnerships:{row}_update",
                WRITE_HIDDEN,
                ("agreement_other", f"{row}_other"),
            ),
            # A row asked under another agreement than its own is not found.
            Rule(
                f"partnerships:{row}_update",
                expect(outsider=404, partner=403, viewer=403, officer=404, admin=404),
                ("agreement_shared", f"{row}_other"),
            ),
            Rule(
                f"partnerships:{row}_delete",
                ROW_DELETE_HIDDEN,
                ("agreement_other", f"{row}_other"),
                method="post",
            ),
        )
    ],
    *[
        Rule(
            "partnerships:agreement_document",
            see,
            (f"agreement_{side}", f"{row}_{side}"),
            path=DOCUMENT.format(what=what, agreement=f"agreement_{side}", row=f"{row}_{side}"),
        )
        for side, see in (("shared", SHARED), ("other", HIDDEN))
        for what, row in (("file", "agreementfile"), ("decision", "councildecision"))
    ],
]

# basename: (URL segment, shared record key, hidden record key)
API_RESOURCES: dict[str, tuple[str, str | None, str]] = {
    "partnership": ("partnerships", None, "partnership"),
    "agreement": ("agreements", "agreement_shared", "agreement_other"),
    "commitment": ("commitments", "commitment_shared", "commitment_other"),
}


def extend_world(world: dict[str, Any]) -> dict[str, Any]:
    """The records this area's rules name, built beside the matrix's shared world:
    `world["project_shared"]` / `world["project_other"]` are project ids; users are in
    `world["users"]` (outsider, partner, viewer, officer, admin)."""
    from django.core.files.base import ContentFile

    from tests.partnerships.factories import (
        PDF,
        AgreementFactory,
        AgreementFileFactory,
        AgreementPartyFactory,
        AmendmentFactory,
        CommitmentFactory,
        CouncilDecisionFactory,
        PartnershipFactory,
    )

    records: dict[str, Any] = {"partnership": PartnershipFactory().pk}
    for side in ("shared", "other"):
        project = world[f"project_{side}"]
        agreement = AgreementFactory(projects=[project])
        commitment = CommitmentFactory(agreement=agreement)
        commitment.evidence_file.save("preuve.pdf", ContentFile(PDF), save=True)
        decision = CouncilDecisionFactory(agreement=agreement)
        decision.file.save("deliberation.pdf", ContentFile(PDF), save=True)
        records |= {
            f"agreement_{side}": agreement.pk,
            f"commitment_{side}": commitment.pk,
            f"agreementparty_{side}": AgreementPartyFactory(agreement=agreement).pk,
            f"councildecision_{side}": decision.pk,
            f"amendment_{side}": AmendmentFactory(agreement=agreement).pk,
            f"agreementfile_{side}": AgreementFileFactory(agreement=agreement).pk,
        }
    return records
