"""Saved filters: a user names the query string of a list page and finds it above the filters.

Every `CrudViews` list offers them; they are personal (another user's filter answers 404).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from maillage.core.models import MAX_QUERY_LENGTH, SavedFilter

# Parameters that say where the user is in the list, not what it holds.
NOT_SAVED = ("page", "ids")


class SavedFilterForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    list_name = forms.CharField(max_length=100, widget=forms.HiddenInput)
    query = forms.CharField(max_length=MAX_QUERY_LENGTH, required=False, widget=forms.HiddenInput)

    def clean_list_name(self) -> str:
        list_name = self.cleaned_data["list_name"]
        # Only a list page of the application: a URL name that reverses without arguments.
        if not list_name.endswith("_list"):
            raise forms.ValidationError(_("Unknown list."))
        try:
            reverse(list_name)
        except NoReverseMatch as exc:
            raise forms.ValidationError(_("Unknown list.")) from exc
        return list_name

    def clean_query(self) -> str:
        params = QueryDict(self.cleaned_data.get("query") or "", mutable=True)
        for name in NOT_SAVED:
            params.pop(name, None)
        return params.urlencode()


def saved_filters_of(user: Any, list_name: str) -> Any:
    """The user's saved filters of one list (lazy: one query when the page shows them)."""
    return SavedFilter.objects.visible_to(user).filter(list_name=list_name)


@transaction.atomic
def save_filter(*, user: Any, list_name: str, name: str, query: str) -> SavedFilter:
    """Save (or replace, under the same name) a user's filter of a list."""
    saved, _created = SavedFilter.objects.update_or_create(
        user=user, list_name=list_name, name=name, defaults={"query": query}
    )
    return saved


@login_required
@require_POST
def saved_filter_create(request: HttpRequest) -> HttpResponse:
    form = SavedFilterForm(request.POST)
    if not form.is_valid():
        if "list_name" in form.errors:
            return HttpResponseBadRequest(_("Unknown list."))
        messages.error(request, _("Give the filter a name of at most 100 characters."))
        return redirect(reverse(form.cleaned_data["list_name"]))
    saved = save_filter(user=request.user, **form.cleaned_data)
    messages.success(request, _("Filter “%(name)s” saved.") % {"name": saved.name})
    return redirect(saved.get_absolute_url())


@login_required
@require_POST
def saved_filter_delete(request: HttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(SavedFilter.objects.visible_to(request.user), pk=pk)
    list_url = reverse(saved.list_name)
    saved.delete()
    messages.success(request, _("Filter “%(name)s” deleted.") % {"name": saved.name})
    return redirect(list_url)
