"""The demo's money (finance.toml), through the finance services: the dirham rates, the
budgets of three projects (lines and the grants' splits), a year of expenses with their
PDF receipts (generated here with fpdf2: a small invoice naming the payee, the amount and
the expense), entered by their officer or by the partner and validated — one partner
expense left waiting — and the financial reports to the ministry.

Everything comes from the file: fixed dates, no randomness."""

from __future__ import annotations

import datetime as dt
import zlib
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF

from maillage.accounts.models import User
from maillage.core.uploads import content_addressed_names
from maillage.demo.dataset import Dataset
from maillage.finance.models import ExchangeRate, ExpenseStatus, FinancialReport
from maillage.finance.services.budgets import (
    SPLITS,
    BudgetLineService,
    BudgetService,
    BudgetVersionService,
)
from maillage.finance.services.expenses import RECEIPT, SUBMIT, ExpenseService
from maillage.funding.models import Grant
from maillage.funding.money import round_money
from maillage.projects.models import Project

SPEC = "finance.toml"


def build_finance(
    ds: Dataset, users: dict[str, User], projects: dict[str, Project]
) -> dict[str, int]:
    """Rates, budgets, expenses and reports; the number of each."""
    spec = ds[SPEC]
    grants = {
        grant.application.project.code: grant
        for grant in Grant.objects.select_related(
            "application__project", "application__call__instrument__donor"
        ).filter(application__project__isnull=False)
    }
    by_application = {
        key: grants[code] for key, code in _application_projects(ds).items() if code in grants
    }
    counts = {"rates": _rates(spec, users)}
    lines: dict[tuple[str, str], Any] = {}
    for row in spec["budgets"]:
        lines |= _budget(row, users, projects, by_application)
    counts["budgets"] = len(spec["budgets"])
    counts["budget_lines"] = len(lines)
    # Receipts named by their bytes: a second build of the demo reuses the files.
    with content_addressed_names():
        counts["expenses"] = _expenses(spec, users, projects, lines)
    counts["financial_reports"] = _reports(spec, users, by_application)
    return counts


def _application_projects(ds: Dataset) -> dict[str, str]:
    """Application key → its project's code (funding_calls.toml)."""
    return {
        row["key"]: row["project"]
        for row in ds["funding_calls.toml"]["applications"]
        if row.get("key") and row.get("project")
    }


def _rates(spec: dict[str, Any], users: dict[str, User]) -> int:
    from maillage.core.services import service_for

    service = service_for(ExchangeRate)
    count = 0
    for row in spec["rates"]:
        for on, rate in row["values"]:
            service.create(
                data={
                    "on": on,
                    "currency": row["currency"],
                    "rate": Decimal(str(rate)),
                    "source": row["source"],
                    "note": row.get("note", ""),
                },
                by=users["admin"],
            )
            count += 1
    return count


def _budget(
    row: dict[str, Any],
    users: dict[str, User],
    projects: dict[str, Project],
    grants: dict[str, Grant],
) -> dict[tuple[str, str], Any]:
    by = users[row["by"]]
    project = projects[row["project"]]
    budget = BudgetService.create(
        data={"project": project, "currency": row["currency"], "note": row.get("note", "")},
        by=by,
    )
    version = budget.versions.get(number=1)
    lines = {}
    for spec in row["lines"]:
        quantity = Decimal(str(spec["quantity"]))
        unit_cost = Decimal(str(spec["unit_cost"]))
        data: dict[str, Any] = {
            "budget_version": version,
            "code": spec["code"],
            "label": spec["label"],
            "category": spec["category"],
            "quantity": quantity,
            "unit": spec.get("unit", ""),
            "unit_cost": unit_cost,
            "currency": spec["currency"],
            "year": spec["year"],
        }
        if spec.get("grant"):
            grant = grants[spec["grant"]]
            share = round_money(
                quantity * unit_cost * Decimal(str(spec["grant_share"])), spec["currency"]
            )
            data[SPLITS] = [
                {"donor": grant.application.call.instrument.donor, "grant": grant, "amount": share}
            ]
        line = BudgetLineService.create(data=data, by=by)
        lines[(row["project"], spec["code"])] = line
    BudgetVersionService.adopt(version, by=by, on=row["adopted_on"])
    return lines


def _days(row: dict[str, Any]) -> list[dt.date]:
    if "spent_on" in row:
        return [row["spent_on"]]
    first, last = row["monthly"]
    days, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        days.append(dt.date(year, month, first.day))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return days


def _expenses(
    spec: dict[str, Any],
    users: dict[str, User],
    projects: dict[str, Project],
    lines: dict[tuple[str, str], Any],
) -> int:
    count = 0
    for row in spec["expenses"]:
        project = projects[row["project"]]
        by = users[row["by"]]
        reviewer = users[project.owner.username] if project.owner_id else users["admin"]
        for day in _days(row):
            amount = Decimal(str(row["amount"]))
            expense = ExpenseService.create(
                data={
                    "project": project,
                    "budget_line": lines[(row["project"], row["line"])],
                    "spent_on": day,
                    "payee_name": row["payee"],
                    "description": row["description"],
                    "amount": amount,
                    "currency": row["currency"],
                    "payment_method": row["payment_method"],
                    SUBMIT: True,
                    RECEIPT: receipt_upload(row, day, amount, project),
                },
                by=by,
            )
            if row.get("status", ExpenseStatus.VALIDATED) == ExpenseStatus.VALIDATED:
                ExpenseService.move(obj=expense, status=ExpenseStatus.VALIDATED, by=reviewer)
            count += 1
    return count


def receipt_pdf(row: dict[str, Any], day: dt.date, amount: Decimal, project: Project) -> bytes:
    """A one-page invoice: small, and different for every expense (so is its checksum)."""
    pdf = FPDF(format=(148, 210))  # A5, in millimetres
    # Dated by the expense, not by the clock: two builds of the demo write the same file.
    pdf.set_creation_date(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC))
    pdf.set_compression(True)
    pdf.add_page()
    pdf.set_font("helvetica", "B", 14)
    pdf.cell(0, 10, _latin(row["payee"]), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 10)
    digest = zlib.crc32(f"{row['description']}{day}".encode()) % 10000
    number = f"F-{day:%Y%m%d}-{digest:04d}"
    lines = [
        f"Facture {number} du {day:%d/%m/%Y}",
        f"Client : {project.title}",
        "",
        row["description"],
        "",
        f"Montant : {amount:,.2f} {row['currency']}".replace(",", " "),
        "Document de démonstration (Maillage).",
    ]
    for text in lines:
        pdf.multi_cell(0, 6, _latin(text), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _latin(text: str) -> str:
    """What the PDF core fonts (cp1252) can draw: a few typographic signs replaced."""
    return (
        text.translate({0x2013: "-", 0x2014: "-", 0x2019: "'", 0x202F: " "})
        .encode("cp1252", "replace")
        .decode("cp1252")
    )


def receipt_upload(row: dict[str, Any], day: dt.date, amount: Decimal, project: Project) -> Any:
    name = f"facture-{day:%Y%m%d}.pdf"
    return SimpleUploadedFile(
        name, receipt_pdf(row, day, amount, project), content_type="application/pdf"
    )


def _reports(spec: dict[str, Any], users: dict[str, User], grants: dict[str, Grant]) -> int:
    from maillage.core.services import service_for

    service = service_for(FinancialReport)
    for row in spec["reports"]:
        service.create(
            data={
                "grant": grants[row["grant"]],
                "period_start_on": row["period_start_on"],
                "period_end_on": row["period_end_on"],
                "status": row["status"],
                "note": row.get("note", ""),
            },
            by=users[row["by"]],
        )
    return len(spec["reports"])
