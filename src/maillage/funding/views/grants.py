"""Pages of grants, with their tranches and reporting obligations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from maillage.core import hooks
from maillage.core.concurrency import VersionConflict, parse_version
from maillage.core.crud import Column, CrudViews
from maillage.core.crud_children import ChildViews
from maillage.core.services import error_dict, today_for
from maillage.funding.filters.grants import GrantFilterSet
from maillage.funding.forms.grants import (
    GrantForm,
    ReportingObligationForm,
    ScheduleFormSet,
    TrancheForm,
)
from maillage.funding.models import Grant, ReportingObligation, Tranche
from maillage.funding.selectors.grants import grant_detail
from maillage.funding.services.grants import SCHEDULE, GrantService


class GrantViews(CrudViews):
    model = Grant
    form_class = GrantForm
    filterset_class = GrantFilterSet
    select_related = ("application__call__instrument", "application__project", "agreement")
    searchable = False
    columns = (
        Column("application", link=True, sort=False),
        Column("agreement", sort="agreement__title"),
        Column("amount", money="currency"),
        Column("start_on"),
        Column("end_on"),
    )
    detail_fields = ("application", "agreement", "start_on", "end_on", "conditions")
    # "Record the grant" from a granted application's page starts from it.
    initial_from_query = ("application", "agreement")

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return {
            **grant_detail(grant=obj, today=today_for(user)),
            # What the apps above add (finance: contractual rates, financial reports).
            "sections": hooks.collect(hooks.GRANT_SECTIONS, obj, user),
        }


class TrancheViews(ChildViews):
    parent = GrantViews
    child_model = Tranche
    form_class = TrancheForm
    parent_field = "grant"

    @classmethod
    def form_kwargs(cls, request: HttpRequest, parent: Any) -> dict[str, Any]:
        return {"grant": parent}


class ReportingObligationViews(ChildViews):
    parent = GrantViews
    child_model = ReportingObligation
    form_class = ReportingObligationForm
    parent_field = "grant"
    route_name = "obligation"


@login_required
def grant_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole tranche schedule, edited at once: it must add up to the grant's amount
    (GrantService, as the API's `tranches`); nothing is saved otherwise."""
    grant = get_object_or_404(GrantViews.base_queryset(request.user), pk=pk)
    if not GrantViews.may_change(grant, request.user):
        raise PermissionDenied(_("Your role does not allow changes here."))
    tranches = Tranche.objects.filter(grant=grant).order_by("position", "pk")
    kwargs = {"queryset": tranches, "form_kwargs": {"grant": grant}, "prefix": "tranches"}
    formset = ScheduleFormSet(request.POST or None, **kwargs)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if formset.is_valid():
            rows = [
                {k: v for k, v in form.cleaned_data.items() if k not in ("id", "DELETE")}
                for form in formset.forms
                if form.cleaned_data
                and not form.cleaned_data.get("DELETE")
                and form.cleaned_data.get("expected_amount") is not None
            ]
            try:
                GrantService.update(
                    obj=grant,
                    data={SCHEDULE: rows},
                    by=request.user,
                    version=parse_version(request.POST.get("version")),
                )
            except VersionConflict:
                errors.append(_("Someone changed this grant meanwhile: reload the page."))
            except ValidationError as error:
                errors += [m for messages_ in error_dict(error).values() for m in messages_]
            else:
                messages.success(request, _("Tranche schedule saved."))
                return redirect(grant.get_absolute_url())
        status = 422
    context = {"object": grant, "formset": formset, "errors": errors}
    return render(request, "funding/grant_schedule.html", context, status=status)
