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


def _crud(views: type, prefix: str, name: str) -> list:
    """The seven routes of a CrudViews entity under `prefix`."""
    return [
        path(f"{prefix}", views.list_view(), name=f"{name}_list"),
        path(f"{prefix}new/", views.create_view(), name=f"{name}_create"),
        path(f"{prefix}export/", views.export_view(), name=f"{name}_export"),
        path(f"{prefix}<int:pk>/", views.detail_view(), name=f"{name}_detail"),
        path(f"{prefix}<int:pk>/edit/", views.update_view(), name=f"{name}_update"),
        path(f"{prefix}<int:pk>/delete/", views.delete_view(), name=f"{name}_delete"),
        path(f"{prefix}<int:pk>/history/", views.history_view(), name=f"{name}_history"),
    ]


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
    *_crud(PartnershipViews, "", "partnership"),
    *_crud(AgreementViews, "agreements/", "agreement"),
    # Before the commitments' CRUD routes: "by-partner" is not a record.
    path(
        "commitments/by-partner/",
        CommitmentsByPartnerView.as_view(),
        name="commitments_by_partner",
    ),
    *_crud(CommitmentViews, "commitments/", "commitment"),
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
