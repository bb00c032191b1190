"""Bulk actions on the selected rows of a list: tag them, add them to a group, export them.

A `CrudViews` declares the actions its list offers, by name or as a configured instance:

    bulk_actions = ("tag", "add_to_group", "export")

and its `urls.py` routes `<entity>/bulk/` to `Views.bulk_view()`. The list shows a checkbox
per row and an action bar. Every action starts from the list's `visible_to` queryset: a
selected id outside it is ignored, not an error. Actions that write need a write role (403)
and write through the service functions below (`tag_records`, `add_to_group`), the same
for a script as for the page.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from maillage.core.exports import format_label
from maillage.core.jobs import start_job
from maillage.core.meta import model_field, related_model, reverse_relation
from maillage.core.services import ModelService, error_dict, service_for

if TYPE_CHECKING:
    from maillage.core.crud import CrudViews

MAX_IDS = 1000


def parse_ids(values: Iterable[str]) -> list[int]:
    """Row ids from form or query values ("3", "4,5"): positive integers, junk left out."""
    ids: list[int] = []
    for value in values:
        for part in str(value).split(","):
            part = part.strip()
            if part.isdigit() and 0 < int(part) < 2**63:
                ids.append(int(part))
                if len(ids) >= MAX_IDS:
                    return ids
    return ids


class BulkAction(ABC):
    """One action of a list's action bar; `run` answers the POST of the selected rows."""

    name: ClassVar[str]
    label: ClassVar[Any]
    template: ClassVar[str]
    writes: ClassVar[bool] = True

    def available(self, crud: type[CrudViews], user: Any) -> bool:
        return crud.may_write(user) if self.writes else crud.may_view(user)

    def options(self, crud: type[CrudViews], user: Any) -> dict[str, Any]:
        """What the action's form offers (groups to choose…); lazy querysets only."""
        return {}

    @abstractmethod
    def run(
        self, request: HttpRequest, crud: type[CrudViews], queryset: models.QuerySet
    ) -> HttpResponse | str:
        """Do the action; a string is a success message shown back on the list."""


class TagAction(BulkAction):
    """Put a tag (created if new) on the selected rows; the model has a `tags` M2M field."""

    name = "tag"
    label = gettext_lazy("Add a tag")
    template = "core/crud/bulk/tag.html"

    def tag_model(self, crud: type[CrudViews]) -> type[models.Model]:
        return related_model(model_field(crud.model, "tags"))

    def options(self, crud: type[CrudViews], user: Any) -> dict[str, Any]:
        return {"tags": self.tag_model(crud)._default_manager.order_by("name")[:200]}

    def run(
        self, request: HttpRequest, crud: type[CrudViews], queryset: models.QuerySet
    ) -> HttpResponse | str:
        tag_model = self.tag_model(crud)
        name = " ".join(request.POST.get("tag", "").split())
        max_length = getattr(tag_model._meta.get_field("name"), "max_length", None) or 60
        if not name or len(name) > max_length:
            messages.error(
                request,
                _("Type a tag name of at most %(max)d characters.") % {"max": max_length},
            )
            return ""
        try:
            tag, count = tag_records(
                queryset=queryset, tag_model=tag_model, name=name, by=request.user
            )
        except ValidationError as error:
            for messages_of_field in error_dict(error).values():
                for message in messages_of_field:
                    messages.error(request, message)
            return ""
        return ngettext(
            "Tag “%(tag)s” added to %(count)d record.",
            "Tag “%(tag)s” added to %(count)d records.",
            count,
        ) % {"tag": tag, "count": count}


@dataclass(frozen=True)
class AddToGroupAction(BulkAction):
    """Add the selected rows to a group, through its membership rows (`group_memberships`)."""

    relation: str = "group_memberships"
    group_field: str = "group"

    name = "add_to_group"
    label = gettext_lazy("Add to a group")
    template = "core/crud/bulk/add_to_group.html"

    def parts(self, crud: type[CrudViews]) -> tuple[type[models.Model], str, Any]:
        relation = reverse_relation(crud.model, self.relation)
        member_model = related_model(relation)
        group_model = related_model(model_field(member_model, self.group_field))
        return member_model, relation.field.name, group_model

    def groups(self, crud: type[CrudViews], user: Any) -> models.QuerySet:
        group_model = self.parts(crud)[2]
        return group_model._default_manager.visible_to(user)

    def options(self, crud: type[CrudViews], user: Any) -> dict[str, Any]:
        return {"groups": self.groups(crud, user).only("pk", "name")}

    def run(
        self, request: HttpRequest, crud: type[CrudViews], queryset: models.QuerySet
    ) -> HttpResponse | str:
        member_model, member_field, _group_model = self.parts(crud)
        group_id = parse_ids([request.POST.get("group", "")])
        group = self.groups(crud, request.user).filter(pk__in=group_id[:1]).first()
        if group is None:
            messages.error(request, _("Choose a group."))
            return ""
        count = add_to_group(
            queryset=queryset,
            group=group,
            member_model=member_model,
            member_field=member_field,
            group_field=self.group_field,
            by=request.user,
        )
        return ngettext(
            "%(count)d record added to the group “%(group)s”.",
            "%(count)d records added to the group “%(group)s”.",
            count,
        ) % {"count": count, "group": group}


@transaction.atomic
def tag_records(
    *, queryset: models.QuerySet, tag_model: type[models.Model], name: str, by: Any
) -> tuple[models.Model, int]:
    """Put the tag `name` (the existing one whatever its case, else a new one created
    through its service) on every record of `queryset`; the tag and how many got it."""
    manager = tag_model._default_manager
    tag = manager.filter(name__iexact=name).first()
    if tag is None:
        tag = service_for(tag_model).create(data={"name": name}, by=by)
    rows = list(queryset.exclude(tags=tag))
    for row in rows:
        # One add per record, on the forward side: simple_history then records the
        # record's new tags in its history (the reverse side would not).
        ModelService.set_history(row, by=by, reason=None)
        row.tags.add(tag)
    return tag, len(rows)


@transaction.atomic
def add_to_group(
    *,
    queryset: models.QuerySet,
    group: models.Model,
    member_model: type[models.Model],
    member_field: str,
    group_field: str,
    by: Any,
) -> int:
    """Add the records of `queryset` not in `group` yet, as membership rows created
    through the membership's service (its rules, history naming `by`); how many."""
    attname = getattr(member_model._meta.get_field(member_field), "attname", member_field)
    already = set(
        member_model._default_manager.filter(
            **{group_field: group, f"{member_field}__in": queryset.values("pk")}
        ).values_list(attname, flat=True)
    )
    new = [
        member_model(**{group_field: group, member_field: row})
        for row in queryset.exclude(pk__in=already)
    ]
    service_for(member_model).create_many(new, by=by)
    return len(new)


class ExportAction(BulkAction):
    """Export the selected rows through the list's export job (an `ids` filter)."""

    name = "export"
    label = gettext_lazy("Export")
    template = "core/crud/bulk/export.html"
    writes = False

    def available(self, crud: type[CrudViews], user: Any) -> bool:
        return bool(crud.export_formats) and crud.may_view(user)

    def options(self, crud: type[CrudViews], user: Any) -> dict[str, Any]:
        return {"formats": crud.export_formats}

    def run(
        self, request: HttpRequest, crud: type[CrudViews], queryset: models.QuerySet
    ) -> HttpResponse | str:
        fmt = request.POST.get("format", "")
        if fmt not in crud.export_formats:
            raise PermissionDenied(_("This export is not available."))
        query = list_query(request)
        query.setlist("ids", [",".join(str(pk) for pk in queryset.values_list("pk", flat=True))])
        job = start_job(
            handler="maillage.core.crud.run_export",
            title=_("Export of %(what)s (%(format)s)")
            % {"what": crud.model._meta.verbose_name_plural, "format": format_label(fmt)},
            params={"views": crud.dotted_path(), "query": query.urlencode(), "format": fmt},
            user=request.user,
        )
        return redirect(job.get_absolute_url())


BULK_ACTIONS: dict[str, BulkAction] = {
    action.name: action for action in (TagAction(), AddToGroupAction(), ExportAction())
}


def declared_actions(crud: type[CrudViews]) -> list[BulkAction]:
    return [
        BULK_ACTIONS[action] if isinstance(action, str) else action for action in crud.bulk_actions
    ]


@dataclass(frozen=True)
class OfferedAction:
    """An action as the list template shows it: the action and its form's options."""

    action: BulkAction
    options: dict[str, Any]

    @property
    def name(self) -> str:
        return self.action.name


def offered_actions(crud: type[CrudViews], user: Any) -> list[OfferedAction]:
    """The actions of a list that this user may run, in their declared order."""
    return [
        OfferedAction(action, action.options(crud, user))
        for action in declared_actions(crud)
        if action.available(crud, user)
    ]


def list_query(request: HttpRequest) -> QueryDict:
    """The list's query string sent back with the action, without page or selection."""
    query = QueryDict(request.POST.get("query", ""), mutable=True)
    query.pop("page", None)
    query.pop("ids", None)
    return query


class BulkActionView(LoginRequiredMixin, View):
    """POST: run one declared action on the selected rows the user may see."""

    crud: type[CrudViews] | None = None
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        crud = self.crud
        assert crud is not None
        actions = {action.name: action for action in declared_actions(crud)}
        action = actions.get(request.POST.get("action", ""))
        if action is None:
            return HttpResponseBadRequest(_("Unknown action."))
        if not crud.may_view(request.user):
            raise PermissionDenied
        if action.writes and not crud.may_write(request.user):
            raise PermissionDenied(_("Your role does not allow changes here."))
        back = reverse(crud.url_name("list"))
        query = list_query(request).urlencode()
        back = f"{back}?{query}" if query else back
        ids = parse_ids(request.POST.getlist("ids"))
        if not ids:
            messages.warning(request, _("Select at least one row first."))
            return redirect(back)
        queryset = crud.base_queryset(request.user).filter(pk__in=ids)
        result = action.run(request, crud, queryset)
        if isinstance(result, HttpResponse):
            return result
        if result:
            messages.success(request, result)
        return redirect(back)
