"""Rows that belong to a record (a position of a person, a member of a group…): add and
remove them from the record's page, with the record's own access rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from maillage.core.crud import CrudViews


class ChildFormView(LoginRequiredMixin, View):
    """Add a row that belongs to a record (a position to a person, a member to a group…).

    The parent must be visible to the user (404) and writable by its role (403); the
    form is rendered in the parent's page and posted here.
    """

    parent: type[CrudViews] = CrudViews
    form_class: type[forms.ModelForm] = forms.ModelForm
    parent_field: str = ""
    template_name = "core/crud/child_form.html"
    http_method_names = ["get", "post"]

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.parent_object = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.parent_object = get_object_or_404(
            self.parent.base_queryset(request.user), pk=kwargs["pk"]
        )
        if not self.parent.may_write(request.user):
            raise PermissionDenied(_("Your role does not allow changes here."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(self.form_class())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.form_class(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(form, status=422)
        with transaction.atomic():
            row = form.save(commit=False)
            setattr(row, self.parent_field, self.parent_object)
            row.full_clean()
            row.save()
            form.save_m2m()
        messages.success(request, _("%(name)s added.") % {"name": row})
        return redirect(self.parent_object.get_absolute_url())

    def render(self, form: forms.ModelForm, status: int = 200) -> HttpResponse:
        context = {
            "form": form,
            "parent": self.parent_object,
            "verbose_name": form._meta.model._meta.verbose_name,
        }
        return render(self.request, self.template_name, context, status=status)


class ChildDeleteView(LoginRequiredMixin, View):
    """Remove a row that belongs to a record; POST only."""

    parent: type[CrudViews] = CrudViews
    child_model: type[models.Model] = models.Model
    parent_field: str = ""
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int, child_pk: int) -> HttpResponse:
        parent = get_object_or_404(self.parent.base_queryset(request.user), pk=pk)
        if not self.parent.may_write(request.user):
            raise PermissionDenied(_("Your role does not allow changes here."))
        child = get_object_or_404(self.child_model, pk=child_pk, **{self.parent_field: parent})
        with transaction.atomic():
            child.delete()
        messages.success(request, _("%(name)s removed.") % {"name": child})
        return redirect(parent.get_absolute_url())
