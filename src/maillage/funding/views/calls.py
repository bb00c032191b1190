"""Pages of calls (with attachments and required documents) and applications (with their
checklist), the pipeline board, and the status moves of the board and the pages."""

from __future__ import annotations

import mimetypes
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core.concurrency import VersionConflict
from maillage.core.crud import Column, CrudViews
from maillage.core.crud_children import ChildViews
from maillage.core.formatting import display_value, format_money
from maillage.core.services import add_to_form, error_dict, today_for
from maillage.core.uploads import download_name, safe_download_response
from maillage.funding.filters.calls import ApplicationFilterSet, CallFilterSet
from maillage.funding.forms.calls import (
    ApplicationForm,
    ApplicationStatusForm,
    CallAttachmentForm,
    CallDocumentForm,
    CallForm,
    ChecklistItemForm,
)
from maillage.funding.models import (
    Application,
    ApplicationStatus,
    Call,
    CallAttachment,
    CallDocument,
    ChecklistItem,
)
from maillage.funding.selectors.calls import (
    application_detail,
    board_columns,
    call_detail,
    days_left,
)
from maillage.funding.services.calls import ApplicationService


def _deadline(call: Call) -> str:
    local = call.deadline_local
    text = display_value(call, "deadline_on")
    if local is not None:
        text = f"{text} {local:%H:%M} ({call.deadline_tz})"
    return text


class CallViews(CrudViews):
    model = Call
    form_class = CallForm
    filterset_class = CallFilterSet
    select_related = ("instrument__donor__organisation",)
    default_ordering = ("deadline_at",)
    columns = (
        Column("reference"),
        Column("title", link=True),
        Column("instrument", sort="instrument__name"),
        Column("published_on"),
        Column("deadline_on", sort="deadline_at", display=_deadline),
    )
    detail_fields = (
        "instrument",
        "reference",
        "published_on",
        "deadline_tz",
        "url",
        "text",
    )
    initial_from_query = ("instrument",)

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        today = today_for(user)
        return {
            **call_detail(call=obj, user=user),
            "deadline": _deadline(obj),
            "days_left": days_left(obj, today),
        }


def _application_status(application: Application) -> str:
    return format_html('<span class="badge">{}</span>', application.get_status_display())


class ApplicationViews(CrudViews):
    model = Application
    form_class = ApplicationForm
    filterset_class = ApplicationFilterSet
    select_related = ("call__instrument__donor__organisation", "project", "owner")
    columns = (
        Column(
            "idea_title",
            label=gettext_lazy("Project or idea"),
            link=True,
            sort=False,
            display=lambda a: a.project or a.idea_title,
        ),
        Column("call", sort="call__deadline_at"),
        Column("status", display=_application_status),
        Column("requested_amount", money="currency"),
        Column("owner", sort="owner__last_name"),
        Column("submitted_on"),
    )
    detail_fields = (
        "call",
        "project",
        "idea_title",
        "requested_amount",
        "owner",
        "submitted_on",
        "decided_on",
        "notes",
    )
    initial_from_query = ("call", "project")

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        context = application_detail(application=obj)
        context["requested"] = format_money(obj.requested_amount, obj.currency)
        context["status_form"] = ApplicationStatusForm(initial={"status": obj.status})
        return context


# -- rows ------------------------------------------------------------------------------


class CallAttachmentViews(ChildViews):
    parent = CallViews
    child_model = CallAttachment
    form_class = CallAttachmentForm
    parent_field = "call"


class CallDocumentViews(ChildViews):
    """The documents the call requires (copied into each new application's checklist)."""

    parent = CallViews
    child_model = CallDocument
    form_class = CallDocumentForm
    parent_field = "call"


class ChecklistItemViews(ChildViews):
    parent = ApplicationViews
    child_model = ChecklistItem
    form_class = ChecklistItemForm
    parent_field = "application"


@login_required
def call_attachment_file(request: HttpRequest, pk: int, child_pk: int) -> HttpResponse:
    """A file of a call, to those who see the call; never served from the media folder."""
    call = get_object_or_404(CallViews.base_queryset(request.user), pk=pk)
    row = get_object_or_404(CallAttachment, pk=child_pk, call=call)
    if not row.file:
        raise Http404
    try:
        handle = row.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    kind = row.content_type or mimetypes.guess_type(row.file.name)[0]
    return safe_download_response(handle, download_name(row.title, row.file.name), kind)


# -- the pipeline ------------------------------------------------------------------------


def _internal(request: HttpRequest) -> None:
    if not getattr(request.user, "is_internal", False):
        raise PermissionDenied(_("The funding area is for the service's staff."))


@login_required
def application_board(request: HttpRequest) -> HttpResponse:
    """The pipeline: a column per status, each application a card moved by its buttons
    (or dragged, or with the arrow keys) through the same service as every other door.
    A column shows its most relevant cards and its total; its link opens the whole
    column in the list, with the board's filters (the list's own, less the status)."""
    _internal(request)
    may_move = ApplicationViews.may_write(request.user)
    query = request.GET.copy()
    for name in ("status", "page", "sort"):
        query.pop(name, None)
    applications, filterset = ApplicationViews.filtered_queryset(request.user, query)
    for name in [n for n, values in query.lists() if not any(values)]:
        query.pop(name)  # the links carry the filters chosen, not the "All" of each
    list_url = reverse("funding:application_list")
    columns = board_columns(
        applications=applications, may_move=may_move, list_url=list_url, query=query
    )
    if filterset is not None:
        filterset.form.fields.pop("status", None)
    context = {
        "columns": columns,
        "filterset": filterset,
        "filtered": bool(query),
        "query": query.get("q", ""),
        "board_url": request.get_full_path(),
        "list_url": f"{list_url}?{query.urlencode()}" if query else list_url,
        "may_write": may_move,
    }
    return render(request, "funding/application_board.html", context)


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
def application_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Move an application (GET: the form with a reason; POST: the move). Refused moves
    come back with the service's words: to the board as JSON, or on this form."""
    application = get_object_or_404(ApplicationViews.base_queryset(request.user), pk=pk)
    if not ApplicationViews.may_change(application, request.user):
        raise PermissionDenied(_("Your role does not allow changes here."))
    form = ApplicationStatusForm(request.POST or None, initial={"status": application.status})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                application = ApplicationService.move(
                    obj=application,
                    status=form.cleaned_data["status"],
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            except VersionConflict:
                form.add_error(None, _("Someone changed this application meanwhile: try again."))
            except ValidationError as error:
                if _wants_json(request):
                    return JsonResponse({"errors": error_dict(error)}, status=400)
                add_to_form(form, error)
            else:
                return _moved(request, application)
        elif _wants_json(request):
            return JsonResponse({"errors": form.errors}, status=400)
        status = 422
    context = {
        "object": application,
        "form": form,
        "next": request.POST.get("next") or request.GET.get("next", ""),
        **application_detail(application=application),
    }
    return render(request, "funding/application_status.html", context, status=status)


def _moved(request: HttpRequest, application: Application) -> HttpResponse:
    label = ApplicationStatus(application.status).label
    message = _("%(name)s moved to “%(column)s”.") % {"name": application, "column": label}
    if _wants_json(request):
        moves = [
            {"status": s, "label": str(ApplicationStatus(s).label)}
            for s, _label in application_detail(application=application)["moves"]
        ]
        return JsonResponse(
            {"id": application.pk, "status": application.status, "moves": moves, "message": message}
        )
    messages.success(request, message)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = application.get_absolute_url()
    return redirect(target)
