"""Users and their roles, their second factor, their API tokens, and the audit trail of
sign-ins."""

import hashlib
import zoneinfo
from typing import Any, Self

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from maillage.accounts.working_hours import (
    DEFAULT_END,
    DEFAULT_START,
    HOURS_HELP,
    WorkingDaysField,
    check_hours,
    days_display,
    hours_in_order,
)
from maillage.core.access import VisibleQuerySet


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    OFFICER = "officer", _("Cooperation officer")
    VIEWER = "viewer", _("Viewer")
    PARTNER = "partner", _("Partner")


INTERNAL_ROLES = frozenset({Role.ADMIN, Role.OFFICER, Role.VIEWER})
WRITE_ROLES = frozenset({Role.ADMIN, Role.OFFICER})


class UserQuerySet(VisibleQuerySet):
    def visible_to(self, user: Any) -> Self:
        # Only administrators manage accounts; everyone else sees their own.
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.role == Role.ADMIN:
            return self.all()
        return self.filter(pk=user.pk)

    def internal(self) -> Self:
        """Active staff of the service: who may own a project, a programme, a risk."""
        return self.filter(role__in=INTERNAL_ROLES, is_active=True).order_by(
            "last_name", "first_name", "username"
        )


class MaillageUserManager(UserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]  # a manager class built at run time by from_queryset
    pass


def validate_time_zone(value: str) -> None:
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a time zone (e.g. Europe/Paris, Africa/Casablanca)."),
            params={"value": value},
            code="timezone",
        )


class User(AbstractUser):
    """A person who signs in: staff of the service, or a partner organisation's staff."""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New user")

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.VIEWER)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    # Times on every page are shown in it (accounts.middleware); empty: the site's.
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Dates and times are shown in this time zone; empty: the site's."),
    )
    # When meetings may be set for this user (missions' slot finder), in `timezone`.
    working_hours_start = models.TimeField(
        _("working hours start"), default=DEFAULT_START, help_text=HOURS_HELP
    )
    working_hours_end = models.TimeField(_("working hours end"), default=DEFAULT_END)
    working_days = WorkingDaysField(_("working days"))
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = MaillageUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=[r.value for r in Role]), name="user_role_valid"
            ),
            hours_in_order("user_working_hours_in_order"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_absolute_url(self) -> str:
        return reverse("accounts:user_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        check_hours(self)

    def get_working_days_display(self) -> str:
        return days_display(self.working_days)

    @property
    def is_internal(self) -> bool:
        """Staff of the service (admin, officer, viewer) see every record."""
        return self.role in INTERNAL_ROLES

    @property
    def can_write(self) -> bool:
        return self.is_active and self.role in WRITE_ROLES

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def has_two_factor(self) -> bool:
        """A confirmed TOTP device is attached (two-factor authentication is on)."""
        try:
            self.two_factor  # noqa: B018 (the accessor caches the row, or its absence)
        except ObjectDoesNotExist:
            return False
        return True


class TwoFactorDevice(models.Model):
    """A user's confirmed TOTP authenticator (RFC 6238); its presence means 2FA is on.

    The secret is shown once, while being set up (from the session, before this row
    exists), and never again. It is kept out of the user's history, exports and the API.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="two_factor",
        verbose_name=_("user"),
    )
    secret = models.CharField(_("secret"), max_length=64, editable=False)
    confirmed_at = models.DateTimeField(_("enabled on"), default=timezone.now)
    # The last time step accepted: a code is never accepted twice (no replay).
    last_used_step = models.BigIntegerField(default=0, editable=False)
    # SHA-256 digests of the unused one-time recovery codes.
    recovery_codes = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("two-factor device")
        verbose_name_plural = _("two-factor devices")

    def __str__(self) -> str:
        return str(self.user)


def token_digest(key: str) -> str:
    """What is stored of an API token's key: its SHA-256 digest, never the key."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(VisibleQuerySet):
    def visible_to(self, user: Any) -> Self:
        # Everyone sees their own tokens; administrators see everyone's.
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.role == Role.ADMIN:
            return self.all()
        return self.filter(user=user)

    def usable(self) -> Self:
        """Neither revoked nor expired, now."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    """A key that authenticates API calls (`Authorization: Bearer <key>`) for one user.

    The key is shown once, when issued; only its SHA-256 digest is stored, with its first
    characters to tell tokens apart. A token dies when it expires, when it is revoked (by
    its owner, an administrator, `POST /api/auth/logout`) and when its owner's password or
    two-factor authentication changes (`accounts.services.ApiTokenService`).
    """

    PREFIX_LENGTH = 8

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "revoked_at"], name="apitoken_user_revoked")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def state(self) -> str:
        """ "active", "expired" or "revoked"."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "active"

    def get_state_display(self) -> str:
        return str(TOKEN_STATES[self.state])


class CalendarFeedQuerySet(VisibleQuerySet):
    def visible_to(self, user: Any) -> Self:
        # Everyone sees their own feeds (calendar feed); nobody else's.
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        return self.filter(user=user)

    def usable(self) -> Self:
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class CalendarFeed(models.Model):
    """A secret address at which a calendar program reads the user's deadlines
    (iCalendar; calendar feed). Like an API token, only the SHA-256 digest of its secret
    is stored: the address is shown once, when made; revoking it ends it for good."""

    PREFIX_LENGTH = 6

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
        verbose_name=_("user"),
    )
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.prefix}…"


TOKEN_STATES = {
    "active": pgettext_lazy("API token", "Active"),
    "expired": pgettext_lazy("API token", "Expired"),
    "revoked": pgettext_lazy("API token", "Revoked"),
}


# How an audit event's details read (their keys and coded values), in the reader's language.
AUDIT_DETAIL_LABELS = {
    "step": _("step"),
    "target": _("account"),
    "target_id": _("account number"),
    "old_role": _("former role"),
    "new_role": _("new role"),
    "token": _("token"),
    "name": _("name"),
    "by": _("by"),
    "reason": _("reason"),
    "count": _("count"),
    "remaining": _("codes left"),
    "email": _("email"),
    "accounts": _("accounts"),
}
AUDIT_DETAIL_VALUES = {
    "step": {"password": _("password"), "two_factor": _("two-factor code")},
    "reason": {
        "logout": _("signed out"),
        "issued": _("issued"),
        "password": _("password changed"),
        "two-factor enabled": _("two-factor authentication enabled"),
        "two-factor disabled": _("two-factor authentication disabled"),
        "page": _("revoked on the tokens page"),
    },
    "old_role": dict(Role.choices),
    "new_role": dict(Role.choices),
}


class AuditEvent(models.Model):
    """A sign-in or a sensitive action, also written to the "maillage.audit" logger."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("Login")
        LOGIN_FAILED = "login_failed", _("Failed login")
        LOGOUT = "logout", _("Logout")
        LOCKOUT = "lockout", _("Lockout")
        PASSWORD_CHANGE = "password_change", _("Password change")
        PASSWORD_RESET_REQUEST = "password_reset_request", _("Password reset request")
        PASSWORD_RESET = "password_reset", _("Password reset")
        TWO_FACTOR_ENABLED = "two_factor_enabled", _("Two-factor authentication enabled")
        TWO_FACTOR_DISABLED = "two_factor_disabled", _("Two-factor authentication disabled")
        RECOVERY_CODES = "recovery_codes", _("Recovery codes renewed")
        RECOVERY_CODE_USED = "recovery_code_used", _("Recovery code used")
        ROLE_CHANGE = "role_change", _("Role change")
        TOKEN_CREATED = "token_created", _("API token created")
        TOKEN_REVOKED = "token_revoked", _("API token revoked")

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    event = models.CharField(_("event"), max_length=32, choices=Kind.choices)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.event} {self.username}"

    def detail_items(self) -> list[tuple[str, Any]]:
        """The details as a reader reads them: translated labels, roles and reasons by
        name; a key or value not known here as it was recorded."""
        items = []
        for key, value in (self.detail or {}).items():
            values = AUDIT_DETAIL_VALUES.get(key, {})
            shown = values.get(value, value) if isinstance(value, str) else value
            items.append((str(AUDIT_DETAIL_LABELS.get(key, key)), shown))
        return items
