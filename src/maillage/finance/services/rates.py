"""Writes of exchange rates and contractual rates, through every door (pages, API, CSV
import, the ECB file).

A rate is checked as any record (the model's fields, the named constraints: positive, two
different currencies, never a CFA franc, one per currency and day); the ECB's file is
merged by `import_ecb_rates`: a day already stored with the same rate is left alone, a
changed rate is updated, a new one created, all in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from maillage.core.services import ModelService, bulk_save
from maillage.finance.models import (
    BASE_CURRENCY,
    ContractualRate,
    ExchangeRate,
    ExchangeRateSource,
)
from maillage.finance.money import is_currency
from maillage.finance.services.followup import rates_changed

ECB_REASON = _("ECB reference rates")


class ExchangeRateService(ModelService[ExchangeRate]):
    """Rates of the table: codes upper-cased, the euro as base."""

    model = ExchangeRate

    @classmethod
    def prepare(cls, obj: ExchangeRate, *, by: Any, before: ExchangeRate | None) -> None:
        if isinstance(obj.currency, str):
            obj.currency = obj.currency.strip().upper()
        obj.base = (obj.base or BASE_CURRENCY).strip().upper()

    # A rate serves its day and the days after it: the over-spent lines of the projects
    # that convert with it are worked out again (`services.followup`).
    @classmethod
    def after_save(cls, obj: ExchangeRate, *, by: Any, before: ExchangeRate | None) -> None:
        if before is None:
            rates_changed({obj.currency}, obj.on)
        else:
            rates_changed({obj.currency, before.currency}, min(obj.on, before.on))

    @classmethod
    def before_delete(cls, obj: ExchangeRate, *, by: Any) -> None:
        rates_changed({obj.currency}, obj.on)

    @classmethod
    def after_restore(cls, obj: ExchangeRate, *, by: Any) -> None:
        rates_changed({obj.currency}, obj.on)

    @classmethod
    def create_many(
        cls,
        objs: list[ExchangeRate],
        *,
        by: Any,
        reason: str | None = None,
        batch_size: int = 500,
    ) -> list[ExchangeRate]:
        created = super().create_many(objs, by=by, reason=reason, batch_size=batch_size)
        rates_written(created)
        return created


def rates_written(rates: Iterable[ExchangeRate]) -> None:
    """Tell the follow-up of new or changed rates: per currency, from the earliest day."""
    earliest: dict[str, dt.date] = {}
    for rate in rates:
        held = earliest.get(rate.currency)
        earliest[rate.currency] = rate.on if held is None else min(held, rate.on)
    for currency, on in earliest.items():
        rates_changed({currency}, on)


class ContractualRateService(ModelService[ContractualRate]):
    """A grant's contractual rate for a currency."""

    model = ContractualRate

    @classmethod
    def prepare(cls, obj: ContractualRate, *, by: Any, before: ContractualRate | None) -> None:
        if isinstance(obj.currency, str):
            obj.currency = obj.currency.strip().upper()


@dataclass(frozen=True)
class MergeResult:
    created: int
    updated: int
    unchanged: int
    skipped: int  # currencies that are no ISO code any more (CYP, TRL…)


def import_ecb_rates(
    rows: Iterable[tuple[dt.date, str, Decimal]],
    *,
    by: Any = None,
    since: dt.date | None = None,
) -> MergeResult:
    """Merge the ECB's (date, currency, rate) rows into the table (source "ecb"), from
    `since` on: one query to read what is stored, bulk writes, one transaction."""
    wanted: dict[tuple[dt.date, str], Decimal] = {}
    skipped = 0
    for on, currency, rate in rows:
        if since is not None and on < since:
            continue
        if not is_currency(currency) or currency == BASE_CURRENCY:
            skipped += 1
            continue
        wanted[(on, currency)] = rate
    if not wanted:
        return MergeResult(0, 0, 0, skipped)
    first = min(on for on, _currency in wanted)
    stored = {
        (rate.on, rate.currency): rate
        for rate in ExchangeRate.all_objects.filter(base=BASE_CURRENCY, on__gte=first)
    }
    new: list[ExchangeRate] = []
    changed = 0
    unchanged = 0
    with transaction.atomic():
        for (on, currency), value in sorted(wanted.items()):
            existing = stored.get((on, currency))
            if existing is None:
                new.append(
                    ExchangeRate(
                        on=on,
                        base=BASE_CURRENCY,
                        currency=currency,
                        rate=value,
                        source=ExchangeRateSource.ECB,
                    )
                )
            elif existing.rate == value and existing.deleted_at is None:
                unchanged += 1
            else:
                # The ECB corrected a rate, or one typed by hand differs: the ECB's wins,
                # and the history keeps the earlier value.
                ExchangeRateService.update(
                    obj=existing,
                    data={"rate": value, "source": ExchangeRateSource.ECB},
                    by=by,
                    reason=str(ECB_REASON),
                )
                if existing.deleted_at is not None:
                    existing.deleted_at = None
                    existing.save(update_fields=["deleted_at"])
                changed += 1
        if new:
            bulk_save(ExchangeRate, new, by=by, reason=str(ECB_REASON), batch_size=1000)
            rates_written(new)
    return MergeResult(len(new), changed, unchanged, skipped)


# How far back a first import of the ECB's history goes (the file starts in 1999): the
# years a cooperation project's accounts still look at.
FIRST_IMPORT_YEARS = 5
# Later imports take the last weeks again: the ECB may correct a recent rate.
OVERLAP = dt.timedelta(days=7)


def ecb_since(today: dt.date) -> dt.date:
    """From which day an import reads the ECB's file: the last stored ECB rate less a
    week, or, on a first import, 1 January five years back."""
    last = (
        ExchangeRate.objects.filter(source=ExchangeRateSource.ECB)
        .order_by("-on")
        .values_list("on", flat=True)
        .first()
    )
    if last is not None:
        return last - OVERLAP
    return dt.date(today.year - FIRST_IMPORT_YEARS, 1, 1)


def update_from_ecb(
    content: bytes | None = None,
    *,
    by: Any = None,
    since: dt.date | None = None,
    today: dt.date | None = None,
) -> MergeResult:
    """Merge the ECB's history file (`content`: its CSV or zip; downloaded from the ECB
    when None) from `since` (default: `ecb_since`). EcbFileError when the file is not
    the ECB's; core.net's OutboundError when the download fails."""
    from django.utils import timezone

    from maillage.finance import ecb

    if content is None:
        content = ecb.download()
    text = ecb.unpack(content)
    start = since or ecb_since(today or timezone.localdate())
    return import_ecb_rates(ecb.read_rates(text), by=by, since=start)
