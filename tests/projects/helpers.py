"""What the projects' page tests post: a task's edit form, a project's sectors formset."""

from __future__ import annotations

import datetime
from typing import Any


def d(day: int, month: int = 3) -> datetime.date:
    """A day of 2026 (March by default), the plans' tests' calendar."""
    return datetime.date(2026, month, day)


def task_form(task: Any, **changes: Any) -> dict[str, Any]:
    """The task's edit form as the page posts it, with `changes`."""
    data = {
        "project": task.project_id,
        "parent": task.parent_id,
        "title": task.title,
        "description": "",
        "start_on": task.start_on.isoformat(),
        "end_on": task.end_on.isoformat(),
        "status": task.status,
        "progress": task.progress,
        "version": task.version,
    }
    data.update(changes)
    return data


def sector_post(rows: list[tuple[Any, str]]) -> dict[str, str]:
    """The sectors formset of a project page: (sector item, percentage) rows."""
    data = {
        "sectors-TOTAL_FORMS": str(len(rows)),
        "sectors-INITIAL_FORMS": "0",
        "sectors-MIN_NUM_FORMS": "0",
        "sectors-MAX_NUM_FORMS": "1000",
    }
    for i, (sector, percentage) in enumerate(rows):
        data[f"sectors-{i}-sector"] = str(sector.pk)
        data[f"sectors-{i}-percentage"] = percentage
    return data
