"""The demo's money (build_finance): budgets in euros, dirhams and CFA francs, a year of
expenses with receipts, one line over-spent, one partner expense waiting, the
gastronomy grant's report ready to export.

Must-show 1: that report's XLSX opens in openpyxl and LibreOffice, and its totals are the
database's sums of the validated expenses, to the cent, in each currency and in euros.
Must-show 3: a MAD expense is converted at the rate of its date, an XOF one at the fixed
parity, and the report shows the rates used."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Sum
from django.test import override_settings
from openpyxl import load_workbook

from maillage.demo.build import create_users
from maillage.demo.build_actors import build_actors
from maillage.demo.build_finance import build_finance
from maillage.demo.build_funding import build_funding
from maillage.demo.build_funding_calls import build_funding_calls
from maillage.demo.build_partnerships import build_partnerships
from maillage.demo.build_projects import build_projects
from maillage.demo.dataset import load_dataset
from maillage.finance.formats.report import render_ods, render_xlsx
from maillage.finance.models import (
    ExchangeRate,
    Expense,
    ExpenseCharge,
    ExpenseStatus,
    FinancialReport,
)
from maillage.finance.selectors.followup import OVER, budget_vs_actual, overspent_lines
from maillage.finance.selectors.reports import collect
from maillage.projects.models import Project
from tests.office import RAW_VALUES, libreoffice_csv

DATA = load_dataset()
REFERENCE_DATE = DATA.reference_date
D = Decimal


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The apps the finance demo stands on, then the finance demo, once for the module
    (rolled back at its end)."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        users = create_users(DATA)
        actors = build_actors(DATA, users)
        projects, _counts = build_projects(DATA, users, actors)
        build_partnerships(DATA, users, actors, projects)
        instruments, _funding = build_funding(DATA, users, actors, projects)
        build_funding_calls(DATA, users, instruments, projects)
        counts = build_finance(DATA, users, projects)
        yield users, counts
        transaction.set_rollback(True)


@pytest.fixture
def ready_report(demo, db):
    return FinancialReport.objects.get(status="ready")


def test_what_the_demo_holds(demo, db):
    users, counts = demo
    assert counts["budgets"] == 3 and counts["financial_reports"] == 2
    assert counts["expenses"] == Expense.objects.count() == 58
    currencies = set(
        Project.objects.filter(finance_budget__isnull=False).values_list(
            "finance_budget__currency", flat=True
        )
    )
    assert currencies == {"EUR", "MAD", "XOF"}
    waiting = Expense.objects.get(status=ExpenseStatus.SUBMITTED)
    assert waiting.entered_by == users["oujda"] and waiting.project.code == "LIL-OUJ-REGIE"
    assert waiting.receipts.count() == 1
    assert (
        Expense.objects.exclude(
            status__in=[ExpenseStatus.VALIDATED, ExpenseStatus.SUBMITTED]
        ).count()
        == 0
    )
    assert all(e.receipts.exists() for e in Expense.objects.all()[:10])


def test_one_line_over_spent_and_the_home_alert(demo, db):
    users, _counts = demo
    regie = Project.objects.get(code="LIL-OUJ-REGIE")
    followup = budget_vs_actual(project=regie, by="line", today=REFERENCE_DATE)
    over = [row for row in followup.rows if row.flag == OVER]
    assert [(row.key, row.actual, row.forecast) for row in over] == [
        ("2", D("254500"), D("240000"))
    ]
    mine = Project.objects.visible_to(users["youssef"]).filter(owner=users["youssef"])
    alerts = overspent_lines(projects=mine, today=REFERENCE_DATE)
    assert [(a.project.code, a.row.key) for a in alerts] == [("LIL-OUJ-REGIE", "2")]
    for code in ("LIL-OUJ-GASTRO", "RNAC-EAU-SN"):
        project = Project.objects.get(code=code)
        assert not [
            r
            for r in budget_vs_actual(project=project, today=REFERENCE_DATE).rows
            if r.flag == OVER
        ]


def _db_totals(report):
    charges = ExpenseCharge.objects.filter(
        grant=report.grant,
        expense__status=ExpenseStatus.VALIDATED,
        expense__spent_on__gte=report.period_start_on,
        expense__spent_on__lte=report.period_end_on,
    )
    charged = dict(charges.values_list("expense__currency").annotate(s=Sum("amount")).order_by())
    amounts = dict(
        charges.values_list("expense__currency").annotate(s=Sum("expense__amount")).order_by()
    )
    return charged, amounts


def test_must_show_1_the_report_totals_are_the_database_sums(ready_report):
    data = collect(ready_report)
    charged, amounts = _db_totals(ready_report)
    assert {t.currency for t in data.totals} == {"EUR", "MAD"}
    assert {t.currency: t.charged for t in data.totals} == charged
    assert {t.currency: t.amount for t in data.totals} == amounts
    # In euros: each expense's share at the rate of its date, summed.
    assert data.actual_eur == sum(e.charged_eur for e in data.expenses)
    assert {t.currency: t.charged_eur for t in data.totals} == {
        cur: sum(e.charged_eur for e in data.expenses if e.currency == cur) for cur in charged
    }
    book = load_workbook(io.BytesIO(render_xlsx(data)))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    by_currency = {r[0]: r for r in rows if r and r[0] in charged and isinstance(r[1], int)}
    for total in data.totals:
        row = by_currency[total.currency]
        assert (D(str(row[3])), D(str(row[4]))) == (
            amounts[total.currency],
            charged[total.currency],
        )
        assert D(str(row[6])).quantize(D("0.01")) == total.charged_eur
    grand = next(r for r in rows if r and r[0] in ("Total", "Total") and isinstance(r[1], int))
    assert D(str(grand[6])).quantize(D("0.01")) == data.actual_eur


def _libreoffice_csv(content: bytes, suffix: str, tmp_path) -> list[list[str]]:
    return libreoffice_csv(content, suffix, tmp_path, RAW_VALUES)


def test_must_show_1_libreoffice_opens_the_xlsx_and_the_ods(ready_report, tmp_path):
    data = collect(ready_report)
    charged, amounts = _db_totals(ready_report)
    for suffix, content in (("xlsx", render_xlsx(data)), ("ods", render_ods(data))):
        rows = _libreoffice_csv(content, suffix, tmp_path)
        by_currency = {r[0]: r for r in rows if r and r[0] in charged and r[1].isdigit()}
        for total in data.totals:
            row = by_currency[total.currency]
            assert D(row[3]) == amounts[total.currency], suffix
            assert D(row[4]) == charged[total.currency], suffix
            assert D(row[6]).quantize(D("0.01")) == total.charged_eur, suffix


def _table_rate(currency, on):
    return ExchangeRate.objects.filter(currency=currency, on__lte=on).order_by("-on").first()


def test_must_show_3_mad_at_the_rate_of_its_date_xof_at_the_parity(demo, db, client):
    gastro = collect(
        FinancialReport.objects.get(grant__application__project__code="LIL-OUJ-GASTRO")
    )
    mad = [e for e in gastro.expenses if e.currency == "MAD"]
    assert mad
    for item in mad:
        table = _table_rate("MAD", item.spent_on)
        assert item.charged_eur == (item.charged / table.rate).quantize(D("0.01"))
        assert table.on.isoformat() in item.rate_text and "Bank Al-Maghrib" in item.rate_text
    listed = {(u.rate.currency, u.rate.on) for u in gastro.rates}
    assert {("MAD", _table_rate("MAD", e.spent_on).on) for e in mad} <= listed
    water = collect(FinancialReport.objects.get(grant__application__project__code="RNAC-EAU-SN"))
    xof = [e for e in water.expenses if e.currency == "XOF"]
    assert xof
    for item in xof:
        assert item.charged_eur == (item.charged / D("655.957")).quantize(D("0.01"))
        assert "655.957" in item.rate_text
    assert any(u.rate.currency == "XOF" and u.rate.kind == "fixed" for u in water.rates)
    # The page of the report says the rates too.
    client.force_login(demo[0]["youssef"])
    page = client.get(
        FinancialReport.objects.get(status="ready").get_absolute_url()
    ).content.decode()
    assert "Bank Al-Maghrib" in page and "1 EUR =" in page
