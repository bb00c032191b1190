from __future__ import annotations

from typing import Any

from maillage.actors.filters import PersonFilterSet
from maillage.actors.forms import PersonForm, PositionForm
from maillage.actors.identifiers import display_phone
from maillage.actors.models import Interaction, Person, Position
from maillage.core.crud import ChildDeleteView, ChildFormView, Column, CrudViews


class PersonViews(CrudViews):
    model = Person
    form_class = PersonForm
    filterset_class = PersonFilterSet
    columns = (
        Column("last_name", link=True),
        Column("first_name"),
        Column("email"),
        Column("phone", display=lambda p: display_phone(p.phone)),
        Column("languages"),
        Column("do_not_contact"),
    )
    detail_fields = (
        "first_name", "last_name", "email", "other_email", "languages", "timezone",
        "lawful_basis", "consent_on", "consent_source", "do_not_contact", "notes",
    )  # fmt: skip

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        from maillage.actors.models import Group, Organisation

        return {
            "phone": display_phone(obj.phone),
            "mobile": display_phone(obj.mobile),
            "tags": obj.tags.all(),
            "positions": obj.positions.filter(
                organisation__in=Organisation.objects.visible_to(user)
            ).select_related("organisation"),
            "interactions": Interaction.objects.visible_to(user).filter(people=obj)[:20],
            "groups": obj.group_memberships.filter(
                group__in=Group.objects.visible_to(user)
            ).select_related("group"),
        }


class PositionAddView(ChildFormView):
    parent = PersonViews
    form_class = PositionForm
    parent_field = "person"


class PositionDeleteView(ChildDeleteView):
    parent = PersonViews
    child_model = Position
    parent_field = "person"
