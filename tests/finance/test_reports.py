"""Financial reports (E4): the figures of a grant's period read from the validated
expenses — totals equal to the database's sums to the cent, in each currency and in
euros; the rates used; exchange differences against a contractual rate — the XLSX and ODS
(opened by openpyxl and odfpy here, by LibreOffice in test_reports_office), the zip of
the receipts, the pages, the export job and the API."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse
from odf.opendocument import load as load_ods
from odf.table import Table
from openpyxl import load_workbook

from maillage.core.models import Job, JobState
from maillage.finance.formats.report import receipts_zip, render_ods, render_xlsx
from maillage.finance.models import (
    ContractualRate,
    ExpenseCharge,
    ExpenseStatus,
    FinancialReport,
)
from maillage.finance.money import convert
from maillage.finance.selectors.reports import collect
from maillage.finance.services.reports import FinancialReportService
from tests.factories import ProjectFactory
from tests.finance.factories_expenses import budget_line, expense
from tests.finance.factories_followup import grant_for, mad_rates, validated_expenses
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db
D = Decimal
PERIOD = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


@pytest.fixture
def report(officer):
    mad_rates()
    project = ProjectFactory(start_on=dt.date(2026, 1, 1), end_on=dt.date(2027, 12, 31))
    grant = grant_for(project)
    travel = budget_line(project, code="T1", currency="MAD", amount=D("20000"), grant=grant)
    kit = budget_line(
        project,
        code="E1",
        currency="MAD",
        category="equipment",
        amount=D("5000"),
        grant=grant,
        grant_share=D("4000"),
    )
    expense(
        project,
        line=travel,
        amount=D("4500.00"),
        currency="MAD",
        spent_on=dt.date(2026, 3, 12),
        status=ExpenseStatus.VALIDATED,
    )
    expense(
        project,
        line=travel,
        amount=D("1234.56"),
        currency="MAD",
        spent_on=dt.date(2026, 4, 3),
        status=ExpenseStatus.VALIDATED,
    )
    expense(
        project,
        line=kit,
        amount=D("99.99"),
        currency="EUR",
        spent_on=dt.date(2026, 3, 5),
        status=ExpenseStatus.VALIDATED,
    )
    expense(
        project,
        line=kit,
        amount=D("65596"),
        currency="XOF",
        spent_on=dt.date(2026, 5, 5),
        status=ExpenseStatus.VALIDATED,
    )
    # Neither a submitted expense nor one outside the period counts.
    expense(project, line=travel, amount=D("777"), currency="MAD", status=ExpenseStatus.SUBMITTED)
    expense(
        project,
        line=travel,
        amount=D("888"),
        currency="MAD",
        spent_on=dt.date(2027, 1, 4),
        status=ExpenseStatus.VALIDATED,
    )
    return FinancialReportService.create(
        data={
            "grant": grant,
            "period_start_on": PERIOD[0],
            "period_end_on": PERIOD[1],
            "status": "ready",
        },
        by=officer,
    )


def db_charges(report):
    return ExpenseCharge.objects.filter(
        grant=report.grant,
        expense__status=ExpenseStatus.VALIDATED,
        expense__spent_on__range=PERIOD,
    )


def test_totals_are_the_database_sums_in_each_currency_and_in_euros(report):
    data = collect(report)
    charges = db_charges(report)
    by_currency = dict(
        charges.values_list("expense__currency").annotate(s=Sum("amount")).order_by()
    )
    assert {t.currency: t.charged for t in data.totals} == by_currency
    amounts = dict(
        charges.values_list("expense__currency").annotate(s=Sum("expense__amount")).order_by()
    )
    assert {t.currency: t.amount for t in data.totals} == amounts
    in_eur = {}
    for charge in charges.select_related("expense"):
        e = charge.expense
        in_eur[e.currency] = (
            in_eur.get(e.currency, D(0))
            + convert(charge.amount, e.currency, "EUR", e.spent_on).amount
        )
    assert {t.currency: t.charged_eur for t in data.totals} == in_eur
    assert data.actual_eur == sum(in_eur.values())
    assert data.actual == data.actual_eur  # a grant in euros
    assert len(data.expenses) == 4 and data.receipt_count == 4


def test_rates_used_the_day_for_mad_and_the_parity_for_xof(report):
    data = collect(report)
    rates = {(u.rate.currency, u.rate.kind, u.rate.on) for u in data.rates}
    assert ("MAD", "bam", dt.date(2026, 3, 10)) in rates  # the expense of 2026-03-12
    assert ("MAD", "bam", dt.date(2026, 4, 1)) in rates  # the expense of 2026-04-03
    assert ("XOF", "fixed", None) in rates
    xof = next(e for e in data.expenses if e.currency == "XOF")
    assert "655.957" in xof.rate_text
    # 65,596 XOF × 4000/5000 charged = 52,477 XOF (rounded by the service) → euros.
    assert xof.charged_eur == convert(xof.charged, "XOF", "EUR", xof.spent_on).amount
    assert data.differences == []


def test_exchange_differences_with_a_contractual_rate(report):
    ContractualRate.objects.create(grant=report.grant, currency="MAD", rate=D("10.5"))
    data = collect(report)
    [difference] = data.differences
    assert difference.currency == "MAD"
    mad = [e for e in data.expenses if e.currency == "MAD"]
    assert difference.at_contractual == sum(e.charged_report for e in mad)
    market = sum(convert(e.charged, "MAD", "EUR", e.spent_on).amount for e in mad)
    assert difference.at_market == market and difference.difference > 0
    assert any(u.rate.kind == "contractual" for u in data.rates)


def test_lines_forecast_actual_variance(report):
    data = collect(report)
    lines = {line.code: line for line in data.lines}
    assert set(lines) == {"T1", "E1"}
    # Forecast: the grant's shares (20,000 MAD and 4,000 MAD) at the adoption's rate.
    assert lines["T1"].forecast == convert(D("20000"), "MAD", "EUR", dt.date(2026, 1, 5)).amount
    assert lines["T1"].actual == sum(e.charged_report for e in data.expenses if e.line_code == "T1")
    assert lines["T1"].variance == lines["T1"].actual - lines["T1"].forecast
    assert data.forecast == lines["T1"].forecast + lines["E1"].forecast


def test_xlsx_and_ods_hold_the_totals(report):
    data = collect(report)
    book = load_workbook(io.BytesIO(render_xlsx(data)))
    assert len(book.sheetnames) == 2
    cells = list(book.worksheets[0].iter_rows(values_only=True))
    # The rows of the totals by currency: a currency, then a count of expenses.
    totals = {
        row[0]: row
        for row in cells
        if row and row[0] in {"MAD", "EUR", "XOF"} and isinstance(row[1], int)
    }
    for total in data.totals:
        row = totals[total.currency]
        assert D(str(row[4])) == total.charged and D(str(row[6])) == total.charged_eur
    expenses = list(book.worksheets[1].iter_rows(values_only=True))
    assert [r[0] for r in expenses[1:-1]] == [e.reference for e in data.expenses]
    ods = load_ods(io.BytesIO(render_ods(data)))
    assert len(ods.spreadsheet.getElementsByType(Table)) == 2


def test_receipts_zip_names_each_file_by_its_expense(report):
    data = collect(report)
    names = zipfile.ZipFile(io.BytesIO(receipts_zip(data))).namelist()
    assert sorted(names) == sorted(f"{e.reference}.pdf" for e in data.expenses)
    assert all(e.receipt_names == f"{e.reference}.pdf" for e in data.expenses)


def test_the_page_and_the_export_jobs(client, officer, report):
    client.force_login(officer)
    page = client.get(report.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "655.957" in text and "DEP-" in text
    assert "Taux de change utilisés" in text and "Dépenses validées par devise" in text
    for fmt in ("xlsx", "ods", "zip"):
        response = client.post(
            reverse("finance:financialreport_file", args=[report.pk]), {"format": fmt}
        )
        assert response.status_code == 302
        job = Job.objects.latest("pk")
        assert job.state == JobState.SUCCEEDED, job.messages
        assert job.progress_done == 4 and job.result_name.endswith(f".{fmt}")
        download = client.get(reverse("core:job_download", args=[job.pk]))
        assert download.status_code == 200
    bad = client.post(reverse("finance:financialreport_file", args=[report.pk]), {"format": "exe"})
    assert bad.status_code == 403


def test_partners_see_no_report(client, partner, report):
    client.force_login(partner)
    assert client.get(report.get_absolute_url()).status_code == 404
    response = client.post(
        reverse("finance:financialreport_file", args=[report.pk]), {"format": "xlsx"}
    )
    assert response.status_code == 404
    assert client.get(f"/api/financial-reports/{report.pk}/figures").status_code == 404


def test_a_period_outside_the_grant_is_refused_naming_the_field(client, officer, report):
    client.force_login(officer)
    response = client.post(
        "/api/financial-reports",
        {"grant": report.grant.pk, "period_start_on": "2025-01-01", "period_end_on": "2025-12-31"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "period_start_on" in response.json()
    response = client.post(
        "/api/financial-reports",
        {"grant": report.grant.pk, "period_start_on": "2026-06-01", "period_end_on": "2026-05-31"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "period_end_on" in response.json()
    assert FinancialReport.objects.count() == 1


def test_the_api_figures(client, officer, report):
    client.force_login(officer)
    figures = client.get(f"/api/financial-reports/{report.pk}/figures").json()
    assert figures["currency"] == "EUR" and len(figures["expenses"]) == 4
    assert {t["currency"] for t in figures["totals"]} == {"MAD", "EUR", "XOF"}
    assert all(isinstance(t["charged_eur"], str) for t in figures["totals"])


def test_report_page_queries_do_not_grow_with_expenses(client, officer, report):
    client.force_login(officer)
    line = report.grant.budget_splits.first().line

    def grow(n):
        validated_expenses(
            line, n, amount=D("10"), spent_on=dt.date(2026, 6, 2), grant=report.grant
        )

    assert_constant_queries(client, report.get_absolute_url(), grow=grow, rows=(2, 30))
    assert_constant_queries(
        client, f"/api/financial-reports/{report.pk}/figures", grow=grow, rows=(2, 30)
    )
