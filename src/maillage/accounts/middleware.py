"""Language of each request: the user's choice, else the language cookie, else French;
its time zone: the user's choice, else the site's (TIME_ZONE).

The browser's Accept-Language is deliberately ignored: Maillage is French first, and a
person switches to English once, on purpose.

Also: administrators are held on the two-factor setup page while it is required.
"""

import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from maillage.accounts import two_factor

SUPPORTED = {code for code, _name in settings.LANGUAGES}


def activate_time_zone(user: object) -> None:
    """Times read in the user's time zone when it chose one, else the site's."""
    name = getattr(user, "timezone", "") if getattr(user, "is_authenticated", False) else ""
    try:
        zone = zoneinfo.ZoneInfo(name) if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = None
    if zone is None:
        timezone.deactivate()
    else:
        timezone.activate(zone)


class UserLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language in SUPPORTED:
            language = user.language
        else:
            cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
            language = cookie if cookie in SUPPORTED else settings.LANGUAGE_CODE
        translation.activate(language)
        activate_time_zone(user)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]  # Django's LocaleMiddleware sets the same attribute
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class TwoFactorRequiredMiddleware:
    """With TWO_FACTOR_REQUIRED_FOR_ADMINS, an administrator without two-factor
    authentication is sent to its setup page from every page until it is on (the API
    answers 403). Signing out, the language switch and static files stay reachable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.TWO_FACTOR_REQUIRED_FOR_ADMINS and self.must_set_up(request):
            path = request.path_info
            setup = reverse("accounts:two_factor")
            exempt = {setup, reverse("accounts:logout"), reverse("accounts:set_language")}
            if path not in exempt and not path.startswith(f"/{settings.STATIC_URL.lstrip('/')}"):
                message = _("Your role requires two-factor authentication: turn it on first.")
                if path.startswith("/api/"):
                    return JsonResponse({"detail": message}, status=403)
                if request.headers.get("HX-Request") == "true":
                    return HttpResponseClientRedirect(setup)
                messages.warning(request, message)
                return redirect(setup)
        return self.get_response(request)

    @staticmethod
    def must_set_up(request: HttpRequest) -> bool:
        # Bearer requests meet the same rule in accounts.authentication.
        return two_factor.required_but_off(getattr(request, "user", None))
