"""Reads of calls and applications: the pipeline board, the deadlines coming (home page,
alerts, calendar feed) and the success figures (page, chart, CSV)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    When,
    Window,
)
from django.db.models.functions import Coalesce, ExtractYear, RowNumber
from django.http import QueryDict

from maillage.core.collation import sort_key
from maillage.funding import clock
from maillage.funding.models import (
    TRANSITIONS,
    Application,
    ApplicationStatus,
    Call,
    ChecklistItem,
    Donor,
    Grant,
    Instrument,
)
from maillage.funding.models.calls import DONE_STATES, OPEN_STATUSES

ALERT_THRESHOLDS = (30, 7, 1)  # days before a deadline when its people are alerted
NEAR_DAYS = ALERT_THRESHOLDS[0]  # the home page shows deadlines this close
HOME_ROWS = 8


def applications_for(user: Any) -> QuerySet[Application]:
    """The applications the user sees, with what their cards and rows show."""
    return Application.objects.visible_to(user).select_related(
        "call__instrument__donor__organisation", "project", "owner"
    )


# Cards a column of the board shows; the rest are in the list its link opens.
BOARD_CARDS = 15


def board_columns(
    *, applications: QuerySet[Application], may_move: bool, list_url: str, query: QueryDict
) -> list[dict[str, Any]]:
    """The pipeline: one column per status with its total, its `BOARD_CARDS` most
    relevant cards and the link to the whole column in the list (`list_url` with the
    board's filters, `query`). Still being prepared, the soonest deadline to come first
    (then the ones passed, latest first); otherwise the latest deadline first. Three
    queries whatever the number of applications: the totals (one GROUP BY), the cards
    ranked by a window, and those cards with their missing documents counted by a
    subquery."""
    totals = dict(
        applications.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    gaps = (
        ChecklistItem.objects.filter(application=OuterRef("pk"), required=True)
        .exclude(state__in=DONE_STATES)
        .order_by()
        .values("application")
        .annotate(n=Count("pk"))
        .values("n")
    )
    coming = Q(status__in=OPEN_STATUSES, call__deadline_at__gte=clock.now())
    relevance = [
        Case(When(coming, then=F("call__deadline_at"))).asc(nulls_last=True),
        F("call__deadline_at").desc(),
        F("pk").desc(),
    ]
    # The cards' ranks first, from the applications and their calls alone; then the
    # cards, their joins and missing documents: the window read every application with
    # all its joins and counted the missing documents of each (3,000 at national scale,
    # SQLite: 107 ms), to keep 15 a column.
    ranked = dict(
        applications.select_related(None)
        .annotate(board_rank=Window(RowNumber(), partition_by=[F("status")], order_by=relevance))
        .filter(board_rank__lte=BOARD_CARDS)
        .order_by()
        .values_list("pk", "board_rank")
    )
    cards = applications.filter(pk__in=list(ranked)).annotate(missing=Coalesce(Subquery(gaps), 0))
    by_status: dict[str, list[Application]] = defaultdict(list)
    for application in sorted(cards, key=lambda a: ranked[a.pk]):
        by_status[application.status].append(application)
    columns = []
    for status, label in ApplicationStatus.choices:
        moves = [
            (target, str(ApplicationStatus(target).label)) for target in TRANSITIONS.get(status, ())
        ]
        shown = by_status[status]
        params = query.copy()
        params.setlist("status", [status])
        columns.append(
            {
                "status": status,
                "label": label,
                "total": totals.get(status, 0),
                # Read apart, a card moved in between must not make it negative.
                "more": max(totals.get(status, 0) - len(shown), 0),
                "list_url": f"{list_url}?{params.urlencode()}",
                "cards": [
                    {"application": a, "missing": a.missing, "moves": moves if may_move else []}  # type: ignore[attr-defined]  # annotated above
                    for a in shown
                ],
            }
        )
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


def calls_due(
    *,
    user: Any,
    today: dt.date,
    days: int = NEAR_DAYS,
    owner: Any = None,
    limit: int | None = None,
) -> list[Call]:
    """Calls with an application still being prepared whose deadline falls from today to
    `days` days ahead, soonest first (of the applications `owner` holds, when given), the
    first `limit` when given (the database stops there)."""
    applications = Application.objects.visible_to(user).filter(status__in=OPEN_STATUSES)
    if owner is not None:
        applications = applications.filter(owner=owner)
    calls = (
        Call.objects.visible_to(user)
        .filter(
            pk__in=applications.values("call_id"),
            deadline_at__gte=day_start(today),
            deadline_at__lt=day_start(today + dt.timedelta(days=days + 1)),
        )
        .select_related("instrument__donor__organisation")
        .order_by("deadline_at", "pk")
    )
    return list(calls if limit is None else calls[:limit])


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

# Donors the summary names one by one (by number of applications); the others are one row.
TOP_DONORS = 10


@dataclass
class FigureRow:
    """Applications of one group (a donor, instrument and year of their call's deadline;
    a year; a donor) in one currency."""

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
    donor_id: int | None = None  # None: no donor, or the row of the other donors

    @property
    def decided(self) -> int:
        return self.granted + self.rejected

    @property
    def success_rate(self) -> Decimal | None:
        """Granted among those decided (granted or rejected), in percent."""
        if not self.decided:
            return None
        return (Decimal(100) * self.granted / self.decided).quantize(Decimal("0.1"))

    def add(self, other: FigureRow) -> None:
        self.applications += other.applications
        self.submitted += other.submitted
        self.granted += other.granted
        self.rejected += other.rejected
        self.requested += other.requested
        self.obtained += other.obtained


@dataclass
class Figures:
    rows: list[FigureRow] = field(default_factory=list)
    totals: dict[str, FigureRow] = field(default_factory=dict)  # by currency


@dataclass
class FigureSummary:
    """The figures page: by year, by donor (the `TOP_DONORS` with the most applications,
    then the others as one row per currency), the totals per currency."""

    by_year: list[FigureRow]
    by_donor: list[FigureRow]
    totals: dict[str, FigureRow]
    other_donors: int  # how many donors the "others" rows hold


SUBMITTED_OR_AFTER = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.GRANTED,
    ApplicationStatus.REJECTED,
)
# What each group adds up, in the database. A granted application obtains its grant's
# amount, unless the grant is in the trash.
FIGURES = {
    "n_applications": Count("pk"),
    "n_submitted": Count("pk", filter=Q(status__in=SUBMITTED_OR_AFTER)),
    "n_granted": Count("pk", filter=Q(status=ApplicationStatus.GRANTED)),
    "n_rejected": Count("pk", filter=Q(status=ApplicationStatus.REJECTED)),
    "sum_requested": Sum("requested_amount", filter=Q(status__in=SUBMITTED_OR_AFTER)),
    "sum_obtained": Sum(
        "grant__amount",
        filter=Q(status=ApplicationStatus.GRANTED, grant__deleted_at__isnull=True),
    ),
}


def figure_applications(
    *, user: Any, year: int | None = None, donor: int | None = None
) -> QuerySet[Application]:
    """The applications the figures count: those the user sees, of the year of their
    call's deadline and of the donor when given."""
    applications = Application.objects.visible_to(user)
    if year is not None:
        applications = applications.filter(call__deadline_on__year=year)
    if donor is not None:
        applications = applications.filter(call__instrument__donor_id=donor)
    return applications


def _grouped(applications: QuerySet[Application], *keys: str) -> list[dict[str, Any]]:
    """The figures of each group of `keys` (among fig_year, fig_donor, fig_instrument) and
    currency: one GROUP BY."""
    return list(
        applications.order_by()
        .annotate(
            fig_year=ExtractYear("call__deadline_on"),
            fig_donor=F("call__instrument__donor_id"),
            fig_instrument=F("call__instrument_id"),
        )
        .values(*keys, "currency")
        .annotate(**FIGURES)
    )


def _row(values: dict[str, Any], *, donor: str = "", instrument: str = "") -> FigureRow:
    cents = Decimal("0.01")
    return FigureRow(
        donor=donor,
        instrument=instrument,
        year=values.get("fig_year") or 0,
        currency=values["currency"],
        applications=values["n_applications"],
        submitted=values["n_submitted"],
        granted=values["n_granted"],
        rejected=values["n_rejected"],
        requested=(values["sum_requested"] or Decimal(0)).quantize(cents),
        obtained=(values["sum_obtained"] or Decimal(0)).quantize(cents),
        donor_id=values.get("fig_donor"),
    )


def _totals(rows: list[FigureRow]) -> dict[str, FigureRow]:
    totals: dict[str, FigureRow] = {}
    for row in rows:
        total = totals.setdefault(
            row.currency, FigureRow(donor="", instrument="", year=0, currency=row.currency)
        )
        total.add(row)
    return totals


def _donor_names(ids: set[Any]) -> dict[int, str]:
    donors = Donor.all_objects.filter(pk__in=ids).select_related("organisation")
    return {d.pk: str(d) for d in donors}


def success_figures(*, user: Any, year: int | None = None, donor: int | None = None) -> Figures:
    """Applications by donor, instrument and year: how many were submitted, granted and
    rejected, the success rate, the amounts requested and obtained (per currency), added
    up by the database (the CSV, and the page's detail of one donor)."""
    grouped = _grouped(
        figure_applications(user=user, year=year, donor=donor),
        "fig_year",
        "fig_donor",
        "fig_instrument",
    )
    donors = _donor_names({g["fig_donor"] for g in grouped})
    instruments = {
        i.pk: str(i)
        for i in Instrument.all_objects.filter(pk__in={g["fig_instrument"] for g in grouped})
    }
    rows = [
        _row(g, donor=donors.get(g["fig_donor"], ""), instrument=instruments[g["fig_instrument"]])
        for g in grouped
    ]
    ordered = sorted(
        rows, key=lambda r: (-r.year, sort_key(r.donor), sort_key(r.instrument), r.currency)
    )
    return Figures(rows=ordered, totals=_totals(rows))


def figure_summary(
    *, user: Any, year: int | None = None, donor: int | None = None, top: int = TOP_DONORS
) -> FigureSummary:
    """The figures by year and by donor (see FigureSummary): three queries whatever the
    number of applications, donors and instruments."""
    applications = figure_applications(user=user, year=year, donor=donor)
    by_year = [_row(g) for g in _grouped(applications, "fig_year")]
    by_year.sort(key=lambda r: (-r.year, r.currency))
    grouped = _grouped(applications, "fig_donor")
    names = _donor_names({g["fig_donor"] for g in grouped})
    per_donor: dict[int, int] = defaultdict(int)
    for g in grouped:
        per_donor[g["fig_donor"]] += g["n_applications"]
    ranked = sorted(per_donor, key=lambda d: (-per_donor[d], sort_key(names.get(d, ""))))
    kept = set(ranked[:top])
    by_donor: list[FigureRow] = []
    others: dict[str, FigureRow] = {}
    for g in grouped:
        if g["fig_donor"] in kept:
            by_donor.append(_row(g, donor=names.get(g["fig_donor"], "")))
        else:
            other = others.setdefault(
                g["currency"],
                FigureRow(donor="", instrument="", year=0, currency=g["currency"]),
            )
            other.add(_row(g))
    position = {d: i for i, d in enumerate(ranked)}
    by_donor.sort(key=lambda r: (position.get(r.donor_id or 0, 0), r.currency))
    by_donor += sorted(others.values(), key=lambda r: r.currency)
    return FigureSummary(
        by_year=by_year,
        by_donor=by_donor,
        totals=_totals(by_year),
        other_donors=len(ranked) - len(kept),
    )


def figure_years(*, user: Any) -> list[int]:
    years = (
        Application.objects.visible_to(user)
        .order_by()
        .annotate(fig_year=ExtractYear("call__deadline_on"))
        .values_list("fig_year", flat=True)
        .distinct()
    )
    return sorted((y for y in years if y), reverse=True)
