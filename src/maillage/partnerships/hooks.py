"""What the partnerships area adds to the other apps' pages, and its trash cascades.

Imported at start-up (core.apps); each function applies `visible_to` itself, so a hook
never shows a user more than the area's own pages would.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from maillage.core import hooks, scheduler
from maillage.core.deliveries import retries_due
from maillage.core.hooks import NavEntry, SearchProvider, Section, Tab
from maillage.core.trash import register_trash_cascade
from maillage.partnerships.models import Agreement, Commitment, Partnership
from maillage.partnerships.selectors import (
    agreements_of_organisation,
    commitments_of_organisation,
    commitments_of_person,
    expiring_agreements_for,
    overdue_commitments_for,
    partnerships_of_organisation,
    person_partnership_rows,
)

# A partnership's agreements and an agreement's commitments go to the trash with it
# (and come back with it); an agreement's parties, decisions, amendments and files are
# not trashable rows: they stay with their agreement, files included, until the purge.
register_trash_cascade(Agreement, "partnership")
register_trash_cascade(Commitment, "agreement")

# The daily reminders (commitments coming due, agreements ending soon), run by the
# scheduler that `maillage serve` starts; their emails refused by the mail server are
# tried again every 15 minutes once their delay has passed (core.deliveries).
scheduler.register(
    "partnerships.send_reminders",
    "maillage.partnerships.jobs.send_reminders",
    title=_("Daily reminders: commitments and agreements"),
    daily_at=dt.time(6, 0),
)
scheduler.register(
    "partnerships.retry_reminders",
    "maillage.partnerships.jobs.retry_reminders",
    title=_("Reminders: emails tried again"),
    every=dt.timedelta(minutes=15),
    only_if=lambda now: retries_due("partnerships.", now),
)


@hooks.register(hooks.NAVIGATION)
def navigation(user: Any) -> list[NavEntry]:
    return [NavEntry(_("Partnerships"), reverse("partnerships:partnership_list"), order=30)]


@hooks.register(hooks.HOME_ITEMS)
def follow_up(user: Any, today: dt.date) -> list[Section]:
    """Agreements ending within 90 days and commitments past due, when there are any."""
    agreements = expiring_agreements_for(user=user, today=today)
    commitments = overdue_commitments_for(user=user, today=today)
    if not agreements and not commitments:
        return []
    context = {
        "today": today,
        "expiring_agreements": agreements,
        "overdue_commitments": commitments,
    }
    return [Section("partnerships/_home_follow_up.html", context, order=40)]


@hooks.register(hooks.PROJECT_TABS)
def project_tabs(project: Any, user: Any) -> list[Tab]:
    query = urlencode({"project": project.pk})
    agreements = f"{reverse('partnerships:agreement_list')}?{query}"
    commitments = f"{reverse('partnerships:commitment_list')}?{query}"
    return [
        Tab("agreements", _("Agreements"), agreements, order=55),
        Tab("commitments", _("Commitments"), commitments, order=60),
    ]


@hooks.register(hooks.PERSON_SECTIONS)
def person_sections(person: Any, user: Any) -> list[Section]:
    commitments = commitments_of_person(person=person, user=user)
    if not commitments:
        return []
    context = {"commitments": commitments, "person": person}
    return [Section("partnerships/_person_commitments.html", context, order=60)]


@hooks.register(hooks.ORGANISATION_SECTIONS)
def organisation_sections(organisation: Any, user: Any) -> list[Section]:
    """Its partnerships and agreements, then its commitments: each section when it has
    rows the user may see."""
    sections = []
    partnerships = partnerships_of_organisation(organisation=organisation, user=user)
    agreements = agreements_of_organisation(organisation=organisation, user=user)
    if partnerships or agreements:
        context = {
            "partnerships": partnerships,
            "agreements": agreements,
            "organisation": organisation,
        }
        sections.append(Section("partnerships/_organisation_agreements.html", context, order=55))
    commitments = commitments_of_organisation(organisation=organisation, user=user)
    if commitments:
        context = {"commitments": commitments, "organisation": organisation}
        sections.append(Section("partnerships/_organisation_commitments.html", context, order=60))
    return sections


@hooks.register(hooks.GDPR_EXPORT)
def gdpr_export(person: Any) -> dict[str, list[dict[str, Any]]]:
    return person_partnership_rows(person=person)


@hooks.register(hooks.SEARCH_PROVIDERS)
def search_providers() -> list[SearchProvider]:
    # Each kind with the longer texts the index holds beside its SEARCH_FIELDS.
    kinds: list[tuple[Any, tuple[str, ...]]] = [
        (Partnership, ("description",)),
        (Agreement, ("object",)),
        (Commitment, ()),
    ]
    return [
        SearchProvider(
            model._meta.verbose_name_plural,
            model.objects.visible_to,
            order=order,
            model=model,
            fields=fields,
        )
        for order, (model, fields) in enumerate(kinds, start=40)
    ]
