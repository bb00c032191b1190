from django.urls import path

from maillage.partnerships.views import (
    AgreementDocumentView,
    AgreementViews,
    AmendmentAddView,
    AmendmentDeleteView,
    CommitmentEvidenceView,
    CommitmentsByPartnerView,
    CommitmentViews,
    DecisionAddView,
    DecisionDeleteView,
    FileAddView,
    FileDeleteView,
    PartnershipViews,
    PartyAddView,
    PartyDeleteView,
)


def _rows(prefix: str, name: str, add: type, delete: type) -> list:
    """Add and remove routes of an agreement's rows."""
    return [
        path(f"agreements/<int:pk>/{prefix}/add/", add.as_view(), name=f"{name}_add"),
        path(
            f"agreements/<int:pk>/{prefix}/<int:child_pk>/delete/",
            delete.as_view(),
            name=f"{name}_delete",
        ),
    ]


app_name = "partnerships"

urlpatterns = [
    *PartnershipViews.urls(""),
    *AgreementViews.urls("agreements/"),
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
    *_rows("parties", "agreementparty", PartyAddView, PartyDeleteView),
    *_rows("decisions", "councildecision", DecisionAddView, DecisionDeleteView),
    *_rows("amendments", "amendment", AmendmentAddView, AmendmentDeleteView),
    *_rows("files", "agreementfile", FileAddView, FileDeleteView),
    path(
        "agreements/<int:pk>/documents/<str:what>/<int:child_pk>/",
        AgreementDocumentView.as_view(),
        name="agreement_document",
    ),
]
