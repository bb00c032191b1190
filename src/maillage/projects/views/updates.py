"""Field updates: dated notes from the ground with photos and documents, written by the
service's staff or by the partners of a project, and each project's timeline."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.accounts.models import Role
from maillage.core.crud import Column, CrudViews
from maillage.core.services import error_dict
from maillage.core.uploads import safe_download_response
from maillage.projects import selectors
from maillage.projects.filters import FieldUpdateFilterSet
from maillage.projects.forms import FieldUpdateForm
from maillage.projects.models import (
    IMAGE_CONTENT_TYPES,
    AttachmentKind,
    FieldUpdate,
    Project,
    UpdateAttachment,
)
from maillage.projects.permissions import may_change_update
from maillage.projects.services import UpdateAttachmentService


class FieldUpdateViews(CrudViews):
    model = FieldUpdate
    form_class = FieldUpdateForm
    filterset_class = FieldUpdateFilterSet
    write_roles = frozenset({Role.ADMIN, Role.OFFICER, Role.PARTNER})
    select_related = ("project", "author")
    columns = (
        Column("occurred_on"),
        Column("title", link=True),
        Column("project", sort="project__code"),
        Column("author", sort="author__last_name"),
        Column("is_public"),
    )
    detail_fields = ("project", "occurred_on", "author", "is_public")

    @classmethod
    def may_change(cls, obj: Any, user: Any) -> bool:
        return cls.may_write(user) and may_change_update(obj, user)

    initial_from_query = ("project",)

    @classmethod
    def form_kwargs(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        return {"user": request.user}

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        attachments = list(obj.attachments.all())
        return {
            "photos": [a for a in attachments if a.kind == AttachmentKind.PHOTO],
            "documents": [a for a in attachments if a.kind != AttachmentKind.PHOTO],
        }


@login_required
def project_updates(request: HttpRequest, pk: int) -> HttpResponse:
    """A project's timeline: newest first, grouped by month."""
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    updates = list(selectors.timeline(project=project, user=request.user))
    months = [
        (month, list(entries))
        for month, entries in groupby(updates, key=lambda u: u.occurred_on.replace(day=1))
    ]
    context = {
        "project": project,
        "months": months,
        "may_add": FieldUpdateViews.may_write(request.user),
        "create_url": reverse("projects:fieldupdate_create") + f"?project={project.pk}",
    }
    return render(request, "projects/project_updates.html", context)


def _visible_attachment(request: HttpRequest, pk: int) -> UpdateAttachment:
    return get_object_or_404(
        UpdateAttachment.objects.filter(
            update__in=FieldUpdate.objects.visible_to(request.user)
        ).select_related("update"),
        pk=pk,
    )


@login_required
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _visible_attachment(request, pk)
    try:
        file = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404 from missing
    return safe_download_response(file, attachment.original_name, attachment.content_type)


@login_required
def attachment_image(request: HttpRequest, pk: int) -> HttpResponse:
    """A photo, shown in the page with <img>: images only, with their own type."""
    attachment = _visible_attachment(request, pk)
    if attachment.content_type not in IMAGE_CONTENT_TYPES:
        raise Http404
    try:
        file = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404 from missing
    response = safe_download_response(file, attachment.original_name, attachment.content_type)
    response["Content-Disposition"] = response["Content-Disposition"].replace(
        "attachment;", "inline;", 1
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_POST
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _visible_attachment(request, pk)
    update = attachment.update
    if not FieldUpdateViews.may_change(update, request.user):
        raise PermissionDenied(_("Your role does not allow changes here."))
    name = str(attachment)
    try:
        UpdateAttachmentService.delete(obj=attachment, by=request.user)
    except ValidationError as error:
        for msgs in error_dict(error).values():
            for message in msgs:
                messages.error(request, message)
    else:
        messages.success(request, _("%(name)s removed.") % {"name": name})
    return redirect(update.get_absolute_url())
