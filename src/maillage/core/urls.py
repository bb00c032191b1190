from django.urls import path

from maillage.core import saved_filters, views
from maillage.core.reference import country_choices
from maillage.core.typeahead import CodeChoicesView

app_name = "core"

urlpatterns = [
    path("jobs/", views.job_list, name="job_list"),
    path("jobs/<int:pk>/", views.job_detail, name="job_detail"),
    path("jobs/<int:pk>/download/", views.job_download, name="job_download"),
    path("jobs/<int:pk>/retry/", views.job_retry, name="job_retry"),
    path("trash/", views.trash, name="trash"),
    path("trash/<str:model>/<int:pk>/restore/", views.trash_restore, name="trash_restore"),
    path("trash/<str:model>/<int:pk>/purge/", views.trash_purge, name="trash_purge"),
    path("saved-filters/new/", saved_filters.saved_filter_create, name="saved_filter_create"),
    path(
        "saved-filters/<int:pk>/delete/",
        saved_filters.saved_filter_delete,
        name="saved_filter_delete",
    ),
    # Type-ahead matches among the countries, in the user's language (core.typeahead).
    path(
        "countries/choices/",
        CodeChoicesView.as_view(choices=country_choices),
        name="country_choices",
    ),
]
