from django.urls import path

from maillage.projects.views import plan_io, planning, risks, updates
from maillage.projects.views.projects import ProjectViews

app_name = "projects"

urlpatterns = [
    path("", ProjectViews.list_view(), name="project_list"),
    path("new/", ProjectViews.create_view(), name="project_create"),
    path("export/", ProjectViews.export_view(), name="project_export"),
    path("<int:pk>/", ProjectViews.detail_view(), name="project_detail"),
    path("<int:pk>/edit/", ProjectViews.update_view(), name="project_update"),
    path("<int:pk>/delete/", ProjectViews.delete_view(), name="project_delete"),
    path("<int:pk>/history/", ProjectViews.history_view(), name="project_history"),
    *planning.urlpatterns,
    *plan_io.urlpatterns,
    *risks.urlpatterns,
    *updates.urlpatterns,
]
