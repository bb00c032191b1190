"""Pages of the shell: job progress, the trash, health check, the CSRF refusal.

The home page and the global search read every app: they live in `reporting`, the top
app (core names no domain app).
"""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models.deletion import ProtectedError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from maillage.core.jobs import may_retry, recover_dead_jobs, retry_job
from maillage.core.models import Job, JobState
from maillage.core.uploads import download_name, safe_download_response


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = Job.objects.visible_to(request.user).select_related("created_by")[:50]
    return render(request, "core/job_list.html", {"jobs": jobs})


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(Job.objects.visible_to(request.user), pk=pk)
    # A job whose process died says so now, not only when the worker starts again.
    if job.state == JobState.RUNNING and recover_dead_jobs(Job.objects.filter(pk=job.pk)):
        job.refresh_from_db()
    # django-htmx's middleware adds .htmx to the request
    template = "core/_job_progress.html" if request.htmx else "core/job_detail.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job, "may_retry": may_retry(job)})


@login_required
@require_POST
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Run a failed job again: whoever started it, or an administrator (others: 404)."""
    job = get_object_or_404(Job.objects.visible_to(request.user), pk=pk)
    if retry_job(job=job, by=request.user):
        messages.success(request, _("The job was started again."))
    else:
        messages.error(request, _("This job cannot be run again."))
    return redirect(job.get_absolute_url())


@login_required
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = get_object_or_404(Job.objects.visible_to(request.user), pk=pk)
    if not job.result_file:
        raise Http404
    try:
        handle = job.result_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    name = download_name(job.result_name, job.result_file.name)
    return safe_download_response(handle, name, mimetypes.guess_type(job.result_file.name)[0])


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused form says what to do, in the user's language."""
    return render(request, "403_csrf.html", status=403)


@login_required
def trash(request: HttpRequest) -> HttpResponse:
    """Soft-deleted records the user may see, newest first, each with a restore button."""
    from maillage.core.access import can_write
    from maillage.core.trash import trash_models, trashed_for

    if not can_write(request.user):
        raise PermissionDenied
    sections = []
    for model in trash_models():
        rows = list(trashed_for(request.user, model).order_by("-deleted_at")[:100])
        if rows:
            sections.append((model._meta.verbose_name_plural, model._meta.label_lower, rows))
    return render(
        request,
        "core/trash.html",
        {"sections": sections, "may_purge": getattr(request.user, "is_admin", False)},
    )


@login_required
@require_POST
def trash_restore(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    from maillage.core.access import can_write
    from maillage.core.trash import restore_from_trash, trash_models, trashed_for

    if not can_write(request.user):
        raise PermissionDenied
    models_by_label = {m._meta.label_lower: m for m in trash_models()}
    if model not in models_by_label:
        raise Http404
    obj = get_object_or_404(trashed_for(request.user, models_by_label[model]), pk=pk)
    count = restore_from_trash(obj, by=request.user)
    if count > 1:
        messages.success(
            request,
            ngettext(
                "%(name)s restored with %(count)d row that went with it.",
                "%(name)s restored with the %(count)d rows that went with it.",
                count - 1,
            )
            % {"name": obj, "count": count - 1},
        )
    else:
        messages.success(request, _("%(name)s restored.") % {"name": obj})
    return redirect(obj.get_absolute_url())


@login_required
@require_POST
def trash_purge(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    """Delete a trashed record for good, with its files: administrators only."""
    from maillage.core.trash import purge, trash_models, trashed_for

    if not getattr(request.user, "is_admin", False):
        raise PermissionDenied
    models_by_label = {m._meta.label_lower: m for m in trash_models()}
    if model not in models_by_label:
        raise Http404
    obj = get_object_or_404(trashed_for(request.user, models_by_label[model]), pk=pk)
    name = str(obj)
    try:
        purge(obj)
    except ProtectedError:
        messages.error(
            request,
            _("%(name)s is still used by other records and cannot be deleted for good.")
            % {"name": name},
        )
        return redirect("core:trash")
    messages.success(request, _("%(name)s deleted for good.") % {"name": name})
    return redirect("core:trash")
