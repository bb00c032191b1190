"""Rate limits of the doors that take a password or send mail: the API token request (per
address and per account) and password-reset requests (per address and per email address).

Counts live in the "shared" cache (a database table), so every server process sees the
same numbers: two workers do not allow twice the rate. The address is the one the audit
trail and axes use (`audit.client_ip`), never a client-supplied X-Forwarded-For.

Also: the answer to an axes lockout, JSON on the API and the lockout page elsewhere.
"""

from __future__ import annotations

import hashlib
import math
import time
from abc import ABC, abstractmethod
from typing import Any

from axes.helpers import get_cool_off
from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.connection import ConnectionProxy
from django.utils.translation import gettext as _
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from maillage.accounts.audit import client_ip

CACHE = "shared"
clock = time.time  # tests move it


def _cache() -> Any:
    return caches[CACHE]


def _key(scope: str, ident: str) -> str:
    # Digested: an email address or a username never appears in a cache key.
    return f"throttle:{scope}:{hashlib.sha256(ident.encode()).hexdigest()[:40]}"


def parse_rate(rate: str) -> tuple[int, int]:
    """ "5/hour" → (5, 3600); "20/min" → (20, 60)."""
    count, period = rate.split("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[period.strip()[0]]
    return int(count), seconds


def hit(scope: str, ident: str, rate: str) -> int | None:
    """Count one request of `ident` in `scope`; None when allowed, else the seconds to
    wait (nothing is counted then)."""
    allowed, period = parse_rate(rate)
    cache, key, now = _cache(), _key(scope, ident), clock()
    history = [at for at in cache.get(key, []) if at > now - period]
    if len(history) >= allowed:
        return max(1, math.ceil(min(history) + period - now))
    cache.set(key, [now, *history], period)
    return None


class _SharedRateThrottle(SimpleRateThrottle, ABC):
    """DRF's throttle, counted in the shared cache, rates read from the settings at each
    request (so a test or an environment change is seen)."""

    cache = ConnectionProxy(caches, CACHE)
    timer = staticmethod(lambda: clock())

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    @abstractmethod
    def ident_of(self, request: Request) -> str | None:
        """Who is counted: an address, an account; None counts nobody."""

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        ident = self.ident_of(request)
        return _key(str(self.scope), ident) if ident else None


class TokenAddressThrottle(_SharedRateThrottle):
    """Token requests from one address."""

    scope = "token_address"

    def ident_of(self, request: Request) -> str | None:
        return client_ip(request._request) or "unknown"


class TokenAccountThrottle(_SharedRateThrottle):
    """Token requests naming one account, from wherever they come."""

    scope = "token_account"

    def ident_of(self, request: Request) -> str | None:
        data = request.data
        username = data.get("username") if isinstance(data, dict) else None
        return username.strip().lower() if isinstance(username, str) and username else None


def password_reset_wait(request: HttpRequest, email: str) -> int | None:
    """Count a password-reset request from this address for this email address; None
    when allowed, else the seconds to wait. Both limits count every request."""
    rate = settings.PASSWORD_RESET_RATE
    waits = [
        hit("password_reset_address", client_ip(request) or "unknown", rate),
        hit("password_reset_email", email.strip().lower(), rate),
    ]
    return max((w for w in waits if w is not None), default=None)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any = None
) -> HttpResponse:
    """axes' answer to a locked-out sign-in: 429, JSON with Retry-After on the API."""
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else None
    if request.path_info.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"detail": _("Too many failed attempts: this account is locked for a while.")},
            status=429,
        )
    else:
        response = render(request, settings.AXES_LOCKOUT_TEMPLATE, {}, status=429)
    if seconds:
        response["Retry-After"] = str(seconds)
    return response
