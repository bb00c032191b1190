from django.urls import path

from maillage.funding.views.instruments import (
    DonorViews,
    InstrumentPrerequisiteViews,
    InstrumentViews,
)
from maillage.funding.views.plans import (
    FinancingPlanCheckView,
    FinancingPlanLinesView,
    FinancingPlanViews,
    ProjectFinancingView,
)

app_name = "funding"

urlpatterns: list = [
    # "donor_list", "donor_create", "donor_detail", … (CrudViews.urls)
    *DonorViews.urls("donors/"),
    # "instrument_list", "instrument_create", "instrument_detail", …
    *InstrumentViews.urls("instruments/"),
    # An instrument's rows: "instrumentprerequisite_add", "…_update", "…_delete".
    *InstrumentPrerequisiteViews.urls("instruments/<int:pk>/prerequisites/"),
    # "financingplan_list", "financingplan_create", "financingplan_detail", …
    *FinancingPlanViews.urls("plans/"),
    path("plans/<int:pk>/lines/", FinancingPlanLinesView.as_view(), name="financingplan_lines"),
    path("plans/<int:pk>/check/", FinancingPlanCheckView.as_view(), name="financingplan_check"),
    path("projects/<int:pk>/", ProjectFinancingView.as_view(), name="project_financing"),
]

# Calls, applications and grants (funding.views.calls, .grants, .figures).
from django.urls import path  # noqa: E402

from maillage.core.typeahead import ChoicesView  # noqa: E402
from maillage.funding.models import Call  # noqa: E402
from maillage.funding.views import calls as call_views  # noqa: E402
from maillage.funding.views import figures as figure_views  # noqa: E402
from maillage.funding.views import grants as grant_views  # noqa: E402

urlpatterns += [
    # The type-ahead of the applications' call filter (the calls the user sees).
    path("calls/choices/", ChoicesView.as_view(model=Call), name="call_choices"),
    # "call_list", "call_create", "call_detail", … (CrudViews.urls)
    *call_views.CallViews.urls("calls/"),
    # A call's rows: "callattachment_add", "calldocument_add", "…_update", "…_delete".
    *call_views.CallAttachmentViews.urls("calls/<int:pk>/attachments/"),
    *call_views.CallDocumentViews.urls("calls/<int:pk>/documents/"),
    path(
        "calls/<int:pk>/attachments/<int:child_pk>/file/",
        call_views.call_attachment_file,
        name="call_attachment_file",
    ),
    # Before the applications' CRUD routes: "board" is not a record.
    path("applications/board/", call_views.application_board, name="application_board"),
    # "application_list", "application_create", "application_detail", …
    *call_views.ApplicationViews.urls("applications/"),
    path(
        "applications/<int:pk>/status/",
        call_views.application_status,
        name="application_status",
    ),
    # An application's checklist: "checklistitem_add", "…_update", "…_delete".
    *call_views.ChecklistItemViews.urls("applications/<int:pk>/checklist/"),
    # "grant_list", "grant_create", "grant_detail", …
    *grant_views.GrantViews.urls("grants/"),
    # A grant's rows: "tranche_add", "obligation_add", "…_update", "…_delete".
    *grant_views.TrancheViews.urls("grants/<int:pk>/tranches/"),
    path("grants/<int:pk>/schedule/", grant_views.grant_schedule, name="grant_schedule"),
    *grant_views.ReportingObligationViews.urls("grants/<int:pk>/obligations/"),
    path("success/", figure_views.success_figures_page, name="success_figures"),
]
