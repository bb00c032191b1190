"""Writes of accounts: an account is created, changed and deactivated here, whatever
the door (the users' pages today; an API or a command tomorrow). API tokens are issued
and revoked here too (`ApiTokenService`).

A role change is recorded in the audit trail with who made it; an account is never
erased, since the history and the audit trail name it.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from maillage.accounts.audit import record
from maillage.accounts.models import ApiToken, AuditEvent, CalendarFeed, User, token_digest
from maillage.core.services import ModelService

OWN_ACCOUNT = gettext_lazy("You cannot deactivate your own account.")


class UserService(ModelService[User]):
    model = User
    # A password and a sign-in date are set by the sign-in machinery, never by a form.
    protected_fields: ClassVar[frozenset[str]] = ModelService.protected_fields | {
        "password",
        "last_login",
    }

    @classmethod
    def prepare(cls, obj: User, *, by: Any, before: User | None) -> None:
        # A new account has no password until its owner sets one (password reset link).
        if before is None and not obj.password:
            obj.set_unusable_password()

    @classmethod
    def validate(cls, obj: User, *, by: Any, before: User | None, related: dict[str, Any]) -> None:
        if before is not None and _is_self(obj, by) and before.is_active and not obj.is_active:
            raise ValidationError({"is_active": OWN_ACCOUNT})

    @classmethod
    def after_save(cls, obj: User, *, by: Any, before: User | None) -> None:
        if before is not None and before.role != obj.role:
            # The address, when the change comes from a request (simple_history's
            # middleware keeps it for this thread); a command has none.
            request = getattr(HistoricalRecords.context, "request", None)
            record(
                AuditEvent.Kind.ROLE_CHANGE,
                request,
                user=by if getattr(by, "pk", None) is not None else None,
                target_id=obj.pk,
                target=obj.get_username(),
                old_role=before.role,
                new_role=obj.role,
            )

    @classmethod
    def delete(cls, *, obj: User, by: Any, reason: str | None = None) -> str:
        """Deactivate, never erase: the history and the audit trail name the account."""
        if _is_self(obj, by):
            raise ValidationError(OWN_ACCOUNT)
        cls.update(obj=obj, data={"is_active": False}, by=by, reason=reason or "deactivated")
        return _("%(name)s deactivated: this account can no longer sign in.") % {"name": obj}


def _is_self(obj: User, by: Any) -> bool:
    return obj.pk is not None and obj.pk == getattr(by, "pk", None)


def set_language(*, user: User, language: str) -> None:
    """The interface language the user chose, kept on their account."""
    if user.language != language:
        UserService.update(obj=user, data={"language": language}, by=user, reason="language")


# -- API tokens --------------------------------------------------------------------------

# last_used_at is written at most this often per token, not on every request.
LAST_USED_EVERY = dt.timedelta(minutes=1)


def _request() -> Any:
    """The request being served, when the write comes from one (simple_history's
    middleware keeps it for this thread); a command has none."""
    return getattr(HistoricalRecords.context, "request", None)


class ApiTokenService(ModelService[ApiToken]):
    """Issue and revoke API tokens. A token is never changed otherwise: a new key is a
    new token."""

    model = ApiToken

    @classmethod
    def issue(cls, *, user: User, name: str, by: Any) -> tuple[ApiToken, str]:
        """A new token of `user` and its key: the key is returned once and never stored
        (a fresh random key each time: never the same key again)."""
        key = secrets.token_urlsafe(32)
        token = cls.create(
            data={
                "user": user,
                "name": name,
                "expires_at": timezone.now() + dt.timedelta(days=settings.API_TOKEN_DAYS),
                "digest": token_digest(key),
                "prefix": key[: ApiToken.PREFIX_LENGTH],
            },
            by=by,
            reason="issued",
        )
        record(
            AuditEvent.Kind.TOKEN_CREATED,
            _request(),
            user=user,
            token=token.prefix,
            name=token.name,
            by=_username(by),
        )
        return token, key

    @classmethod
    def revoke(cls, *, obj: ApiToken, by: Any, reason: str = "revoked") -> bool:
        """Revoke one token; False when it was already revoked."""
        revoked = ApiToken.objects.filter(pk=obj.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        obj.refresh_from_db(fields=["revoked_at"])
        if revoked:
            record(
                AuditEvent.Kind.TOKEN_REVOKED,
                _request(),
                user=obj.user,
                token=obj.prefix,
                name=obj.name,
                by=_username(by),
                reason=reason,
            )
        return bool(revoked)

    @classmethod
    def revoke_all(cls, *, user: User, by: Any, reason: str) -> int:
        """Revoke every live token of `user` (password or two-factor change); how many."""
        count = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if count:
            record(
                AuditEvent.Kind.TOKEN_REVOKED,
                _request(),
                user=user,
                count=count,
                by=_username(by),
                reason=reason,
            )
        return count

    @classmethod
    def touch(cls, token: ApiToken) -> None:
        """Note that the token was just used, at most once a minute (one conditional
        UPDATE, so that concurrent requests do not all write)."""
        now = timezone.now()
        if token.last_used_at is not None and now - token.last_used_at < LAST_USED_EVERY:
            return
        ApiToken.objects.filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_EVERY), pk=token.pk
        ).update(last_used_at=now)
        token.last_used_at = now


def revoke_tokens_on_password_change(
    sender: Any, instance: User, created: bool, **kwargs: Any
) -> None:
    """post_save of User: a new password (the change and reset pages, `changepassword`,
    any `set_password` then `save`) revokes every token of the account.

    Django keeps the new raw password in `_password` until the save completes; the
    rehash of a password at sign-in (a stronger hasher) clears it first, so an unchanged
    password revokes nothing."""
    if created or getattr(instance, "_password", None) is None:
        return
    by = getattr(_request(), "user", None)
    ApiTokenService.revoke_all(user=instance, by=by, reason="password")


def _username(by: Any) -> str:
    return by.get_username() if getattr(by, "pk", None) is not None else ""


class CalendarFeedService(ModelService[CalendarFeed]):
    """A user's secret calendar address (calendar feed): made, then revoked; a new
    address is a new feed, and making one revokes the user's previous ones."""

    model = CalendarFeed

    @classmethod
    def issue(cls, *, user: User, by: Any) -> tuple[CalendarFeed, str]:
        """A new feed of `user` and its secret, returned once and never stored."""
        secret = secrets.token_urlsafe(32)
        cls.revoke_all(user=user)
        feed = cls.create(
            data={
                "user": user,
                "digest": token_digest(secret),
                "prefix": secret[: CalendarFeed.PREFIX_LENGTH],
            },
            by=by,
        )
        return feed, secret

    @classmethod
    def revoke_all(cls, *, user: User) -> int:
        return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )

    @classmethod
    def find(cls, secret: str) -> CalendarFeed | None:
        """The live feed of this secret (its owner active), noting its use; else None."""
        if not secret or len(secret) > 100:
            return None
        feed = (
            CalendarFeed.objects.usable()
            .select_related("user")
            .filter(digest=token_digest(secret))
            .first()
        )
        if feed is not None:
            now = timezone.now()
            if feed.last_used_at is None or now - feed.last_used_at > LAST_USED_EVERY:
                CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
        return feed
