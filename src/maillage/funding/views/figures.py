"""Success figures: applications by year and by donor (a donor's by instrument and year),
the success rate and the amounts requested and obtained — a chart, the tables, and every
figure by donor, instrument and year as CSV."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from maillage.core.charts import bar_chart
from maillage.core.collation import sort_key
from maillage.core.exports import FORMATS, format_label, write_table
from maillage.core.formatting import format_money
from maillage.core.uploads import attachment_header
from maillage.funding.models import Donor
from maillage.funding.selectors.calls import (
    FigureRow,
    Figures,
    FigureSummary,
    figure_summary,
    figure_years,
    success_figures,
)


def figures_table(figures: Figures) -> tuple[list[str], list[list[Any]]]:
    headers = [
        _("Year"),
        _("Donor"),
        _("Instrument"),
        _("Applications"),
        _("Submitted"),
        _("Granted"),
        _("Rejected"),
        _("Success rate (%)"),
        _("Currency"),
        _("Amount requested"),
        _("Amount obtained"),
    ]
    rows = [
        [
            r.year,
            r.donor,
            r.instrument,
            r.applications,
            r.submitted,
            r.granted,
            r.rejected,
            r.success_rate if r.success_rate is not None else "",
            r.currency,
            r.requested,
            r.obtained,
        ]
        for r in figures.rows
    ]
    return headers, rows


def _chart(summary: FigureSummary, others: str) -> Any:
    """Requested and obtained per donor (the summary's donors, then the others), in the
    currency most of the applications use."""
    if not summary.totals:
        return None
    currency = max(summary.totals.values(), key=lambda t: t.applications).currency
    requested, obtained = _("Requested"), _("Obtained")
    data = [
        {"donor": row.donor or others, "kind": label, "amount": amount}
        for row in summary.by_donor
        if row.currency == currency
        for label, amount in ((requested, row.requested), (obtained, row.obtained))
    ]
    return bar_chart(
        data,
        category="donor",
        value="amount",
        series="kind",
        keep_order=True,
        title=_("Amounts requested and obtained by donor (%(currency)s)") % {"currency": currency},
        description=_(
            "For each donor, the amount requested by the applications submitted and the "
            "amount of the grants obtained."
        ),
        category_title=_("Donor"),
        value_title=currency,
        slug="funding-success",
    )


# The comma layout, and the semicolon one French spreadsheets open by double-click.
CSV_FORMATS = ("csv", "csv-semicolon")


def _choice(text: str, allowed: set[int]) -> int | None:
    return int(text) if text.isdigit() and int(text) in allowed else None


def _lines(
    rows: list[FigureRow],
    label: Callable[[FigureRow], str],
    url: Callable[[FigureRow], str] = lambda r: "",
) -> list[dict[str, Any]]:
    return [
        {
            "label": label(r),
            "url": url(r),
            "row": r,
            "requested": format_money(r.requested, r.currency),
            "obtained": format_money(r.obtained, r.currency),
        }
        for r in rows
    ]


@login_required
def success_figures_page(request: HttpRequest) -> HttpResponse:
    """The figures by year and by donor (the largest donors, then the others), a donor's
    by instrument and year when one is chosen, every figure in the CSV. A constant
    number of queries whatever the number of applications, donors and instruments."""
    if not getattr(request.user, "is_internal", False):
        raise PermissionDenied(_("The funding area is for the service's staff."))
    years = figure_years(user=request.user)
    year = _choice(request.GET.get("year", ""), set(years))
    donors = sorted(
        Donor.objects.visible_to(request.user).select_related("organisation"),
        key=lambda d: sort_key(str(d)),
    )
    donor = _choice(request.GET.get("donor", ""), {d.pk for d in donors})
    query = {k: v for k, v in (("year", year), ("donor", donor)) if v is not None}
    fmt = request.GET.get("format", "")
    if fmt in CSV_FORMATS:
        headers, rows = figures_table(success_figures(user=request.user, year=year, donor=donor))
        response = HttpResponse(write_table(fmt, headers, rows), FORMATS[fmt][0])
        name = _("funding-success") + (f"-{year}" if year else "") + (f"-{donor}" if donor else "")
        response["Content-Disposition"] = attachment_header(f"{name}.csv")
        return response
    summary = figure_summary(user=request.user, year=year, donor=donor)
    others = _("Other donors (%(n)d)") % {"n": summary.other_donors}
    detail = success_figures(user=request.user, year=year, donor=donor) if donor else None

    def drill(row: FigureRow) -> str:
        if row.donor_id is None or donor is not None:
            return ""
        return "?" + urlencode({**query, "donor": row.donor_id})

    context = {
        "summary": summary,
        "by_year": _lines(summary.by_year, lambda r: str(r.year or "—")),
        "by_donor": _lines(summary.by_donor, lambda r: r.donor or others, drill),
        "detail": _lines(detail.rows, lambda r: str(r.year)) if detail else [],
        "totals": _lines(list(summary.totals.values()), lambda r: r.currency),
        "chart": _chart(summary, others),
        "years": years,
        "year": year,
        "donors": donors,
        "donor": donor,
        "donor_name": next((str(d) for d in donors if d.pk == donor), ""),
        "downloads": [
            (label, "?" + urlencode({**query, "format": fmt}))
            for fmt, label in ((f, format_label(f)) for f in CSV_FORMATS)
        ],
    }
    return render(request, "funding/success_figures.html", context)
