"""The stored over-spent lines (`OverspentLine`), kept in step with what they are made of,
so that the home page's alert reads them instead of summing every expense of the user's
projects on each view (6 s for an officer at national scale).

`refresh_followup(project_ids)` works them out with the follow-up's own numbers
(`selectors.followup.overspent_rows`: same sums, same conversions) and replaces the
projects' rows. The services whose writes change those numbers ask for it once their
transaction commits, for the projects touched only:

- expenses: validating one, its counter-entry, any write of a validated one
  (`ExpenseService`); the splits (`ExpenseCharge`) do not change a line's actual;
- budgets: a budget, a version (adoption, revision) or a line written or deleted
  (`services.budgets`);
- rates: a rate written, imported or deleted (`services.rates`, the ECB's file) refreshes
  the projects with validated expenses from its date on in its currency or on lines in
  its currency (`projects_using`);

more than `INLINE_LIMIT` projects go to a background job (`jobs_followup`). A nightly run
(`jobs_followup.refresh_all_followup`, registered in `hooks_reports`) refreshes them all:
what no service sees (a record restored from the trash) is right by the next morning.

A project or budget in the trash keeps its rows: the home page hides them
(`stored_overspent`) and they come back, as they were, with a restore.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.finance.models import Budget, BudgetLine, Expense, ExpenseStatus, OverspentLine
from maillage.finance.selectors.followup import overspent_rows

logger = logging.getLogger(__name__)

# Refreshed at the commit up to this many projects (a fraction of a second); beyond, a job.
INLINE_LIMIT = 200
# Projects worked out together: the expenses' day sums of 500 projects fit in memory.
CHUNK = 500
JOB_HANDLER = "maillage.finance.jobs_followup.refresh_followup_job"


def refresh_followup(
    project_ids: Iterable[int], *, today: dt.date | None = None, progress: Any = None
) -> int:
    """Work out again the over-spent lines of `project_ids` and store them in place of
    theirs; how many are stored. `progress(n)` is told of each chunk of projects done."""
    ids = sorted({int(pk) for pk in project_ids if pk is not None})
    today = today or timezone.localdate()
    stored = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        stored += _refresh_chunk(chunk, today)
        if progress is not None:
            progress(len(chunk))
    return stored


@transaction.atomic
def _refresh_chunk(ids: list[int], today: dt.date) -> int:
    # The budgets' rows locked first, then the sums read: two refreshes of one project
    # (two writes committed at once) follow each other, the later one reading both writes,
    # instead of the earlier one storing its older figures last.
    budgets = list(
        Budget.all_objects.select_for_update(of=("self",))
        .filter(project__in=ids)
        .order_by("pk")
        .values_list("project_id", "deleted_at", "project__deleted_at")
    )
    in_trash = {project for project, gone, project_gone in budgets if gone or project_gone}
    live = [pk for pk in ids if pk not in in_trash]
    found = overspent_rows(live, today=today)
    now = timezone.now()
    OverspentLine.objects.filter(project__in=live).delete()
    rows = [
        OverspentLine(
            project_id=item.project.pk,
            version=item.version,
            code=item.row.key,
            label=item.row.label,
            currency=item.row.currency,
            forecast=item.row.forecast,
            actual=item.row.actual,
            percent=item.row.percent,
            computed_at=now,
        )
        for item in found
        if item.row.percent is not None  # always: an over-spent line has a forecast
    ]
    OverspentLine.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def all_projects() -> list[int]:
    """The projects that have a budget or stored lines: what the nightly run refreshes."""
    ids = set(Budget.all_objects.values_list("project_id", flat=True))
    ids |= set(OverspentLine.objects.values_list("project_id", flat=True).distinct())
    return sorted(ids)


def projects_using(currencies: Iterable[str], since: dt.date | None) -> list[int]:
    """The projects whose over-spent lines a rate of `currencies` dated `since` may change:
    their validated expenses from that day on are in one of them, or are converted to a
    line in one of them (a rate serves its day and the days after it, until the next)."""
    codes = sorted(set(currencies))
    if not codes:
        return []
    expenses = Expense.objects.filter(status=ExpenseStatus.VALIDATED)
    if since is not None:
        expenses = expenses.filter(spent_on__gte=since)
    ids = set(expenses.filter(currency__in=codes).values_list("project_id", flat=True).distinct())
    with_lines = BudgetLine.objects.filter(currency__in=codes).values(
        "budget_version__budget__project_id"
    )
    ids |= set(
        expenses.filter(~Q(currency__in=codes), project__in=with_lines)
        .values_list("project_id", flat=True)
        .distinct()
    )
    return sorted(ids)


# -- after a write ------------------------------------------------------------------------


class _Pending:
    """What to refresh once the transaction commits: the projects written and the rates
    changed (currency → earliest date). The writes of one transaction add to the same
    callback while it is the last one registered: trashing a project with its 10,000
    expenses refreshes it once."""

    def __init__(self) -> None:
        self.projects: set[int] = set()
        self.rates: dict[str, dt.date | None] = {}
        self.done = False

    def add_rates(self, currencies: Iterable[str], since: dt.date | None) -> None:
        for code in currencies:
            if code in self.rates:
                held = self.rates[code]
                self.rates[code] = None if held is None or since is None else min(held, since)
            else:
                self.rates[code] = since

    def __call__(self) -> None:
        self.done = True
        ids = set(self.projects)
        by_day: dict[dt.date | None, set[str]] = {}
        for code, since in self.rates.items():
            by_day.setdefault(since, set()).add(code)
        for since, codes in by_day.items():
            ids.update(projects_using(codes, since))
        if len(ids) > INLINE_LIMIT:
            _start_job({"projects": sorted(ids)})
        elif ids:
            refresh_followup(ids)


def _schedule(fill: Callable[[_Pending], None]) -> None:
    """`fill` the callback of the current transaction (registered when it has none yet);
    outside a transaction, run it at once."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and connection.run_on_commit:
        last = connection.run_on_commit[-1][1]
        if isinstance(last, _Pending) and not last.done:
            fill(last)
            return
    pending = _Pending()
    fill(pending)
    if connection.in_atomic_block:
        # Robust: the write is committed whatever the refresh does (a failure is logged
        # and the night's run repairs it).
        transaction.on_commit(pending, robust=True)
        return
    try:
        pending()
    except Exception:
        logger.exception("refresh of the over-spent lines failed")


def refresh_after_commit(project_ids: Iterable[int | None]) -> None:
    """Refresh the over-spent lines of `project_ids` once the current transaction commits;
    a write rolled back refreshes nothing."""
    ids = {int(pk) for pk in project_ids if pk is not None}
    if ids:
        _schedule(lambda pending: pending.projects.update(ids))


def rates_changed(currencies: Iterable[str], since: dt.date | None) -> None:
    """Refresh, once the transaction commits, the projects a new, changed or deleted rate
    of `currencies` dated `since` (the earliest) may change (`projects_using`)."""
    codes = {code for code in currencies if code}
    if codes:
        _schedule(lambda pending: pending.add_rates(codes, since))


def _start_job(params: dict[str, Any]) -> None:
    from maillage.core.jobs import start_job

    start_job(handler=JOB_HANDLER, title=job_title(), params=params, user=None)


def job_title() -> str:
    return _("Refresh of the over-spent budget lines")
