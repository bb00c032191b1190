"""The import pages of an entity: upload → columns → preview → confirm (a job).

    class OrganisationImportViews(ImportViews):
        importer = OrganisationImporter
        crud = OrganisationViews

and in the app's urls.py, explicitly:

    path("organisations/import/", OrganisationImportViews.upload_view(),
         name="organisation_import"),
    path("organisations/import/<int:session>/columns/", OrganisationImportViews.mapping_view(),
         name="organisation_import_mapping"),
    path("organisations/import/<int:session>/preview/", OrganisationImportViews.preview_view(),
         name="organisation_import_preview"),

Only the roles that may write the entity may import it (403 for the others); an import
in progress is seen by the person who started it alone (404 for the others).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, cast

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from maillage.core.crud import CrudViews
from maillage.core.exports import FORMATS, write_table
from maillage.core.imports.engine import CREATE, SKIP, UPDATE, Importer
from maillage.core.imports.readers import ImportFileError, check_size, max_bytes
from maillage.core.imports.sessions import (
    ALL_OR_NOTHING,
    VALID_ROWS,
    column_samples,
    confirm_session,
    open_session,
    preview_session,
)
from maillage.core.imports.writer import ImportAborted
from maillage.core.models import ImportSession, ImportState

DECISION_LABELS = {
    SKIP: gettext_lazy("Skip this row"),
    UPDATE: gettext_lazy("Update the existing record"),
    CREATE: gettext_lazy("Create a new record anyway"),
}
SHOWN_DUPLICATES = 500


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV, XLSX or ODS; the first row holds the column names."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


class ImportViews:
    """The declaration of an entity's import pages."""

    importer: ClassVar[type[Importer]]
    crud: ClassVar[type[CrudViews]]
    template_formats: ClassVar[tuple[str, ...]] = ("csv", "xlsx", "ods")

    @classmethod
    def url_name(cls, step: str = "") -> str:
        return cls.crud.url_name("import" + (f"_{step}" if step else ""))

    @classmethod
    def upload_view(cls) -> Callable[..., HttpResponseBase]:
        return ImportUploadView.as_view(imports=cls)

    @classmethod
    def mapping_view(cls) -> Callable[..., HttpResponseBase]:
        return ImportMappingView.as_view(imports=cls)

    @classmethod
    def preview_view(cls) -> Callable[..., HttpResponseBase]:
        return ImportPreviewView.as_view(imports=cls)


class ImportMixin(LoginRequiredMixin, View):
    imports: type[ImportViews] = ImportViews
    step = ""
    request: HttpRequest

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.imports.crud.may_write(request.user):
            raise PermissionDenied(_("Your role does not allow imports here."))
        return super().dispatch(request, *args, **kwargs)

    def get_session(self) -> ImportSession:
        return get_object_or_404(
            ImportSession.objects.visible_to(self.request.user),
            pk=self.kwargs["session"],
            importer=self.imports.importer.name,
        )

    def render_step(self, context: dict[str, Any], status: int = 200) -> HttpResponse:
        crud = self.imports.crud
        meta = crud.model._meta
        base = {
            "importer": self.imports.importer,
            "fields": self.imports.importer.fields,
            "verbose_name_plural": meta.verbose_name_plural,
            "list_url": reverse(crud.url_name("list")),
            "upload_url": reverse(self.imports.url_name()),
            "step": self.step,
        }
        templates = [
            f"{crud.app_label}/{crud.model_name}_import_{self.step}.html",
            f"core/imports/{self.step}.html",
        ]
        return render(self.request, templates, {**base, **context}, status=status)


class _SizeLimitHandler(FileUploadHandler):
    """Stop receiving an upload once it passes the limit, instead of storing all of it."""

    def __init__(self, request: HttpRequest, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.import_too_large = True  # type: ignore[union-attr]  # a flag for the view, read after the upload stops
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


# Room for the multipart envelope and the other form fields around the file.
MULTIPART_SLACK = 64 * 1024


@method_decorator(csrf_exempt, name="dispatch")
class ImportUploadView(ImportMixin):
    """The CSRF check is made here, after the upload handlers are set: Django's middleware
    would otherwise read the whole body (and store the file) before the view sees its size."""

    step = "upload"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "POST" and self.imports.crud.may_write(request.user):
            length = int(request.META.get("CONTENT_LENGTH") or 0)
            if length > max_bytes() + MULTIPART_SLACK:
                return self.too_large(length)
            # Before the body is read the handlers are a list (immutable only once read).
            handlers = cast(list[Any], request.upload_handlers)
            handlers.insert(0, _SizeLimitHandler(request, max_bytes()))
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def too_large(self, size: int) -> HttpResponse:
        try:
            check_size(size)
        except ImportFileError as error:
            return self.page(UploadForm(), status=413, error=str(error))
        raise AssertionError("too_large() called for a file within the limit")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        fmt = request.GET.get("template", "")
        if fmt in self.imports.template_formats:
            return self.template_file(fmt)
        return self.page(UploadForm())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = UploadForm(request.POST, request.FILES)
        if getattr(request, "import_too_large", False):
            return self.too_large(max_bytes() + 1)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                session = open_session(
                    importer=self.imports.importer,
                    upload=upload,
                    name=upload.name,
                    user=request.user,
                )
            except ImportFileError as error:
                form.add_error("file", str(error))
            else:
                return redirect(reverse(self.imports.url_name("mapping"), args=[session.pk]))
        return self.page(form, status=422)

    def page(self, form: UploadForm, status: int = 200, error: str = "") -> HttpResponse:
        return self.render_step(
            {
                "error": error,
                "form": form,
                "template_formats": self.imports.template_formats,
                "max_bytes": max_bytes(),
            },
            status,
        )

    def template_file(self, fmt: str) -> HttpResponse:
        """An empty file with the column headers, to fill in."""
        headers = [capfirst(str(f.label)) for f in self.imports.importer.fields]
        content_type, extension = FORMATS[fmt]
        response = HttpResponse(write_table(fmt, headers, []), content_type=content_type)
        name = f"{self.imports.importer.name}-import.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class ImportMappingView(ImportMixin):
    step = "mapping"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        session = self.get_session()
        if session.state not in (ImportState.UPLOADED, ImportState.PREVIEWED):
            return self.started(session)
        return self.page(session, session.mapping)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        session = self.get_session()
        if session.state not in (ImportState.UPLOADED, ImportState.PREVIEWED):
            return self.started(session)
        fields = self.imports.importer.field_map()
        mapping = []
        for index in range(len(session.headers)):
            name = request.POST.get(f"column-{index}", "")
            mapping.append(name if name in fields else "")
        try:
            preview_session(session=session, mapping=mapping, user=request.user)
        except (ImportAborted, ImportFileError) as error:
            return self.page(session, mapping, error=str(error), status=422)
        return redirect(reverse(self.imports.url_name("preview"), args=[session.pk]))

    def started(self, session: ImportSession) -> HttpResponse:
        """The columns of an import already started cannot change: show its job."""
        if session.job is not None:
            return redirect(session.job.get_absolute_url())
        return redirect(reverse(self.imports.crud.url_name("list")))

    def page(
        self, session: ImportSession, mapping: list[str], error: str = "", status: int = 200
    ) -> HttpResponse:
        try:
            samples = column_samples(session)
        except ImportFileError as problem:
            samples, error = [[] for _ in session.headers], str(problem)
        columns = [
            {
                "index": index,
                "header": header,
                "field": mapping[index] if index < len(mapping) else "",
                "samples": samples[index] if index < len(samples) else [],
            }
            for index, header in enumerate(session.headers)
        ]
        return self.render_step({"session": session, "columns": columns, "error": error}, status)


class ImportPreviewView(ImportMixin):
    step = "preview"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        session = self.get_session()
        if session.state == ImportState.UPLOADED:
            return redirect(reverse(self.imports.url_name("mapping"), args=[session.pk]))
        return self.page(session)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        session = self.get_session()
        # A session back in preview after its job's process died may be confirmed again.
        if session.job_id and session.state != ImportState.PREVIEWED:
            return HttpResponseRedirect(session.job.get_absolute_url())  # type: ignore[union-attr]  # job_id is set
        decisions = {}
        for duplicate in session.preview.get("duplicates", [])[:SHOWN_DUPLICATES]:
            value = request.POST.get(f"decision-{duplicate['row']}", "")
            if value in duplicate["choices"]:
                decisions[int(duplicate["row"])] = value
        default = request.POST.get("default_decision", SKIP)
        mode = VALID_ROWS if request.POST.get("mode") == VALID_ROWS else ALL_OR_NOTHING
        try:
            job = confirm_session(
                session=session,
                decisions=decisions,
                default=default,
                user=request.user,
                mode=mode,
            )
        except ImportAborted as error:
            return self.page(session, error=str(error), status=422)
        return HttpResponseRedirect(job.get_absolute_url())

    def page(self, session: ImportSession, error: str = "", status: int = 200) -> HttpResponse:
        preview = session.preview
        duplicates = preview.get("duplicates", [])
        shown = [
            {**d, "options": [(c, DECISION_LABELS[c]) for c in d["choices"]]}
            for d in duplicates[:SHOWN_DUPLICATES]
        ]
        return self.render_step(
            {
                "session": session,
                "preview": preview,
                "duplicates": shown,
                "more_duplicates": max(0, len(duplicates) - SHOWN_DUPLICATES),
                "default_options": list(DECISION_LABELS.items()),
                "error": error,
                "can_confirm": session.state == ImportState.PREVIEWED and not preview.get("errors"),
                # Rows with errors beside valid ones: the valid rows may go in alone.
                "can_import_valid": session.state == ImportState.PREVIEWED
                and bool(preview.get("errors"))
                and not preview.get("file_errors")
                and preview.get("valid_rows", 0) > 0,
                "modes": {"all": ALL_OR_NOTHING, "valid": VALID_ROWS},
                "mapping_url": reverse(self.imports.url_name("mapping"), args=[session.pk]),
            },
            status,
        )
