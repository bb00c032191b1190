"""Success figures: applications by donor, instrument and year, the success rate, the
amounts requested and obtained — on the page (with its chart) and as CSV."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from maillage.funding.models import ApplicationStatus
from maillage.funding.selectors.calls import success_figures
from tests.funding.factories_calls import ApplicationFactory, CallFactory, GrantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures_data():
    call = CallFactory(deadline_on=dt.date(2026, 3, 31), instrument__name="Fonds eau")
    GrantFactory(
        application=ApplicationFactory(call=call, status=ApplicationStatus.GRANTED),
        amount=Decimal("40000"),
    )
    ApplicationFactory(call=call, status=ApplicationStatus.REJECTED)
    ApplicationFactory(call=call, status=ApplicationStatus.DRAFTING)
    return call


def test_the_rate_counts_the_decided_and_the_amounts_the_submitted(officer, figures_data):
    figures = success_figures(user=officer)
    [row] = figures.rows
    assert (row.year, row.applications, row.submitted, row.granted, row.rejected) == (
        2026,
        3,
        2,
        1,
        1,
    )
    assert row.success_rate == Decimal("50.0")
    assert row.requested == Decimal("100000.00")  # the two submitted, 50,000 each
    assert row.obtained == Decimal("40000.00")
    assert success_figures(user=officer, year=2025).rows == []


def test_the_page_draws_the_chart_and_the_csv_has_the_table(client, officer, figures_data):
    client.force_login(officer)
    page = client.get(reverse("funding:success_figures")).content.decode()
    assert "<svg" in page and "Fonds eau" in page
    csv = client.get(reverse("funding:success_figures"), {"format": "csv"})
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 2 and "Fonds eau" in lines[1] and "50.0" in lines[1]
    semicolon = client.get(reverse("funding:success_figures"), {"format": "csv-semicolon"})
    assert ";" in semicolon.content.decode("utf-8-sig").splitlines()[1]
