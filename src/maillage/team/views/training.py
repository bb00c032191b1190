"""Pages of training sessions (with participants, feedback and its results) and of
training needs (with the planned sessions that match them)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from maillage.core.crud import Column, CrudViews
from maillage.core.crud_children import ChildViews
from maillage.core.services import today_for
from maillage.team.filters.training import TrainingNeedFilterSet, TrainingSessionFilterSet
from maillage.team.forms.training import (
    TrainingFeedbackForm,
    TrainingNeedForm,
    TrainingParticipantForm,
    TrainingSessionForm,
)
from maillage.team.models import (
    TrainingFeedback,
    TrainingNeed,
    TrainingParticipant,
    TrainingSession,
)
from maillage.team.selectors.training import session_detail, sessions_for_need


class TrainingSessionViews(CrudViews):
    model = TrainingSession
    form_class = TrainingSessionForm
    filterset_class = TrainingSessionFilterSet
    select_related = ("project",)
    columns = (
        Column("title", link=True),
        Column("kind"),
        Column("start_on"),
        Column("place"),
        Column("project", sort="project__code"),
    )
    detail_fields = (
        "kind",
        "objectives",
        "start_on",
        "end_on",
        "place",
        "online",
        "project",
        "skills",
    )
    initial_from_query = ("project",)

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return session_detail(session=obj, today=today_for(user))


class TrainingParticipantViews(ChildViews):
    parent = TrainingSessionViews
    child_model = TrainingParticipant
    form_class = TrainingParticipantForm
    parent_field = "session"
    route_name = "participant"


class TrainingFeedbackViews(ChildViews):
    parent = TrainingSessionViews
    child_model = TrainingFeedback
    form_class = TrainingFeedbackForm
    parent_field = "session"
    route_name = "feedback"

    @classmethod
    def form_kwargs(cls, request: HttpRequest, parent: Any) -> dict[str, Any]:
        return {"session": parent}


class TrainingNeedViews(CrudViews):
    model = TrainingNeed
    form_class = TrainingNeedForm
    filterset_class = TrainingNeedFilterSet
    select_related = ("person",)
    columns = (
        Column("topic", link=True),
        Column("person", sort="person__last_name"),
        Column("priority"),
        Column("noted_on"),
    )
    detail_fields = ("person", "topic", "priority", "noted_on", "note")
    initial_from_query = ("person",)

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        return {"matching_sessions": sessions_for_need(need=obj, today=today_for(user))}
