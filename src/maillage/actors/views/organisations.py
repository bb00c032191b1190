from __future__ import annotations

from typing import Any

from maillage.actors import selectors
from maillage.actors.filters import OrganisationFilterSet
from maillage.actors.forms import OrganisationForm, OrganisationLinkForm
from maillage.actors.models import Organisation, OrganisationLink
from maillage.core import hooks
from maillage.core.crud import Column, CrudViews
from maillage.core.crud_children import ChildViews


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
        # "Who haven't we talked to in a while": sorted by its index (never contacted
        # first on SQLite, last on PostgreSQL, as each database sorts NULL).
        Column("last_interaction_on"),
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
        return {
            **selectors.organisation_detail(organisation=obj, user=user),
            # What the apps above add (a project's partners, agreements' signatories…).
            "sections": hooks.collect(hooks.ORGANISATION_SECTIONS, obj, user),
        }


class OrganisationLinkViews(ChildViews):
    """The organisation's links to others ("is a member of", "funds"…)."""

    parent = OrganisationViews
    child_model = OrganisationLink
    form_class = OrganisationLinkForm
    parent_field = "source"
    route_name = "organisation_link"
