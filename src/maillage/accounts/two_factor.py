"""Two-factor authentication with time-based one-time passwords (TOTP, RFC 6238, pyotp).

Codes are 6 digits, 30-second steps, one step of clock drift either way. A code (its time
step) is accepted once only: a replay in the same window is refused. Eight one-time
recovery codes, stored as SHA-256 digests, stand in for a lost authenticator.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from typing import Any

import pyotp
import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from maillage.accounts.models import TwoFactorDevice, User
from maillage.accounts.services import ApiTokenService

DRIFT_STEPS = 1
clock = time.time  # tests freeze it
RECOVERY_CODE_COUNT = 8
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i


def new_secret() -> str:
    return pyotp.random_base32()  # 160 bits, as RFC 4226 recommends


def provisioning_uri(secret: str, user: User) -> str:
    """The otpauth:// URI authenticator apps read (from the QR code)."""
    return pyotp.TOTP(secret).provisioning_uri(
        name=user.get_username(), issuer_name=settings.TWO_FACTOR_ISSUER
    )


def qr_code_svg(uri: str, title: str) -> str:
    """The URI as an inline SVG QR code (no script, no inline style: CSP-safe)."""
    qr = segno.make(uri, error="m")
    return qr.svg_inline(
        scale=4, border=4, light="#fff", title=title, svgclass="qr-code", lineclass=None
    )


def normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def matching_step(secret: str, code: str, now: float | None = None) -> int | None:
    """The time step whose code is `code` (allowing clock drift), or None."""
    code = normalise(code)
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    current = int((now if now is not None else clock()) // totp.interval)
    for step in (current, current - DRIFT_STEPS, current + DRIFT_STEPS):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def _digest(code: str) -> str:
    return hashlib.sha256(normalise(code).encode()).hexdigest()


def new_recovery_codes() -> list[str]:
    """Fresh codes like `k7m2p-x9qr4`, to show once; store their `_digest` only."""
    codes = []
    for _index in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _char in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    return codes


@transaction.atomic
def enable(user: User, secret: str, code: str) -> list[str] | None:
    """Turn 2FA on if `code` matches the new `secret`; the recovery codes, or None."""
    step = matching_step(secret, code)
    if step is None:
        return None
    codes = new_recovery_codes()
    TwoFactorDevice.objects.update_or_create(
        user=user,
        defaults={
            "secret": secret,
            "confirmed_at": timezone.now(),
            "last_used_step": step,
            "recovery_codes": [_digest(c) for c in codes],
        },
    )
    user._state.fields_cache.pop("two_factor", None)
    # A token issued without the second factor does not outlive its arrival.
    ApiTokenService.revoke_all(user=user, by=user, reason="two-factor enabled")
    return codes


@transaction.atomic
def verify(user: User, code: str, *, allow_recovery: bool = True) -> str | None:
    """Check a sign-in code: "totp", "recovery" (that code is now spent), or None.

    A TOTP code is refused if its time step is not after the last one accepted.
    """
    device = TwoFactorDevice.objects.select_for_update().filter(user=user).first()
    if device is None or not code:
        return None
    step = matching_step(device.secret, code)
    if step is not None:
        if step <= device.last_used_step:
            return None  # replay
        device.last_used_step = step
        device.save(update_fields=["last_used_step"])
        return "totp"
    if allow_recovery:
        digest = _digest(code)
        for stored in device.recovery_codes:
            if hmac.compare_digest(stored, digest):
                device.recovery_codes = [c for c in device.recovery_codes if c != stored]
                device.save(update_fields=["recovery_codes"])
                return "recovery"
    return None


def remaining_recovery_codes(user: User) -> int:
    device: Any = TwoFactorDevice.objects.filter(user=user).first()
    return len(device.recovery_codes) if device else 0


@transaction.atomic
def renew_recovery_codes(user: User) -> list[str]:
    codes = new_recovery_codes()
    TwoFactorDevice.objects.filter(user=user).update(recovery_codes=[_digest(c) for c in codes])
    return codes


def required_but_off(user: Any) -> bool:
    """An administrator held until two-factor authentication is on (when the setting
    TWO_FACTOR_REQUIRED_FOR_ADMINS requires it), on the pages and the API alike."""
    return bool(
        settings.TWO_FACTOR_REQUIRED_FOR_ADMINS
        and getattr(user, "is_authenticated", False)
        and (user.is_admin or user.is_superuser)
        and not user.has_two_factor
    )


def disable(user: User) -> bool:
    deleted, _rows = TwoFactorDevice.objects.filter(user=user).delete()
    user._state.fields_cache.pop("two_factor", None)
    if deleted:
        ApiTokenService.revoke_all(user=user, by=None, reason="two-factor disabled")
    return bool(deleted)
