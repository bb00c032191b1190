"""The values grid: a whole period of a project entered at once, like a spreadsheet.

One row per indicator (its figure or text, and narrative), then one row per value of its
disaggregations. Without JavaScript it is a plain form: every row is saved through
IndicatorValueService on its own, and the rows refused come back with the service's
words on their cells. With `results/grid.js`, the arrow keys and Enter move between
cells and a row is saved as soon as the focus leaves it (the same view, answering JSON
for that row). Each update carries the version it was loaded at: a row someone else
saved meanwhile is refused, not overwritten.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maillage.core.concurrency import VersionConflict, parse_version
from maillage.core.services import error_dict, today_for
from maillage.projects.models import Project
from maillage.results.models import ValueStatus
from maillage.results.selectors.grid import GridRow, default_span, grid_rows, grid_spans
from maillage.results.services.values import PARTS, PROJECT, IndicatorValueService, may_edit
from maillage.results.views.values import IndicatorValueViews

SUBMIT = "submit"


def _span(request: HttpRequest, spans: list[tuple[dt.date, dt.date]], today: dt.date) -> Any:
    text = request.POST.get("span") or request.GET.get("span") or ""
    start, _sep, end = text.partition("_")
    try:
        chosen = (dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    except ValueError:
        return default_span(spans, today)
    return chosen if chosen in spans else default_span(spans, today)


def span_key(span: tuple[dt.date, dt.date]) -> str:
    return f"{span[0].isoformat()}_{span[1].isoformat()}"


def _figure(raw: str) -> Decimal | None:
    """A figure as people type it: spaces between thousands, a decimal comma."""
    text = raw.replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not text:
        return None
    try:
        figure = Decimal(text)
    except InvalidOperation as error:
        raise ValueError(raw) from error
    if not figure.is_finite() or abs(figure) >= Decimal(10) ** 16:
        raise ValueError(raw)
    return figure


class RowInput:
    """What the grid sent for one indicator's rows, and what was wrong with it."""

    def __init__(self, row: GridRow, data: Any) -> None:
        self.row = row
        prefix = row.prefix
        self.raw = {
            name: str(data.get(f"{prefix}-{name}", "")).strip()
            for name in ("value", "text", "narrative")
        }
        self.raw_parts = {
            v.pk: str(data.get(f"{prefix}-part-{v.pk}", "")).strip() for v in row.part_values
        }
        self.version = parse_version(data.get(f"{prefix}-version"))
        self.errors: dict[str, list[str]] = {}

    @property
    def touched(self) -> bool:
        """Whether the row holds anything to save (an open update is always saved)."""
        return self.row.value is not None or any(self.raw.values()) or any(self.raw_parts.values())

    def cell(self, name: str) -> str:
        return f"{self.row.prefix}-{name}"

    def data(self) -> dict[str, Any] | None:
        """The service's input, or None when a cell is not a figure (said on the cell)."""
        data: dict[str, Any] = {"period": self.row.period, "narrative": self.raw["narrative"]}
        if self.row.qualitative:
            data["text"] = self.raw["text"]
            return data
        try:
            data["value"] = _figure(self.raw["value"])
        except ValueError:
            self.errors.setdefault(self.cell("value"), []).append(_("Enter a number."))
        parts: dict[int, Decimal] = {}
        for pk, raw in self.raw_parts.items():
            try:
                figure = _figure(raw)
            except ValueError:
                self.errors.setdefault(self.cell(f"part-{pk}"), []).append(_("Enter a number."))
                continue
            if figure is not None:
                parts[pk] = figure
        if self.row.part_values:
            data[PARTS] = parts
        return None if self.errors else data

    def refused(self, error: ValidationError) -> None:
        """The service's refusal, each message on the cell it is about."""
        cells = {
            "value": "value",
            "text": "text",
            "narrative": "narrative",
        }
        for field, messages_of_field in error_dict(error).items():
            if field in cells:
                target = self.cell(cells[field])
            elif field == PARTS and self.row.part_values:
                target = self.cell(f"part-{self.row.part_values[0].pk}")
            else:
                target = self.cell("row")
            self.errors.setdefault(target, []).extend(messages_of_field)


def save_row(row_input: RowInput, *, project: Project, user: Any, submit: bool) -> bool:
    """One indicator's rows through the service: a new update or the open one changed
    (and submitted when asked). False with the messages on `row_input.errors`."""
    row = row_input.row
    data = row_input.data()
    if data is None:
        return False
    data[PROJECT] = project
    current = row.value
    try:
        if current is None:
            data["status"] = ValueStatus.SUBMITTED if submit else ValueStatus.DRAFT
            row.value = IndicatorValueService.create(data=data, by=user)
        else:
            if not may_edit(current, user):
                raise ValidationError(
                    {NON_FIELD_ERRORS: _("This value is approved: it is locked.")}
                )
            if submit and current.status != ValueStatus.SUBMITTED:
                data["status"] = ValueStatus.SUBMITTED
            row.value = IndicatorValueService.update(
                obj=current, data=data, by=user, version=row_input.version
            )
    except VersionConflict:
        row_input.errors.setdefault(row_input.cell("row"), []).append(
            _(
                "Someone else changed this value since the grid was opened: reload the "
                "page to see their figures, then enter yours again."
            )
        )
        return False
    except ValidationError as error:
        row_input.refused(error)
        return False
    return True


@login_required
def project_grid(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    if not IndicatorValueViews.may_write(request.user):
        raise PermissionDenied(_("Your role does not allow changes here."))
    today = today_for(request.user)
    spans = grid_spans(project=project, user=request.user)
    span = _span(request, spans, today)
    rows = (
        grid_rows(project=project, user=request.user, starts_on=span[0], ends_on=span[1])
        if span
        else []
    )
    inputs: dict[int, RowInput] = {}
    status = 200
    if request.method == "POST":
        submit = request.POST.get("action") == SUBMIT
        only = request.POST.get("row", "")
        chosen = [r for r in rows if not only or str(r.indicator.pk) == only]
        saved = refused = 0
        for row in chosen:
            row_input = RowInput(row, request.POST)
            inputs[row.indicator.pk] = row_input
            if not row_input.touched:
                continue
            if save_row(row_input, project=project, user=request.user, submit=submit):
                saved += 1
            else:
                refused += 1
        if only and "application/json" in request.headers.get("Accept", ""):
            return _row_json(chosen, inputs)
        if saved:
            messages.success(
                request,
                ngettext("%(n)d indicator saved.", "%(n)d indicators saved.", saved) % {"n": saved},
            )
        if refused:
            messages.error(
                request,
                ngettext(
                    "%(n)d indicator was not saved: see the cells marked below.",
                    "%(n)d indicators were not saved: see the cells marked below.",
                    refused,
                )
                % {"n": refused},
            )
            status = 422
        else:
            return redirect(f"{request.path}?span={span_key(span)}")
    context = {
        "project": project,
        "spans": [(span_key(s), s) for s in spans],
        "span": span_key(span) if span else "",
        "rows": [_row_context(row, inputs.get(row.indicator.pk)) for row in rows],
    }
    return render(request, "results/project_grid.html", context, status=status)


def _row_context(row: GridRow, row_input: RowInput | None) -> dict[str, Any]:
    """The cells of a row group as the template draws them: what was typed when the
    page comes back with errors, else the update's stored figures."""
    value = row.value
    errors = row_input.errors if row_input else {}

    def shown(name: str, stored: Any) -> str:
        if row_input is not None and errors:
            return row_input.raw.get(name, "")
        if stored is None:
            return ""
        return str(stored.normalize()) if isinstance(stored, Decimal) else str(stored)

    parts = []
    for dimension_value in row.part_values:
        name = f"part-{dimension_value.pk}"
        typed = row_input.raw_parts.get(dimension_value.pk, "") if row_input and errors else None
        stored = row.parts.get(dimension_value.pk)
        parts.append(
            {
                "label": dimension_value,
                "name": f"{row.prefix}-{name}",
                "value": typed if typed is not None else shown("", stored),
                "errors": errors.get(f"{row.prefix}-{name}", []),
            }
        )
    return {
        "row": row,
        "locked": value is not None and value.status == ValueStatus.APPROVED,
        "value_cell": shown("value", value.value if value else None),
        "text_cell": shown("text", value.text if value else None),
        "narrative_cell": shown("narrative", value.narrative if value else None),
        "errors": {key.removeprefix(f"{row.prefix}-"): msgs for key, msgs in errors.items()},
        "parts": parts,
    }


def _row_json(rows: list[GridRow], inputs: dict[int, RowInput]) -> JsonResponse:
    if not rows:
        return JsonResponse({"errors": {"row": [_("No such indicator in this grid.")]}}, status=400)
    row = rows[0]
    row_input = inputs[row.indicator.pk]
    value = row.value
    body = {
        "row": row.indicator.pk,
        "saved": not row_input.errors,
        "errors": row_input.errors,
        "version": getattr(value, "version", None),
        "status": value.get_status_display() if value else "",
        "message": _("%(indicator)s saved.") % {"indicator": row.indicator}
        if not row_input.errors
        else _("%(indicator)s was not saved.") % {"indicator": row.indicator},
    }
    return JsonResponse(body, status=200 if not row_input.errors else 400)
