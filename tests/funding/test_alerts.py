"""Deadline alerts at 30, 7 and 1 days: each sent once per deadline, threshold and person,
marked sent only after the mail server accepted it (core.deliveries)."""

import datetime as dt
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from maillage.accounts.models import Role
from maillage.core.models import Delivery
from maillage.funding.models import ApplicationStatus
from maillage.funding.services.alerts import send_deadline_alerts
from tests.factories import UserFactory
from tests.funding.factories_calls import (
    ApplicationFactory,
    CallFactory,
    ReportingObligationFactory,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2027, 3, 10)
NOW = dt.datetime(2027, 3, 10, 5, 15, tzinfo=dt.UTC)  # 06:15 in Paris


@pytest.fixture
def owner(db):
    return UserFactory(username="camille", role=Role.OFFICER, language="en", email="c@example.org")


def _call_in(days, owner, status=ApplicationStatus.DRAFTING):
    call = CallFactory(deadline_on=TODAY + dt.timedelta(days=days), title=f"Appel J-{days}")
    ApplicationFactory(call=call, owner=owner, status=status)
    return call


def test_each_alert_is_sent_once_at_its_threshold(owner):
    _call_in(5, owner)  # within 7 days: the 7-day alert (not the 30-day one as well)
    _call_in(20, owner)  # within 30 days
    _call_in(45, owner)  # too far
    _call_in(1, owner, status=ApplicationStatus.SUBMITTED)  # submitted: nothing to alert
    ReportingObligationFactory(
        title="Rapport final", due_on=TODAY + dt.timedelta(days=1), grant__application__owner=owner
    )
    result = send_deadline_alerts(today=TODAY, now=NOW)
    assert (result.emails, result.alerts) == (1, 3)
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Appel J-5" in body and "Appel J-20" in body and "Rapport final" in body
    assert "Appel J-45" not in body and "Appel J-1" not in body
    keys = sorted(Delivery.objects.values_list("key", flat=True))
    assert any(":7d:" in k for k in keys) and any(":30d:" in k for k in keys)
    # Again the same day, or the next: nothing new.
    assert send_deadline_alerts(today=TODAY, now=NOW).emails == 0
    next_day = TODAY + dt.timedelta(days=1)
    assert send_deadline_alerts(today=next_day, now=NOW + dt.timedelta(days=1)).emails == 0
    assert len(mail.outbox) == 1


def test_the_next_threshold_sends_again(owner):
    _call_in(8, owner)
    assert send_deadline_alerts(today=TODAY, now=NOW).alerts == 1  # 30-day alert
    later = TODAY + dt.timedelta(days=1)  # now 7 days away
    assert send_deadline_alerts(today=later, now=NOW + dt.timedelta(days=1)).alerts == 1
    last = TODAY + dt.timedelta(days=7)  # the day before
    assert send_deadline_alerts(today=last, now=NOW + dt.timedelta(days=7)).alerts == 1
    assert len(mail.outbox) == 3


def test_an_email_the_server_refuses_is_not_marked_sent(owner):
    _call_in(3, owner)
    with mock.patch(
        "maillage.funding.services.alerts.send_mail", side_effect=ConnectionRefusedError
    ):
        result = send_deadline_alerts(today=TODAY, now=NOW)
    assert result.emails == 0 and result.failed
    assert not Delivery.objects.filter(sent_at__isnull=False).exists()
    # The retry pass, once the delay has passed, sends it.
    later = NOW + dt.timedelta(minutes=20)
    retried = send_deadline_alerts(today=TODAY, now=later, retries_only=True)
    assert retried.emails == 1
    assert Delivery.objects.filter(sent_at__isnull=False).count() == 1


def test_the_command_runs_as_of_a_date(owner):
    _call_in(1, owner)
    out = StringIO()
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        call_command("send_deadline_alerts", "--date", TODAY.isoformat(), stdout=out)
    assert "1 email(s) sent for 1 alert(s)." in out.getvalue()


@pytest.mark.parametrize("command", ["send_deadline_alerts", "send_reminders"])
def test_a_date_that_is_no_day_is_refused_naming_the_option(command):
    with pytest.raises(CommandError, match="--date"):
        call_command(command, "--date", "2026-13-01")
