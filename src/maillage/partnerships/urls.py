from django.urls import path

from maillage.core.typeahead import ChoicesView
from maillage.partnerships.models import Agreement
from maillage.partnerships.views import (
    AgreementDocumentView,
    AgreementFileViews,
    AgreementPartyViews,
    AgreementViews,
    AmendmentViews,
    CommitmentEvidenceView,
    CommitmentsByPartnerView,
    CommitmentViews,
    CouncilDecisionViews,
    PartnershipViews,
)

app_name = "partnerships"

urlpatterns = [
    *PartnershipViews.urls(""),
    # The agreement pickers' matches (5,000 agreements at national scale: no select).
    path("agreements/choices/", ChoicesView.as_view(model=Agreement), name="agreement_choices"),
    *AgreementViews.urls("agreements/"),
    # An agreement's rows: "agreementparty_add", "agreementparty_update", "…_delete".
    *AgreementPartyViews.urls("agreements/<int:pk>/parties/"),
    *CouncilDecisionViews.urls("agreements/<int:pk>/decisions/"),
    *AmendmentViews.urls("agreements/<int:pk>/amendments/"),
    *AgreementFileViews.urls("agreements/<int:pk>/files/"),
    path(
        "agreements/<int:pk>/documents/<str:what>/<int:child_pk>/",
        AgreementDocumentView.as_view(),
        name="agreement_document",
    ),
    # Before the commitments' CRUD routes: "by-partner" is not a record.
    path(
        "commitments/by-partner/",
        CommitmentsByPartnerView.as_view(),
        name="commitments_by_partner",
    ),
    *CommitmentViews.urls("commitments/"),
    path(
        "commitments/<int:pk>/evidence/",
        CommitmentEvidenceView.as_view(),
        name="commitment_evidence",
    ),
]
