from __future__ import annotations

from typing import Any

from maillage.actors.filters import OrganisationFilterSet
from maillage.actors.forms import OrganisationForm, OrganisationLinkForm
from maillage.actors.models import (
    Interaction,
    Organisation,
    OrganisationLink,
    Position,
)
from maillage.core.crud import Column, CrudViews
from maillage.core.crud_children import ChildDeleteView, ChildFormView


class OrganisationViews(CrudViews):
    model = Organisation
    form_class = OrganisationForm
    filterset_class = OrganisationFilterSet
    columns = (
        Column("name", link=True),
        Column("acronym"),
        Column("type"),
        Column("departement"),
        Column("city"),
        Column("country"),
    )
    detail_fields = (
        "name", "acronym", "type", "siren", "siret", "iati_identifier", "address", "postcode",
        "city", "departement", "country", "foreign_region", "latitude", "longitude", "website",
        "email", "phone", "parent", "is_active", "notes",
    )  # fmt: skip
    select_related = ("parent",)
    bulk_actions = ("tag", "add_to_group", "export")

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        from maillage.projects.models import ProjectPartner

        return {
            "themes": obj.themes.all(),
            "sectors": obj.sectors.all(),
            "sdgs": obj.sdgs.all(),
            "tags": obj.tags.all(),
            "action_countries": obj.action_countries.all(),
            "positions": Position.objects.filter(organisation=obj)
            .filter(person__in=_people(user))
            .select_related("person"),
            "links_out": obj.links_out.select_related("target"),
            "links_in": obj.links_in.select_related("source"),
            "project_roles": ProjectPartner.objects.visible_to(user)
            .filter(organisation=obj)
            .select_related("project"),
            "interactions": Interaction.objects.visible_to(user).filter(organisations=obj)[:20],
            "groups": obj.group_memberships.filter(group__in=_groups(user)).select_related("group"),
            "children": Organisation.objects.visible_to(user).filter(parent=obj),
            "link_form": OrganisationLinkForm(),
        }


def _people(user: Any) -> Any:
    from maillage.actors.models import Person

    return Person.objects.visible_to(user)


def _groups(user: Any) -> Any:
    from maillage.actors.models import Group

    return Group.objects.visible_to(user)


class OrganisationLinkAddView(ChildFormView):
    parent = OrganisationViews
    form_class = OrganisationLinkForm
    parent_field = "source"


class OrganisationLinkDeleteView(ChildDeleteView):
    parent = OrganisationViews
    child_model = OrganisationLink
    parent_field = "source"
