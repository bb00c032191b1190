from django.urls import path

from maillage.actors.views import OrganisationViews

app_name = "actors"

urlpatterns = [
    path("organisations/", OrganisationViews.list_view(), name="organisation_list"),
    path("organisations/new/", OrganisationViews.create_view(), name="organisation_create"),
    path("organisations/export/", OrganisationViews.export_view(), name="organisation_export"),
    path("organisations/<int:pk>/", OrganisationViews.detail_view(), name="organisation_detail"),
    path(
        "organisations/<int:pk>/edit/", OrganisationViews.update_view(), name="organisation_update"
    ),
    path(
        "organisations/<int:pk>/delete/",
        OrganisationViews.delete_view(),
        name="organisation_delete",
    ),
    path(
        "organisations/<int:pk>/history/",
        OrganisationViews.history_view(),
        name="organisation_history",
    ),
]
