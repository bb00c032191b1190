"""Success figures: applications by donor, instrument and year, the success rate, the
amounts requested and obtained — on the page (with its chart) and as CSV."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from maillage.funding.models import ApplicationStatus
from maillage.funding.selectors.calls import figure_summary, success_figures
from tests.funding.factories_calls import ApplicationFactory, CallFactory, GrantFactory
from tests.querycount import page_queries

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
    donor = figures_data.instrument.donor
    assert "<svg" in page and str(donor) in page
    # The instrument is on the donor's own figures, which the donor's name opens.
    assert f'href="?donor={donor.pk}"' in page
    detail = client.get(reverse("funding:success_figures"), {"donor": donor.pk})
    assert "Fonds eau" in detail.content.decode()
    csv = client.get(reverse("funding:success_figures"), {"format": "csv"})
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 2 and "Fonds eau" in lines[1] and "50.0" in lines[1]
    semicolon = client.get(reverse("funding:success_figures"), {"format": "csv-semicolon"})
    assert ";" in semicolon.content.decode("utf-8-sig").splitlines()[1]


def _apply(call, status, amount, currency="EUR", grant=None):
    application = ApplicationFactory(
        call=call, status=status, requested_amount=Decimal(amount), currency=currency
    )
    if grant is not None:
        GrantFactory(application=application, amount=Decimal(grant), currency=currency)
    return application


@pytest.fixture
def two_donors():
    """Donor A: 2026 (granted 30,000 of 70,000.50; rejected 20,000; drafting) and 2025 in
    XOF (granted 1,000,000 of 1,500,000); donor B: 2026 (submitted 10,000.25; a grant in
    the trash)."""
    a_2026 = CallFactory(deadline_on=dt.date(2026, 6, 1), instrument__name="Fonds A")
    a_2025 = CallFactory(deadline_on=dt.date(2025, 2, 1), instrument__donor=a_2026.instrument.donor)
    b_2026 = CallFactory(deadline_on=dt.date(2026, 9, 1), instrument__name="Fonds B")
    _apply(a_2026, ApplicationStatus.GRANTED, "70000.50", grant="30000")
    _apply(a_2026, ApplicationStatus.REJECTED, "20000")
    _apply(a_2026, ApplicationStatus.DRAFTING, "99999")
    _apply(a_2025, ApplicationStatus.GRANTED, "1500000", currency="XOF", grant="1000000")
    _apply(b_2026, ApplicationStatus.SUBMITTED, "10000.25")
    trashed = _apply(b_2026, ApplicationStatus.GRANTED, "5000", grant="5000")
    trashed.grant.deleted_at = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    trashed.grant.save()
    return a_2026.instrument.donor, b_2026.instrument.donor


def _figures(row):
    return (row.applications, row.submitted, row.granted, row.rejected, row.requested, row.obtained)


def test_the_database_adds_up_the_same_figures_by_year_donor_and_currency(officer, two_donors):
    donor_a, donor_b = two_donors
    summary = figure_summary(user=officer)
    by_year = {(r.year, r.currency): _figures(r) for r in summary.by_year}
    assert by_year == {
        (2026, "EUR"): (5, 4, 2, 1, Decimal("105000.75"), Decimal("30000.00")),
        (2025, "XOF"): (1, 1, 1, 0, Decimal("1500000.00"), Decimal("1000000.00")),
    }
    by_donor = {(r.donor_id, r.currency): _figures(r) for r in summary.by_donor}
    assert by_donor == {
        (donor_a.pk, "EUR"): (3, 2, 1, 1, Decimal("90000.50"), Decimal("30000.00")),
        (donor_a.pk, "XOF"): (1, 1, 1, 0, Decimal("1500000.00"), Decimal("1000000.00")),
        (donor_b.pk, "EUR"): (2, 2, 1, 0, Decimal("15000.25"), Decimal("0.00")),
    }
    assert _figures(summary.totals["EUR"]) == by_year[(2026, "EUR")]
    assert summary.totals["EUR"].success_rate == Decimal("66.7")
    assert summary.other_donors == 0
    # The detail by donor, instrument and year adds up to the same totals.
    detail = success_figures(user=officer)
    assert len(detail.rows) == 3
    assert {c: _figures(t) for c, t in detail.totals.items()} == {
        c: _figures(t) for c, t in summary.totals.items()
    }
    assert [r.year for r in success_figures(user=officer, year=2025).rows] == [2025]
    [row_b] = success_figures(user=officer, donor=donor_b.pk).rows
    assert row_b.instrument == str(donor_b.instruments.get())


def test_past_the_largest_donors_the_others_are_one_row_and_each_is_a_filter(
    client, officer, two_donors
):
    donor_a, donor_b = two_donors
    summary = figure_summary(user=officer, top=1)
    assert summary.other_donors == 1
    assert [(r.donor_id, r.currency) for r in summary.by_donor] == [
        (donor_a.pk, "EUR"),
        (donor_a.pk, "XOF"),
        (None, "EUR"),  # donor B, the only other one
    ]
    assert _figures(summary.by_donor[-1]) == (2, 2, 1, 0, Decimal("15000.25"), Decimal("0.00"))
    client.force_login(officer)
    page = client.get(reverse("funding:success_figures"), {"donor": donor_b.pk, "year": 2026})
    assert page.context["donor"] == donor_b.pk
    [line] = page.context["detail"]
    assert _figures(line["row"]) == (2, 2, 1, 0, Decimal("15000.25"), Decimal("0.00"))
    csv = client.get(reverse("funding:success_figures"), {"donor": donor_b.pk, "format": "csv"})
    assert len(csv.content.decode("utf-8-sig").splitlines()) == 2


def test_the_figures_page_stays_small_with_many_donors_instruments_and_years(client, officer):
    from maillage.funding.models import Application

    calls = [
        CallFactory(deadline_on=dt.date(2018 + i % 8, 3, 1), instrument__donor=donor)
        for donor in [CallFactory().instrument.donor for _ in range(40)]
        for i in range(4)
    ]
    Application.objects.bulk_create(
        Application(call=call, idea_title=f"Idée {n}", status=status, requested_amount=1000)
        for n, (call, status) in enumerate(
            (c, s) for c in calls for s in (ApplicationStatus.SUBMITTED, ApplicationStatus.REJECTED)
        )
    )
    client.force_login(officer)
    client.get(reverse("funding:success_figures"))  # warm-up (the chart's first drawing)
    queries = page_queries(client, reverse("funding:success_figures"))
    page = client.get(reverse("funding:success_figures"))
    assert len(page.content) < 100_000, len(page.content)
    assert queries <= 12, queries
    assert page.context["summary"].other_donors == 30
    assert sum(r.applications for r in page.context["summary"].by_donor) == 2 * len(calls)
