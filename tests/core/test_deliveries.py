"""Messages of scheduled jobs (core/deliveries.py): claimed by one process, sent once,
retried with a doubling delay. Every instant is set by the test."""

import datetime as dt

import pytest

from maillage.core import deliveries
from maillage.core.models import Delivery
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 9, 1, 4, 0, tzinfo=dt.UTC)


def test_the_delay_doubles_from_15_minutes_up_to_12_hours():
    delays = [deliveries.retry_delay(n) for n in range(1, 9)]
    minutes = [int(delay.total_seconds() // 60) for delay in delays]
    assert minutes == [15, 30, 60, 120, 240, 480, 720, 720]
    assert deliveries.retry_delay(10_000) == dt.timedelta(hours=12)


def test_a_message_being_sent_by_another_process_is_not_sent_twice():
    user = UserFactory()
    sent = []
    # Another process claimed it a minute ago and is sending it (its lease runs).
    Delivery.objects.create(
        key="k:1", recipient=user, next_attempt_at=NOW + dt.timedelta(minutes=9)
    )
    assert deliveries.deliver(["k:1", "k:2"], recipient=user, now=NOW, send=sent.append) == ["k:2"]
    assert sent == [["k:2"]]
    # A process that died mid-send leaves its lease: after it, the message goes.
    later = NOW + dt.timedelta(minutes=10)
    assert deliveries.deliver(["k:1"], recipient=user, now=later, send=sent.append) == ["k:1"]
    assert deliveries.deliver(["k:1", "k:2"], recipient=user, now=later, send=sent.append) == []
    assert sent == [["k:2"], ["k:1"]]
    assert deliveries.unsent(["k:1", "k:3"], now=later) == {"k:3"}


def test_a_refused_message_is_kept_with_its_error_until_its_delay_passes():
    user = UserFactory()

    def refuse(keys):
        raise ConnectionRefusedError("[Errno 111] Connection refused")

    with pytest.raises(deliveries.DeliveryFailed) as failure:
        deliveries.deliver(["k:1"], recipient=user, now=NOW, send=refuse)
    assert failure.value.keys == ["k:1"]
    delivery = Delivery.objects.get()
    assert delivery.sent_at is None and delivery.attempts == 1
    assert delivery.last_error == "ConnectionRefusedError: [Errno 111] Connection refused"
    assert not deliveries.retries_due("k:", NOW + dt.timedelta(minutes=14))
    assert deliveries.retries_due("k:", NOW + dt.timedelta(minutes=15))
    assert deliveries.failed_keys("k:", NOW + dt.timedelta(minutes=15)) == {"k:1"}
    assert not deliveries.retries_due("other:", NOW + dt.timedelta(minutes=15))
