"""Pages of indicators (definition, baseline, periods with targets and parts), the
"generate periods" action, the shared definitions (common indicators) and the
disaggregations with their values."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from maillage.core.crud import Column, CrudViews
from maillage.core.crud_children import ChildViews
from maillage.core.services import add_to_form
from maillage.results.filters.logframe import (
    CommonIndicatorFilterSet,
    DimensionFilterSet,
    IndicatorFilterSet,
)
from maillage.results.forms.logframe import (
    CommonIndicatorForm,
    DimensionForm,
    DimensionValueForm,
    GeneratePeriodsForm,
    IndicatorForm,
    IndicatorPeriodForm,
)
from maillage.results.models import (
    CommonIndicator,
    Dimension,
    DimensionValue,
    Indicator,
    IndicatorPeriod,
)
from maillage.results.selectors.indicators import indicator_detail
from maillage.results.services.periods import generate_periods, project_dates


class IndicatorViews(CrudViews):
    model = Indicator
    form_class = IndicatorForm
    filterset_class = IndicatorFilterSet
    select_related = ("project", "result", "common")
    default_ordering = ("project__code", "order", "code")
    initial_from_query = ("project", "result")
    columns = (
        Column("title", link=True),
        Column("code"),
        Column("project", sort="project__code"),
        Column("result", sort="result__code"),
        Column("unit"),
        Column("measure"),
        Column("baseline_value"),
        Column("sdg_indicator"),
    )
    detail_fields = (
        "project", "result", "code", "definition", "kind", "unit", "measure", "direction",
        "aggregation", "baseline_value", "baseline_on", "baseline_comment",
        "means_of_verification", "sdg_indicator", "common", "parts_sum_to_total",
    )  # fmt: skip

    @classmethod
    def form_kwargs(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        return {"user": request.user}

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return {
            **indicator_detail(indicator=obj, user=user),
            "dimensions": list(obj.dimensions.all()),
            "generate_form": GeneratePeriodsForm(initial=_project_span(obj)),
        }


def _project_span(indicator: Indicator) -> dict[str, Any]:
    start, end = project_dates(indicator.project)
    return {"cadence": "year", "starts_on": start, "ends_on": end}


class IndicatorPeriodViews(ChildViews):
    """An indicator's periods and their targets (with parts by disaggregation)."""

    parent = IndicatorViews
    child_model = IndicatorPeriod
    form_class = IndicatorPeriodForm
    parent_field = "indicator"
    route_name = "period"

    @classmethod
    def form_kwargs(cls, request: HttpRequest, parent: Any) -> dict[str, Any]:
        return {"indicator": parent}


class GeneratePeriodsView(LoginRequiredMixin, View):
    """Cut a span into months, quarters, semesters or years: the indicator's periods,
    created through the periods' service."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        indicator = get_object_or_404(
            IndicatorViews.base_queryset(request.user).select_related("project"), pk=pk
        )
        if not IndicatorViews.may_change(indicator, request.user):
            raise PermissionDenied(_("Your role does not allow changes here."))
        form = GeneratePeriodsForm(request.POST)
        if form.is_valid():
            try:
                created = generate_periods(
                    indicator=indicator, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    request,
                    ngettext("%(count)d period added.", "%(count)d periods added.", len(created))
                    % {"count": len(created)},
                )
                return redirect(indicator.get_absolute_url())
        context = {"object": indicator, "form": form}
        return render(request, "results/generate_periods.html", context, status=422)


class CommonIndicatorViews(CrudViews):
    """Shared definitions that programme figures add up on; the network's, not partners'."""

    model = CommonIndicator
    form_class = CommonIndicatorForm
    filterset_class = CommonIndicatorFilterSet
    columns = (
        Column("code", link=True),
        Column("title"),
        Column("unit"),
        Column("measure"),
    )
    detail_fields = ("code", "title", "unit", "measure", "definition")

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        linked = (
            Indicator.objects.visible_to(user)
            .filter(common=obj)
            .select_related("project")
            .order_by("project__code", "code")
        )
        return {"linked": list(linked)}


class DimensionViews(CrudViews):
    """Disaggregations: shared ones (sex, age groups) and a project's own."""

    model = Dimension
    form_class = DimensionForm
    filterset_class = DimensionFilterSet
    select_related = ("project",)
    columns = (
        Column("name", link=True),
        Column("kind"),
        Column("project", sort="project__code"),
    )
    detail_fields = ("name", "kind", "project")

    @classmethod
    def form_kwargs(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        return {"user": request.user}

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return {"values": list(obj.values.all())}


class DimensionValueViews(ChildViews):
    parent = DimensionViews
    child_model = DimensionValue
    form_class = DimensionValueForm
    parent_field = "dimension"
