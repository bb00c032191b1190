"""Background refreshes of the stored over-spent lines (`services.followup`): a write that
touched many projects (a rate of a currency most projects spend in), and the nightly run
of all of them (registered in hooks_reports.py, run by the scheduler, core/scheduler.py)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from maillage.core.jobs import JobContext
from maillage.finance.services.followup import all_projects, projects_using, refresh_followup


def refresh_followup_job(ctx: JobContext) -> None:
    """Refresh the projects of `params["projects"]`, or those a rate of
    `params["currencies"]` dated `params["since"]` may change."""
    if "projects" in ctx.params:
        ids = [int(pk) for pk in ctx.params["projects"]]
    else:
        since = ctx.params.get("since")
        ids = projects_using(
            ctx.params.get("currencies") or [], dt.date.fromisoformat(since) if since else None
        )
    _refresh(ctx, ids)


def refresh_all_followup(ctx: JobContext) -> None:
    """The nightly run: every project with a budget or stored lines."""
    _refresh(ctx, all_projects())


def _refresh(ctx: JobContext, ids: list[int]) -> None:
    ctx.set_total(len(ids))
    stored = refresh_followup(ids, progress=ctx.advance)
    ctx.message(
        _("Over-spent budget lines: %(projects)s projects checked, %(lines)s lines over.")
        % {"projects": len(ids), "lines": stored}
    )
