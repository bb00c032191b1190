"""A project's plan as an Excel workbook: one sheet "Plan", one row per activity, task and
milestone in outline order, with real dates and the predecessors by outline number.

Text is written through `core.exports` so that a title starting with `=`, `+`, `-` or `@`
stays text and never becomes a formula.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from maillage.core.exports import xlsx_cell
from maillage.projects.models import PlanItem, Project
from maillage.projects.mspdi import plan_outline

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "dd/mm/yyyy"
WIDTHS = (8, 12, 48, 12, 12, 10, 10, 10, 30, 30, 16)


def plan_headers() -> list[str]:
    return [
        _("WBS"),
        _("Kind"),
        _("Title"),
        _("Start"),
        _("End"),
        _("Duration (days)"),
        _("Progress (%)"),
        _("Status"),
        _("Assignees"),
        _("Responsible organisation"),
        _("Predecessors"),
    ]


def plan_rows(items: Sequence[PlanItem], links: Iterable[tuple[int, int, int]]) -> list[list[Any]]:
    """The rows of the sheet. `items` carry `organisation` and `assignees` prefetched;
    `links` are (predecessor pk, successor pk, lag days)."""
    outline = plan_outline(items)
    wbs = {row.item.pk: row.wbs for row in outline}
    before: dict[int, list[str]] = {}
    for predecessor, successor, lag in links:
        if predecessor in wbs and successor in wbs:
            label = wbs[predecessor] + (f"{lag:+d}" if lag else "")
            before.setdefault(successor, []).append(label)
    rows = []
    for row in outline:
        item = row.item
        rows.append(
            [
                row.wbs,
                str(item.get_kind_display()),
                item.title,
                item.start_on,
                item.end_on,
                item.duration_days,
                item.progress,
                str(item.get_status_display()),
                "; ".join(
                    user.get_full_name() or user.get_username() for user in item.assignees.all()
                ),
                item.organisation.name if item.organisation is not None else "",
                "; ".join(sorted(before.get(item.pk, []), key=_wbs_key)),
            ]
        )
    return rows


def _wbs_key(label: str) -> tuple[int, ...]:
    number = label.split("+")[0].split("-")[0]
    return tuple(int(part) for part in number.split(".") if part.isdigit())


def write_plan_xlsx(
    project: Project, items: Sequence[PlanItem], links: Iterable[tuple[int, int, int]]
) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="Plan")
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([xlsx_cell(sheet, header) for header in plan_headers()])
    for values in plan_rows(items, links):
        cells = [xlsx_cell(sheet, value) for value in values]
        for position in (3, 4):  # start and end: real dates, shown the French way
            cells[position] = _date_cell(sheet, values[position])
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _date_cell(sheet: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = DATE_FORMAT
    return cell
