"""Pages of projects and their hierarchy: strategies, programmes, projects with their
overview, consortium, team, sectors, locations and policy markers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from maillage.core.crud import Column, CrudViews
from maillage.core.crud_children import ChildDeleteView, ChildFormView
from maillage.projects.filters import ProjectFilterSet
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
    FieldUpdate,
    ItemKind,
    PlanItem,
    Programme,
    Project,
    ProjectLocation,
    ProjectMembership,
    ProjectPartner,
    ProjectPolicyMarker,
    Risk,
    Strategy,
    TaskStatus,
)
from maillage.projects.risks import open_risks

OVERVIEW_ROWS = 5  # rows per block of the overview: a director reads it in 30 seconds


class StrategyViews(CrudViews):
    model = Strategy
    form_class = StrategyForm
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
        return {
            "programmes": Programme.objects.visible_to(user)
            .filter(strategy=obj)
            .annotate(project_count=Count("projects", filter=Q(projects__deleted_at=None))),
        }


class ProgrammeViews(CrudViews):
    model = Programme
    form_class = ProgrammeForm
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
        return {"projects": Project.objects.visible_to(user).filter(programme=obj)}


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
        return overview(obj, user)


def overview(project: Project, user: Any) -> dict[str, Any]:
    """What a director reads in 30 seconds: where the project stands, what comes next,
    what is late, what may go wrong, who is in it and what happened lately. A constant
    number of queries whatever the project's size."""
    today = timezone.localdate()
    items = PlanItem.objects.visible_to(user).filter(project=project)
    counts = items.aggregate(
        tasks=Count("pk", filter=Q(kind=ItemKind.TASK)),
        done=Count("pk", filter=Q(kind=ItemKind.TASK, status=TaskStatus.DONE)),
        late=Count("pk", filter=Q(end_on__lt=today) & ~Q(status=TaskStatus.DONE)),
    )
    risks = Risk.objects.visible_to(user).filter(project=project).open()
    return {
        "today": today,
        "plan_counts": counts,
        "next_milestones": items.filter(kind=ItemKind.MILESTONE, end_on__gte=today)
        .exclude(status=TaskStatus.DONE)
        .order_by("end_on", "pk")[:OVERVIEW_ROWS],
        "late_items": items.late(today)
        .select_related("parent")
        .order_by("end_on", "pk")[:OVERVIEW_ROWS],
        "open_risks": open_risks(project, user).select_related("owner")[:OVERVIEW_ROWS],
        "risk_counts": risks.aggregate(
            open=Count("pk"), overdue=Count("pk", filter=Q(review_on__lt=today))
        ),
        "latest_updates": FieldUpdate.objects.visible_to(user)
        .filter(project=project)
        .select_related("author")
        .annotate(photo_count=Count("attachments", filter=Q(attachments__kind="photo")))
        .order_by("-occurred_on", "-pk")[:3],
        "partners": ProjectPartner.objects.visible_to(user)
        .filter(project=project)
        .select_related("organisation")
        .prefetch_related("contacts"),
        "members": ProjectMembership.objects.filter(project=project).select_related("user"),
        "sectors": project.sectors.select_related("sector"),
        "locations": ProjectLocation.objects.filter(project=project),
        "markers": ProjectPolicyMarker.objects.filter(project=project).select_related(
            "marker", "significance"
        ),
        "sdg_targets": project.sdg_targets.all(),
        "tags": project.tags.all(),
    }


# -- the project's descriptive rows --------------------------------------------------


class LocationAddView(ChildFormView):
    parent = ProjectViews
    form_class = LocationForm
    parent_field = "project"


class LocationDeleteView(ChildDeleteView):
    parent = ProjectViews
    child_model = ProjectLocation
    parent_field = "project"


class PolicyMarkerAddView(ChildFormView):
    parent = ProjectViews
    form_class = PolicyMarkerForm
    parent_field = "project"


class PolicyMarkerDeleteView(ChildDeleteView):
    parent = ProjectViews
    child_model = ProjectPolicyMarker
    parent_field = "project"


class PartnerAddView(ChildFormView):
    parent = ProjectViews
    form_class = PartnerForm
    parent_field = "project"


class PartnerDeleteView(ChildDeleteView):
    parent = ProjectViews
    child_model = ProjectPartner
    parent_field = "project"


class MemberAddView(ChildFormView):
    parent = ProjectViews
    form_class = MembershipForm
    parent_field = "project"


class MemberDeleteView(ChildDeleteView):
    parent = ProjectViews
    child_model = ProjectMembership
    parent_field = "project"


class SectorsView(LoginRequiredMixin, View):
    """A project's DAC sectors, edited together: their percentages must sum to 100."""

    template_name = "projects/project_sectors.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.project = get_object_or_404(ProjectViews.base_queryset(request.user), pk=kwargs["pk"])
        if not ProjectViews.may_write(request.user):
            raise PermissionDenied(_("Your role does not allow changes here."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render(SectorFormSet(instance=self.project))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        formset = SectorFormSet(request.POST, instance=self.project)
        if not formset.is_valid():
            messages.error(request, _("Please correct the errors below."))
            return self.render(formset, status=422)
        with transaction.atomic():
            formset.save()
        messages.success(request, _("Sectors saved."))
        return redirect(self.project.get_absolute_url())

    def render(self, formset: Any, status: int = 200) -> HttpResponse:
        context = {"project": self.project, "formset": formset, "tab": "detail"}
        return render(self.request, self.template_name, context, status=status)
