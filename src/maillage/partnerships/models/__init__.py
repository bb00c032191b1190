"""Decentralised-cooperation partnerships, their agreements (conventions) and what each
party committed to."""

from maillage.partnerships.models.agreements import (
    Agreement,
    AgreementFile,
    AgreementFileKind,
    AgreementKind,
    AgreementParty,
    AgreementQuerySet,
    AgreementStatus,
    Amendment,
    CouncilDecision,
    Partnership,
    PartnershipStatus,
)
from maillage.partnerships.models.commitments import (
    OPEN_STATUSES,
    Commitment,
    CommitmentStatus,
)

__all__ = [
    "OPEN_STATUSES",
    "Agreement",
    "AgreementFile",
    "AgreementFileKind",
    "AgreementKind",
    "AgreementParty",
    "AgreementQuerySet",
    "AgreementStatus",
    "Amendment",
    "Commitment",
    "CommitmentStatus",
    "CouncilDecision",
    "Partnership",
    "PartnershipStatus",
]
