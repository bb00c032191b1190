"""The API router: every installed app lists its resources in its own api.py as
`ROUTES = [(URL segment, viewset, basename)]`; this module only collects them."""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.contrib.auth.views import redirect_to_login
from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework.exceptions import NotAuthenticated
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import DefaultRouter

from maillage.accounts.api import LogoutView, MeView, TokenView


def app_routes() -> list[tuple[str, Any, str]]:
    """The ROUTES of every installed maillage app that has an api module, in the order
    of INSTALLED_APPS (lower apps first)."""
    routes: list[tuple[str, Any, str]] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("maillage.") or find_spec(f"{config.name}.api") is None:
            continue
        module = import_module(f"{config.name}.api")
        routes.extend(getattr(module, "ROUTES", ()))
    return routes


class SchemaView(SpectacularJSONAPIView):
    """The OpenAPI document, for signed-in users only (session or Bearer token): only
    sign-in and /healthz are public (docs/security.md)."""

    permission_classes = [IsAuthenticated]


class DocsView(SpectacularSwaggerSplitView):
    """The interactive docs, for signed-in users; a visitor is sent to the login page."""

    permission_classes = [IsAuthenticated]

    def handle_exception(self, exc: Exception) -> Any:
        if isinstance(exc, NotAuthenticated):
            return redirect_to_login(self.request.get_full_path())
        return super().handle_exception(exc)


router = DefaultRouter(trailing_slash=False)
router.include_format_suffixes = False
router.include_root_view = False
for segment, viewset, basename in app_routes():
    router.register(segment, viewset, basename=basename)

api_urlpatterns = [
    path("auth/token", TokenView.as_view(), name="api_token"),
    path("auth/logout", LogoutView.as_view(), name="api_logout"),
    path("me", MeView.as_view(), name="api_me"),
    path("openapi.json", SchemaView.as_view(), name="api_schema"),
    # The split view serves Swagger UI's start-up script as a file (?script): no inline
    # script, so the Content-Security-Policy needs no 'unsafe-inline'.
    path(
        "docs",
        DocsView.as_view(url_name="api_schema", template_name="core/swagger_ui.html"),
        name="api_docs",
    ),
    *router.urls,
]
