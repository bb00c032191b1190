"""Reminders that run themselves: sent only once the mail server accepted them, retried
with a growing delay when it refused; expiring agreements emailed to their followers once
per threshold; and the scheduler that `maillage serve` starts running it all without cron.
Every test sets its date and time."""

import datetime as dt
import smtplib
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.utils import timezone

from maillage.accounts.models import Role
from maillage.core import scheduler
from maillage.core.models import Delivery, Job, JobState, ScheduledRun
from maillage.partnerships.models import Commitment
from maillage.partnerships.services import send_commitment_reminders
from maillage.projects.models import MembershipRole
from tests.factories import MembershipFactory, ProjectFactory, UserFactory
from tests.partnerships.factories import AgreementFactory, AmendmentFactory, CommitmentFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
TODAY = dt.date(2026, 9, 1)
SIX = dt.datetime(2026, 9, 1, 6, 0, tzinfo=PARIS)  # the daily reminders' slot
FLAKY = "tests.partnerships.test_reminders_delivery.FlakyBackend"


class FlakyBackend(EmailBackend):
    """The test mail backend, refusing the first `failures` messages like a mail server
    that is down (then accepting them into mail.outbox)."""

    failures = 0
    refused = 0

    def send_messages(self, messages):
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            FlakyBackend.refused += 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = FLAKY
    FlakyBackend.failures = 0
    FlakyBackend.refused = 0
    return FlakyBackend


@pytest.fixture
def follower(db):
    return UserFactory(username="youssef", role=Role.OFFICER, language="en")


@pytest.fixture
def clock(monkeypatch):
    """The time every part reads (django.utils.timezone.now), set by the test."""
    now = [SIX]
    monkeypatch.setattr(timezone, "now", lambda: now[0].astimezone(dt.UTC))
    return now


# -- a reminder whose email fails --------------------------------------------------------


def test_a_reminder_whose_email_fails_is_not_marked_sent_and_is_retried_with_backoff(
    follower, flaky
):
    commitment = CommitmentFactory(follow_up_user=follower, due_on=TODAY + dt.timedelta(days=5))
    flaky.failures = 2

    first = send_commitment_reminders(today=TODAY, now=SIX)
    assert first.emails == 0 and len(first.failed) == 1
    assert "SMTPServerDisconnected" in first.failed[0]
    commitment.refresh_from_db()
    assert commitment.reminded_at is None  # not sent: not marked
    delivery = Delivery.objects.get()
    assert delivery.attempts == 1 and delivery.sent_at is None
    assert delivery.next_attempt_at == SIX + dt.timedelta(minutes=15)

    # Before its delay has passed, no run sends it again (nor a retry pass).
    early = SIX + dt.timedelta(minutes=10)
    assert send_commitment_reminders(today=TODAY, now=early).failed == []
    assert send_commitment_reminders(today=TODAY, now=early, retries_only=True).emails == 0
    assert flaky.refused == 1

    # The retry pass after 15 minutes fails again: the next delay doubles.
    second = send_commitment_reminders(
        today=TODAY, now=SIX + dt.timedelta(minutes=15), retries_only=True
    )
    assert len(second.failed) == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    assert delivery.next_attempt_at == SIX + dt.timedelta(minutes=45)

    # The mail server is back: the next pass sends it, once, and marks it sent.
    third = send_commitment_reminders(
        today=TODAY, now=SIX + dt.timedelta(minutes=45), retries_only=True
    )
    assert third.emails == 1 and third.failed == []
    assert len(mail.outbox) == 1 and commitment.text in mail.outbox[0].body
    commitment.refresh_from_db()
    delivery.refresh_from_db()
    assert commitment.reminded_at == SIX + dt.timedelta(minutes=45)
    assert delivery.sent_at == commitment.reminded_at and delivery.last_error == ""
    later = SIX + dt.timedelta(hours=5)
    assert send_commitment_reminders(today=TODAY, now=later).emails == 0
    assert send_commitment_reminders(today=TODAY, now=later, retries_only=True).emails == 0
    assert len(mail.outbox) == 1


def test_one_refused_email_holds_back_no_other_recipient(follower, flaky):
    other = UserFactory(username="camille", role=Role.OFFICER, language="fr")
    CommitmentFactory(follow_up_user=follower, due_on=TODAY + dt.timedelta(days=2))
    CommitmentFactory(follow_up_user=other, due_on=TODAY + dt.timedelta(days=2))
    flaky.failures = 1
    result = send_commitment_reminders(today=TODAY, now=SIX)
    assert result.emails == 1 and len(result.failed) == 1
    assert Commitment.objects.filter(reminded_at__isnull=False).count() == 1


# -- expiring agreements ------------------------------------------------------------------


def test_expiring_agreements_are_emailed_to_their_followers_once_per_threshold(follower):
    manager = UserFactory(username="manager", role=Role.OFFICER, language="fr")
    viewer = UserFactory(username="elu", role=Role.VIEWER)
    partner = UserFactory(username="oujda", role=Role.PARTNER)
    project = ProjectFactory(code="LIL-OUJ")
    MembershipFactory(project=project, user=manager, role=MembershipRole.MANAGER)
    MembershipFactory(project=project, user=viewer, role=MembershipRole.MEMBER)
    MembershipFactory(project=project, user=partner, role=MembershipRole.PARTNER)
    agreement = AgreementFactory(
        title="Convention bientôt échue", end_on=TODAY + dt.timedelta(days=60), projects=[project]
    )
    CommitmentFactory(
        follow_up_user=follower, agreement=agreement, due_on=TODAY + dt.timedelta(days=50)
    )
    AgreementFactory(title="Convention lointaine", end_on=TODAY + dt.timedelta(days=200))

    def run(day):
        mail.outbox.clear()
        moment = dt.datetime.combine(day, dt.time(6, 0), tzinfo=PARIS)
        send_commitment_reminders(today=day, now=moment)
        return sorted(m.to[0] for m in mail.outbox if "Convention bientôt échue" in m.body)

    followers = sorted([follower.email, manager.email])
    assert run(TODAY) == followers  # 60 days left: the 90-day notice
    assert all("Convention lointaine" not in m.body for m in mail.outbox)
    english = next(m for m in mail.outbox if m.to == [follower.email])
    assert english.subject == "Maillage: 1 agreement ending soon"
    assert "(60 days left)" in english.body
    assert run(TODAY + dt.timedelta(days=1)) == []  # once per threshold
    assert run(TODAY + dt.timedelta(days=30)) == followers  # 30 days left
    assert run(TODAY + dt.timedelta(days=31)) == []
    assert run(TODAY + dt.timedelta(days=55)) == followers  # 5 days left: the 7-day notice
    assert run(TODAY + dt.timedelta(days=56)) == []
    # An amendment moves the end: the notices start again for the new date.
    AmendmentFactory(agreement=agreement, new_end_on=TODAY + dt.timedelta(days=80), signed_on=TODAY)
    assert run(TODAY + dt.timedelta(days=57)) == followers  # 23 days to the new end


def test_the_command_emails_and_prints_no_agreement(follower, capsys):
    agreement = AgreementFactory(
        title="Convention bientôt échue", end_on=TODAY + dt.timedelta(days=60)
    )
    CommitmentFactory(
        follow_up_user=follower, agreement=agreement, due_on=TODAY + dt.timedelta(days=7)
    )
    call_command("send_reminders", "--date", TODAY.isoformat())
    out = capsys.readouterr().out
    assert out == "2 email(s) sent for 1 commitment(s) and 1 expiring agreement(s).\n"
    assert "Convention bientôt échue" not in out
    call_command("send_reminders", "--date", TODAY.isoformat())
    assert len(mail.outbox) == 2


# -- the scheduler runs them, without cron ------------------------------------------------


class SetClockEvent:
    """Stands for the threading.Event of `maillage scheduler`: each wait moves the set
    clock on by the time asked, and the loop is stopped at `until`."""

    def __init__(self, clock, until):
        self.clock = clock
        self.until = until

    def __call__(self):
        return self

    def wait(self, seconds):
        self.clock[0] += dt.timedelta(seconds=seconds)
        return self.clock[0] >= self.until

    def set(self):
        pass


def run_scheduler_until(monkeypatch, clock, until):
    """Run `maillage scheduler` (the command `maillage serve` starts) from the set time
    until `until`, ticking as often as its loop asks."""
    from maillage.core.management.commands import scheduler as command

    monkeypatch.setattr(command.threading, "Event", SetClockEvent(clock, until))
    monkeypatch.setattr(command.signal, "signal", lambda *args: None)
    call_command("scheduler")


@pytest.fixture
def only_reminders(monkeypatch):
    """The partnerships schedules only (other apps' schedules run their own tests)."""
    kept = {name: s for name, s in scheduler.SCHEDULES.items() if name.startswith("partnerships.")}
    assert set(kept) == {"partnerships.send_reminders", "partnerships.retry_reminders"}
    monkeypatch.setattr(scheduler, "SCHEDULES", kept)


def test_the_scheduler_runs_the_daily_reminders_once_without_cron(
    monkeypatch, clock, follower, only_reminders
):
    CommitmentFactory(follow_up_user=follower, due_on=TODAY + dt.timedelta(days=3))
    # The reminders of the day before already ran: the scheduler was up yesterday.
    ScheduledRun.objects.create(
        schedule="partnerships.send_reminders", slot_at=SIX - dt.timedelta(days=1)
    )
    clock[0] = SIX - dt.timedelta(minutes=2)
    run_scheduler_until(monkeypatch, clock, SIX + dt.timedelta(minutes=3))

    assert len(mail.outbox) == 1 and mail.outbox[0].to == [follower.email]
    (run,) = ScheduledRun.objects.filter(slot_at=SIX)
    assert run.schedule == "partnerships.send_reminders"
    assert run.job.state == JobState.SUCCEEDED and run.job.created_by is None
    # A scheduled job has no user: its log is written in the site's language, French.
    assert run.job.messages[0]["text"] == "1 courriel envoyé : 1 engagement(s), 0 convention(s)."
    assert Job.objects.count() == 1  # nothing failed: no retry pass made a job

    # Started again later the same day, it does not run the 06:00 slot again.
    clock[0] = SIX + dt.timedelta(hours=3)
    run_scheduler_until(monkeypatch, clock, SIX + dt.timedelta(hours=3, minutes=1))
    assert len(mail.outbox) == 1 and Job.objects.count() == 1


def test_the_scheduler_retries_a_refused_reminder_until_it_is_sent(
    monkeypatch, clock, follower, flaky, only_reminders
):
    commitment = CommitmentFactory(follow_up_user=follower, due_on=TODAY + dt.timedelta(days=3))
    ScheduledRun.objects.create(
        schedule="partnerships.send_reminders", slot_at=SIX - dt.timedelta(days=1)
    )
    flaky.failures = 1
    clock[0] = SIX - dt.timedelta(minutes=1)
    run_scheduler_until(monkeypatch, clock, SIX + dt.timedelta(minutes=20))

    daily = ScheduledRun.objects.get(schedule="partnerships.send_reminders", slot_at=SIX)
    assert daily.job.messages[-1]["level"] == "error"
    (retry,) = ScheduledRun.objects.filter(schedule="partnerships.retry_reminders")
    assert retry.slot_at == SIX + dt.timedelta(minutes=15)
    assert flaky.refused == 1 and len(mail.outbox) == 1
    commitment.refresh_from_db()
    assert commitment.reminded_at == SIX + dt.timedelta(minutes=15)
