"""Rows that belong to an actor (positions, group members, links between organisations)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.urls import path

from maillage.core.crud_children import ChildDeleteView, ChildFormView, ChildViews


class NamedChildViews(ChildViews):
    """A `ChildViews` whose routes keep the names the pages already use
    ("group_member_add" rather than the model's "groupmember_add")."""

    route_name: ClassVar[str] = ""

    @classmethod
    def urls(cls, prefix: str) -> list[Any]:
        name = cls.route_name or cls.child_model._meta.model_name
        return [
            path(f"{prefix}add/", ChildFormView.as_view(views=cls), name=f"{name}_add"),
            path(
                f"{prefix}<int:child_pk>/edit/",
                ChildFormView.as_view(views=cls),
                name=f"{name}_update",
            ),
            path(
                f"{prefix}<int:child_pk>/delete/",
                ChildDeleteView.as_view(views=cls),
                name=f"{name}_delete",
            ),
        ]
