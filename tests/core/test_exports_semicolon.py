"""The CSV layout French spreadsheets open by double-click: semicolons, decimal comma,
dd/mm/yyyy dates, UTF-8 with a BOM — beside the comma layout programs read."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from maillage.core.exports import write_table
from tests.core.test_exports import dangerous, export  # noqa: F401 — the fixture is used

pytestmark = pytest.mark.django_db


def test_the_semicolon_layout_writes_numbers_and_dates_the_french_way():
    rows = [["Lille", Decimal("1234.50"), 2.5, 12, dt.date(2025, 6, 10), True, None]]
    content = write_table(
        "csv-semicolon", ["Nom", "Montant", "Taux", "N", "Date", "Actif", ""], rows
    )
    assert content.startswith("\ufeff".encode())
    text = content.decode("utf-8-sig")
    assert text.splitlines()[1] == "Lille;1234,50;2,5;12;10/06/2025;True;"
    # The comma layout keeps the decimal point and ISO dates.
    comma = write_table("csv", ["Montant", "Date"], [[Decimal("1234.50"), dt.date(2025, 6, 10)]])
    assert comma.decode("utf-8-sig").splitlines()[1] == "1234.50,2025-06-10"


def test_a_cell_with_a_semicolon_is_quoted_and_formulas_stay_inert():
    content = write_table("csv-semicolon", ["Nom"], [["Lille; Roubaix"], ["=1+1"]])
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Nom"], ["Lille; Roubaix"], ["'=1+1"]]


def test_a_list_offers_both_layouts_and_exports_the_semicolon_one(client, officer, dangerous):  # noqa: F811
    client.force_login(officer)
    page = client.get(reverse("actors:organisation_list")).content.decode()
    assert 'value="csv"' in page and 'value="csv-semicolon"' in page
    _job, content = export(client, "actors:organisation_export", "csv-semicolon", "departement=33")
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    names = sorted(row[0] for row in rows[1:])
    assert names == ['\'=HYPERLINK("http://evil.example","clic")', "Mairie de Pessac"]
