"""Background jobs of the finance exports (core.jobs, like every export): a financial
report as XLSX or ODS, the zip of its receipts, and the FEC of a period. The job page
shows their progress and offers the file; each checks again what its user may see."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied

from maillage.core.jobs import JobRecovery, register_recovery
from maillage.finance.formats import fec as fec_format
from maillage.finance.formats.report import file_stem, receipts_zip, render
from maillage.finance.models import FinancialReport
from maillage.finance.selectors.reports import collect, report_queryset

REPORT_FORMATS = ("xlsx", "ods", "zip")
SEPARATORS = {"tab": "\t", "pipe": "|"}
REPORT_HANDLER = "maillage.finance.jobs_reports.export_financial_report"
FEC_HANDLER = "maillage.finance.jobs_reports.export_fec"


def export_financial_report(ctx: Any) -> None:
    """The report's workbook, or the zip of its receipts, for the job's user."""
    fmt = ctx.params["format"]
    if fmt not in REPORT_FORMATS:
        raise ValueError(fmt)
    report = report_queryset(FinancialReport.objects.visible_to(ctx.user)).get(
        pk=ctx.params["report"]
    )
    data = collect(report)
    ctx.set_total(len(data.expenses))
    content = receipts_zip(data, ctx.advance) if fmt == "zip" else render(data, fmt, ctx.advance)
    ctx.save_file(f"{file_stem(data)}.{fmt}", content)


def export_fec(ctx: Any) -> None:
    """The FEC of the period, tab- or bar-separated, UTF-8."""
    from maillage.finance.fec import period_expenses, write_period

    if not getattr(ctx.user, "is_internal", False):
        raise PermissionDenied
    start = dt.date.fromisoformat(ctx.params["from"])
    end = dt.date.fromisoformat(ctx.params["to"])
    separator = SEPARATORS[ctx.params.get("separator", "tab")]
    ctx.set_total(period_expenses(start, end).count())
    result = write_period(start, end, separator=separator, advance=ctx.advance)
    for problem in result.problems:
        ctx.message(problem, "warning")
    name = fec_format.file_name(ctx.params.get("siren") or "000000000", end)
    ctx.save_file(name, result.text.encode("utf-8"))


# Exports only read: run again, they write the same file from the data of the day.
register_recovery(REPORT_HANDLER, JobRecovery())
register_recovery(FEC_HANDLER, JobRecovery())
