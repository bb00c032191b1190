"""What finance adds to a grant's page through `hooks.GRANT_SECTIONS` (funding does not
import finance): the contractual rates with a link to add one, the financial reports;
a viewer reads them without the links to add one; a partner, even of the grant's project,
gets a 404 naming none of it; the page's query count does not grow with the rates."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from maillage.core import hooks
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


def _grant_with_rate_and_report(**grant):
    grant = GrantFactory(**grant)
    contractual_rate(grant, "MAD", Decimal("10.85"))
    report = FinancialReportService.create(
        data={
            "grant": grant,
            "period_start_on": dt.date(2026, 1, 1),
            "period_end_on": dt.date(2026, 6, 30),
        },
        by=None,
    )
    return grant, report


def test_a_viewer_reads_the_rates_and_reports_without_the_links_to_add_one(client, viewer):
    grant, report = _grant_with_rate_and_report()
    client.force_login(viewer)
    page = client.get(grant.get_absolute_url())
    # A viewer reads every internal record, grants included.
    assert page.status_code == 200
    html = page.content.decode()
    assert "1 EUR = 10.85 MAD" in html
    assert report.get_absolute_url() in html
    assert reverse("finance:contractualrate_create") not in html
    assert reverse("finance:financialreport_create") not in html


def test_a_partner_of_the_grants_project_gets_a_404_that_names_no_finance(
    client, partner, partner_project
):
    grant, report = _grant_with_rate_and_report(application__project=partner_project)
    client.force_login(partner)
    page = client.get(grant.get_absolute_url())
    # Funding is internal, even on the partner's own project: the grant does not exist.
    assert page.status_code == 404
    html = page.content.decode()
    for leak in ("10.85", "Taux contractuels", "Rapports financiers", report.get_absolute_url()):
        assert leak not in html
    assert hooks.collect(hooks.GRANT_SECTIONS, grant, partner) == []


def test_the_grant_page_makes_as_many_queries_with_many_rates(client, officer):
    grant = GrantFactory()
    currencies = iter(CURRENCIES)

    def grow(n):
        for _ in range(n):
            contractual_rate(grant, next(currencies), "3.5")

    client.force_login(officer)
    assert_constant_queries(client, grant.get_absolute_url(), grow=grow, rows=(2, 10))


def test_the_grant_page_links_to_the_expenses_charged_to_it_and_only_them(
    client, officer, settings, tmp_path
):
    from tests.factories import ProjectFactory
    from tests.finance.factories_expenses import budget_line, expense

    settings.MEDIA_ROOT = tmp_path
    project = ProjectFactory()
    grant = GrantFactory(application__project=project)
    other = GrantFactory(application__project=project)
    ours = budget_line(project, code="G1", grant=grant, grant_share=Decimal("6000.00"))
    theirs = budget_line(project, code="G2", grant=other, grant_share=Decimal("6000.00"))
    charged = expense(project, line=ours, by=officer, amount=Decimal("100.00"))
    elsewhere = expense(project, line=theirs, by=officer, amount=Decimal("90.00"))
    client.force_login(officer)
    link = reverse("finance:expense_list") + f"?grant={grant.pk}"
    assert link in client.get(grant.get_absolute_url()).content.decode()
    listed = client.get(link).content.decode()
    assert charged.reference in listed and elsewhere.reference not in listed
    # Not an id: a clear refusal on the field, not a 500.
    assert client.get(reverse("finance:expense_list") + "?grant=abc").status_code == 200
