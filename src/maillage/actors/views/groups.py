from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from maillage.actors import selectors
from maillage.actors.filters import GroupFilterSet
from maillage.actors.forms import GroupForm, GroupMemberForm
from maillage.actors.models import Group, GroupMember
from maillage.core.crud import Column, CrudViews
from maillage.core.crud_children import ChildViews


class GroupViews(CrudViews):
    model = Group
    form_class = GroupForm
    filterset_class = GroupFilterSet
    select_related = ("theme",)
    columns = (
        Column("name", link=True),
        Column("kind"),
        Column("theme", sort="theme__name"),
        Column("country"),
        Column(
            "member_count",
            label=_("Members"),
            sort="member_count",
            display=lambda g: g.member_count,
        ),
    )
    detail_fields = ("name", "kind", "theme", "country", "description")

    @classmethod
    def base_queryset(cls, user: Any) -> Any:
        return super().base_queryset(user).annotate(member_count=Count("members"))

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return selectors.group_detail(group=obj, user=user)


class GroupMemberViews(ChildViews):
    """The people and organisations of a group, with their role there."""

    parent = GroupViews
    child_model = GroupMember
    form_class = GroupMemberForm
    parent_field = "group"
    route_name = "group_member"
