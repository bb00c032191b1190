"""The FEC writer and reader on plain values (finance.formats.fec): the legal columns in
order, YYYYMMDD dates, decimal commas, every entry balanced."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maillage.finance.formats import fec

LEGAL_COLUMNS = [
    "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
    "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit",
    "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise",
]  # fmt: skip


def expense(**kw: object) -> fec.FecExpense:
    values: dict[str, object] = {
        "reference": "DEP-2026-0001",
        "spent_on": dt.date(2026, 3, 5),
        "validated_on": dt.date(2026, 3, 9),
        "description": "Billets\tLille|Oujda\nretour",
        "category": "travel",
        "amount_eur": Decimal("412.37"),
        "amount": Decimal("4500.00"),
        "currency": "MAD",
        "payee_key": "F00012",
        "payee_name": "Royal Air Maroc",
    }
    values.update(kw)
    return fec.FecExpense(**values)  # type: ignore[arg-type]


def test_columns_are_the_legal_ones_in_order() -> None:
    assert list(fec.COLUMNS) == LEGAL_COLUMNS
    header, rows = fec.read_fec(fec.write_fec(fec.fec_lines([expense()])))
    assert header == LEGAL_COLUMNS
    assert all(len(row) == 18 for row in rows)


def test_an_expense_makes_a_purchase_and_a_payment_entry() -> None:
    _header, rows = fec.read_fec(fec.write_fec(fec.fec_lines([expense()])))
    assert [(r["JournalCode"], r["CompteNum"], r["Debit"], r["Credit"]) for r in rows] == [
        ("AC", "625100", "412,37", "0,00"),
        ("AC", "401000", "0,00", "412,37"),
        ("BQ", "401000", "412,37", "0,00"),
        ("BQ", "512000", "0,00", "412,37"),
    ]
    first = rows[0]
    assert first["EcritureDate"] == "20260305"
    assert first["ValidDate"] == "20260309"
    assert first["PieceRef"] == "DEP-2026-0001"
    assert first["EcritureLib"] == "DEP-2026-0001 Billets Lille Oujda retour"
    assert (first["Montantdevise"], first["Idevise"]) == ("4500,00", "MAD")
    assert rows[1]["CompAuxNum"] == "F00012" and rows[1]["EcritureLet"] == "AA"
    assert rows[2]["EcritureLet"] == "AA" and rows[2]["DateLet"] == "20260305"
    assert fec.unbalanced_entries(rows) == []


def test_euro_cash_in_kind_and_counter_entries() -> None:
    lines = fec.fec_lines(
        [
            expense(currency="EUR", amount=Decimal("10"), amount_eur=Decimal("10"), cash=True),
            expense(
                category="in_kind", currency="EUR", amount=Decimal("5"), amount_eur=Decimal("5")
            ),
            expense(amount_eur=Decimal("-412.37"), amount=Decimal("-4500")),
            expense(category="unknown", payee_key="", payee_name="Taxi"),
        ]
    )
    _header, rows = fec.read_fec(fec.write_fec(lines, separator="|"))
    cash = rows[:4]
    assert [r["CompteNum"] for r in cash] == ["625100", "401000", "401000", "530000"]
    assert cash[2]["JournalCode"] == "CA" and cash[0]["Idevise"] == ""
    in_kind = rows[4:6]
    assert [(r["JournalCode"], r["CompteNum"], r["Debit"]) for r in in_kind] == [
        ("CV", "864000", "5,00"),
        ("CV", "875000", "0,00"),
    ]
    counter = rows[6:10]
    assert (counter[0]["Debit"], counter[0]["Credit"]) == ("0,00", "412,37")
    assert counter[0]["Montantdevise"] == "4500,00"
    assert rows[10]["CompteNum"] == "658000" and rows[11]["CompAuxNum"] == "FDIVERS"
    # Entry numbers run per journal.
    assert [r["EcritureNum"] for r in rows if r["JournalCode"] == "AC"][::2] == [
        "AC000001",
        "AC000002",
        "AC000003",
    ]
    assert fec.unbalanced_entries(rows) == []
    debit, credit = fec.file_totals(rows)
    assert debit == credit


def test_formats() -> None:
    assert fec.format_amount(Decimal("1234.5")) == "1234,50"
    assert fec.format_amount(Decimal("1000000")) == "1000000,00"
    assert fec.format_date(dt.date(2026, 1, 2)) == "20260102"
    assert fec.file_name("123456789", dt.date(2026, 12, 31)) == "123456789FEC20261231.txt"
    assert [fec.matching_code(i) for i in (0, 1, 25, 26, 675, 676)] == [
        "AA", "AB", "AZ", "BA", "ZZ", "AAA",
    ]  # fmt: skip
    with pytest.raises(ValueError):
        fec.write_fec([], separator=";")


def test_the_reader_finds_an_unbalanced_entry() -> None:
    _header, rows = fec.read_fec(fec.write_fec(fec.fec_lines([expense()])))
    rows[0]["Debit"] = "412,38"
    assert fec.unbalanced_entries(rows) == [("AC", "AC000001")]


@given(
    st.lists(
        st.tuples(
            st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False),
            st.sampled_from(["staff", "travel", "in_kind", "other"]),
            st.booleans(),
        ),
        max_size=20,
    )
)
def test_every_entry_balances(items: list[tuple[Decimal, str, bool]]) -> None:
    expenses = [
        expense(amount_eur=amount, amount=amount, currency="EUR", category=category, cash=cash)
        for amount, category, cash in items
    ]
    _header, rows = fec.read_fec(fec.write_fec(fec.fec_lines(expenses)))
    assert fec.unbalanced_entries(rows) == []
    assert all(
        fec.parse_amount(r["Debit"]) >= 0 and fec.parse_amount(r["Credit"]) >= 0 for r in rows
    )
