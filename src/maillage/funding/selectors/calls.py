"""Reads of calls and applications: the pipeline board, the deadlines coming (home page,
alerts, calendar feed) and the success figures (page, chart, CSV)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from maillage.funding.models import (
    TRANSITIONS,
    Application,
    ApplicationStatus,
    Call,
    ChecklistItem,
    Grant,
)
from maillage.funding.models.calls import OPEN_STATUSES

ALERT_THRESHOLDS = (30, 7, 1)  # days before a deadline when its people are alerted
NEAR_DAYS = ALERT_THRESHOLDS[0]  # the home page shows deadlines this close
HOME_ROWS = 8


def applications_for(user: Any) -> QuerySet[Application]:
    """The applications the user sees, with what their cards and rows show."""
    return Application.objects.visible_to(user).select_related(
        "call__instrument__donor__organisation", "project", "owner"
    )


def board_columns(*, user: Any, may_move: bool) -> list[dict[str, Any]]:
    """The pipeline: one column per status, each card with the moves the user may make
    (a constant number of queries whatever the number of applications and funders)."""
    applications = list(
        applications_for(user)
        .prefetch_related(
            Prefetch(
                "checklist",
                queryset=ChecklistItem.objects.order_by("position", "pk"),
            )
        )
        .order_by("call__deadline_at", "pk")
    )
    by_status: dict[str, list[Application]] = defaultdict(list)
    for application in applications:
        by_status[application.status].append(application)
    columns = []
    for status, label in ApplicationStatus.choices:
        cards = []
        for application in by_status[status]:
            missing = [item for item in application.checklist.all() if item.missing]
            moves = [
                (target, str(ApplicationStatus(target).label))
                for target in TRANSITIONS.get(status, ())
            ]
            cards.append(
                {
                    "application": application,
                    "missing": missing,
                    "moves": moves if may_move else [],
                }
            )
        columns.append({"status": status, "label": label, "cards": cards})
    return columns


def application_detail(*, application: Application) -> dict[str, Any]:
    items = list(application.checklist.order_by("position", "pk"))
    grant = Grant.objects.filter(application=application).select_related("agreement").first()
    return {
        "checklist": items,
        "missing": [item for item in items if item.missing],
        "moves": [
            (target, str(ApplicationStatus(target).label))
            for target in TRANSITIONS.get(application.status, ())
        ],
        "grant": grant,
        "may_become_grant": application.status == ApplicationStatus.GRANTED and grant is None,
    }


def call_detail(*, call: Call, user: Any) -> dict[str, Any]:
    return {
        "attachments": list(call.attachments.order_by("title", "pk")),
        "documents": list(call.documents.order_by("position", "pk")),
        "applications": list(applications_for(user).filter(call=call).order_by("status", "pk")),
    }


# --- Deadlines ---------------------------------------------------------------------------


def day_start(day: dt.date) -> dt.datetime:
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def calls_due(*, user: Any, today: dt.date, days: int = NEAR_DAYS, owner: Any = None) -> list[Call]:
    """Calls with an application still being prepared whose deadline falls from today to
    `days` days ahead, soonest first (of the applications `owner` holds, when given)."""
    applications = Application.objects.visible_to(user).filter(status__in=OPEN_STATUSES)
    if owner is not None:
        applications = applications.filter(owner=owner)
    return list(
        Call.objects.visible_to(user)
        .filter(
            pk__in=applications.values("call_id"),
            deadline_at__gte=day_start(today),
            deadline_at__lt=day_start(today + dt.timedelta(days=days + 1)),
        )
        .select_related("instrument__donor__organisation")
        .order_by("deadline_at", "pk")
    )


def days_left(call: Call, today: dt.date) -> int:
    local = call.deadline_local
    return ((local.date() if local else call.deadline_on) - today).days


def threshold_for(days: int) -> int | None:
    """The alert a deadline `days` away is due for: the smallest threshold it is within
    (a deadline 5 days away gets the 7-day alert, not the 30-day one too)."""
    if days < 0:
        return None
    within = [t for t in ALERT_THRESHOLDS if days <= t]
    return min(within) if within else None


# --- Success figures ------------------------------------------------------------------


@dataclass
class FigureRow:
    """Applications of one donor, instrument and year (of their call's deadline)."""

    donor: str
    instrument: str
    year: int
    currency: str
    applications: int = 0
    submitted: int = 0
    granted: int = 0
    rejected: int = 0
    requested: Decimal = Decimal(0)
    obtained: Decimal = Decimal(0)

    @property
    def decided(self) -> int:
        return self.granted + self.rejected

    @property
    def success_rate(self) -> Decimal | None:
        """Granted among those decided (granted or rejected), in percent."""
        if not self.decided:
            return None
        return (Decimal(100) * self.granted / self.decided).quantize(Decimal("0.1"))


@dataclass
class Figures:
    rows: list[FigureRow] = field(default_factory=list)
    totals: dict[str, FigureRow] = field(default_factory=dict)  # by currency


SUBMITTED_OR_AFTER = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.GRANTED,
    ApplicationStatus.REJECTED,
)


def success_figures(*, user: Any, year: int | None = None) -> Figures:
    """Applications by donor, instrument and year: how many were submitted, granted and
    rejected, the success rate, the amounts requested and obtained (per currency)."""
    applications = Application.objects.visible_to(user).select_related(
        "call__instrument__donor__organisation", "grant"
    )
    if year is not None:
        applications = applications.filter(call__deadline_at__year=year)
    rows: dict[tuple[Any, ...], FigureRow] = {}
    totals: dict[str, FigureRow] = {}
    for application in applications.order_by("pk"):
        instrument = application.call.instrument
        key = (instrument.donor_id, instrument.pk, application.call.deadline_on.year)
        row = rows.get((*key, application.currency))
        if row is None:
            row = FigureRow(
                donor=str(instrument.donor),
                instrument=str(instrument),
                year=application.call.deadline_on.year,
                currency=application.currency,
            )
            rows[(*key, application.currency)] = row
        total = totals.setdefault(
            application.currency,
            FigureRow(donor="", instrument="", year=0, currency=application.currency),
        )
        for target in (row, total):
            _count(target, application)
    ordered = sorted(rows.values(), key=lambda r: (-r.year, r.donor, r.instrument, r.currency))
    return Figures(rows=ordered, totals=totals)


def _count(row: FigureRow, application: Application) -> None:
    row.applications += 1
    if application.status in SUBMITTED_OR_AFTER:
        row.submitted += 1
        row.requested += application.requested_amount or Decimal(0)
    if application.status == ApplicationStatus.GRANTED:
        row.granted += 1
        grant = getattr(application, "grant", None)
        if grant is not None and grant.deleted_at is None:
            row.obtained += grant.amount
    elif application.status == ApplicationStatus.REJECTED:
        row.rejected += 1


def figure_years(*, user: Any) -> list[int]:
    years = Application.objects.visible_to(user).values_list("call__deadline_on", flat=True)
    return sorted({d.year for d in years.distinct() if d}, reverse=True)
