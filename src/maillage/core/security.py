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


class NullCharacterMiddleware:
    """Refuse input carrying NUL characters with a clear 400, before any view runs.

    No user text legitimately holds one, and PostgreSQL refuses them in text columns: a
    NUL typed into a filter, a login form or a JSON body would otherwise end as a server
    error deep in a query. Query strings, url-encoded forms and JSON bodies are checked;
    multipart uploads are left to their own checks (reading them here would defeat the
    import pages' size check before the body is read).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_nul(request):
            from django.http import HttpResponseBadRequest
            from django.utils.translation import gettext as _

            return HttpResponseBadRequest(
                _(
                    "The request contains a NUL character, which no field accepts. "
                    "Remove it and try again."
                ),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        if "\x00" in request.get_full_path() or "%00" in request.META.get("QUERY_STRING", ""):
            return True
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return False
        content_type = request.content_type or ""
        if content_type == "application/x-www-form-urlencoded":
            return any("\x00" in v for values in request.POST.lists() for v in values[1]) or any(
                "\x00" in k for k in request.POST
            )
        if content_type.endswith("json"):
            body = request.body
            return b"\x00" in body or b"\\u0000" in body
        return False
