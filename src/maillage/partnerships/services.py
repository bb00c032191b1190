"""Reads reused by the pages, the API and the exports, and the reminders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import models
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maillage.actors.models import Interaction, Organisation, Position
from maillage.partnerships.models import (
    OPEN_STATUSES,
    Agreement,
    Commitment,
    CommitmentStatus,
    Partnership,
)
from maillage.partnerships.models.commitments import MAX_REMIND_DAYS
from maillage.projects.models import Project

RECENT_INTERACTIONS = 20  # the partnership page shows the latest exchanges, not all


# --- Commitments by partner -------------------------------------------------------------


@dataclass
class PartyGroup:
    """One party's commitments, with a count per status, for a steering committee."""

    organisation: Organisation
    counts: dict[str, int]
    overdue: int
    commitments: list[Commitment] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.commitments)


def commitments_for(
    *, user: Any, agreement: Agreement | None = None, project: Project | None = None
) -> models.QuerySet:
    """The commitments the user sees, of an agreement and/or a project (directly, or
    through an agreement linked to it)."""
    qs = Commitment.objects.visible_to(user)
    if agreement is not None:
        qs = qs.filter(agreement=agreement)
    if project is not None:
        linked = Agreement.projects.through.objects.filter(project=project).values("agreement_id")
        qs = qs.filter(Q(project=project) | Q(agreement_id__in=linked))
    return qs


def commitments_by_partner(
    *,
    user: Any,
    today: dt.date,
    agreement: Agreement | None = None,
    project: Project | None = None,
) -> list[PartyGroup]:
    """The commitments grouped by the party that made them, parties by name; two queries."""
    qs = commitments_for(user=user, agreement=agreement, project=project)
    statuses = {s.value: Count("pk", filter=Q(status=s)) for s in CommitmentStatus}
    counts = {
        row["party_id"]: row
        for row in qs.order_by()
        .values("party_id")
        .annotate(
            **statuses,
            overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_on__lt=today)),
        )
    }
    groups: dict[int, PartyGroup] = {}
    rows = qs.select_related(
        "party", "responsible_person", "agreement", "project", "follow_up_user"
    ).order_by("party__name", "party_id", models.F("due_on").asc(nulls_last=True), "pk")
    for commitment in rows:
        group = groups.get(commitment.party_id)
        if group is None:
            row = counts[commitment.party_id]
            group = groups[commitment.party_id] = PartyGroup(
                organisation=commitment.party,
                counts={s.value: row[s.value] for s in CommitmentStatus},
                overdue=row["overdue"],
            )
        commitment.overdue = commitment.is_overdue(today)  # type: ignore[attr-defined]
        group.commitments.append(commitment)
    return list(groups.values())


def commitments_by_partner_table(groups: list[PartyGroup]) -> tuple[list[str], list[list[Any]]]:
    """The rows of the XLSX export: one per commitment, its party first."""
    headers = [
        _("Party"),
        _("Commitment"),
        _("Agreement"),
        _("Project"),
        _("Responsible person"),
        _("Due date"),
        _("Status"),
        _("Overdue"),
        _("Fulfilled on"),
        _("Evidence"),
    ]
    rows = [
        [
            str(group.organisation),
            c.text,
            str(c.agreement) if c.agreement_id else "",
            str(c.project) if c.project_id else "",
            str(c.responsible_person) if c.responsible_person_id else "",
            c.due_on,
            str(c.get_status_display()),
            _("Yes") if c.overdue else "",  # type: ignore[attr-defined]
            c.fulfilled_on,
            c.evidence,
        ]
        for group in groups
        for c in group.commitments
    ]
    return headers, rows


# --- The partnership's page -------------------------------------------------------------


def partnership_overview(partnership: Partnership, user: Any, today: dt.date) -> dict[str, Any]:
    """Everything of a partnership on one page, in a constant number of queries: its
    agreements with their amendments, projects, contacts at either authority, exchanges
    with them and its open commitments."""
    authorities = [partnership.french_authority_id, partnership.foreign_authority_id]
    agreements = list(
        Agreement.objects.visible_to(user)
        .filter(partnership=partnership)
        .with_effective()
        .prefetch_related("amendments")
        .order_by(models.F("start_on").asc(nulls_last=True), "pk")
    )
    for agreement in agreements:
        agreement.expiring = agreement.expires_soon(today)  # type: ignore[attr-defined]
    agreement_ids = [a.pk for a in agreements]
    project_ids = Partnership.projects.through.objects.filter(partnership=partnership).values(
        "project_id"
    )
    linked = Agreement.projects.through.objects.filter(agreement_id__in=agreement_ids).values(
        "project_id"
    )
    projects = Project.objects.visible_to(user).filter(Q(pk__in=project_ids) | Q(pk__in=linked))
    contacts = (
        Position.objects.filter(organisation_id__in=authorities, person__deleted_at__isnull=True)
        .select_related("person", "organisation")
        .order_by("organisation__name", models.F("end_on").desc(nulls_first=True), "pk")
    )
    interactions = Interaction.objects.visible_to(user).filter(
        pk__in=Interaction.organisations.through.objects.filter(
            organisation_id__in=authorities
        ).values("interaction_id")
    )
    commitments = Commitment.objects.visible_to(user).filter(agreement_id__in=agreement_ids)
    return {
        "today": today,
        "agreements": agreements,
        "projects": projects.order_by("code"),
        "contacts": contacts,
        "interactions": interactions.order_by("-occurred_on", "-pk")[:RECENT_INTERACTIONS],
        "interaction_count": interactions.count(),
        "commitment_counts": commitments.aggregate(
            open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
            overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_on__lt=today)),
            total=Count("pk"),
        ),
    }


# --- Reminders --------------------------------------------------------------------------


@dataclass
class ReminderResult:
    emails: int = 0
    commitments: list[Commitment] = field(default_factory=list)
    expiring: list[Agreement] = field(default_factory=list)


def commitments_to_remind(today: dt.date) -> list[Commitment]:
    """Open commitments, not yet reminded, whose reminder window has started and whose
    due date has not passed; their follow-up user has an address to write to."""
    candidates = (
        Commitment.objects.open()
        .filter(
            reminded_at__isnull=True,
            due_on__gte=today,
            due_on__lte=today + dt.timedelta(days=MAX_REMIND_DAYS),
            follow_up_user__is_active=True,
        )
        .exclude(follow_up_user__email="")
        .select_related("follow_up_user", "party", "agreement", "project")
        .order_by("follow_up_user_id", "due_on", "pk")
    )
    return [
        c
        for c in candidates
        if c.due_on - dt.timedelta(days=c.remind_days_before) <= today  # type: ignore[operator]
    ]


def send_commitment_reminders(*, today: dt.date | None = None) -> ReminderResult:
    """Email each follow-up user the commitments coming due, once: a commitment is marked
    reminded before its email goes, so a second run (or a concurrent one) sends nothing."""
    today = today or timezone.localdate()
    result = ReminderResult(expiring=list(expiring_agreements(today)))
    by_user: dict[int, list[Commitment]] = {}
    for commitment in commitments_to_remind(today):
        claimed = Commitment.objects.filter(pk=commitment.pk, reminded_at__isnull=True).update(
            reminded_at=timezone.now()
        )
        if claimed:
            by_user.setdefault(commitment.follow_up_user_id, []).append(commitment)  # type: ignore[arg-type]
    for commitments in by_user.values():
        user = commitments[0].follow_up_user
        assert user is not None
        with translation.override(user.language or settings.LANGUAGE_CODE):
            context = {"user": user, "commitments": commitments, "today": today}
            subject = ngettext(
                "Maillage: %(count)d commitment coming due",
                "Maillage: %(count)d commitments coming due",
                len(commitments),
            ) % {"count": len(commitments)}
            body = render_to_string("partnerships/email/reminder.txt", context)
        send_mail(subject, body, None, [user.email])
        result.emails += 1
        result.commitments.extend(commitments)
    return result


def expiring_agreements(today: dt.date) -> models.QuerySet:
    return (
        Agreement.objects.expiring(today)
        .select_related("partnership")
        .order_by("annotated_end_on", "pk")
    )
