"""The accounting export (must-show 4): the validated expenses of a period as the FEC —
the 18 legal columns in order, every entry balanced and the whole file too — through the
accountant's page (a job) and `maillage export_fec`."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from maillage.core.models import Job, JobState
from maillage.finance.fec import write_period
from maillage.finance.formats import fec
from tests.factories import ProjectFactory
from tests.finance.factories_followup import (
    line,
    mad_rates,
    project_with_budget,
    validated_expenses,
)

pytestmark = pytest.mark.django_db
D = Decimal
LEGAL = [
    "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
    "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit",
    "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise",
]  # fmt: skip


@pytest.fixture
def books(db):
    mad_rates()
    _project, version = project_with_budget(currency="MAD")
    travel = line(version, "T", D("10000"))
    staff = line(version, "S", D("10000"), currency="EUR", category="staff")
    in_kind = line(version, "K", D("1000"), currency="EUR", category="in_kind")
    validated_expenses(travel, 3, amount=D("1234.56"), spent_on=dt.date(2026, 3, 12))
    validated_expenses(staff, 2, amount=D("2500.00"), spent_on=dt.date(2026, 4, 30))
    validated_expenses(in_kind, 1, amount=D("300.00"), spent_on=dt.date(2026, 5, 2))
    validated_expenses(travel, 2, amount=D("50"), status="submitted")  # not in the books
    validated_expenses(travel, 1, amount=D("50"), spent_on=dt.date(2025, 12, 31))  # before
    ProjectFactory()


def test_columns_in_order_and_every_entry_balanced(books):
    result = write_period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    header, rows = fec.read_fec(result.text)
    assert header == LEGAL
    assert result.expenses == 6 and result.problems == []
    assert fec.unbalanced_entries(rows) == []
    debit, credit = fec.file_totals(rows)
    assert debit == credit
    # Each expense in euros at its day's rate: 3 × 1,234.56 MAD at 10.90, 2 × 2,500 EUR, 300 EUR.
    expected = 3 * D("113.26") + 2 * D("2500.00") + D("300.00")
    assert debit == 2 * (3 * D("113.26") + 2 * D("2500.00")) + D("300.00")
    assert sum(
        fec.parse_amount(r["Debit"]) for r in rows if r["CompteNum"].startswith("6")
    ) == expected - D("300")
    mad = [r for r in rows if r["Idevise"] == "MAD"]
    assert mad and all(r["Montantdevise"] == "1234,56" for r in mad)
    assert {r["EcritureDate"] for r in rows} >= {"20260312", "20260430"}
    assert {r["CompteNum"] for r in rows} >= {
        "625100",
        "641000",
        "401000",
        "512000",
        "864000",
        "875000",
    }


def test_the_command_writes_the_legal_file_name(books, tmp_path):
    call_command(
        "export_fec",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--siren",
        "123456789",
        "--separator",
        "pipe",
        "--output",
        str(tmp_path),
    )
    path = tmp_path / "123456789FEC20261231.txt"
    header, rows = fec.read_fec(path.read_text(encoding="utf-8"))
    assert header == LEGAL and "|" in path.read_text().splitlines()[0]
    assert len(rows) == 5 * 4 + 2 and fec.unbalanced_entries(rows) == []
    out = io.StringIO()
    call_command("export_fec", "--from", "2026-01-01", "--to", "2026-12-31", stdout=out)
    assert out.getvalue().startswith("JournalCode\tJournalLib")


def test_the_accountants_page_runs_a_job(client, officer, books):
    client.force_login(officer)
    url = reverse("finance:fec_export")
    page = client.get(url)
    assert page.status_code == 200 and "Export comptable (FEC)" in page.content.decode()
    response = client.post(
        url,
        {
            "start_on": "2026-01-01",
            "end_on": "2026-12-31",
            "siren": "123456789",
            "separator": "tab",
        },
    )
    assert response.status_code == 302
    job = Job.objects.latest("pk")
    assert job.state == JobState.SUCCEEDED and job.result_name == "123456789FEC20261231.txt"
    download = client.get(reverse("core:job_download", args=[job.pk]))
    _header, rows = fec.read_fec(b"".join(download.streaming_content).decode("utf-8"))
    assert fec.unbalanced_entries(rows) == []
    bad = client.post(
        url, {"start_on": "2026-12-31", "end_on": "2026-01-01", "siren": "12", "separator": ";"}
    )
    assert bad.status_code == 422
    errors = bad.context["form"].errors
    assert {"end_on", "siren", "separator"} <= set(errors)


def test_partners_have_no_accounting_export(client, partner):
    client.force_login(partner)
    assert client.get(reverse("finance:fec_export")).status_code == 403
