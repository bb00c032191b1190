"""Success figures: applications by donor, instrument and year, the success rate and the
amounts requested and obtained — a chart, the table, and the same table as CSV."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from maillage.core.charts import bar_chart
from maillage.core.exports import FORMATS, format_label, write_table
from maillage.core.formatting import format_money
from maillage.core.uploads import attachment_header
from maillage.funding.selectors.calls import Figures, figure_years, success_figures


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


def _chart(figures: Figures) -> Any:
    """Requested and obtained per donor, in the currency most of the applications use."""
    if not figures.totals:
        return None
    currency = max(figures.totals.values(), key=lambda t: t.applications).currency
    by_donor: dict[str, dict[str, Decimal]] = {}
    for row in figures.rows:
        if row.currency != currency:
            continue
        sums = by_donor.setdefault(row.donor, {"requested": Decimal(0), "obtained": Decimal(0)})
        sums["requested"] += row.requested
        sums["obtained"] += row.obtained
    requested, obtained = _("Requested"), _("Obtained")
    data = [
        {"donor": donor, "kind": label, "amount": sums[key]}
        for donor, sums in by_donor.items()
        for key, label in (("requested", requested), ("obtained", obtained))
    ]
    return bar_chart(
        data,
        category="donor",
        value="amount",
        series="kind",
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


@login_required
def success_figures_page(request: HttpRequest) -> HttpResponse:
    if not getattr(request.user, "is_internal", False):
        raise PermissionDenied(_("The funding area is for the service's staff."))
    years = figure_years(user=request.user)
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and int(year_text) in years else None
    figures = success_figures(user=request.user, year=year)
    fmt = request.GET.get("format", "")
    if fmt in CSV_FORMATS:
        headers, rows = figures_table(figures)
        response = HttpResponse(write_table(fmt, headers, rows), FORMATS[fmt][0])
        name = _("funding-success") + (f"-{year}" if year else "")
        response["Content-Disposition"] = attachment_header(f"{name}.csv")
        return response
    totals = [
        {
            "row": t,
            "requested": format_money(t.requested, t.currency),
            "obtained": format_money(t.obtained, t.currency),
        }
        for t in figures.totals.values()
    ]
    context = {
        "figures": figures,
        "rows": [
            {
                "row": r,
                "requested": format_money(r.requested, r.currency),
                "obtained": format_money(r.obtained, r.currency),
            }
            for r in figures.rows
        ],
        "totals": totals,
        "chart": _chart(figures),
        "years": years,
        "year": year,
        "downloads": [(fmt, format_label(fmt)) for fmt in CSV_FORMATS],
    }
    return render(request, "funding/success_figures.html", context)
