"""Amounts of the funding area: rounded to their currency's minor unit (2 for the euro,
0 for the CFA franc, 3 for the Tunisian dinar), as Babel's CLDR data gives it."""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_percent, get_currency_precision

from maillage.core.formatting import babel_locale


@functools.cache
def _minor_unit(currency: str) -> Decimal:
    """0.01 for the euro, 1 for the CFA franc (the columns keep two decimals at most)."""
    return Decimal(1).scaleb(-min(get_currency_precision(currency), 2))


def round_money(amount: Decimal | None, currency: str) -> Decimal | None:
    """`amount` to the minor unit of `currency` (half up, as accountants round)."""
    if amount is None:
        return None
    return Decimal(amount).quantize(_minor_unit(currency or "EUR"), rounding=ROUND_HALF_UP)


def format_share(percent: Decimal | float | None) -> str:
    """A share in percent, to a tenth, in the active language: 62.44 → "62,4 %" in
    French (a no-break space before the sign), "62.4%" in English."""
    if percent is None:
        return ""
    value = Decimal(percent).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize() / 100
    return format_percent(value, locale=babel_locale(), decimal_quantization=False)
