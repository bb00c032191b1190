"""Conversions between currencies, each saying which rate it used.

Every stored rate is "units of the currency for one euro" (the ECB's convention), so a
conversion goes through the euro: MAD → XOF is MAD → EUR → XOF (a cross rate). For each
leg the rate is, in this order:

1. the euro itself (no rate);
2. the fixed parity of the CFA francs (XOF, XAF: 655.957 per euro, by treaty);
3. the grant's contractual rate for the currency, when a grant is given and has one;
4. the table's rate on the date, or the last one published before it (the ECB publishes
   on working days only; Bank Al-Maghrib's dirham series is entered or imported).

No rate at all is a `NoRate` refusal (a ValidationError: a page shows it, the API answers
400), never a silent 1:1. Amounts are `Decimal` throughout and the result is rounded to
the target currency's minor unit (`funding.money.round_money`).

A `RateBook` keeps what it read, so a page converting 10,000 expenses reads the table once
per currency (`load`), not once per expense.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

import pycountry
from babel.numbers import get_currency_precision
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from maillage.finance.models.rates import (
    BASE_CURRENCY,
    PEGGED,
    ContractualRate,
    ExchangeRate,
    ExchangeRateSource,
    plain,
)
from maillage.funding.money import round_money

IDENTITY = "identity"
FIXED = "fixed"
CONTRACTUAL = "contractual"


class NoRate(ValidationError):
    """No rate converts this currency on this date (or the code is no currency)."""

    def __init__(self, message: str, *, currency: str, on: dt.date | None) -> None:
        super().__init__(message, code="no_rate")
        self.currency = currency
        self.on = on


@cache
def _codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)


def is_currency(code: Any) -> bool:
    """Whether `code` is an ISO 4217 currency code (the choices of every currency field)."""
    return isinstance(code, str) and code in _codes()


def decimals_of(currency: str) -> int:
    """The minor unit of `currency` as the columns keep it (at most 2)."""
    return min(get_currency_precision(currency or BASE_CURRENCY), 2)


def too_precise(amount: Decimal | None, currency: str, *, column_places: int = 99) -> bool:
    """Whether `amount` has more decimals than `currency` has (12.345 EUR, 10.5 XOF).
    With `column_places`, the decimals its column refuses anyway are not counted again
    (the field's own check names them): only a currency with fewer decimals is."""
    if decimals_of(currency) >= column_places:
        return False
    if amount is None or not is_currency(currency):
        return False
    try:
        exponent = Decimal(amount).normalize().as_tuple().exponent
    except (InvalidOperation, TypeError, ValueError):
        return False
    return isinstance(exponent, int) and -exponent > decimals_of(currency)


def precision_message(currency: str) -> str:
    digits = decimals_of(currency)
    if digits == 0:
        return _("An amount in %(currency)s has no decimals.") % {"currency": currency}
    return _("An amount in %(currency)s has at most %(digits)s decimals.") % {
        "currency": currency,
        "digits": digits,
    }


@dataclass(frozen=True)
class Rate:
    """One currency's value against the euro, and where it came from."""

    currency: str
    per_euro: Decimal  # units of `currency` for one euro
    kind: str  # IDENTITY, FIXED, CONTRACTUAL or an ExchangeRateSource value
    on: dt.date | None = None  # the date of a table rate
    grant: str = ""  # the grant of a contractual rate

    @property
    def label(self) -> str:
        """Where the rate comes from, in words: "ECB rate of 2026-03-02"."""
        day = self.on.isoformat() if self.on else ""
        if self.kind == IDENTITY:
            return _("euro, no conversion")
        if self.kind == FIXED:
            return _("fixed parity (1 EUR = %(rate)s %(currency)s)") % {
                "rate": plain(self.per_euro),
                "currency": self.currency,
            }
        if self.kind == CONTRACTUAL:
            return _("contractual rate of grant %(grant)s") % {"grant": self.grant}
        if self.kind == ExchangeRateSource.ECB:
            return _("ECB rate of %(date)s") % {"date": day}
        if self.kind == ExchangeRateSource.BAM:
            return _("Bank Al-Maghrib rate of %(date)s") % {"date": day}
        if self.kind == ExchangeRateSource.IMPORT:
            return _("imported rate of %(date)s") % {"date": day}
        return _("rate entered on %(date)s") % {"date": day}

    @property
    def text(self) -> str:
        """The rate and its source: "1 EUR = 10.85 MAD (Bank Al-Maghrib rate of …)"."""
        if self.kind == IDENTITY:
            return self.label
        return f"1 {BASE_CURRENCY} = {plain(self.per_euro)} {self.currency} ({self.label})"


@dataclass(frozen=True)
class Conversion:
    """`original` in `original_currency` is `amount` in `currency`, at `rate` (units of
    the target for one unit of the source), through the legs in `rates`."""

    amount: Decimal
    currency: str
    original: Decimal
    original_currency: str
    rate: Decimal
    rates: tuple[Rate, ...] = field(default_factory=tuple)

    @property
    def source(self) -> str:
        """The kind of the rate that decided (a contractual or table rate before a parity)."""
        kinds = [r.kind for r in self.rates if r.kind != IDENTITY]
        for kind in kinds:
            if kind != FIXED:
                return kind
        return kinds[0] if kinds else IDENTITY

    @property
    def rate_on(self) -> dt.date | None:
        dates = [r.on for r in self.rates if r.on]
        return min(dates) if dates else None

    @property
    def label(self) -> str:
        """Where the rate(s) came from: "fixed parity …; ECB rate of 2026-03-02"."""
        legs = [r for r in self.rates if r.kind != IDENTITY] or list(self.rates)
        return "; ".join(r.label for r in legs) if legs else _("same currency")

    @property
    def text(self) -> str:
        legs = [r for r in self.rates if r.kind != IDENTITY]
        return "; ".join(r.text for r in legs) if legs else _("same currency")


class RateBook:
    """The rates read so far (the table's, by currency; a grant's contractual ones)."""

    def __init__(self, *, grant: Any = None) -> None:
        self.grant = grant
        self._contractual: dict[str, Decimal] | None = None
        # currency → sorted dates and their (rate, source); `_complete` says from which
        # date the cached series holds every row (with the last one before it).
        self._series: dict[str, tuple[list[dt.date], list[tuple[Decimal, str]]]] = {}
        self._complete: dict[str, tuple[dt.date, dt.date]] = {}
        self._single: dict[tuple[str, dt.date], Rate | None] = {}

    # -- loading -------------------------------------------------------------------------

    def load(self, currency: str, start_on: dt.date, end_on: dt.date) -> None:
        """Read, in one query, the rates of `currency` from `start_on` to `end_on` and the
        last one before `start_on`: later lookups in that span cost nothing."""
        if currency == BASE_CURRENCY or currency in PEGGED or not is_currency(currency):
            return
        table = ExchangeRate.objects.of_currency(currency)
        last_before = (
            table.filter(on__lt=start_on).order_by("-on").values_list("on", flat=True).first()
        )
        rows = list(
            table.filter(on__gte=last_before or start_on, on__lte=end_on)
            .order_by("on")
            .values_list("on", "rate", "source")
        )
        self._series[currency] = ([r[0] for r in rows], [(r[1], r[2]) for r in rows])
        self._complete[currency] = (start_on, end_on)

    def _contractual_rates(self) -> dict[str, Decimal]:
        if self._contractual is None:
            self._contractual = (
                dict(
                    ContractualRate.objects.filter(grant=self.grant).values_list("currency", "rate")
                )
                if self.grant is not None
                else {}
            )
        return self._contractual

    # -- reading -------------------------------------------------------------------------

    def rate(self, currency: str, on: dt.date) -> Rate:
        """The value of `currency` against the euro on `on`; NoRate when there is none."""
        if not is_currency(currency):
            raise NoRate(
                _("%(currency)s is not a currency code (ISO 4217).") % {"currency": currency},
                currency=str(currency),
                on=on,
            )
        if currency == BASE_CURRENCY:
            return Rate(currency, Decimal(1), IDENTITY)
        if currency in PEGGED:
            return Rate(currency, PEGGED[currency], FIXED)
        contractual = self._contractual_rates().get(currency)
        if contractual is not None:
            return Rate(currency, contractual, CONTRACTUAL, grant=str(self.grant))
        found = self._from_table(currency, on)
        if found is None:
            raise NoRate(
                _(
                    "No exchange rate of %(currency)s on or before %(date)s: enter one or "
                    "import it (Finances → Exchange rates)."
                )
                % {"currency": currency, "date": on.isoformat()},
                currency=currency,
                on=on,
            )
        return found

    def _from_table(self, currency: str, on: dt.date) -> Rate | None:
        span = self._complete.get(currency)
        if span is not None and span[0] <= on <= span[1]:
            dates, values = self._series[currency]
            index = bisect.bisect_right(dates, on) - 1
            if index < 0:
                return None
            rate, source = values[index]
            return Rate(currency, rate, source, on=dates[index])
        key = (currency, on)
        if key not in self._single:
            row = (
                ExchangeRate.objects.of_currency(currency)
                .filter(on__lte=on)
                .order_by("-on")
                .values_list("on", "rate", "source")
                .first()
            )
            self._single[key] = Rate(currency, row[1], row[2], on=row[0]) if row else None
        return self._single[key]

    def convert(self, amount: Decimal, currency: str, to: str, on: dt.date) -> Conversion:
        """`amount` of `currency` in `to`, at the rates of `on` (see the module)."""
        amount = Decimal(amount)
        if currency == to:
            if not is_currency(to):
                self.rate(to, on)  # refuses an unknown code
            rate = Rate(to, Decimal(1), IDENTITY)
            return Conversion(
                amount=round_money(amount, to) or Decimal(0),
                currency=to,
                original=amount,
                original_currency=currency,
                rate=Decimal(1),
                rates=(rate,),
            )
        source = self.rate(currency, on)
        target = self.rate(to, on)
        factor = target.per_euro / source.per_euro
        converted = round_money(amount * factor, to) or Decimal(0)
        legs = tuple(r for r in (source, target) if r.kind != IDENTITY) or (source,)
        return Conversion(
            amount=converted,
            currency=to,
            original=amount,
            original_currency=currency,
            rate=factor,
            rates=legs,
        )


def rate_for(currency: str, on: dt.date, *, grant: Any = None) -> Rate:
    """The value of one currency against the euro on a date (one query at most)."""
    return RateBook(grant=grant).rate(currency, on)


def convert(
    amount: Decimal, currency: str, to: str, on: dt.date, *, grant: Any = None
) -> Conversion:
    """One conversion; for many, keep a `RateBook`."""
    return RateBook(grant=grant).convert(amount, currency, to, on)
