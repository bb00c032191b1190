"""Reads of the risk register reused by the pages, the API and the project overview."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from maillage.projects.models import Level, Risk, RiskStatus

LEVELS = tuple(int(level) for level in Level.values)
HIGH_SCORE = 15  # from "high × high" (4 × 4 = 16) and "very high × medium" (5 × 3 = 15)


def with_score(qs: QuerySet[Risk]) -> QuerySet[Risk]:
    """The risks with `score_value` (likelihood × impact) computed by the database."""
    return qs.annotate(score_value=F("likelihood") * F("impact"))


def open_risks(project: Any, user: Any = None) -> QuerySet[Risk]:
    """The project's open risks, highest score first (those `user` sees, if given)."""
    qs = Risk.objects.visible_to(user) if user is not None else Risk.objects.all()
    return (
        with_score(qs.filter(project=project, status=RiskStatus.OPEN))
        .select_related("owner")
        .order_by("-score_value", "title", "pk")
    )


@dataclass(frozen=True)
class RiskSummary:
    open: int
    high: int
    review_overdue: int
    top: list[Risk]


def risk_summary(project: Any, user: Any = None, *, top: int = 3) -> RiskSummary:
    """Counts for the project overview (two queries): open, high (score ≥ 15), overdue."""
    today = timezone.localdate()
    qs = open_risks(project, user)
    counts = qs.aggregate(
        open=Count("pk"),
        high=Count("pk", filter=Q(score_value__gte=HIGH_SCORE)),
        overdue=Count("pk", filter=Q(review_on__lt=today)),
    )
    return RiskSummary(
        open=counts["open"],
        high=counts["high"],
        review_overdue=counts["overdue"],
        top=list(qs[:top]) if counts["open"] else [],
    )


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    impact: int
    count: int

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


def heat_map(risks: QuerySet[Risk]) -> list[tuple[int, list[HeatCell]]]:
    """Rows of the 5 × 5 matrix, highest impact first; each row's cells by likelihood
    (1 to 5), with the number of `risks` in each (one query)."""
    counts = {
        (row["likelihood"], row["impact"]): row["n"]
        for row in risks.order_by()
        .values("likelihood", "impact")
        .annotate(n=Count("pk"))
        .values("likelihood", "impact", "n")
    }
    return [
        (
            impact,
            [
                HeatCell(likelihood, impact, counts.get((likelihood, impact), 0))
                for likelihood in LEVELS
            ],
        )
        for impact in reversed(LEVELS)
    ]


def is_review_overdue(risk: Risk, today: datetime.date | None = None) -> bool:
    return risk.review_overdue(today or timezone.localdate())
