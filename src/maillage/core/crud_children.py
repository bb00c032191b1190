"""Rows that belong to a record (a position of a person, a member of a group, a party of
an agreement…): add, edit and remove them from the record's page, with the record's own
access rules, through the row's service like every other write.

    class PositionViews(ChildViews):
        parent = PersonViews
        child_model = Position
        form_class = PositionForm
        parent_field = "person"

and in urls.py, `*PositionViews.urls("people/<int:pk>/positions/")` (the prefix names the
parent's `pk`): "position_add", "position_update" and "position_delete" — the model's
name, or `route_name` when the pages know the rows by another ("member" for a project's
`ProjectMembership`).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from maillage.core.crud import CrudViews, form_data
from maillage.core.history import register_history_child
from maillage.core.meta import create_title
from maillage.core.services import StillInUse, add_to_form, error_dict, service_for


class ChildViews:
    """The declaration of a child row's three views (add, edit, remove)."""

    parent: ClassVar[type[CrudViews]] = CrudViews
    child_model: ClassVar[type[models.Model]] = models.Model
    form_class: ClassVar[type[forms.ModelForm]] = forms.ModelForm
    parent_field: ClassVar[str] = ""
    template_name: ClassVar[str] = "core/crud/child_form.html"
    route_name: ClassVar[str] = ""  # "" : the model's name

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """The rows show on their parent's history tab (added, changed, removed)."""
        super().__init_subclass__(**kwargs)
        if cls.parent_field and cls.child_model is not models.Model:
            register_history_child(cls.child_model, cls.parent_field)

    @classmethod
    def form_kwargs(cls, request: HttpRequest, parent: models.Model) -> dict[str, Any]:
        return {}

    @classmethod
    def urls(cls, prefix: str) -> list[Any]:
        """The three routes under `prefix` ("people/<int:pk>/positions/")."""
        from django.urls import path

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


class _ChildMixin(LoginRequiredMixin):
    views: type[ChildViews] = ChildViews
    request: HttpRequest
    kwargs: dict[str, Any]

    def load(self, request: HttpRequest) -> None:
        """The parent, visible (else 404) and writable (else 403); the row, of it."""
        views = self.views
        self.parent_object = get_object_or_404(
            views.parent.base_queryset(request.user), pk=self.kwargs["pk"]
        )
        if not views.parent.may_change(self.parent_object, request.user):
            raise PermissionDenied(_("Your role does not allow changes here."))
        self.child = None
        if "child_pk" in self.kwargs:
            self.child = get_object_or_404(
                views.child_model._default_manager,
                pk=self.kwargs["child_pk"],
                **{views.parent_field: self.parent_object},
            )


class ChildFormView(_ChildMixin, View):
    """Add a row to a record, or edit one of its rows (`child_pk` in the URL)."""

    http_method_names = ["get", "post"]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.load(request)
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, data: Any = None, files: Any = None) -> forms.ModelForm:
        kwargs = self.views.form_kwargs(self.request, self.parent_object)
        return self.views.form_class(data, files, instance=self.child, **kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(self.get_form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.get_form(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(form, status=422)
        service = service_for(self.views.child_model)
        data = form_data(form, creating=self.child is None)
        data[self.views.parent_field] = self.parent_object
        try:
            if self.child is None:
                row = service.create(data=data, by=request.user)
                messages.success(request, _("%(name)s added.") % {"name": row})
            else:
                row = service.update(obj=self.child, data=data, by=request.user)
                messages.success(request, _("%(name)s saved.") % {"name": row})
        except ValidationError as error:
            add_to_form(form, error)
            return self.render(form, status=422)
        return redirect(self.parent_object.get_absolute_url())

    def render(self, form: forms.ModelForm, status: int = 200) -> HttpResponse:
        context = {
            "form": form,
            "parent": self.parent_object,
            "child": self.child,
            "verbose_name": form._meta.model._meta.verbose_name,
            "create_title": create_title(form._meta.model),
        }
        return render(self.request, self.views.template_name, context, status=status)


class ChildDeleteView(_ChildMixin, View):
    """Remove a row of a record; POST only."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.load(request)
        assert self.child is not None
        name = str(self.child)
        try:
            service_for(self.views.child_model).delete(obj=self.child, by=request.user)
        except (StillInUse, ValidationError) as error:
            for msgs in error_dict(error).values():
                for message in msgs:
                    messages.error(request, message)
        else:
            messages.success(request, _("%(name)s removed.") % {"name": name})
        return redirect(self.parent_object.get_absolute_url())
