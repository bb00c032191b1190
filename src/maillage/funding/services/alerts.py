"""Deadline alerts: 30, 7 and 1 days before a call's deadline, to the owners of the
applications still being prepared for it, and before a report is due, to the owner of
the grant's application.

Each alert (which deadline, as it stood; which threshold; to whom) is sent once: it is
claimed first (a unique row: a second or concurrent run cannot claim it again), the
email goes, and only once the mail server accepted it is the claim marked sent; an
email that fails releases its claims, so the next run tries again. A claim left by a
run that died before sending is released after CLAIM_TIMEOUT.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import ngettext

from maillage.funding.models import AlertKind, Application, Call, DeadlineAlert
from maillage.funding.models.calls import OPEN_STATUSES
from maillage.funding.models.grants import ReportingObligation
from maillage.funding.selectors.calls import ALERT_THRESHOLDS, day_start, days_left, threshold_for

CLAIM_TIMEOUT = dt.timedelta(hours=1)


@dataclass
class Alert:
    kind: str
    record: Any  # a Call or a ReportingObligation
    deadline: str
    threshold: int
    days: int


@dataclass
class AlertResult:
    emails: int = 0
    alerts: int = 0
    failed: int = 0
    recipients: list[str] = field(default_factory=list)


def _pending(today: dt.date) -> dict[Any, list[Alert]]:
    """Alerts due today, by recipient (users with an email address)."""
    horizon = max(ALERT_THRESHOLDS)
    by_user: dict[Any, list[Alert]] = {}
    applications = (
        Application.objects.filter(
            status__in=OPEN_STATUSES,
            owner__isnull=False,
            owner__is_active=True,
            call__deleted_at__isnull=True,
            call__deadline_at__gte=day_start(today),
            call__deadline_at__lt=day_start(today + dt.timedelta(days=horizon + 1)),
        )
        .exclude(owner__email="")
        .select_related("call", "owner")
        .order_by("call__deadline_at", "pk")
    )
    seen: set[tuple[int, int]] = set()
    for application in applications:
        call: Call = application.call
        days = days_left(call, today)
        threshold = threshold_for(days)
        owner = application.owner
        if threshold is None or owner is None or (call.pk, owner.pk) in seen:
            continue
        seen.add((call.pk, owner.pk))
        by_user.setdefault(owner, []).append(
            Alert(AlertKind.CALL, call, call.deadline_at.isoformat(), threshold, days)
        )
    obligations = (
        ReportingObligation.objects.filter(
            submitted_on__isnull=True,
            due_on__gte=today,
            due_on__lte=today + dt.timedelta(days=horizon),
            grant__deleted_at__isnull=True,
            grant__application__owner__isnull=False,
            grant__application__owner__is_active=True,
        )
        .exclude(grant__application__owner__email="")
        .select_related("grant__application__owner", "grant__application__call")
        .order_by("due_on", "pk")
    )
    for obligation in obligations:
        days = (obligation.due_on - today).days
        threshold = threshold_for(days)
        owner = obligation.grant.application.owner
        if threshold is None or owner is None:
            continue
        by_user.setdefault(owner, []).append(
            Alert(AlertKind.OBLIGATION, obligation, obligation.due_on.isoformat(), threshold, days)
        )
    return by_user


def _claim(alert: Alert, user: Any, now: dt.datetime) -> DeadlineAlert | None:
    try:
        with transaction.atomic():
            return DeadlineAlert.objects.create(
                kind=alert.kind,
                object_id=alert.record.pk,
                deadline=alert.deadline,
                threshold_days=alert.threshold,
                recipient=user,
                claimed_at=now,
            )
    except IntegrityError:
        return None  # sent already, or being sent by another run


def send_deadline_alerts(*, today: dt.date | None = None) -> AlertResult:
    """Email each person the deadlines they are due an alert for today, once."""
    today = today or timezone.localdate()
    now = timezone.now()
    result = AlertResult()
    # Claims of a run that died before its email went out are free again.
    DeadlineAlert.objects.filter(sent_at__isnull=True, claimed_at__lt=now - CLAIM_TIMEOUT).delete()
    for user, alerts in _pending(today).items():
        claims = []
        claimed = []
        for alert in alerts:
            claim = _claim(alert, user, now)
            if claim is not None:
                claims.append(claim)
                claimed.append(alert)
        if not claims:
            continue
        with translation.override(user.language or settings.LANGUAGE_CODE):
            subject = ngettext(
                "Maillage: %(count)d funding deadline coming",
                "Maillage: %(count)d funding deadlines coming",
                len(claimed),
            ) % {"count": len(claimed)}
            context = {
                "user": user,
                "today": today,
                "calls": [a for a in claimed if a.kind == AlertKind.CALL],
                "obligations": [a for a in claimed if a.kind == AlertKind.OBLIGATION],
            }
            body = render_to_string("funding/email/deadline_alert.txt", context)
        try:
            send_mail(subject, body, None, [user.email])
        except Exception:
            DeadlineAlert.objects.filter(pk__in=[c.pk for c in claims]).delete()
            result.failed += 1
            continue
        DeadlineAlert.objects.filter(pk__in=[c.pk for c in claims]).update(sent_at=timezone.now())
        result.emails += 1
        result.alerts += len(claims)
        result.recipients.append(user.email)
    return result
