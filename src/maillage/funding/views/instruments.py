"""Pages of donors and their instruments. Funding is the service's own business: a
partner finds no record here (their querysets' `visible_to_partner` is the default,
nothing) and has no menu entry. An instrument's rules are written by administrators
only; officers and viewers read them."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from maillage.accounts.models import Role
from maillage.core.crud import Column, CrudViews
from maillage.core.crud_children import ChildViews
from maillage.core.reference import country_name
from maillage.funding.filters.instruments import DonorFilterSet, InstrumentFilterSet
from maillage.funding.forms.instruments import (
    DonorForm,
    InstrumentForm,
    InstrumentPrerequisiteForm,
)
from maillage.funding.models import (
    CostCategory,
    Donor,
    Instrument,
    InstrumentPrerequisite,
)
from maillage.funding.money import format_share
from maillage.funding.selectors.instruments import donor_detail, instrument_rules

ADMINS = frozenset({Role.ADMIN})


def _share(value: Any) -> str:
    return format_share(value) if value is not None else ""


class DonorViews(CrudViews):
    model = Donor
    form_class = DonorForm
    filterset_class = DonorFilterSet
    select_related = ("organisation",)
    default_ordering = ("organisation__name",)
    columns = (
        Column("organisation", link=True, sort="organisation__name"),
        Column("kind"),
    )
    detail_fields = ("organisation", "kind", "notes")

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return donor_detail(donor=obj, user=user)


class InstrumentViews(CrudViews):
    model = Instrument
    form_class = InstrumentForm
    filterset_class = InstrumentFilterSet
    write_roles = ADMINS
    select_related = ("donor__organisation",)
    columns = (
        Column("name", link=True),
        Column("code"),
        Column("donor", sort="donor__organisation__name"),
        Column(
            "max_share_percent",
            label=_("Maximum share"),
            display=lambda i: _share(i.max_share_percent),
            value=lambda i: i.max_share_percent,
        ),
        Column("currency"),
        Column("is_active"),
    )
    detail_fields = ("donor", "code", "description", "url", "currency", "is_active")

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return {
            "rules": instrument_rules(obj),
            "prerequisites": list(obj.prerequisites.all()),
            "categories": CostCategory,
            "countries": [country_name(c) for c in obj.eligible_countries],
        }


class InstrumentPrerequisiteViews(ChildViews):
    """What must be true before applying to an instrument; written by administrators."""

    parent = InstrumentViews
    child_model = InstrumentPrerequisite
    form_class = InstrumentPrerequisiteForm
    parent_field = "instrument"
