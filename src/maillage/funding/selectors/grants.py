"""Reads of grants: a grant's page, the reports coming due (home page, alerts, calendar
feed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from maillage.funding.models import Grant, ReportingObligation, Tranche
from maillage.funding.selectors.calls import NEAR_DAYS
from maillage.funding.services.grants import schedule_state


def grant_detail(*, grant: Grant, today: dt.date) -> dict[str, Any]:
    tranches = list(Tranche.objects.filter(grant=grant).select_related("awaits"))
    obligations = list(ReportingObligation.objects.filter(grant=grant).order_by("due_on", "pk"))
    return {
        "tranches": tranches,
        "obligations": obligations,
        "schedule": schedule_state(grant, tranches),
        "today": today,
    }


def obligations_for(user: Any) -> QuerySet[ReportingObligation]:
    """The reporting obligations of the grants the user sees."""
    grants = Grant.objects.visible_to(user).values("pk")
    return ReportingObligation.objects.filter(grant_id__in=grants).select_related(
        "grant__application__call__instrument", "grant__application__project"
    )


def obligations_due(
    *,
    user: Any,
    today: dt.date,
    days: int = NEAR_DAYS,
    owner: Any = None,
    limit: int | None = None,
) -> list[ReportingObligation]:
    """Reports not yet submitted that are due within `days` days (or already late),
    soonest first; of the grants whose application `owner` holds, when given; the first
    `limit` when given (the database stops there: every late report of the country was
    read, with its grant, application, call and project, to show eight)."""
    qs = obligations_for(user).filter(
        submitted_on__isnull=True, due_on__lte=today + dt.timedelta(days=days)
    )
    if owner is not None:
        qs = qs.filter(grant__application__owner=owner)
    qs = qs.order_by("due_on", "pk")
    return list(qs if limit is None else qs[:limit])
