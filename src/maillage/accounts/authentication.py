"""`Authorization: Bearer <key>`: the API's token authentication (accounts.ApiToken).

A key is looked up by its SHA-256 digest. Refused with 401: an unknown, revoked or expired
key, or an inactive account. Refused with 403: an administrator without two-factor
authentication while TWO_FACTOR_REQUIRED_FOR_ADMINS is on — the rule the pages apply
(`accounts.middleware.TwoFactorRequiredMiddleware`), which meets Bearer requests only here,
since their user is known only once DRF has authenticated them.

Kept apart from api.py: DRF imports this module while its own views module loads, so it
imports nothing that imports DRF's views.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from maillage.accounts import two_factor
from maillage.accounts.models import ApiToken, token_digest
from maillage.accounts.services import ApiTokenService

KEYWORD = "Bearer"
INVALID = _("Invalid, expired or revoked token.")
TWO_FACTOR_REQUIRED = _("Your role requires two-factor authentication: turn it on first.")


class BearerTokenAuthentication(BaseAuthentication):
    keyword = KEYWORD

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None  # not ours: the session may authenticate the request
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the token as “Authorization: Bearer <token>”.")
            )
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(INVALID) from None
        token = (
            ApiToken.objects.usable()
            .select_related("user", "user__two_factor")
            .filter(digest=token_digest(key))
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(INVALID)
        user = token.user
        if two_factor.required_but_off(user) and not _exempt(request):
            raise exceptions.PermissionDenied(TWO_FACTOR_REQUIRED)
        ApiTokenService.touch(token)
        return user, token

    def authenticate_header(self, request: Request) -> str:
        # Makes DRF answer 401 (not 403) to a request without valid credentials.
        return f'{self.keyword} realm="api"'


def _exempt(request: Request) -> bool:
    """Views an administrator held by the rule may still call (revoking its token)."""
    view = (getattr(request, "parser_context", None) or {}).get("view")
    return bool(getattr(view, "two_factor_exempt", False))
