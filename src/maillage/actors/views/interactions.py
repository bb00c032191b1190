from __future__ import annotations

from typing import Any

from maillage.actors import selectors
from maillage.actors.filters import InteractionFilterSet
from maillage.actors.forms import InteractionForm
from maillage.actors.models import Interaction
from maillage.core.crud import Column, CrudViews


class InteractionViews(CrudViews):
    model = Interaction
    form_class = InteractionForm
    filterset_class = InteractionFilterSet
    select_related = ("project",)
    columns = (
        Column("occurred_on"),
        Column("kind"),
        Column("subject", link=True),
        Column("project", sort="project__code"),
        Column("confidentiality"),
        Column("follow_up_on"),
    )
    detail_fields = (
        "kind",
        "occurred_on",
        "subject",
        "project",
        "confidentiality",
        "follow_up_on",
        "follow_up_done",
        "notes",
    )

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return selectors.interaction_detail(interaction=obj, user=user)
