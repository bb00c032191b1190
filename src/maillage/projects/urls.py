from django.urls import path

from maillage.projects.views import plan_io, planning, risks, updates
from maillage.projects.views.projects import (
    LocationAddView,
    LocationDeleteView,
    MemberAddView,
    MemberDeleteView,
    PartnerAddView,
    PartnerDeleteView,
    PolicyMarkerAddView,
    PolicyMarkerDeleteView,
    ProgrammeViews,
    ProjectViews,
    SectorsView,
    StrategyViews,
)

app_name = "projects"

urlpatterns = [
    *ProjectViews.urls(""),
    *StrategyViews.urls("strategies/"),
    *ProgrammeViews.urls("programmes/"),
    path("<int:pk>/sectors/", SectorsView.as_view(), name="project_sectors"),
    path("<int:pk>/locations/add/", LocationAddView.as_view(), name="location_add"),
    path(
        "<int:pk>/locations/<int:child_pk>/delete/",
        LocationDeleteView.as_view(),
        name="location_delete",
    ),
    path("<int:pk>/markers/add/", PolicyMarkerAddView.as_view(), name="policymarker_add"),
    path(
        "<int:pk>/markers/<int:child_pk>/delete/",
        PolicyMarkerDeleteView.as_view(),
        name="policymarker_delete",
    ),
    path("<int:pk>/partners/add/", PartnerAddView.as_view(), name="partner_add"),
    path(
        "<int:pk>/partners/<int:child_pk>/delete/",
        PartnerDeleteView.as_view(),
        name="partner_delete",
    ),
    path("<int:pk>/members/add/", MemberAddView.as_view(), name="member_add"),
    path(
        "<int:pk>/members/<int:child_pk>/delete/",
        MemberDeleteView.as_view(),
        name="member_delete",
    ),
    *planning.urlpatterns,
    *plan_io.urlpatterns,
    *risks.urlpatterns,
    *updates.urlpatterns,
]
