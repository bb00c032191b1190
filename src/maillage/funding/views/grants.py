"""Pages of grants, with their tranches and reporting obligations."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from maillage.core.crud import Column, CrudViews
from maillage.core.crud_children import ChildViews
from maillage.core.services import today_for
from maillage.funding.filters.grants import GrantFilterSet
from maillage.funding.forms.grants import GrantForm, ReportingObligationForm, TrancheForm
from maillage.funding.models import Grant, ReportingObligation, Tranche
from maillage.funding.selectors.grants import grant_detail


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
        return grant_detail(grant=obj, today=today_for(user))


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
