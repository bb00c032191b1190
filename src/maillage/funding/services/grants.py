"""Writes of grants, their tranches and reporting obligations.

A grant comes from a granted application (`GrantService.create`, whatever the door) and
is tied to its financing agreement. Its tranche schedule adds up to the grant's amount:
given whole (the API's `tranches`), it must add up exactly; row by row (the grant's
page), a tranche may not take the schedule past the amount, nor may the amount drop
below the schedule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils.translation import gettext as _

from maillage.core.formatting import format_money
from maillage.core.services import ModelService
from maillage.funding.models import ApplicationStatus, Grant, ReportingObligation, Tranche

SCHEDULE = "tranches"
TRANCHE_FIELDS = (
    "position",
    "expected_on",
    "expected_amount",
    "received_on",
    "received_amount",
    "held_back",
    "awaits",
)


def schedule_total(grant_id: int | None, *, excluding: int | None = None) -> Decimal:
    if grant_id is None:
        return Decimal(0)
    rows = Tranche.objects.filter(grant_id=grant_id)
    if excluding is not None:
        rows = rows.exclude(pk=excluding)
    return rows.aggregate(total=Sum("expected_amount"))["total"] or Decimal(0)


class GrantService(ModelService[Grant]):
    """Grants: only a granted application becomes one, once; the schedule adds up."""

    model = Grant

    @classmethod
    def validate(
        cls, obj: Grant, *, by: Any, before: Grant | None, related: dict[str, Any]
    ) -> None:
        errors: dict[str, Any] = {}
        if obj.application_id:
            application = obj.application
            if application.status != ApplicationStatus.GRANTED:
                errors["application"] = _(
                    "Only a granted application becomes a grant (this one is “%(status)s”)."
                ) % {"status": application.get_status_display()}
            elif before is not None and before.application_id != obj.application_id:
                errors["application"] = _("A grant stays with the application it came from.")
        if obj.amount is not None and SCHEDULE in related and related[SCHEDULE] is not None:
            rows = list(related[SCHEDULE])
            total = sum((Decimal(r.get("expected_amount") or 0) for r in rows), Decimal(0))
            if rows and total != obj.amount:
                errors[SCHEDULE] = _(
                    "The tranches add up to %(total)s, not to the grant's %(amount)s."
                ) % {
                    "total": format_money(total, obj.currency),
                    "amount": format_money(obj.amount, obj.currency),
                }
            for index, row in enumerate(rows, start=1):
                amount = row.get("expected_amount")
                if amount is None or Decimal(amount) < 0:
                    errors[SCHEDULE] = _("Tranche %(n)s: enter an expected amount.") % {"n": index}
        elif before is not None and obj.amount is not None:
            scheduled = schedule_total(obj.pk)
            if scheduled > obj.amount:
                errors["amount"] = _(
                    "The tranches already scheduled add up to %(total)s, more than %(amount)s."
                ) % {
                    "total": format_money(scheduled, obj.currency),
                    "amount": format_money(obj.amount, obj.currency),
                }
        if errors:
            raise ValidationError(errors)

    @classmethod
    def save_related(cls, obj: Grant, related: dict[str, Any], *, by: Any) -> None:
        rows = related.pop(SCHEDULE, None)
        super().save_related(obj, related, by=by)
        if rows is not None:
            set_schedule(obj, rows, by=by)


def set_schedule(grant: Grant, rows: Iterable[Mapping[str, Any]], *, by: Any) -> list[Tranche]:
    """Replace the grant's tranches by `rows` (checked by GrantService.validate)."""
    for old in Tranche.objects.filter(grant=grant):
        TrancheService.delete(obj=old, by=by, reason="schedule")
    created = []
    for position, row in enumerate(rows, start=1):
        data = {name: row[name] for name in TRANCHE_FIELDS if name in row}
        data.setdefault("position", position)
        created.append(
            TrancheService.create(data={**data, "grant": grant}, by=by, reason="schedule")
        )
    return created


class TrancheService(ModelService[Tranche]):
    """A tranche may not take the grant's schedule past the amount granted."""

    model = Tranche

    @classmethod
    def validate(
        cls, obj: Tranche, *, by: Any, before: Tranche | None, related: dict[str, Any]
    ) -> None:
        if not obj.grant_id or obj.expected_amount is None:
            return
        grant = obj.grant
        total = schedule_total(grant.pk, excluding=obj.pk) + obj.expected_amount
        if total > grant.amount:
            raise ValidationError(
                {
                    "expected_amount": _(
                        "With this tranche the schedule adds up to %(total)s, more than the "
                        "grant's %(amount)s."
                    )
                    % {
                        "total": format_money(total, grant.currency),
                        "amount": format_money(grant.amount, grant.currency),
                    }
                }
            )


class ReportingObligationService(ModelService[ReportingObligation]):
    model = ReportingObligation


def schedule_state(grant: Grant, tranches: list[Tranche]) -> dict[str, Any]:
    """How far the schedule covers the grant, and what was received."""
    scheduled = sum((t.expected_amount for t in tranches), Decimal(0))
    received = sum((t.received_amount or Decimal(0) for t in tranches), Decimal(0))
    return {
        "scheduled": scheduled,
        "received": received,
        "unscheduled": grant.amount - scheduled,
        "complete": scheduled == grant.amount,
    }
