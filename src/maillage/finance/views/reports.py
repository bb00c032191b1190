"""Pages of financial reports (E4) and of the accounting export (FEC). A report's page
shows its figures (`collect`); its XLSX, ODS and receipts' zip are written by a
background job (like every export), whose page shows the progress and offers the file."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.validators import RegexValidator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from maillage.core.crud import Column, CrudViews
from maillage.core.dates import END_BEFORE_START
from maillage.core.forms import DateInput
from maillage.core.jobs import start_job
from maillage.core.services import today_for
from maillage.finance.filters.reports import FinancialReportFilterSet
from maillage.finance.forms.reports import FinancialReportForm
from maillage.finance.jobs_reports import FEC_HANDLER, REPORT_FORMATS, REPORT_HANDLER
from maillage.finance.models import FinancialReport
from maillage.finance.selectors.reports import collect, report_queryset

FORMAT_NAMES = {
    "xlsx": gettext_lazy("Excel (XLSX)"),
    "ods": gettext_lazy("OpenDocument (ODS)"),
    "zip": gettext_lazy("Receipts (zip)"),
}


class FinancialReportViews(CrudViews):
    model = FinancialReport
    form_class = FinancialReportForm
    filterset_class = FinancialReportFilterSet
    select_related = (
        "grant__application__project",
        "grant__application__call__instrument__donor__organisation",
        "grant__agreement",
    )
    searchable = False
    columns = (
        Column("grant", link=True, sort=False, display=lambda r: str(r)),
        Column("period_start_on"),
        Column("period_end_on"),
        Column("status"),
    )
    detail_fields = ("grant", "period_start_on", "period_end_on", "status", "note")
    initial_from_query = ("grant",)

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return {
            "data": collect(obj),
            "formats": [(fmt, FORMAT_NAMES[fmt]) for fmt in REPORT_FORMATS],
        }


@login_required
@require_POST
def financial_report_export(request: HttpRequest, pk: int) -> HttpResponse:
    """POST: start the job that writes the report (xlsx, ods) or its receipts (zip)."""
    report = get_object_or_404(
        report_queryset(FinancialReportViews.base_queryset(request.user)), pk=pk
    )
    fmt = request.POST.get("format", "")
    if fmt not in REPORT_FORMATS:
        raise PermissionDenied(_("This export is not available."))
    job = start_job(
        handler=REPORT_HANDLER,
        title=_("%(report)s (%(format)s)") % {"report": report, "format": FORMAT_NAMES[fmt]},
        params={"report": report.pk, "format": fmt},
        user=request.user,
    )
    return HttpResponseRedirect(job.get_absolute_url())


# -- FEC ----------------------------------------------------------------------------------


class FecForm(forms.Form):
    start_on = forms.DateField(label=gettext_lazy("From"), widget=DateInput())
    end_on = forms.DateField(label=gettext_lazy("To"), widget=DateInput())
    siren = forms.CharField(
        label=gettext_lazy("SIREN of the accounting entity"),
        max_length=9,
        validators=[RegexValidator(r"^\d{9}$", gettext_lazy("A SIREN is nine digits."))],
        help_text=gettext_lazy("It names the file, as the legal text requires."),
    )
    separator = forms.ChoiceField(
        label=gettext_lazy("Column separator"),
        choices=[("tab", gettext_lazy("Tab")), ("pipe", gettext_lazy("Vertical bar (|)"))],
        initial="tab",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_on"), data.get("end_on")
        if start and end and end < start:
            self.add_error("end_on", END_BEFORE_START)
        return data


@login_required
def fec_export(request: HttpRequest) -> HttpResponse:
    """The accountant's page: the FEC of a period, written by a background job."""
    if not getattr(request.user, "is_internal", False):
        raise PermissionDenied(_("The accounting export is for the service's staff."))
    if request.method == "POST":
        form = FecForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            job = start_job(
                handler=FEC_HANDLER,
                title=_("Accounting export (FEC) %(start)s – %(end)s")
                % {"start": data["start_on"].isoformat(), "end": data["end_on"].isoformat()},
                params={
                    "from": data["start_on"].isoformat(),
                    "to": data["end_on"].isoformat(),
                    "siren": data["siren"],
                    "separator": data["separator"],
                },
                user=request.user,
            )
            return HttpResponseRedirect(job.get_absolute_url())
        status = 422
    else:
        today = today_for(request.user)
        form = FecForm(
            initial={
                "start_on": dt.date(today.year - 1, 1, 1),
                "end_on": dt.date(today.year - 1, 12, 31),
                "siren": getattr(settings, "FEC_SIREN", ""),
                "separator": "tab",
            }
        )
        status = 200
    return render(
        request,
        "finance/fec_export.html",
        {"form": form, "accounts": account_table()},
        status=status,
    )


def account_table() -> list[tuple[str, str, str]]:
    """Each cost category and the account its expenses are booked to."""
    from maillage.finance.formats import fec
    from maillage.funding.models import CostCategory

    rows = []
    for value, label in CostCategory.choices:
        if value == fec.IN_KIND_CATEGORY:
            account = fec.IN_KIND_USED
        else:
            account = fec.EXPENSE_ACCOUNTS.get(value, fec.EXPENSE_ACCOUNTS["other"])
        rows.append((str(label), account[0], account[1]))
    return rows
