"""What finance adds to a grant's page through `hooks.GRANT_SECTIONS` (funding does not
import finance): the contractual rates with a link to add one, the financial reports;
none of it for a partner; the page's query count does not grow with the rates."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from maillage.finance.services.reports import FinancialReportService
from tests.finance.factories_budgets import contractual_rate
from tests.funding.factories_calls import GrantFactory
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

CURRENCIES = ["MAD", "XOF", "TND", "USD", "GBP", "CHF", "DZD", "MGA", "CAD", "JPY", "SEK", "NOK"]


def test_the_grant_page_shows_its_contractual_rates_and_financial_reports(client, officer):
    grant = GrantFactory()
    rate = contractual_rate(grant, "MAD", "10.85")
    report = FinancialReportService.create(
        data={
            "grant": grant,
            "period_start_on": dt.date(2026, 1, 1),
            "period_end_on": dt.date(2026, 6, 30),
        },
        by=None,
    )
    client.force_login(officer)
    page = client.get(grant.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Taux contractuels" in html
    assert "1 EUR = 10.85 MAD" in html
    assert rate.get_absolute_url() in html
    assert reverse("finance:contractualrate_create") + f"?grant={grant.pk}" in html
    assert "Rapports financiers" in html and report.get_absolute_url() in html


def test_a_viewer_sees_the_rates_without_the_link_to_add_one(client, viewer):
    grant = GrantFactory()
    contractual_rate(grant, "MAD", Decimal("10.85"))
    client.force_login(viewer)
    page = client.get(grant.get_absolute_url())
    if page.status_code != 200:  # viewers may not open grants at all: nothing to leak
        assert page.status_code in (403, 404)
        return
    html = page.content.decode()
    assert "1 EUR = 10.85 MAD" in html
    assert reverse("finance:contractualrate_create") not in html


def test_the_grant_page_makes_as_many_queries_with_many_rates(client, officer):
    grant = GrantFactory()
    currencies = iter(CURRENCIES)

    def grow(n):
        for _ in range(n):
            contractual_rate(grant, next(currencies), "3.5")

    client.force_login(officer)
    assert_constant_queries(client, grant.get_absolute_url(), grow=grow, rows=(2, 10))
