"""Merging two duplicate organisations or people: choose the other record, compare, merge."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models
from django.db.models.deletion import ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from maillage.actors.selectors import related_counts
from maillage.actors.services import merge_organisations, merge_people
from maillage.actors.views.organisations import OrganisationViews
from maillage.actors.views.people import PersonViews
from maillage.core.crud import CrudViews
from maillage.core.formatting import display_value

MAX_CANDIDATES = 20


class MergeMixin(LoginRequiredMixin):
    """Both records must be visible (404) and the role must write (403: officers, admins)."""

    crud: type[CrudViews] = CrudViews
    merge: Callable[..., None] = staticmethod(merge_organisations)
    request: HttpRequest
    kwargs: dict[str, Any]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.get_record(kwargs["pk"])
        if not self.crud.may_write(request.user):
            raise PermissionDenied(_("Your role does not allow changes here."))
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]  # the mixin's dispatch comes from View

    def get_record(self, pk: int) -> models.Model:
        return get_object_or_404(self.crud.base_queryset(self.request.user), pk=pk)

    def names(self) -> dict[str, Any]:
        meta = self.crud.model._meta
        return {
            "verbose_name": meta.verbose_name,
            "verbose_name_plural": meta.verbose_name_plural,
            "merge_url_name": self.crud.url_name("merge"),
            "confirm_url_name": self.crud.url_name("merge_confirm"),
        }


class MergeChooseView(MergeMixin, TemplateView):
    """Search the record to merge into this one, among those the user sees."""

    template_name = "actors/merge_choose.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        query = (self.request.GET.get("q") or "").strip()[:200]
        candidates: Any = []
        if query:
            candidates = (
                self.crud.base_queryset(self.request.user)
                .exclude(pk=self.object.pk)
                .search(query)[:MAX_CANDIDATES]
            )
        return super().get_context_data(
            object=self.object, query=query, candidates=candidates, **self.names(), **kwargs
        )


class MergeConfirmView(MergeMixin, TemplateView):
    """Both records side by side; POST merges the other one into this one."""

    template_name = "actors/merge_confirm.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if kwargs["pk"] == kwargs["other"]:
            return redirect(self.crud.url_name("merge"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        keep, remove = self.object, self.get_record(self.kwargs["other"])
        rows = []
        for name in self.crud.detail_fields:
            field = keep._meta.get_field(name)
            kept, other = display_value(keep, name), display_value(remove, name)
            empty = getattr(keep, field.attname) in (None, "")
            rows.append((capfirst(str(field.verbose_name)), kept, other, empty and other))
        return super().get_context_data(
            keep=keep,
            remove=remove,
            rows=rows,
            keep_counts=related_counts(keep),
            remove_counts=related_counts(remove),
            **self.names(),
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        keep, remove = self.object, self.get_record(kwargs["other"])
        name = str(remove)
        try:
            self.merge(keep=keep, remove=remove, by=request.user)
        except (IntegrityError, ProtectedError):
            messages.error(
                request,
                _(
                    "These records could not be merged: a link could not be moved. "
                    "Nothing was changed."
                ),
            )
            return redirect(request.path)
        messages.success(
            request, _("%(removed)s merged into %(kept)s.") % {"removed": name, "kept": keep}
        )
        return redirect(keep.get_absolute_url())


class OrganisationMergeChooseView(MergeChooseView):
    crud = OrganisationViews
    merge = staticmethod(merge_organisations)


class OrganisationMergeConfirmView(MergeConfirmView):
    crud = OrganisationViews
    merge = staticmethod(merge_organisations)


class PersonMergeChooseView(MergeChooseView):
    crud = PersonViews
    merge = staticmethod(merge_people)


class PersonMergeConfirmView(MergeConfirmView):
    crud = PersonViews
    merge = staticmethod(merge_people)
