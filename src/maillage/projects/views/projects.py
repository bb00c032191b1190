"""Pages of the projects area."""

from typing import Any

from maillage.core.crud import Column, CrudViews
from maillage.projects.filters import ProjectFilterSet
from maillage.projects.forms import ProjectForm
from maillage.projects.models import Project, ProjectMembership, ProjectPartner


class ProjectViews(CrudViews):
    model = Project
    tabs_template = "projects/_tabs.html"
    form_class = ProjectForm
    filterset_class = ProjectFilterSet
    select_related = ("owner",)
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
        "title",
        "title_en",
        "status",
        "country",
        "start_on",
        "end_on",
        "owner",
    )

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return {
            "partners": ProjectPartner.objects.visible_to(user)
            .filter(project=obj)
            .select_related("organisation"),
            "members": ProjectMembership.objects.filter(project=obj).select_related("user"),
        }
