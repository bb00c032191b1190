"""Conversions: each says which rate it used; Decimal throughout; no rate, no guess."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from maillage.finance.money import NoRate, RateBook, convert, rate_for, too_precise
from tests.finance.factories_budgets import contractual_rate, rate

pytestmark = pytest.mark.django_db

MARCH_2 = dt.date(2026, 3, 2)


def test_mad_converted_with_the_rate_of_its_date():
    rate("MAD", "10.8000", dt.date(2026, 2, 27))
    rate("MAD", "10.9000", MARCH_2)
    rate("MAD", "11.5000", dt.date(2026, 3, 3))
    result = convert(Decimal("1090.00"), "MAD", "EUR", MARCH_2)
    assert result.amount == Decimal("100.00")
    assert result.rate_on == MARCH_2
    assert result.source == "bam"
    assert result.label == "taux Bank Al-Maghrib du 2026-03-02"
    assert "1 EUR = 10.9 MAD" in result.text


def test_a_day_without_rate_takes_the_last_one_published_before():
    rate("MAD", "10.8000", dt.date(2026, 2, 27), source="ecb")
    result = convert(Decimal("108.00"), "MAD", "EUR", dt.date(2026, 3, 1))  # a Sunday
    assert result.amount == Decimal("10.00")
    assert result.rate_on == dt.date(2026, 2, 27)
    assert result.label == "taux BCE du 2026-02-27"


def test_xof_converted_with_the_fixed_parity_without_any_table_rate():
    result = convert(Decimal("655957"), "XOF", "EUR", MARCH_2)
    assert result.amount == Decimal("1000.00")
    assert result.source == "fixed"
    assert result.rate_on is None
    assert "655.957" in result.label
    assert convert(Decimal("100.00"), "EUR", "XAF", MARCH_2).amount == Decimal("65596")


def test_xof_to_mad_goes_through_the_euro():
    rate("MAD", "10.0000", MARCH_2)
    result = convert(Decimal("655957"), "XOF", "MAD", MARCH_2)
    assert result.amount == Decimal("10000.00")
    assert [r.kind for r in result.rates] == ["fixed", "bam"]


def test_euro_to_euro_is_the_identity():
    result = convert(Decimal("12.34"), "EUR", "EUR", MARCH_2)
    assert (result.amount, result.rate, result.source) == (Decimal("12.34"), 1, "identity")


def test_no_rate_is_a_clear_error_naming_the_currency_and_date():
    with pytest.raises(NoRate) as refused:
        convert(Decimal("100"), "MAD", "EUR", MARCH_2)
    assert "MAD" in refused.value.messages[0]
    assert "2026-03-02" in refused.value.messages[0]


def test_a_rate_published_after_the_date_is_not_used():
    rate("MAD", "10.9", dt.date(2026, 3, 3))
    with pytest.raises(NoRate):
        rate_for("MAD", MARCH_2)


def test_unknown_currency_refused():
    with pytest.raises(NoRate) as refused:
        convert(Decimal("100"), "XYZ", "EUR", MARCH_2)
    assert "XYZ" in refused.value.messages[0]


def test_the_grants_contractual_rate_wins_over_the_days_rate(grant):
    rate("MAD", "10.9", MARCH_2)
    contractual_rate(grant, "MAD", "10.0")
    result = convert(Decimal("1000.00"), "MAD", "EUR", MARCH_2, grant=grant)
    assert result.amount == Decimal("100.00")
    assert result.source == "contractual"
    assert result.label.startswith("taux contractuel de la subvention")


def test_rounding_follows_the_minor_unit_of_the_target():
    rate("MAD", "10.9", MARCH_2)
    assert convert(Decimal("1"), "MAD", "EUR", MARCH_2).amount == Decimal("0.09")
    assert convert(Decimal("1.00"), "EUR", "XOF", MARCH_2).amount == Decimal("656")


def test_three_decimals_in_euros_are_too_precise_but_not_in_a_rate():
    assert too_precise(Decimal("12.345"), "EUR")
    assert not too_precise(Decimal("12.340"), "EUR")
    assert too_precise(Decimal("10.5"), "XOF")
    assert not too_precise(Decimal("10"), "XOF")


def test_a_loaded_book_converts_many_dates_in_two_queries(django_assert_num_queries):
    for day in range(2, 28):
        rate("MAD", Decimal("10.8") + Decimal(day) / 100, dt.date(2026, 2, day))
    book = RateBook()
    with django_assert_num_queries(2):
        book.load("MAD", dt.date(2026, 2, 10), dt.date(2026, 3, 31))
        amounts = [
            book.convert(Decimal("100"), "MAD", "EUR", dt.date(2026, 2, 10) + dt.timedelta(d))
            for d in range(45)
        ]
    assert len({a.rate_on for a in amounts}) == 18
    assert amounts[-1].rate_on == dt.date(2026, 2, 27)


@pytest.fixture
def grant(db):
    from tests.funding.factories_calls import GrantFactory

    return GrantFactory()
