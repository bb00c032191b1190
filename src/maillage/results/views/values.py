"""Pages of indicator values: the list (filters, tidy CSV/XLSX export with the narrative),
a value's page with its parts, evidence and workflow buttons, its form, the moves
(submit, approve, return) and the officers' approval queue."""

from __future__ import annotations

import mimetypes
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.accounts.models import Role
from maillage.core.concurrency import VersionConflict, parse_version
from maillage.core.crud import Column, CrudViews
from maillage.core.exports import FORMATS, write_table
from maillage.core.imports.views import ImportViews
from maillage.core.services import error_dict
from maillage.core.uploads import attachment_header, download_name, safe_download_response
from maillage.results.filters.values import IndicatorValueFilterSet
from maillage.results.forms.values import IndicatorValueForm, ValueMoveForm
from maillage.results.imports_values import IndicatorValueImporter
from maillage.results.models import Indicator, IndicatorPeriod, IndicatorValue, ValueStatus
from maillage.results.services.values import (
    STAFF_MOVES,
    TRANSITIONS,
    IndicatorValueService,
    is_staff_writer,
    may_edit,
)

WRITE_ROLES = frozenset({Role.ADMIN, Role.OFFICER, Role.PARTNER})
APPROVAL_ROWS = 50


def status_badge(value: IndicatorValue) -> str:
    return format_html(
        '<span class="badge value-{}">{}</span>', value.status, value.get_status_display()
    )


def moves_for(value: IndicatorValue, user: Any) -> list[tuple[str, str]]:
    """The moves `user` may make on `value` next: (status, label)."""
    if not may_edit(value, user) and not is_staff_writer(user):
        return []
    return [
        (status, str(ValueStatus(status).label))
        for status in TRANSITIONS.get(value.status, ())
        if status not in STAFF_MOVES or is_staff_writer(user)
    ]


class IndicatorValueViews(CrudViews):
    model = IndicatorValue
    form_class = IndicatorValueForm
    filterset_class = IndicatorValueFilterSet
    select_related = ("period__indicator__project", "entered_by")
    # On the value's own columns, which an index serves: a sort across the period and
    # the project sorted every value of the service for each page (0.5 s at 200,000).
    default_ordering = ("-created_at",)
    searchable = False
    write_roles = WRITE_ROLES
    initial_from_query = ("period",)
    columns = (
        Column(
            "project",
            label=gettext_lazy("Project"),
            sort="period__indicator__project__code",
            display=lambda v: v.period.indicator.project.code,
            value=lambda v: v.period.indicator.project.code,
        ),
        Column(
            "indicator",
            label=gettext_lazy("Indicator"),
            sort="period__indicator__code",
            display=lambda v: v.period.indicator,
            value=lambda v: str(v.period.indicator),
        ),
        Column("period", sort="period__starts_on", link=True),
        Column("value"),
        Column("text", sort=False),
        Column("status", display=status_badge),
        Column("entered_by", sort="entered_by__last_name"),
        Column("narrative", sort=False),
    )
    detail_fields = (
        "period",
        "value",
        "text",
        "narrative",
        "entered_by",
        "submitted_at",
        "approved_by",
        "approved_at",
        "return_comment",
    )

    @classmethod
    def may_change(cls, obj: Any, user: Any) -> bool:
        return cls.may_write(user) and may_edit(obj, user)

    @classmethod
    def form_kwargs(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        indicator = None
        if obj is None:
            indicator = _indicator_from_query(request)
        return {"user": request.user, "indicator": indicator}

    @classmethod
    def detail_context(cls, obj: Any, user: Any) -> dict[str, Any]:
        parts = list(obj.parts.visible_to(user).select_related("dimension_value__dimension"))
        evidence = list(obj.evidence.visible_to(user))
        moves = moves_for(obj, user)
        return {
            "parts": parts,
            "evidence": evidence,
            "moves": moves,
            "may_return": any(status == ValueStatus.RETURNED for status, _label in moves),
            "move_form": ValueMoveForm(initial={"status": obj.status}),
            "indicator": obj.period.indicator,
        }


def tidy_rows(queryset: Any) -> tuple[list[str], Any]:
    """The tidy layout for analysis: one row per value and per part (the total's row
    has no disaggregation), the narrative in its own column."""
    headers = [
        str(h)
        for h in (
            _("Project"),
            _("Indicator code"),
            _("Indicator"),
            _("Unit"),
            _("Period start"),
            _("Period end"),
            _("Target"),
            _("Disaggregation"),
            _("Disaggregation value"),
            _("Value"),
            _("Qualitative value"),
            _("Status"),
            _("Entered by"),
            _("Approved on"),
            _("Narrative"),
        )
    ]
    queryset = queryset.select_related("period__indicator__project", "entered_by").prefetch_related(
        "parts__dimension_value__dimension"
    )

    def rows() -> Any:
        for value in queryset.iterator(chunk_size=500):
            period = value.period
            indicator = period.indicator
            base = [
                indicator.project.code,
                indicator.code,
                indicator.title,
                indicator.unit,
                period.starts_on,
                period.ends_on,
                period.target_value,
            ]
            tail = [
                value.get_status_display(),
                str(value.entered_by or ""),
                value.approved_at.date() if value.approved_at else None,
                value.narrative,
            ]
            yield [*base, "", "", value.value, value.text, *tail]
            for part in value.parts.all():
                dimension_value = part.dimension_value
                yield [
                    *base,
                    dimension_value.dimension.name,
                    dimension_value.label,
                    part.amount,
                    "",
                    *tail,
                ]

    return headers, rows()


TIDY_FORMATS = ("csv", "csv-semicolon", "xlsx")


@login_required
def values_tidy_export(request: HttpRequest) -> HttpResponse:
    """The filtered values in the tidy layout (one row per figure, narrative included)
    for analysis: CSV (comma or semicolon) or XLSX, streamed from one query."""
    fmt = request.GET.get("format", "csv")
    if fmt not in TIDY_FORMATS:
        fmt = "csv"
    queryset, _filterset = IndicatorValueViews.filtered_queryset(request.user, request.GET)
    headers, rows = tidy_rows(queryset)
    response = HttpResponse(write_table(fmt, headers, rows), FORMATS[fmt][0])
    name = _("indicator-values") + "." + FORMATS[fmt][1]
    response["Content-Disposition"] = attachment_header(name)
    return response


class IndicatorValueImportViews(ImportViews):
    """Values from CSV, XLSX or ODS: upload, columns, preview, then all or nothing."""

    importer = IndicatorValueImporter
    crud = IndicatorValueViews


def _indicator_from_query(request: HttpRequest) -> Indicator | None:
    """The indicator a create page was opened from (?indicator= or ?period=)."""
    user = request.user
    indicator_id = request.GET.get("indicator", "")
    period_id = request.GET.get("period", "")
    if indicator_id.isdigit():
        return Indicator.objects.visible_to(user).filter(pk=int(indicator_id)).first()
    if period_id.isdigit():
        period = (
            IndicatorPeriod.objects.visible_to(user)
            .select_related("indicator")
            .filter(pk=int(period_id))
            .first()
        )
        return period.indicator if period else None
    return None


@login_required
def value_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit, approve or return a value (POST); a refusal comes back on the value's
    page with the service's words."""
    value = get_object_or_404(IndicatorValueViews.base_queryset(request.user), pk=pk)
    if request.method != "POST":
        return redirect(value.get_absolute_url())
    form = ValueMoveForm(request.POST)
    allowed = {status for status, _label in moves_for(value, request.user)}
    if not IndicatorValueViews.may_write(request.user) or not allowed:
        raise PermissionDenied(_("Your role does not allow changes here."))
    if form.is_valid():
        try:
            value = IndicatorValueService.move(
                obj=value,
                status=form.cleaned_data["status"],
                comment=form.cleaned_data["comment"],
                by=request.user,
                version=parse_version(request.POST.get("version")),
            )
        except VersionConflict:
            messages.error(
                request, _("Someone changed this value meanwhile: check it, then try again.")
            )
        except ValidationError as error:
            for messages_of_field in error_dict(error).values():
                for message in messages_of_field:
                    messages.error(request, message)
        else:
            messages.success(
                request,
                _("The value is now “%(status)s”.") % {"status": value.get_status_display()},
            )
    else:
        messages.error(request, _("Choose a status."))
    target = request.POST.get("next", "")
    # A path of this site only (a bare word would be read as a view name by redirect()).
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        target = value.get_absolute_url()
    return HttpResponseRedirect(target)


@login_required
def value_approvals(request: HttpRequest) -> HttpResponse:
    """The officers' queue: every submitted value, oldest first, to approve or return."""
    if not getattr(request.user, "is_internal", False):
        raise PermissionDenied(_("The approval queue is for the service's staff."))
    values = list(
        IndicatorValue.objects.visible_to(request.user)
        .filter(status=ValueStatus.SUBMITTED)
        .select_related("period__indicator__project", "entered_by")
        .prefetch_related("parts__dimension_value__dimension")
        .order_by("submitted_at", "pk")[:APPROVAL_ROWS]
    )
    context = {
        "values": values,
        "may_approve": is_staff_writer(request.user),
        "limit": APPROVAL_ROWS,
        "queue_url": request.get_full_path(),
    }
    return render(request, "results/value_approvals.html", context)


@login_required
def value_evidence_file(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    """An evidence file, to those who see the value; never served from the media folder."""
    value = get_object_or_404(IndicatorValueViews.base_queryset(request.user), pk=pk)
    evidence = get_object_or_404(value.evidence.visible_to(request.user), pk=evidence_pk)
    if not evidence.file:
        raise Http404
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    kind = mimetypes.guess_type(evidence.file.name)[0]
    return safe_download_response(
        handle, download_name(evidence.original_name or value, evidence.file.name), kind
    )
