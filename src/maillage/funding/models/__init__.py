"""Funding sought by the authority: donors' instruments and their rules, calls,
applications, grants and each project's co-financing plan."""

from maillage.funding.models.calls import (
    TRANSITIONS,
    Application,
    ApplicationStatus,
    Call,
    CallAttachment,
    CallDocument,
    ChecklistItem,
    ChecklistState,
)
from maillage.funding.models.grants import (
    AlertKind,
    Grant,
    ObligationKind,
    ReportingObligation,
    Tranche,
)
from maillage.funding.models.instruments import (
    CostCategory,
    Donor,
    DonorKind,
    InKindBasis,
    Instrument,
    InstrumentPrerequisite,
    PaymentPattern,
)
from maillage.funding.models.plans import (
    APPLICANT_KINDS,
    IN_KIND_KINDS,
    PARTNER_KINDS,
    FinancingLine,
    FinancingPlan,
    LineKind,
)

__all__ = [
    "APPLICANT_KINDS",
    "IN_KIND_KINDS",
    "PARTNER_KINDS",
    "TRANSITIONS",
    "AlertKind",
    "Application",
    "ApplicationStatus",
    "Call",
    "CallAttachment",
    "CallDocument",
    "ChecklistItem",
    "ChecklistState",
    "CostCategory",
    "Donor",
    "DonorKind",
    "FinancingLine",
    "FinancingPlan",
    "Grant",
    "InKindBasis",
    "Instrument",
    "InstrumentPrerequisite",
    "LineKind",
    "ObligationKind",
    "PaymentPattern",
    "ReportingObligation",
    "Tranche",
]
