"""This area's rows of the permission matrix (tests/test_permission_matrix.py)."""

from __future__ import annotations

from typing import Any

from tests.permissions import (
    API_HIDDEN,
    API_SHARED,
    HIDDEN,
    SHARED,
    SIGNED_IN,
    WRITE_HIDDEN,
    WRITE_SHARED,
    Rule,
    crud,
    expect,
)

# A row (or a commitment) removed that the partners do not see: 404 to them.
ROW_DELETE_HIDDEN = expect(outsider=404, partner=404, viewer=403, officer=302, admin=302)
# An empty edit form of a record the partners do not see: refused by the form (422).
EMPTY_FORM_HIDDEN = expect(outsider=404, partner=404, viewer=403, officer=422, admin=422)
ROWS = ("agreementparty", "councildecision", "amendment", "agreementfile")
DOCUMENT = "/partnerships/agreements/{{{agreement}}}/documents/{what}/{{{row}}}/"

RULES: list[Rule] = [
    Rule("partnerships:agreement_choices", SIGNED_IN),
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
    # An agreement shared by the partner's project and another: the partner opens it, and
    # the other project's commitment under it is hidden from it like any other of that
    # project's records, on pages and API.
    Rule("partnerships:agreement_detail", SHARED, ("agreement_multi",)),
    Rule("partnerships:agreement_history", SHARED, ("agreement_multi",)),
    Rule("partnerships:commitment_detail", SHARED, ("commitment_multi_shared",)),
    *[
        Rule(f"partnerships:commitment_{page}", see, ("commitment_multi_other",), method=method)
        for page, see, method in (
            ("detail", HIDDEN, "get"),
            ("history", HIDDEN, "get"),
            ("update", WRITE_HIDDEN, "get"),
            ("update", EMPTY_FORM_HIDDEN, "post"),
            ("delete", ROW_DELETE_HIDDEN, "post"),
            ("evidence", HIDDEN, "get"),
        )
    ],
    Rule(
        "agreement-detail",
        API_SHARED,
        ("agreement_multi",),
        path="/api/agreements/{agreement_multi}",
    ),
    Rule(
        "commitment-detail",
        API_SHARED,
        ("commitment_multi_shared",),
        path="/api/commitments/{commitment_multi_shared}",
    ),
    Rule(
        "commitment-detail",
        API_HIDDEN,
        ("commitment_multi_other",),
        path="/api/commitments/{commitment_multi_other}",
    ),
    Rule(
        "commitment-detail",
        expect(anonymous=401, outsider=404, partner=404, viewer=403, officer=200, admin=200),
        ("commitment_multi_other",),
        method="patch",
        data={"status": "in_progress"},
        path="/api/commitments/{commitment_multi_other}",
    ),
    Rule(
        "commitment-detail",
        expect(anonymous=401, outsider=404, partner=404, viewer=403, officer=204, admin=204),
        ("commitment_multi_other",),
        method="delete",
        path="/api/commitments/{commitment_multi_other}",
    ),
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
    multi = AgreementFactory(projects=[world["project_shared"], world["project_other"]])
    mine = CommitmentFactory(agreement=multi, project_id=world["project_shared"])
    theirs = CommitmentFactory(agreement=multi, project_id=world["project_other"])
    theirs.evidence_file.save("preuve.pdf", ContentFile(PDF), save=True)
    records |= {
        "agreement_multi": multi.pk,
        "commitment_multi_shared": mine.pk,
        "commitment_multi_other": theirs.pk,
    }
    return records
