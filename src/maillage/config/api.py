"""The API router: each app registers its resources from its own api.py."""

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from maillage.accounts.api import MeView
from maillage.actors.api import OrganisationViewSet
from maillage.core.api import TokenView
from maillage.projects.api import ProjectViewSet

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("projects", ProjectViewSet, basename="project")

api_urlpatterns = [
    path("auth/token", TokenView.as_view(), name="api_token"),
    path("me", MeView.as_view(), name="api_me"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="api_schema"),
    path("docs", SpectacularSwaggerView.as_view(url_name="api_schema"), name="api_docs"),
    *router.urls,
]
