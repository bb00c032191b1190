"""Deadline alerts: 30, 7 and 1 days before a call's deadline, to the owners of the
applications still being prepared for it, and before a report is due, to the owner of
the grant's application.

Each alert (which deadline, as it stood; which threshold; to whom) is a delivery of
`core.deliveries`: sent once, marked sent only after the mail server accepted it, and
tried again with a growing delay when it refused (the retry pass, `retries_only`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import ngettext

from maillage.core.deliveries import DeliveryFailed, deliver, failed_keys
from maillage.funding.models import AlertKind, Application, Call
from maillage.funding.models.calls import OPEN_STATUSES
from maillage.funding.models.grants import ReportingObligation
from maillage.funding.selectors.calls import ALERT_THRESHOLDS, day_start, days_left, threshold_for

# Deliveries (core.deliveries) of the alerts: their keys start with this.
KEY_PREFIX = "funding."


@dataclass
class Alert:
    kind: str
    record: Any  # a Call or a ReportingObligation
    deadline: str
    threshold: int
    days: int

    def key(self, user: Any) -> str:
        # The deadline as it stood: a call moved to a later date is alerted again.
        what = f"{self.kind}:{self.record.pk}:{self.deadline}"
        return f"{KEY_PREFIX}{what}:{self.threshold}d:user{user.pk}"


@dataclass
class AlertResult:
    emails: int = 0
    alerts: int = 0
    failed: list[str] = field(default_factory=list)
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


def _email(user: Any, today: dt.date, alerts: list[Alert]) -> None:
    """One email in the user's language; raises when the mail backend refuses it."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = ngettext(
            "Maillage: %(count)d funding deadline coming",
            "Maillage: %(count)d funding deadlines coming",
            len(alerts),
        ) % {"count": len(alerts)}
        context = {
            "user": user,
            "today": today,
            "calls": [a for a in alerts if a.kind == AlertKind.CALL],
            "obligations": [a for a in alerts if a.kind == AlertKind.OBLIGATION],
        }
        body = render_to_string("funding/email/deadline_alert.txt", context)
    send_mail(str(subject), body, None, [user.email], fail_silently=False)


def send_deadline_alerts(
    *, today: dt.date | None = None, now: dt.datetime | None = None, retries_only: bool = False
) -> AlertResult:
    """Email each person the deadlines they are due an alert for today, once;
    `retries_only`: only those whose email failed and whose delay has passed."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    result = AlertResult()
    retry = failed_keys(KEY_PREFIX, now) if retries_only else None
    for user, alerts in _pending(today).items():
        keyed = {alert.key(user): alert for alert in alerts}
        if retry is not None:
            keyed = {key: alert for key, alert in keyed.items() if key in retry}
        if not keyed:
            continue

        def send(keys: list[str], user: Any = user, keyed: Any = keyed) -> None:
            _email(user, today, [keyed[key] for key in keys])

        try:
            sent = deliver(list(keyed), recipient=user, now=now, send=send)
        except DeliveryFailed as failure:
            result.failed.append(f"{user.email}: {failure}")
            continue
        if sent:
            result.emails += 1
            result.alerts += len(sent)
            result.recipients.append(user.email)
    return result
