"""GDPR pages on people: access export (JSON), erasure, and the retention report."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maillage.actors.models import Person
from maillage.actors.selectors import untouched_people
from maillage.actors.services import anonymise_people, anonymise_person, person_data_export
from maillage.actors.views.people import PersonViews
from maillage.core.bulk import parse_ids
from maillage.core.pagination import DeepPaginator

DEFAULT_YEARS = 3
MAX_YEARS = 50


def _require_officer(request: HttpRequest) -> None:
    # Personal data in bulk is for the staff who keep it up to date: officers and admins.
    if not PersonViews.may_write(request.user):
        raise PermissionDenied(_("Only officers and administrators handle personal data."))


def _person(request: HttpRequest, pk: int) -> Person:
    person = get_object_or_404(PersonViews.base_queryset(request.user), pk=pk)  # 404 first
    _require_officer(request)
    return person


@login_required
def person_data_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything held on the person, as a JSON file (right of access)."""
    person = _person(request, pk)
    data = person_data_export(person=person)
    content = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(content.encode("utf-8"), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
    return response


@login_required
def person_anonymise(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST erases the person's identity (right to erasure)."""
    person = _person(request, pk)
    if request.method == "POST":
        anonymise_person(person=person, by=request.user)
        messages.success(request, _("The person was anonymised."))
        return redirect(person.get_absolute_url())
    return render(request, "actors/person_anonymise.html", {"object": person})


def _years(params: QueryDict) -> int:
    try:
        years = int(params.get("years") or DEFAULT_YEARS)
    except ValueError:
        return DEFAULT_YEARS
    return min(max(years, 1), MAX_YEARS)


@login_required
def untouched_people_report(request: HttpRequest) -> HttpResponse:
    """People with no interaction and no change for N years; anonymise them in bulk."""
    _require_officer(request)
    years = _years(request.GET if request.method == "GET" else request.POST)
    people = untouched_people(user=request.user, years=years)
    if request.method == "POST":
        ids = parse_ids(request.POST.getlist("ids"))
        if not request.POST.get("confirm"):
            messages.error(request, _("Tick the confirmation box to anonymise."))
        elif not ids:
            messages.warning(request, _("Select at least one row first."))
        else:
            count = anonymise_people(people=people.filter(pk__in=ids), by=request.user)
            messages.success(
                request,
                ngettext("%(count)d person anonymised.", "%(count)d people anonymised.", count)
                % {"count": count},
            )
        return redirect(f"{reverse('actors:people_untouched')}?years={years}")
    page = DeepPaginator(people, 50).get_page(request.GET.get("page"))
    context: dict[str, Any] = {
        "years": years,
        "page": page,
        "querystring": f"years={years}",
    }
    return render(request, "actors/people_untouched.html", context)
