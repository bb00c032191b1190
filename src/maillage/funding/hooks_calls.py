"""What calls, applications and grants add to the other apps' pages: the home page's
funding deadlines, the calendar feed's events, search, and their trash cascades.
Imported by funding.hooks at start-up; each function applies `visible_to` itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core import hooks, scheduler
from maillage.core.deliveries import retries_due
from maillage.core.hooks import CalendarEvent, NavEntry, SearchProvider, Section
from maillage.core.trash import register_trash_cascade
from maillage.funding.models import Application, Call, Grant, ReportingObligation
from maillage.funding.selectors.calls import HOME_ROWS, calls_due, days_left
from maillage.funding.selectors.grants import obligations_due
from maillage.funding.services.alerts import KEY_PREFIX

# A call's applications go to the trash with it, and a grant's with its application.
register_trash_cascade(Application, "call")
register_trash_cascade(Grant, "application")

# The daily deadline alerts (30, 7 and 1 days before), run by the scheduler that
# `maillage serve` starts (`maillage send_deadline_alerts` runs them by hand); their
# emails refused by the mail server are tried again every 15 minutes once their delay
# has passed (core.deliveries).
scheduler.register(
    "funding.send_deadline_alerts",
    "maillage.funding.jobs.send_deadline_alerts",
    title=gettext_lazy("Daily funding deadline alerts"),
    daily_at=dt.time(6, 15),
)
scheduler.register(
    "funding.retry_deadline_alerts",
    "maillage.funding.jobs.retry_deadline_alerts",
    title=gettext_lazy("Funding deadline alerts: emails tried again"),
    every=dt.timedelta(minutes=15),
    only_if=lambda now: retries_due(KEY_PREFIX, now),
)


@hooks.register(hooks.NAVIGATION)
def pipeline_navigation(user: Any) -> list[NavEntry]:
    """The calls and applications pipeline ("Candidatures"), beside the funding entry;
    internal, no entry for partners."""
    if not getattr(user, "is_internal", False):
        return []
    return [
        NavEntry(gettext_lazy("Funding pipeline"), reverse("funding:application_board"), order=36)
    ]


@hooks.register(hooks.HOME_ITEMS)
def funding_deadlines(user: Any, today: dt.date) -> list[Section]:
    """Calls closing within 30 days with an application being prepared, and reports due
    to donors (or late), when there are any."""
    if not getattr(user, "is_internal", False):
        return []
    calls = calls_due(user=user, today=today, limit=HOME_ROWS)
    obligations = obligations_due(user=user, today=today, limit=HOME_ROWS)
    if not calls and not obligations:
        return []
    context = {
        "today": today,
        "calls": [(call, days_left(call, today)) for call in calls],
        "obligations": obligations,
    }
    return [Section("funding/_home_deadlines.html", context, order=35)]


@hooks.register(hooks.CALENDAR_EVENTS)
def funding_events(user: Any, since: dt.date) -> list[CalendarEvent]:
    """The deadlines of the calls the user prepares an application for, and the reports
    due on the grants of the applications the user holds, from `since` on."""
    if not getattr(user, "is_internal", False):
        return []
    events = []
    calls = (
        Call.objects.visible_to(user)
        .filter(
            applications__owner=user,
            applications__deleted_at__isnull=True,
            deadline_on__gte=since,
        )
        .select_related("instrument")
        .distinct()
        .order_by("deadline_at", "pk")
    )
    for call in calls:
        events.append(
            CalendarEvent(
                uid=f"call-{call.pk}@maillage",
                title=str(_("Deadline: %(call)s") % {"call": call}),
                start=call.deadline_local,
                tz=call.deadline_tz,
                url=call.get_absolute_url(),
                description=str(call.instrument),
                categories=(str(_("Funding")),),
            )
        )
    obligations = (
        ReportingObligation.objects.filter(
            grant__in=Grant.objects.visible_to(user).filter(application__owner=user),
            submitted_on__isnull=True,
            due_on__gte=since,
        )
        .select_related("grant__application__call", "grant__application__project")
        .order_by("due_on", "pk")
    )
    for obligation in obligations:
        events.append(
            CalendarEvent(
                uid=f"report-{obligation.pk}@maillage",
                title=str(_("Report due: %(report)s") % {"report": obligation}),
                start=obligation.due_on,
                url=obligation.grant.get_absolute_url(),
                description=str(obligation.grant),
                categories=(str(_("Funding")),),
            )
        )
    return events


@hooks.register(hooks.SEARCH_PROVIDERS)
def call_search_providers() -> list[SearchProvider]:
    return [
        SearchProvider(
            model._meta.verbose_name_plural,
            model.objects.visible_to,
            order=order,
            model=model,
            fields=fields,
        )
        for order, (model, fields) in enumerate(
            [(Call, ("text",)), (Application, ("notes",))], start=53
        )
    ]
