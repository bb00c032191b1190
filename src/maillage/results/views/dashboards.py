"""Dashboard pages of results: an indicator's actual against its targets over time, a
project's results page, and the aggregated views of a programme, a donor, a country and
an SDG (staff only, as programmes and donors are the service's own)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from maillage.core.reference import country_name
from maillage.core.services import today_for
from maillage.funding.models import Donor
from maillage.projects.models import PartnerRole, Programme, Project
from maillage.results.models import Indicator
from maillage.results.selectors.dashboards import (
    aggregate_results,
    indicator_results,
    project_results,
)
from maillage.results.services.values import may_edit
from maillage.results.views.values import IndicatorValueViews


@login_required
def indicator_results_page(request: HttpRequest, pk: int) -> HttpResponse:
    """An indicator's periods, targets and approved actuals as a chart and a table, its
    status by the rule, and every update with its status."""
    indicator = get_object_or_404(
        Indicator.objects.visible_to(request.user).select_related("project", "result"), pk=pk
    )
    context = indicator_results(
        indicator=indicator, user=request.user, today=today_for(request.user)
    )
    may_write = IndicatorValueViews.may_write(request.user)
    context.update(
        {
            "indicator": indicator,
            "project": indicator.project,
            "may_enter": may_write,
            "editable": {
                v.pk for v in context["values"] if may_write and may_edit(v, request.user)
            },
        }
    )
    return render(request, "results/indicator_results.html", context)


@login_required
def project_results_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A project's progress towards its targets: each indicator's status in words and
    colour, the overview chart with its table, and the rule explained."""
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    results = project_results(project=project, user=request.user, today=today_for(request.user))
    context = {
        "project": project,
        "results": results,
        "may_enter": IndicatorValueViews.may_write(request.user),
    }
    return render(request, "results/project_results.html", context)


def _staff(request: HttpRequest) -> None:
    if not getattr(request.user, "is_internal", False):
        raise PermissionDenied(_("The aggregated results are for the service's staff."))


def _render_aggregate(
    request: HttpRequest, *, title: str, kind: str, indicators: Any
) -> HttpResponse:
    aggregate = aggregate_results(
        indicators=indicators, user=request.user, today=today_for(request.user)
    )
    context = {"title": title, "kind": kind, "aggregate": aggregate}
    return render(request, "results/aggregate_results.html", context)


def _visible_indicators(request: HttpRequest) -> Any:
    return Indicator.objects.visible_to(request.user).filter(project__deleted_at__isnull=True)


@login_required
def programme_results_page(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    programme = get_object_or_404(Programme.objects.visible_to(request.user), pk=pk)
    return _render_aggregate(
        request,
        title=str(programme),
        kind=_("Programme"),
        indicators=_visible_indicators(request).filter(project__programme=programme),
    )


@login_required
def donor_results_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The results of the projects a donor funds (a funder of their consortium)."""
    _staff(request)
    donor = get_object_or_404(
        Donor.objects.visible_to(request.user).select_related("organisation"), pk=pk
    )
    funded = Project.objects.filter(
        partners__organisation_id=donor.organisation_id, partners__role=PartnerRole.FUNDER
    ).values("pk")
    return _render_aggregate(
        request,
        title=str(donor),
        kind=_("Donor"),
        indicators=_visible_indicators(request).filter(project__in=funded),
    )


@login_required
def country_results_page(request: HttpRequest, code: str) -> HttpResponse:
    _staff(request)
    code = code.upper()
    name = country_name(code)
    if not name or name == code:
        raise Http404
    return _render_aggregate(
        request,
        title=name,
        kind=_("Country"),
        indicators=_visible_indicators(request).filter(project__country=code),
    )


@login_required
def sdg_results_page(request: HttpRequest, code: str) -> HttpResponse:
    """An SDG (goal "4", target "4.4" or indicator "4.4.1"): the indicators linked to it."""
    _staff(request)
    parts = code.split(".")
    if not 1 <= len(parts) <= 3 or not all(p.isalnum() and len(p) <= 2 for p in parts):
        raise Http404
    indicators = _visible_indicators(request).filter(
        Q(sdg_indicator=code) | Q(sdg_indicator__startswith=f"{code}.")
    )
    return _render_aggregate(
        request, title=_("SDG %(code)s") % {"code": code}, kind=_("SDG"), indicators=indicators
    )


@login_required
def dashboards_page(request: HttpRequest) -> HttpResponse:
    """Where the aggregated views start: the programmes, donors, countries and SDGs that
    have indicators, with their numbers of indicators."""
    _staff(request)
    indicators = _visible_indicators(request)
    programmes = (
        Programme.objects.visible_to(request.user)
        .annotate(
            n=Count("projects__indicators", filter=Q(projects__indicators__deleted_at__isnull=True))
        )
        .filter(n__gt=0)
        .order_by("code")
    )
    donors_seen = Donor.objects.visible_to(request.user)
    # Only the funders that are donors: counting the indicators of every funder (thousands
    # of organisations) to keep a dozen was most of the page.
    funders = (
        indicators.filter(
            project__partners__role=PartnerRole.FUNDER,
            project__partners__organisation__in=donors_seen.values("organisation"),
        )
        .values("project__partners__organisation")
        .annotate(n=Count("pk", distinct=True))
    )
    counts = {row["project__partners__organisation"]: row["n"] for row in funders}
    donors = [
        (donor, counts[donor.organisation_id])
        for donor in donors_seen.filter(organisation_id__in=list(counts))
        .select_related("organisation")
        .order_by("organisation__name")
    ]
    countries = [
        (row["project__country"], country_name(row["project__country"]), row["n"])
        for row in indicators.values("project__country")
        .annotate(n=Count("pk"))
        .order_by("project__country")
    ]
    goals = sorted(
        {
            code.split(".")[0]
            for code in indicators.exclude(sdg_indicator="")
            .order_by()
            .values_list("sdg_indicator", flat=True)
            .distinct()
        },
        key=int,
    )
    context = {
        "programmes": programmes,
        "donors": donors,
        "countries": countries,
        "goals": goals,
    }
    return render(request, "results/dashboards.html", context)
