"""Messages that scheduled jobs send: once, marked sent only after the mail backend
accepted them, retried with a growing delay after a failure.

    sent = deliveries.deliver(keys, recipient=user, now=now, send=send_one_email)

`keys` name what the message is about, for this recipient (`Delivery.key`). `deliver`
claims those not yet sent whose delay has passed — one conditional update each, so two
processes never both send one — then calls `send(claimed_keys)`, which sends one message
about them. When it returns, they are marked sent; when it raises (an SMTP error, a
refused connection…), they are not: their next attempt comes 15 minutes later, then 30,
1 h, 2 h… at most 12 h later. A job's retry pass (`retries_due`, `failed_keys`) sends
them again once their delay has passed.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Q

from maillage.core.models import Delivery

logger = logging.getLogger(__name__)

RETRY_FIRST = dt.timedelta(minutes=15)
RETRY_MAX = dt.timedelta(hours=12)
# How long a claimed message is kept from other processes while this one sends it.
LEASE = dt.timedelta(minutes=10)


class DeliveryFailed(Exception):
    """`send` raised: the keys stay unsent and are retried after their delay."""

    def __init__(self, keys: list[str], error: Exception) -> None:
        super().__init__(f"{type(error).__name__}: {error}")
        self.keys = keys
        self.error = error


def retry_delay(attempts: int) -> dt.timedelta:
    """The wait after the `attempts`-th failure: 15 min, 30 min, 1 h … at most 12 h."""
    return min(RETRY_MAX, RETRY_FIRST * 2 ** max(0, min(attempts - 1, 16)))


def _ready(now: dt.datetime) -> Q:
    return Q(sent_at__isnull=True) & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))


def unsent(keys: Iterable[str], *, now: dt.datetime) -> set[str]:
    """Those of `keys` that may be sent now: never sent, and not waiting for a retry."""
    keys = set(keys)
    done_or_waiting = Delivery.objects.filter(key__in=keys).exclude(_ready(now))
    return keys - set(done_or_waiting.values_list("key", flat=True))


def deliver(
    keys: Iterable[str],
    *,
    recipient: Any,
    now: dt.datetime,
    send: Callable[[list[str]], None],
) -> list[str]:
    """Send one message about those of `keys` that may go now; the keys sent (empty when
    none could be claimed). Raises `DeliveryFailed` when `send` failed."""
    keys = sorted(set(keys))
    known = set(Delivery.objects.filter(key__in=keys).values_list("key", flat=True))
    Delivery.objects.bulk_create(
        [Delivery(key=key, recipient=recipient) for key in keys if key not in known],
        ignore_conflicts=True,  # another process created it meanwhile: the claim decides
    )
    claimed = [
        key
        for key in keys
        if Delivery.objects.filter(_ready(now), key=key).update(next_attempt_at=now + LEASE)
    ]
    if not claimed:
        return []
    try:
        send(claimed)
    except Exception as error:
        logger.warning("message not sent, retried later", exc_info=True)
        for delivery in Delivery.objects.filter(key__in=claimed):
            delivery.attempts += 1
            delivery.next_attempt_at = now + retry_delay(delivery.attempts)
            delivery.last_error = f"{type(error).__name__}: {error}"[:500]
            delivery.save(update_fields=["attempts", "next_attempt_at", "last_error"])
        raise DeliveryFailed(claimed, error) from error
    Delivery.objects.filter(key__in=claimed).update(
        sent_at=now, next_attempt_at=None, last_error=""
    )
    return claimed


def _failed(prefix: str, now: dt.datetime) -> Q:
    return Q(key__startswith=prefix, sent_at__isnull=True, attempts__gt=0, next_attempt_at__lte=now)


def retries_due(prefix: str, now: dt.datetime) -> bool:
    """Whether a message whose key starts with `prefix` failed and may be tried again."""
    return Delivery.objects.filter(_failed(prefix, now)).exists()


def failed_keys(prefix: str, now: dt.datetime) -> set[str]:
    """The keys starting with `prefix` that failed and may be tried again now."""
    return set(Delivery.objects.filter(_failed(prefix, now)).values_list("key", flat=True))
