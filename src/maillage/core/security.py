"""Security headers Django 5.2 does not set itself: Content-Security-Policy and
Permissions-Policy, on every response (pages, API, static files).

The policy is `settings.SECURE_CSP`, a dict of directive → sources, the format of Django
6.0's own `SECURE_CSP`: on that upgrade, this middleware can give way to
`django.middleware.csp.ContentSecurityPolicyMiddleware` with the same setting. A view that
needs another policy sets the header itself; it is then left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def build_policy(directives: Mapping[str, Sequence[str] | str | bool]) -> str:
    """`{"default-src": ["'self'"], "upgrade-insecure-requests": True}` → header value."""
    parts = []
    for name, sources in directives.items():
        if sources is True:
            parts.append(name)
        elif isinstance(sources, str):
            parts.append(f"{name} {sources}")
        elif sources:
            parts.append(" ".join([name, *sources]))
    return "; ".join(parts)


def build_permissions_policy(features: Mapping[str, Sequence[str]]) -> str:
    """`{"camera": [], "fullscreen": ["self"]}` → `camera=(), fullscreen=(self)`."""
    return ", ".join(f"{name}=({' '.join(allow)})" for name, allow in features.items())


class SecurityHeadersMiddleware:
    """Adds Content-Security-Policy (or its Report-Only variant) and Permissions-Policy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if csp := getattr(settings, "SECURE_CSP", None):
            response.headers.setdefault("Content-Security-Policy", build_policy(csp))
        if report_only := getattr(settings, "SECURE_CSP_REPORT_ONLY", None):
            response.headers.setdefault(
                "Content-Security-Policy-Report-Only", build_policy(report_only)
            )
        if features := getattr(settings, "SECURE_PERMISSIONS_POLICY", None):
            response.headers.setdefault("Permissions-Policy", build_permissions_policy(features))
        return response
