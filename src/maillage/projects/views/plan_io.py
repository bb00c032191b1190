"""A project's plan in and out: download it as Excel or MS Project XML; create a new
project from an MS Project XML file (preview first, then one transaction)."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from maillage.core.access import can_write
from maillage.core.models import ImportSession, ImportState
from maillage.core.reference import country_choices
from maillage.core.services import RowErrors
from maillage.core.uploads import SafeFileField, attachment_header
from maillage.projects import selectors
from maillage.projects.models import PlanItem, Project
from maillage.projects.mspdi import (
    ParsedPlan,
    max_bytes,
    read_mspdi,
    refusals,
    save_plan,
    write_mspdi,
)
from maillage.projects.plan_xlsx import CONTENT_TYPE as XLSX_CONTENT_TYPE
from maillage.projects.plan_xlsx import write_plan_xlsx
from maillage.projects.services import check_new_project_code

IMPORTER = "projects.mspdi"
TEMPLATE = "projects/plan_import.html"
PREVIEW_TEMPLATE = "projects/plan_import_preview.html"


# --- Downloads ---------------------------------------------------------------------------


def _plan(request: HttpRequest, pk: int) -> tuple[Project, list[PlanItem], list[Any]]:
    """The project (404 unless visible) and its plan, in a constant number of queries."""
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    items, links = selectors.project_plan(project=project)
    return project, items, links


def _download(body: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = attachment_header(filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


class PlanXlsxView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        project, items, links = _plan(request, pk)
        body = write_plan_xlsx(project, items, links)
        return _download(body, f"{project.code}-plan.xlsx", XLSX_CONTENT_TYPE)


class PlanMspdiView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        project, items, links = _plan(request, pk)
        body = write_mspdi(project, items, links)
        return _download(body, f"{project.code}-plan.xml", "application/xml")


# --- Import ------------------------------------------------------------------------------


class PlanImportForm(forms.Form):
    file = SafeFileField(
        label=gettext_lazy("MS Project file (XML)"), allowed={"xml"}, max_bytes=5 * 1024 * 1024
    )
    code = forms.CharField(label=gettext_lazy("Code of the new project"), max_length=40)
    title = forms.CharField(label=gettext_lazy("Title of the new project"), max_length=250)
    country = forms.ChoiceField(label=gettext_lazy("Country"), choices=country_choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The cap may be set in the settings: read it when the form is built.
        self.fields["file"].max_bytes = max_bytes()  # type: ignore[attr-defined]

    def clean_code(self) -> str:
        return check_new_project_code(self.cleaned_data["code"])


class PlanImportView(LoginRequiredMixin, View):
    """Step 1: the file and the new project's code, title and country; step 2: the
    preview; confirming creates everything at once, or nothing."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not can_write(request.user):
            raise PermissionDenied(_("Your role does not allow changes here."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.form_page(PlanImportForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        if "session" in request.POST:
            return self.confirm(request)
        form = PlanImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.form_page(form, status=422)
        upload = form.cleaned_data["file"]
        data = upload.read()
        plan = read_mspdi(data)
        if not plan.ok:
            return self.form_page(form, plan=plan, status=422)
        session = ImportSession(
            importer=IMPORTER,
            original_name=(upload.name or "")[-255:],
            file_format="xml",
            state=ImportState.PREVIEWED,
            preview={
                "code": form.cleaned_data["code"],
                "title": form.cleaned_data["title"],
                "country": form.cleaned_data["country"],
            },
            created_by=request.user,
        )
        session.file.save(f"{uuid.uuid4().hex}.xml", ContentFile(data), save=False)
        session.save()
        return self.preview_page(session, plan)

    def confirm(self, request: HttpRequest) -> HttpResponse:
        session = get_object_or_404(
            ImportSession.objects.visible_to(request.user).filter(
                importer=IMPORTER, state=ImportState.PREVIEWED
            ),
            pk=_int(request.POST.get("session")),
        )
        if "cancel" in request.POST:
            _discard(session)
            messages.info(request, _("Import cancelled: nothing was saved."))
            return redirect("projects:plan_import")
        with session.file.open("rb") as stored:
            plan = read_mspdi(stored.read())
        values = session.preview
        try:
            check_new_project_code(values["code"])
        except ValidationError as exc:
            plan.errors.extend(exc.messages)
        if not plan.ok:
            return self.preview_page(session, plan, status=422)
        try:
            project = save_plan(
                plan,
                code=values["code"],
                title=values["title"],
                country=values["country"],
                user=request.user,
            )
        except (ValidationError, RowErrors) as refused:
            plan.errors.extend(refusals(refused))
            return self.preview_page(session, plan, status=422)
        except IntegrityError:
            plan.errors.append(_("The plan could not be saved; nothing was saved. Try again."))
            return self.preview_page(session, plan, status=409)
        _discard(session, state=ImportState.DONE)
        messages.success(
            request,
            _("Project %(project)s created with %(count)d plan items.")
            % {"project": project, "count": len(plan.items)},
        )
        return redirect(project.get_absolute_url())

    def form_page(
        self, form: PlanImportForm, plan: ParsedPlan | None = None, status: int = 200
    ) -> HttpResponse:
        context = {"form": form, "plan": plan, "max_bytes": max_bytes()}
        return render(self.request, TEMPLATE, context, status=status)

    def preview_page(
        self, session: ImportSession, plan: ParsedPlan, status: int = 200
    ) -> HttpResponse:
        context = {
            "session": session,
            "plan": plan,
            "values": session.preview,
            "counts": plan.counts,
        }
        return render(self.request, PREVIEW_TEMPLATE, context, status=status)


def _int(value: Any) -> int:
    """A primary key from the form; 0 (found nowhere) for anything else."""
    try:
        number = int(str(value)[:12])
    except (TypeError, ValueError):
        return 0
    return number if 0 < number < 2**31 else 0


def _discard(session: ImportSession, state: str = ImportState.FAILED) -> None:
    """The uploaded file is of no use once imported or cancelled."""
    session.file.delete(save=False)
    session.state = state
    session.save(update_fields=["file", "state"])
