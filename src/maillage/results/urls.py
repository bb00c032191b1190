from django.urls import path

from maillage.results.views import indicators as indicator_views
from maillage.results.views import logframe as logframe_views

app_name = "results"

# The logframe (F1): levels, indicators, periods, shared definitions, disaggregations.
urlpatterns: list = [
    # "result_list", "result_create", "result_detail", … (CrudViews.urls)
    *logframe_views.ResultViews.urls("levels/"),
    # A level's rows: "assumption_add", "assumption_update", "assumption_delete".
    *logframe_views.AssumptionViews.urls("levels/<int:pk>/assumptions/"),
    path(
        "projects/<int:pk>/logframe/",
        logframe_views.ProjectLogframeView.as_view(),
        name="project_logframe",
    ),
    path(
        "projects/<int:pk>/logframe.<str:fmt>",
        logframe_views.ProjectLogframeExportView.as_view(),
        name="project_logframe_export",
    ),
    # "indicator_list", "indicator_create", "indicator_detail", …
    *indicator_views.IndicatorViews.urls("indicators/"),
    # An indicator's periods: "period_add", "period_update", "period_delete".
    *indicator_views.IndicatorPeriodViews.urls("indicators/<int:pk>/periods/"),
    path(
        "indicators/<int:pk>/periods/generate/",
        indicator_views.GeneratePeriodsView.as_view(),
        name="period_generate",
    ),
    # "commonindicator_list", … and "dimension_list", … with the values as rows.
    *indicator_views.CommonIndicatorViews.urls("common-indicators/"),
    *indicator_views.DimensionViews.urls("disaggregations/"),
    *indicator_views.DimensionValueViews.urls("disaggregations/<int:pk>/values/"),
]

# Values, their workflow, the grid, the import and the dashboards (F2, F3).
from maillage.results.views import dashboards as dashboard_views  # noqa: E402
from maillage.results.views import grid as grid_views  # noqa: E402
from maillage.results.views import values as value_views  # noqa: E402

urlpatterns += [
    # Before the values' CRUD routes: "approvals" and "import" are not records.
    path("values/approvals/", value_views.value_approvals, name="value_approvals"),
    path("values/tidy/", value_views.values_tidy_export, name="values_tidy_export"),
    # "indicatorvalue_import", "…_import_mapping", "…_import_preview" (core.imports.views)
    path(
        "values/import/",
        value_views.IndicatorValueImportViews.upload_view(),
        name="indicatorvalue_import",
    ),
    path(
        "values/import/<int:session>/columns/",
        value_views.IndicatorValueImportViews.mapping_view(),
        name="indicatorvalue_import_mapping",
    ),
    path(
        "values/import/<int:session>/preview/",
        value_views.IndicatorValueImportViews.preview_view(),
        name="indicatorvalue_import_preview",
    ),
    # "indicatorvalue_list", "indicatorvalue_create", "indicatorvalue_detail", …
    *value_views.IndicatorValueViews.urls("values/"),
    path("values/<int:pk>/move/", value_views.value_move, name="value_move"),
    path(
        "values/<int:pk>/evidence/<int:evidence_pk>/",
        value_views.value_evidence_file,
        name="value_evidence_file",
    ),
    path("projects/<int:pk>/grid/", grid_views.project_grid, name="project_grid"),
    path(
        "projects/<int:pk>/results/",
        dashboard_views.project_results_page,
        name="project_results",
    ),
    path(
        "indicators/<int:pk>/results/",
        dashboard_views.indicator_results_page,
        name="indicator_results",
    ),
    path("dashboards/", dashboard_views.dashboards_page, name="dashboards"),
    path(
        "dashboards/programmes/<int:pk>/",
        dashboard_views.programme_results_page,
        name="programme_results",
    ),
    path("dashboards/donors/<int:pk>/", dashboard_views.donor_results_page, name="donor_results"),
    path(
        "dashboards/countries/<str:code>/",
        dashboard_views.country_results_page,
        name="country_results",
    ),
    path("dashboards/sdg/<str:code>/", dashboard_views.sdg_results_page, name="sdg_results"),
]
