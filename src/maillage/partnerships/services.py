"""Writes of the partnerships area: partnerships, agreements with their rows, commitments,
and the daily reminders. Pages, the API, imports and commands all write through here.

The rules of a single record live on its model (`clean()`, named constraints) so that the
service's `full_clean` refuses with the same message whatever the door; what a write
sets off (a commitment's reminder re-armed) lives here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
from maillage.partnerships.selectors import commitments_to_remind, expiring_agreements

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


# --- Reminders --------------------------------------------------------------------------


@dataclass
class ReminderResult:
    emails: int = 0
    commitments: list[Commitment] = field(default_factory=list)
    expiring: list[Agreement] = field(default_factory=list)


def claim_reminder(*, commitment: Commitment, at: dt.datetime) -> bool:
    """Mark the commitment reminded, if nobody did meanwhile; whether this call did.

    A conditional update, so that two concurrent runs never both send. It is bookkeeping,
    not an edit: the version stays, and an officer editing the commitment meanwhile is
    not told someone else saved it."""
    claimed = Commitment.objects.filter(pk=commitment.pk, reminded_at__isnull=True).update(
        reminded_at=at
    )
    if claimed:
        commitment.reminded_at = at
    return bool(claimed)


def send_commitment_reminders(*, today: dt.date | None = None) -> ReminderResult:
    """Email each follow-up user the commitments coming due, once: a commitment is marked
    reminded before its email goes, so a second run (or a concurrent one) sends nothing."""
    today = today or timezone.localdate()
    result = ReminderResult(expiring=list(expiring_agreements(today=today)))
    by_user: dict[int, list[Commitment]] = {}
    now = timezone.now()
    for commitment in commitments_to_remind(today=today):
        if claim_reminder(commitment=commitment, at=now):
            by_user.setdefault(commitment.follow_up_user_id, []).append(commitment)  # type: ignore[arg-type]  # commitments_to_remind keeps only those with a follow-up user
    for commitments in by_user.values():
        user = commitments[0].follow_up_user
        assert user is not None
        with translation.override(user.language or settings.LANGUAGE_CODE):
            context = {"user": user, "commitments": commitments, "today": today}
            subject = ngettext(
                "Maillage: %(count)d commitment coming due",
                "Maillage: %(count)d commitments coming due",
                len(commitments),
            ) % {"count": len(commitments)}
            body = render_to_string("partnerships/email/reminder.txt", context)
        send_mail(subject, body, None, [user.email])
        result.emails += 1
        result.commitments.extend(commitments)
    return result
