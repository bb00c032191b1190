"""Pages of the actors area."""

from maillage.actors.filters import OrganisationFilterSet
from maillage.actors.forms import OrganisationForm
from maillage.actors.models import Organisation
from maillage.core.crud import Column, CrudViews


class OrganisationViews(CrudViews):
    model = Organisation
    form_class = OrganisationForm
    filterset_class = OrganisationFilterSet
    columns = (
        Column("name", link=True),
        Column("acronym"),
        Column("type"),
        Column("country"),
        Column("departement"),
        Column("city"),
    )
    detail_fields = (
        "name",
        "acronym",
        "type",
        "country",
        "departement",
        "city",
        "website",
        "is_active",
    )
