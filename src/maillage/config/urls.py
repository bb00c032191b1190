"""Root URL configuration: each app's urls.py lists its routes explicitly."""

from django.urls import include, path

from maillage.config.api import api_urlpatterns
from maillage.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include("maillage.core.urls")),
    path("accounts/", include("maillage.accounts.urls")),
    path("actors/", include("maillage.actors.urls")),
    path("projects/", include("maillage.projects.urls")),
    path("partnerships/", include("maillage.partnerships.urls")),
    path("funding/", include("maillage.funding.urls")),
    path("finance/", include("maillage.finance.urls")),
    path("results/", include("maillage.results.urls")),
    path("missions/", include("maillage.missions.urls")),
    path("team/", include("maillage.team.urls")),
    path("", include("maillage.reporting.urls")),
    path("api/", include(api_urlpatterns)),
]
