"""Pages of projects and their hierarchy: strategies, programmes, projects with their
overview, consortium, team, sectors, locations and policy markers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from maillage.core.crud import Column, CrudViews
from maillage.core.crud_children import ChildViews
from maillage.core.services import error_dict
from maillage.projects import selectors
from maillage.projects.filters import ProgrammeFilterSet, ProjectFilterSet, StrategyFilterSet
from maillage.projects.forms import (
    LocationForm,
    MembershipForm,
    PartnerForm,
    PolicyMarkerForm,
    ProgrammeForm,
    ProjectForm,
    SectorFormSet,
    StrategyForm,
)
from maillage.projects.models import (
    Programme,
    Project,
    ProjectLocation,
    ProjectMembership,
    ProjectPartner,
    ProjectPolicyMarker,
    Strategy,
)
from maillage.projects.services import set_sectors


class StrategyViews(CrudViews):
    model = Strategy
    form_class = StrategyForm
    filterset_class = StrategyFilterSet
    select_related = ("owner_organisation",)
    columns = (
        Column("title", link=True),
        Column("owner_organisation", sort="owner_organisation__name"),
        Column("start_on"),
        Column("end_on"),
    )
    detail_fields = ("title", "owner_organisation", "description", "start_on", "end_on")

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return {"programmes": selectors.strategy_programmes(strategy=obj, user=user)}


class ProgrammeViews(CrudViews):
    model = Programme
    form_class = ProgrammeForm
    filterset_class = ProgrammeFilterSet
    select_related = ("strategy", "owner")
    columns = (
        Column("code", link=True),
        Column("title"),
        Column("strategy", sort="strategy__title"),
        Column("start_on"),
        Column("end_on"),
        Column("owner", sort="owner__last_name"),
    )
    detail_fields = ("code", "title", "strategy", "description", "start_on", "end_on", "owner")

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return {"projects": selectors.programme_projects(programme=obj, user=user)}


class ProjectViews(CrudViews):
    model = Project
    tabs_template = "projects/_tabs.html"
    form_class = ProjectForm
    filterset_class = ProjectFilterSet
    select_related = ("owner", "programme")
    columns = (
        Column("code", link=True),
        Column("title"),
        Column("status"),
        Column("country"),
        Column("start_on"),
        Column("end_on"),
        Column("budget", money="currency"),
        Column("owner", sort="owner__last_name"),
    )
    detail_fields = (
        "code",
        "title_en",
        "programme",
        "status",
        "country",
        "start_on",
        "end_on",
        "actual_start_on",
        "actual_end_on",
        "owner",
    )

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return selectors.project_overview(project=obj, user=user)


# -- the project's descriptive rows: added, edited and removed from its page ----------


class LocationViews(ChildViews):
    parent = ProjectViews
    child_model = ProjectLocation
    route_name = "location"
    form_class = LocationForm
    parent_field = "project"


class PolicyMarkerViews(ChildViews):
    parent = ProjectViews
    child_model = ProjectPolicyMarker
    route_name = "policymarker"
    form_class = PolicyMarkerForm
    parent_field = "project"


class PartnerViews(ChildViews):
    """An organisation of the consortium, its role and its share."""

    parent = ProjectViews
    child_model = ProjectPartner
    route_name = "partner"
    form_class = PartnerForm
    parent_field = "project"


class MemberViews(ChildViews):
    parent = ProjectViews
    child_model = ProjectMembership
    route_name = "member"
    form_class = MembershipForm
    parent_field = "project"


class SectorsView(LoginRequiredMixin, View):
    """A project's DAC sectors, edited together: their percentages must sum to 100."""

    template_name = "projects/project_sectors.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.project = get_object_or_404(ProjectViews.base_queryset(request.user), pk=kwargs["pk"])
        if not ProjectViews.may_change(self.project, request.user):
            raise PermissionDenied(_("Your role does not allow changes here."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        initial = [
            {"sector": row.sector_id, "percentage": row.percentage}
            for row in self.project.sectors.all()
        ]
        return self.render(SectorFormSet(initial=initial, prefix="sectors"))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        formset = SectorFormSet(request.POST, prefix="sectors")
        if formset.is_valid():
            rows = [
                (form.cleaned_data["sector"], form.cleaned_data["percentage"])
                for form in formset.forms
                if form.cleaned_data.get("sector") and not form.cleaned_data.get("DELETE")
            ]
            try:
                set_sectors(project=self.project, rows=rows, by=request.user)
            except ValidationError as error:
                # The service's refusal of the whole set, where the formset shows its own.
                refused = [m for msgs in error_dict(error).values() for m in msgs]
                formset._non_form_errors = formset.error_class(refused)
            else:
                messages.success(request, _("Sectors saved."))
                return redirect(self.project.get_absolute_url())
        messages.error(request, _("Please correct the errors below."))
        return self.render(formset, status=422)

    def render(self, formset: Any, status: int = 200) -> HttpResponse:
        # The sectors offered, read once for every row: each row's select read and built
        # them again (4 × 295 at national scale; with Django's per-option templates the
        # page took 113 ms, SQLite).
        rows = list(formset.forms)
        if rows:
            offered = list(rows[0].fields["sector"].choices)
            for form in rows[1:]:
                form.fields["sector"].choices = offered
        context = {"project": self.project, "formset": formset, "tab": "detail"}
        return render(self.request, self.template_name, context, status=status)
