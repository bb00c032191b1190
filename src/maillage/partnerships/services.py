"""Writes of the partnerships area: partnerships, agreements with their rows, commitments,
and the daily reminders. Pages, the API, imports and commands all write through here.

The rules of a single record live on its model (`clean()`, named constraints) so that the
service's `full_clean` refuses with the same message whatever the door; what a write
sets off (a commitment's reminder re-armed) lives here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maillage.core.deliveries import DeliveryFailed, deliver, failed_keys
from maillage.core.services import ModelService, changed
from maillage.partnerships.models import (
    Agreement,
    AgreementFile,
    AgreementParty,
    Amendment,
    Commitment,
    CouncilDecision,
    Partnership,
)
from maillage.partnerships.selectors import (
    agreement_followers,
    commitments_to_remind,
    expiring_agreements,
)

# A commitment's reminder is sent again when one of these changes: a new due date, or a
# new officer to follow it, deserves its own reminder.
REMINDER_FIELDS = ("due_on", "follow_up_user_id")


class PartnershipService(ModelService[Partnership]):
    """Partnerships; trashing one trashes its agreements (hooks.py)."""

    model = Partnership


class AgreementService(ModelService[Agreement]):
    """Agreements; trashing one trashes its commitments (hooks.py), its rows and files
    stay with it until the trash is emptied."""

    model = Agreement


class AgreementPartyService(ModelService[AgreementParty]):
    model = AgreementParty


class CouncilDecisionService(ModelService[CouncilDecision]):
    model = CouncilDecision


class AmendmentService(ModelService[Amendment]):
    model = Amendment


class AgreementFileService(ModelService[AgreementFile]):
    model = AgreementFile


class CommitmentService(ModelService[Commitment]):
    """Commitments: a new due date or follow-up user re-arms the reminder."""

    model = Commitment
    # Set by the reminders only (`claim_reminder`), never by a door.
    protected_fields: ClassVar[frozenset[str]] = ModelService.protected_fields | {"reminded_at"}

    @classmethod
    def prepare(cls, obj: Commitment, *, by: Any, before: Commitment | None) -> None:
        if before is not None and changed(before, obj, *REMINDER_FIELDS):
            obj.reminded_at = None

    @classmethod
    def validate(
        cls, obj: Commitment, *, by: Any, before: Commitment | None, related: dict[str, Any]
    ) -> None:
        """A commitment made under an agreement belongs to one of that agreement's
        projects (or to none): otherwise a partner of that other project would read a
        commitment of an agreement it is not party to."""
        if obj.agreement_id is None or obj.project_id is None:
            return
        if before is not None and not changed(before, obj, "agreement_id", "project_id"):
            return
        linked = Agreement.projects.through.objects.filter(
            agreement_id=obj.agreement_id, project_id=obj.project_id
        )
        if not linked.exists():
            raise ValidationError(
                {"project": _("This project is not one of the agreement's projects.")}
            )


# --- Reminders (run by the scheduler: jobs.py, registered in hooks.py) ------------------

# Deliveries (core.deliveries) of the reminders: their keys start with these.
REMINDER_KEY = "partnerships.commitment:"
EXPIRY_KEY = "partnerships.agreement_expiry:"
# An agreement's followers are emailed once when its end comes within each of these
# numbers of days (only the nearest, when the first run comes late).
EXPIRY_THRESHOLDS = (90, 30, 7)


@dataclass
class ReminderResult:
    emails: int = 0
    commitments: list[Commitment] = field(default_factory=list)
    expiring: list[Agreement] = field(default_factory=list)
    # Emails the mail backend refused: not marked sent, tried again later.
    failed: list[str] = field(default_factory=list)


def claim_reminder(*, commitment: Commitment, at: dt.datetime) -> bool:
    """Mark the commitment reminded (its email was accepted), if nobody did meanwhile;
    whether this call did.

    A conditional update. It is bookkeeping, not an edit: the version stays, and an
    officer editing the commitment meanwhile is not told someone else saved it."""
    claimed = Commitment.objects.filter(pk=commitment.pk, reminded_at__isnull=True).update(
        reminded_at=at
    )
    if claimed:
        commitment.reminded_at = at
    return bool(claimed)


def reminder_key(commitment: Commitment) -> str:
    # The version: an edit after the reminder went (a due date moved and moved back)
    # re-arms it (CommitmentService), and deserves a message of its own.
    return (
        f"{REMINDER_KEY}{commitment.pk}:v{commitment.version}:{commitment.due_on}"
        f":user{commitment.follow_up_user_id}"
    )


def expiry_threshold(days_left: int) -> int | None:
    """The nearest threshold an agreement ending in `days_left` days has reached."""
    reached = [days for days in EXPIRY_THRESHOLDS if 0 <= days_left <= days]
    return min(reached) if reached else None


def expiry_key(agreement: Agreement, threshold: int, user: Any) -> str:
    return f"{EXPIRY_KEY}{agreement.pk}:{agreement.effective_end_on}:{threshold}d:user{user.pk}"


def _email(user: Any, subject: str, template: str, context: dict[str, Any]) -> None:
    """One email in the user's language; raises when the mail backend refuses it."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        body = render_to_string(template, {"user": user, **context})
        send_mail(str(subject), body, None, [user.email], fail_silently=False)


def send_commitment_reminders(
    *, today: dt.date | None = None, now: dt.datetime | None = None, retries_only: bool = False
) -> ReminderResult:
    """Email each follow-up user the commitments coming due, and each agreement's
    followers (`agreement_followers`) the agreements whose end comes within 90, 30 and
    7 days, once each: a message is marked sent only once the mail backend accepted it.
    One refused (an SMTP error) is tried again by the next runs, after 15 minutes, then
    30, 1 h… (core.deliveries); `retries_only` sends only those."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    result = ReminderResult()
    retry = failed_keys("partnerships.", now) if retries_only else None

    by_user: dict[int, dict[str, Commitment]] = {}
    for commitment in commitments_to_remind(today=today):
        key = reminder_key(commitment)
        if retry is None or key in retry:
            by_user.setdefault(commitment.follow_up_user_id, {})[key] = commitment  # type: ignore[arg-type]  # commitments_to_remind keeps only those with a follow-up user
    for reminders in by_user.values():
        user = next(iter(reminders.values())).follow_up_user

        def send_reminder(keys: list[str], user: Any = user, reminders: Any = reminders) -> None:
            commitments = [reminders[key] for key in keys]
            with translation.override(user.language or settings.LANGUAGE_CODE):
                subject = ngettext(
                    "Maillage: %(count)d commitment coming due",
                    "Maillage: %(count)d commitments coming due",
                    len(commitments),
                ) % {"count": len(commitments)}
            context = {"commitments": commitments, "today": today}
            _email(user, subject, "partnerships/email/reminder.txt", context)

        sent = _deliver(result, reminders, user=user, now=now, send=send_reminder)
        for key in sent:
            claim_reminder(commitment=reminders[key], at=now)
            result.commitments.append(reminders[key])

    agreements = list(expiring_agreements(today=today))
    followers = agreement_followers(agreements)
    notices: dict[Any, dict[str, Agreement]] = {}
    for agreement in agreements:
        end_on = agreement.effective_end_on
        threshold = expiry_threshold((end_on - today).days) if end_on else None
        if threshold is None:
            continue
        agreement.days_left = (end_on - today).days  # type: ignore[attr-defined,operator]  # for the email; end_on is set when threshold is
        for user in followers.get(agreement.pk, []):
            key = expiry_key(agreement, threshold, user)
            if retry is None or key in retry:
                notices.setdefault(user, {})[key] = agreement
    for user, expiring in notices.items():

        def send_notice(keys: list[str], user: Any = user, expiring: Any = expiring) -> None:
            chosen = [expiring[key] for key in keys]
            with translation.override(user.language or settings.LANGUAGE_CODE):
                subject = ngettext(
                    "Maillage: %(count)d agreement ending soon",
                    "Maillage: %(count)d agreements ending soon",
                    len(chosen),
                ) % {"count": len(chosen)}
            context = {"agreements": chosen, "today": today}
            _email(user, subject, "partnerships/email/expiring_agreements.txt", context)

        for key in _deliver(result, expiring, user=user, now=now, send=send_notice):
            if expiring[key] not in result.expiring:
                result.expiring.append(expiring[key])
    return result


def _deliver(
    result: ReminderResult,
    items: dict[str, Any],
    *,
    user: Any,
    now: dt.datetime,
    send: Callable[[list[str]], None],
) -> list[str]:
    """Send one email about `items` (keyed as deliveries) through core.deliveries."""
    try:
        sent = deliver(list(items), recipient=user, now=now, send=send)
    except DeliveryFailed as failure:
        result.failed.append(f"{user.email}: {failure}")
        return []
    if sent:
        result.emails += 1
    return sent
