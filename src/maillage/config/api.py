"""The API router: each app registers its resources from its own api.py."""

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from maillage.accounts.api import MeView, TokenView
from maillage.actors.api import (
    GroupViewSet,
    InteractionViewSet,
    OrganisationViewSet,
    PersonViewSet,
)
from maillage.partnerships.api import ROUTES as PARTNERSHIP_ROUTES
from maillage.projects.api import ROUTES as PROJECT_ROUTES

router = DefaultRouter(trailing_slash=False)
router.include_format_suffixes = False
router.include_root_view = False
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("people", PersonViewSet, basename="person")
router.register("interactions", InteractionViewSet, basename="interaction")
router.register("groups", GroupViewSet, basename="group")
# Each app lists its resources as (URL segment, viewset, basename) in its api.py.
for segment, viewset, basename in (*PROJECT_ROUTES, *PARTNERSHIP_ROUTES):
    router.register(segment, viewset, basename=basename)

api_urlpatterns = [
    path("auth/token", TokenView.as_view(), name="api_token"),
    path("me", MeView.as_view(), name="api_me"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="api_schema"),
    # The split view serves Swagger UI's start-up script as a file (?script): no inline
    # script, so the Content-Security-Policy needs no 'unsafe-inline'.
    path(
        "docs",
        SpectacularSwaggerSplitView.as_view(
            url_name="api_schema", template_name="core/swagger_ui.html"
        ),
        name="api_docs",
    ),
    *router.urls,
]
