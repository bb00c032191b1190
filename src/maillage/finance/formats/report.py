"""A financial report as funders read it: an XLSX or ODS workbook (`render_xlsx`,
`render_ods`) and the zip of its receipts (`receipts_zip`), from `ReportData`
(`finance.selectors.reports.collect`).

Sheet 1, the report: the grant and period; the lines × forecast, actual, variance, %;
the totals per currency of the expenses (their amount, the share charged to the grant,
that share in the report's currency and in euros); the rates used; the exchange
differences. Sheet 2, the expenses, each with the rate it was converted at and the names
of its receipts — the names of the files in the zip.

Amounts are numbers (Decimal) in cells, never text: the funder's spreadsheet adds them up.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from maillage.finance.formats.workbook import Sheet, write_workbook
from maillage.finance.models.rates import BASE_CURRENCY, plain
from maillage.finance.selectors.reports import ReportData

EXPENSE_WIDTHS = (16, 11, 28, 40, 10, 24, 8, 14, 14, 12, 14, 14, 40, 30)


def _percent(value: Decimal | None) -> Any:
    return value if value is not None else ""


def report_sheet(data: ReportData) -> Sheet:
    report, cur = data.report, data.currency
    sheet = Sheet(_("Financial report"), widths=(14, 40, 24, 16, 16, 16, 16))
    sheet.add([_("Financial report — %(grant)s") % {"grant": report.grant}], "title")
    project = data.project
    call = report.grant.application.call if report.grant.application_id else None
    sheet.add([_("Project"), str(project) if project is not None else ""])
    if call is not None:
        sheet.add([_("Funder"), str(call.instrument.donor)])
        sheet.add([_("Call"), str(call)])
    sheet.add([_("Agreement"), str(report.grant.agreement)])
    sheet.add([_("Period"), report.period_start_on, report.period_end_on])
    sheet.add([_("Currency of the report"), cur])
    sheet.add([_("Status"), str(report.get_status_display())])
    sheet.blank()
    sheet.add([_("Budget vs actual")], "total")
    sheet.add(
        [
            _("Code"),
            _("Budget line"),
            _("Cost category"),
            _("Forecast (%(currency)s)") % {"currency": cur},
            _("Actual (%(currency)s)") % {"currency": cur},
            _("Variance (%(currency)s)") % {"currency": cur},
            _("Spent (%)"),
        ],
        "header",
    )
    for line in data.lines:
        sheet.add(
            [
                line.code,
                line.label,
                line.category,
                line.forecast,
                line.actual,
                line.variance,
                _percent(line.percent),
            ]
        )
    sheet.add(
        [
            _("Total"),
            "",
            "",
            data.forecast,
            data.actual,
            data.variance,
            _percent(data.percent),
        ],
        "total",
    )
    sheet.blank()
    sheet.add([_("Validated expenses by currency")], "total")
    sheet.add(
        [
            _("Currency"),
            _("Expenses"),
            "",
            _("Amount of the expenses"),
            _("Charged to the grant"),
            _("Charged (%(currency)s)") % {"currency": cur},
            _("Charged (%(currency)s)") % {"currency": BASE_CURRENCY},
        ],
        "header",
    )
    for total in data.totals:
        sheet.add(
            [
                total.currency,
                total.expenses,
                "",
                total.amount,
                total.charged,
                total.charged_report,
                total.charged_eur,
            ]
        )
    sheet.add([_("Total"), len(data.expenses), "", "", "", data.actual, data.actual_eur], "total")
    sheet.blank()
    sheet.add([_("Exchange rates used")], "total")
    sheet.add(
        [_("Currency"), _("Rate (1 EUR =)"), _("Source"), _("Rate date"), _("Expenses")],
        "header",
    )
    for used in data.rates:
        rate = used.rate
        sheet.add([rate.currency, plain(rate.per_euro), rate.label, rate.on or "", used.expenses])
    if not data.rates:
        sheet.add([_("All the expenses are in the report's currency: no conversion.")])
    if data.differences:
        sheet.blank()
        sheet.add([_("Exchange differences")], "total")
        sheet.add(
            [
                _("Currency"),
                _("Charged"),
                "",
                _("At the contractual rate (%(currency)s)") % {"currency": cur},
                _("At the rates of the dates (%(currency)s)") % {"currency": cur},
                _("Difference (%(currency)s)") % {"currency": cur},
            ],
            "header",
        )
        for diff in data.differences:
            sheet.add(
                [
                    diff.currency,
                    diff.charged,
                    "",
                    diff.at_contractual,
                    diff.at_market,
                    diff.difference,
                ]
            )
    for problem in data.problems:
        sheet.add([_("Warning"), problem])
    return sheet


def expenses_sheet(data: ReportData, advance: Callable[[], None] | None = None) -> Sheet:
    cur = data.currency
    sheet = Sheet(_("Expenses"), widths=EXPENSE_WIDTHS)
    sheet.add(
        [
            _("Reference"),
            _("Date"),
            _("Payee"),
            _("Description"),
            _("Line"),
            _("Cost category"),
            _("Currency"),
            _("Amount"),
            _("Charged to the grant"),
            _("Rate"),
            _("Charged (%(currency)s)") % {"currency": cur},
            _("Charged (%(currency)s)") % {"currency": BASE_CURRENCY},
            _("Rate used"),
            _("Receipts"),
        ],
        "header",
    )
    for item in data.expenses:
        sheet.add(
            [
                item.reference,
                item.spent_on,
                item.payee,
                item.description,
                item.line_code,
                item.category,
                item.currency,
                item.amount,
                item.charged,
                plain(item.rate) if item.rate is not None else "",
                item.charged_report if item.charged_report is not None else "",
                item.charged_eur if item.charged_eur is not None else "",
                item.rate_text,
                item.receipt_names,
            ]
        )
        if advance is not None:
            advance()
    sheet.add(
        [_("Total"), "", "", "", "", "", "", "", "", "", data.actual, data.actual_eur],
        "total",
    )
    return sheet


def render(data: ReportData, fmt: str, advance: Callable[[], None] | None = None) -> bytes:
    return write_workbook(fmt, [report_sheet(data), expenses_sheet(data, advance)])


def render_xlsx(data: ReportData) -> bytes:
    return render(data, "xlsx")


def render_ods(data: ReportData) -> bytes:
    return render(data, "ods")


def receipts_zip(data: ReportData, advance: Callable[[], None] | None = None) -> bytes:
    """The receipts of the report's expenses, each named by its expense's reference."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in data.expenses:
            for receipt in item.receipts:
                with receipt.receipt.file.open("rb") as source:
                    archive.writestr(receipt.name, source.read())
            if advance is not None:
                advance()
    return out.getvalue()


def file_stem(data: ReportData) -> str:
    report = data.report
    return "{}-{}-{}".format(
        _("financial-report"),
        date_format(report.period_start_on, "Ymd"),
        date_format(report.period_end_on, "Ymd"),
    )
