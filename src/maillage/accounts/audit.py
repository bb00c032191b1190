"""The audit trail: sign-ins and sensitive actions, as `AuditEvent` rows and as structured
records of the "maillage.audit" logger (event, user id, username, IP, detail).

Sign-in, sign-out, failures and lockouts come from Django's and axes' signals (connected in
`AccountsConfig.ready`); the views record the rest with `record()`, and a role change is
recorded by the write that makes it (`accounts.services.UserService`).
"""

from __future__ import annotations

import logging
from typing import Any

from axes.helpers import get_client_ip_address
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest
from django.utils import timezone

from maillage.accounts.models import AuditEvent, User

logger = logging.getLogger("maillage.audit")

Kind = AuditEvent.Kind
_WARNINGS = {Kind.LOGIN_FAILED, Kind.LOCKOUT}
CURRENT: Any = object()  # record()'s default user: the request's signed-in user


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address, resolved as axes resolves it (same proxy settings)."""
    if request is None:
        return None
    address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    return address or None


def record(
    event: str,
    request: HttpRequest | None = None,
    *,
    user: Any = CURRENT,
    username: str | None = None,
    **detail: Any,
) -> AuditEvent:
    """Record `event` by `user` (default: the request's signed-in user; None: nobody)."""
    if user is CURRENT:
        current = getattr(request, "user", None)
        user = current if current is not None and current.is_authenticated else None
    if username is None:
        username = user.get_username() if user is not None else ""
    ip = client_ip(request)
    entry = AuditEvent.objects.create(
        user=user, username=username[:150], event=event, ip=ip, detail=detail
    )
    logger.log(
        logging.WARNING if event in _WARNINGS else logging.INFO,
        "audit %s %s",
        event,
        username,
        extra={
            "event": str(event),
            "user_id": user.pk if user is not None else None,
            "username": username,
            "ip": ip,
            "detail": detail,
        },
    )
    return entry


# -- signal receivers ------------------------------------------------------------------


def on_logged_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    record(Kind.LOGIN, request, user=user)


def record_last_login(sender: Any, user: User, **kwargs: Any) -> None:
    """The sign-in's time on the account, written as one column. Django's own receiver
    (`update_last_login`) saves the user, which added an empty row to the account's history
    at every sign-in (`last_login` is kept out of it) and ran the user's post-save work."""
    user.last_login = timezone.now()
    User.objects.filter(pk=user.pk).update(last_login=user.last_login)


def on_logged_out(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        record(Kind.LOGOUT, request, user=user)


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username") or "")
    user = User.objects.filter(username=username).first() if username else None
    record(
        Kind.LOGIN_FAILED,
        request,
        user=user,
        username=username,
        step=credentials.get("step", "password"),
    )


def on_locked_out(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str | None, **kwargs: Any
) -> None:
    user = User.objects.filter(username=username).first() if username else None
    record(Kind.LOCKOUT, request, user=user, username=username or "")


def connect() -> None:
    user_logged_in.disconnect(dispatch_uid="update_last_login")
    user_logged_in.connect(record_last_login, dispatch_uid="maillage.audit.last_login")
    user_logged_in.connect(on_logged_in, dispatch_uid="maillage.audit.login")
    user_logged_out.connect(on_logged_out, dispatch_uid="maillage.audit.logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="maillage.audit.login_failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="maillage.audit.locked_out")
