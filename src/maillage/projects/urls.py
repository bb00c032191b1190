"""Every route of the projects area, written one way: `*XViews.urls(prefix)` gives an
entity's seven pages (named in the comment beside it), child rows have their add, edit
and remove routes, and workflows their explicit `path()`."""

from django.urls import path

from maillage.core.typeahead import ChoicesView
from maillage.projects.models import PlanItem, Project
from maillage.projects.views import plan_io, planning, risks, updates
from maillage.projects.views.projects import (
    LocationViews,
    MemberViews,
    PartnerViews,
    PolicyMarkerViews,
    ProgrammeViews,
    ProjectViews,
    SectorsView,
    StrategyViews,
)

app_name = "projects"

urlpatterns = [
    # project_list, project_create, project_export, project_detail, project_update,
    # project_delete, project_history
    *ProjectViews.urls(""),
    # Type-ahead matches among the projects the user sees (core.typeahead).
    path("choices/", ChoicesView.as_view(model=Project), name="project_choices"),
    # A project's plan items, for the dependency picker (`?project=<id>`).
    path(
        "plan/choices/",
        ChoicesView.as_view(model=PlanItem, scopes=("project",)),
        name="planitem_choices",
    ),
    # strategy_list, strategy_create, strategy_export, strategy_detail, strategy_update,
    # strategy_delete, strategy_history
    *StrategyViews.urls("strategies/"),
    # programme_list, programme_create, programme_export, programme_detail,
    # programme_update, programme_delete, programme_history
    *ProgrammeViews.urls("programmes/"),
    # A project's descriptive rows, added, edited and removed from its page.
    path("<int:pk>/sectors/", SectorsView.as_view(), name="project_sectors"),
    # location_add, location_update, location_delete (and policymarker_*, partner_*,
    # member_*)
    *LocationViews.urls("<int:pk>/locations/"),
    *PolicyMarkerViews.urls("<int:pk>/markers/"),
    *PartnerViews.urls("<int:pk>/partners/"),
    *MemberViews.urls("<int:pk>/members/"),
    # The plan: activity_*, task_* and milestone_* (list, create, export, detail,
    # update, delete, history).
    *planning.ActivityViews.urls("activities/"),
    *planning.TaskViews.urls("tasks/"),
    *planning.MilestoneViews.urls("milestones/"),
    path("tasks/<int:pk>/status/", planning.task_status, name="task_status"),
    path(
        "plan-items/<int:pk>/dependencies/add/",
        planning.dependency_add,
        name="dependency_add",
    ),
    path(
        "plan-items/<int:pk>/dependencies/<int:dep_pk>/delete/",
        planning.dependency_delete,
        name="dependency_delete",
    ),
    path("<int:pk>/gantt/", planning.project_gantt, name="project_gantt"),
    path("<int:pk>/calendar/", planning.project_calendar, name="project_calendar"),
    path("<int:pk>/board/", planning.project_board, name="project_board"),
    # The plan in and out.
    path("<int:pk>/plan.xlsx", plan_io.PlanXlsxView.as_view(), name="project_plan_xlsx"),
    path("<int:pk>/plan.xml", plan_io.PlanMspdiView.as_view(), name="project_plan_mspdi"),
    path("import-mspdi/", plan_io.PlanImportView.as_view(), name="plan_import"),
    # risk_list, risk_create, risk_export, risk_detail, risk_update, risk_delete,
    # risk_history
    *risks.RiskViews.urls("risks/"),
    path("<int:pk>/risks/", risks.project_risks, name="project_risks"),
    # fieldupdate_list, fieldupdate_create, fieldupdate_export, fieldupdate_detail,
    # fieldupdate_update, fieldupdate_delete, fieldupdate_history
    *updates.FieldUpdateViews.urls("updates/"),
    path(
        "updates/attachments/<int:pk>/download/",
        updates.attachment_download,
        name="updateattachment_download",
    ),
    path(
        "updates/attachments/<int:pk>/image/",
        updates.attachment_image,
        name="updateattachment_image",
    ),
    path(
        "updates/attachments/<int:pk>/delete/",
        updates.attachment_delete,
        name="updateattachment_delete",
    ),
    path("<int:pk>/updates/", updates.project_updates, name="project_updates"),
]
