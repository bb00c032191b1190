"""The project's budget follow-up (E3): budget vs actual by line, category, funder or
year, with a chart and its table; and the tranche cash-flow per funder. Both start from
the projects the user sees; funders are internal (partners see neither the funder view
nor the cash-flow)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from maillage.core.charts import Chart, bar_chart, line_chart
from maillage.core.services import today_for
from maillage.finance.selectors.cashflow import CashFlow, tranche_cash_flow
from maillage.finance.selectors.followup import (
    GROUPINGS,
    Followup,
    budget_vs_actual,
    grant_label,
    grouping_labels,
)
from maillage.projects.models import Project


def groupings_for(user: Any) -> list[str]:
    """Funders are internal records: partners follow by line, category and year."""
    internal = getattr(user, "is_internal", False)
    return [g for g in GROUPINGS if internal or g != "funder"]


def followup_chart(followup: Followup) -> Chart | None:
    if not followup.rows:
        return None
    forecast, actual = _("Forecast"), _("Actual")
    data = [
        {"group": row.label, "kind": kind, "amount": amount}
        for row in followup.rows
        for kind, amount in ((forecast, row.forecast_budget), (actual, row.actual_budget))
    ]
    currency = followup.currency
    return bar_chart(
        data,
        category="group",
        value="amount",
        series="kind",
        keep_order=True,
        title=_("Forecast and actual (%(currency)s)") % {"currency": currency},
        description=_(
            "For each group, the forecast of the budget version in force and the validated "
            "expenses, in %(currency)s."
        )
        % {"currency": currency},
        category_title=grouping_labels()[followup.by],
        value_title=currency,
        slug=f"followup-{followup.by}",
    )


def column_labels() -> dict[str, str]:
    return {
        "line": _("Budget line"),
        "category": _("Cost category"),
        "funder": _("Funder"),
        "period": _("Year"),
    }


@login_required
def project_followup(request: HttpRequest, pk: int) -> HttpResponse:
    """The *Budget follow-up* tab ("Suivi budgétaire")."""
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    offered = groupings_for(request.user)
    by = request.GET.get("by", "line")
    if by not in offered:
        by = "line"
    today = today_for(request.user)
    followup = budget_vs_actual(project=project, by=by, today=today)
    labels = grouping_labels()
    context = {
        "project": project,
        "followup": followup,
        "by": by,
        "by_label": {
            "line": _("Budget line"),
            "category": _("Cost category"),
            "funder": _("Funder"),
            "period": _("Year"),
        }[by],
        "groupings": [(key, labels[key]) for key in offered],
        "chart": followup_chart(followup) if followup is not None else None,
        "internal": getattr(request.user, "is_internal", False),
        "today": today,
    }
    return render(request, "finance/project_followup.html", context)


def cash_flow_chart(flow: CashFlow) -> Chart | None:
    if not flow.months:
        return None
    received, spent = _("received"), _("spent")
    data = []
    currencies = {row.currency for row in flow.rows}
    for month in flow.months:
        name = grant_label(month["grant"])
        day = dt.date.fromisoformat(month["month"] + "-01")
        data.append({"month": day, "series": f"{name}: {received}", "amount": month["received"]})
        data.append({"month": day, "series": f"{name}: {spent}", "amount": month["spent"]})
    currency = ", ".join(sorted(currencies))
    return line_chart(
        data,
        x="month",
        y="amount",
        series="series",
        time_unit="yearmonth",
        title=_("Tranches received and expenses charged, cumulated (%(currency)s)")
        % {"currency": currency},
        description=_(
            "For each grant, the tranches received and the validated expenses charged to "
            "it, added up month by month."
        ),
        x_title=_("Month"),
        y_title=currency,
        slug="cash-flow",
    )


@login_required
def project_cash_flow(request: HttpRequest, pk: int) -> HttpResponse:
    """Tranches received vs spent per funder of the project (internal)."""
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    if not getattr(request.user, "is_internal", False):
        raise PermissionDenied(_("The funders' figures are for the service's staff."))
    flow = tranche_cash_flow(project=project)
    context = {
        "project": project,
        "flow": flow,
        "rows": [(row, grant_label(row.grant)) for row in flow.rows],
        "chart": cash_flow_chart(flow),
    }
    return render(request, "finance/project_cash_flow.html", context)
