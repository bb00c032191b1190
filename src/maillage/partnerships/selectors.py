"""Reads reused by the pages, the API, the exports, the reminders and the other apps'
pages (home, a person's or an organisation's page, a person's GDPR export)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Count, Q, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from maillage.accounts.models import WRITE_ROLES
from maillage.actors.models import Interaction, Organisation, Person, Position
from maillage.core.access import hide_unseen, openable
from maillage.partnerships.models import (
    OPEN_STATUSES,
    Agreement,
    AgreementParty,
    Commitment,
    CommitmentStatus,
    Partnership,
)
from maillage.partnerships.models.commitments import MAX_REMIND_DAYS
from maillage.projects.models import MembershipRole, Project, ProjectMembership

RECENT_INTERACTIONS = 20  # the partnership page shows the latest exchanges, not all
HOME_ROWS = 5  # rows of each kind in the home page's "To watch"
SECTION_ROWS = 20  # commitments on a person's or an organisation's page


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
        """All the party's commitments (the page may show only the first ones)."""
        return sum(self.counts.values())

    @property
    def more(self) -> int:
        """How many the page leaves out (the party's list and the export have them)."""
        return self.total - len(self.commitments)


def commitments_for(
    *, user: Any, agreement: Agreement | None = None, project: Project | None = None
) -> models.QuerySet[Commitment]:
    """The commitments the user sees, of an agreement and/or a project (its own, and
    those of an agreement linked to it that belong to no project)."""
    qs = Commitment.objects.visible_to(user)
    if agreement is not None:
        qs = qs.filter(agreement=agreement)
    if project is not None:
        qs = qs.of_project(project.pk)
    return qs


# Parties per page of "commitments by partner": a national service holds 20,000
# commitments (14.7 MB and 9.2 s when the page listed them all). A party with more
# commitments than COMMITMENTS_PER_PARTY shows its first ones (by due date) and a link to
# its whole list: at national scale one page of 20 parties held 5,000 commitments (498 KB,
# 0.4 s of CPU).
PARTIES_PER_PAGE = 20
COMMITMENTS_PER_PARTY = 25


def _party_counts(qs: models.QuerySet, today: dt.date) -> models.QuerySet:
    """One row per party: its id, name and commitments per status and overdue."""
    statuses = {s.value: Count("pk", filter=Q(status=s)) for s in CommitmentStatus}
    return (
        qs.order_by()
        .values("party_id", "party__name")
        .annotate(
            **statuses,
            overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_on__lt=today)),
        )
        .order_by("party__name", "party_id")
    )


def _groups(
    qs: models.QuerySet,
    counts: Iterable[dict[str, Any]],
    today: dt.date,
    *,
    every: bool,
    user: Any,
    cap: int | None = None,
) -> list[PartyGroup]:
    """The commitments of the parties of `counts` (of every party of `qs` when `every`),
    grouped, in the order of `counts`; at most `cap` per party, first due first."""
    counts = list(counts)
    if not every:
        qs = qs.filter(party_id__in=[row["party_id"] for row in counts])
    order = [models.F("due_on").asc(nulls_last=True), models.F("pk").asc()]
    if cap is not None:
        # Ranked within each party by the database (a window), so a party with
        # thousands of commitments costs the page no more than one with `cap`.
        rank = Window(RowNumber(), partition_by=[models.F("party_id")], order_by=order)
        qs = qs.annotate(rank_in_party=rank).filter(rank_in_party__lte=cap)
    rows = qs.select_related(
        "party", "responsible_person", "agreement", "project", "follow_up_user"
    ).order_by("party_id", *order)
    groups: dict[int, PartyGroup] = {}
    by_party = {row["party_id"]: row for row in counts}
    for commitment in rows:
        group = groups.get(commitment.party_id)
        if group is None:
            row = by_party[commitment.party_id]
            group = groups[commitment.party_id] = PartyGroup(
                organisation=commitment.party,
                counts={s.value: row[s.value] for s in CommitmentStatus},
                overdue=row["overdue"],
            )
        commitment.overdue = commitment.is_overdue(today)  # a flag for the template
        group.commitments.append(commitment)
    result = [groups[row["party_id"]] for row in counts if row["party_id"] in groups]
    # Name only the parties and responsible people the reader may open.
    commitments = [c for group in result for c in group.commitments]
    hide_unseen(user, commitments, "party", "responsible_person")
    for group in result:
        group.organisation = group.commitments[0].party
    return result


def commitments_by_partner(
    *,
    user: Any,
    today: dt.date,
    agreement: Agreement | None = None,
    project: Project | None = None,
) -> list[PartyGroup]:
    """Every party's commitments, parties by name; two queries (the export)."""
    qs = commitments_for(user=user, agreement=agreement, project=project)
    return _groups(qs, _party_counts(qs, today), today, every=True, user=user)


def commitments_by_partner_page(
    *,
    user: Any,
    today: dt.date,
    page: Any = 1,
    agreement: Agreement | None = None,
    project: Project | None = None,
    per_page: int = PARTIES_PER_PAGE,
) -> tuple[Page, list[PartyGroup]]:
    """One page of parties (by name), counted and paged by the database, with their
    commitments; five queries whatever the number of commitments. The page's parties are
    read from the organisations' name order, each looked up among the commitments'
    parties, and only theirs are counted: grouping every commitment by its party's name
    to keep 20 cost 46 ms a page and 36 its count (SQLite, 20,000 commitments of 3,875
    parties at national scale; 17 and 15 ms this way)."""
    qs = commitments_for(user=user, agreement=agreement, project=project)
    parties = Organisation.all_objects.filter(pk__in=qs.order_by().values("party_id"))
    paged = Paginator(parties.order_by("name", "pk").values_list("pk", flat=True), per_page)
    found = paged.get_page(page)
    counts = _party_counts(qs.filter(party_id__in=list(found.object_list)), today)
    groups = _groups(qs, counts, today, every=False, user=user, cap=COMMITMENTS_PER_PARTY)
    return found, groups


def commitments_by_partner_table(*, groups: list[PartyGroup]) -> tuple[list[str], list[list[Any]]]:
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
            _("Yes") if c.overdue else "",  # type: ignore[attr-defined]  # set by commitments_by_partner
            c.fulfilled_on,
            c.evidence,
        ]
        for group in groups
        for c in group.commitments
    ]
    return headers, rows


# --- The partnership's and the agreement's pages ----------------------------------------


def partnership_overview(*, partnership: Partnership, user: Any, today: dt.date) -> dict[str, Any]:
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
        agreement.expiring = agreement.expires_soon(today)
    agreement_ids = [a.pk for a in agreements]
    project_ids = Partnership.projects.through.objects.filter(partnership=partnership).values(
        "project_id"
    )
    linked = Agreement.projects.through.objects.filter(agreement_id__in=agreement_ids).values(
        "project_id"
    )
    projects = Project.objects.visible_to(user).filter(Q(pk__in=project_ids) | Q(pk__in=linked))
    contacts = (
        Position.objects.filter(
            openable(user, Organisation, "organisation"),
            openable(user, Person, "person"),
            organisation_id__in=authorities,
        )
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


def agreement_detail(*, agreement: Agreement, user: Any, today: dt.date) -> dict[str, Any]:
    """The agreement's page: its rows (parties, council decisions, amendments, files),
    projects and commitments, the overdue ones flagged."""
    commitments = list(
        Commitment.objects.visible_to(user)
        .filter(agreement=agreement)
        .select_related("party", "responsible_person")
        .order_by(models.F("due_on").asc(nulls_last=True), "pk")
    )
    for commitment in commitments:
        commitment.overdue = commitment.is_overdue(today)
    hide_unseen(user, commitments, "party", "responsible_person")
    # The parties and authorities the reader may open, and only the signatories it may.
    organisations = Organisation.objects.visible_to(user)
    parties = list(
        agreement.parties.filter(organisation__in=organisations).select_related(
            "organisation", "signatory"
        )
    )
    hide_unseen(user, parties, "signatory")
    return {
        "today": today,
        "expiring": agreement.expires_soon(today),
        "parties": parties,
        "decisions": agreement.council_decisions.filter(
            organisation__in=organisations
        ).select_related("organisation"),
        "amendments": agreement.amendments.all(),
        "files": agreement.files.all(),
        "projects": Project.objects.visible_to(user).filter(agreements=agreement),
        "commitments": commitments,
    }


# --- What needs attention ---------------------------------------------------------------


def expiring_agreements_for(
    *, user: Any, today: dt.date, limit: int = HOME_ROWS
) -> list[Agreement]:
    """Agreements the user sees still binding and ending within 90 days, soonest first."""
    return list(
        Agreement.objects.visible_to(user)
        .expiring(today)
        .order_by("annotated_end_on", "pk")[:limit]
    )


def overdue_commitments_for(
    *, user: Any, today: dt.date, limit: int = HOME_ROWS
) -> list[Commitment]:
    """Open commitments the user sees past their due date, the oldest first."""
    rows = list(
        Commitment.objects.visible_to(user)
        .overdue(today)
        .select_related("party")
        .order_by("due_on", "pk")[:limit]
    )
    hide_unseen(user, rows, "party")
    return rows


def commitments_of_person(*, person: Person, user: Any, limit: int = SECTION_ROWS) -> list[Any]:
    """The commitments the user sees that the person answers for, next due first."""
    rows = list(
        Commitment.objects.visible_to(user)
        .filter(responsible_person=person)
        .select_related("party")
        .order_by(models.F("due_on").asc(nulls_last=True), "pk")[:limit]
    )
    hide_unseen(user, rows, "party")
    return rows


def commitments_of_organisation(
    *, organisation: Organisation, user: Any, limit: int = SECTION_ROWS
) -> list[Any]:
    """The commitments the user sees that the organisation made, next due first."""
    return list(
        Commitment.objects.visible_to(user)
        .filter(party=organisation)
        .select_related("agreement", "project")
        .order_by(models.F("due_on").asc(nulls_last=True), "pk")[:limit]
    )


def partnerships_of_organisation(*, organisation: Organisation, user: Any) -> list[Partnership]:
    """The partnerships the user sees where the organisation is one of the authorities."""
    return list(
        Partnership.objects.visible_to(user)
        .filter(Q(french_authority=organisation) | Q(foreign_authority=organisation))
        .order_by("name", "pk")
    )


def agreements_of_organisation(
    *, organisation: Organisation, user: Any, limit: int = SECTION_ROWS
) -> list[Agreement]:
    """The agreements the user sees that bind the organisation: it is a party, or an
    authority of the agreement's partnership; latest first, with their end as amended."""
    parties = AgreementParty.objects.filter(organisation=organisation).values("agreement_id")
    return list(
        Agreement.objects.visible_to(user)
        .filter(
            Q(pk__in=parties)
            | Q(partnership__french_authority=organisation)
            | Q(partnership__foreign_authority=organisation)
        )
        .with_effective()
        .order_by(models.F("start_on").desc(nulls_last=True), "pk")[:limit]
    )


# --- A person's data (GDPR access export) -----------------------------------------------


def person_partnership_rows(*, person: Person) -> dict[str, list[dict[str, Any]]]:
    """The agreements the person signed and the commitments they answer for, the trash
    included: everything held on them, whoever may see it."""
    signatures = AgreementParty.objects.filter(signatory=person).select_related(
        "agreement", "organisation"
    )
    commitments = (
        Commitment.all_objects.filter(responsible_person=person)
        .select_related("party", "agreement", "project")
        .order_by("pk")
    )
    return {
        "agreement_signatories": [
            {
                "agreement": str(p.agreement),
                "agreement_id": p.agreement_id,
                "organisation": str(p.organisation),
                "organisation_id": p.organisation_id,
                "signatory_title": p.signatory_title,
                "signed_on": p.signed_on,
            }
            for p in signatures.order_by("pk")
        ],
        "commitments": [
            {
                "id": c.pk,
                "text": c.text,
                "party": str(c.party),
                "agreement": str(c.agreement) if c.agreement_id else None,
                "project": str(c.project) if c.project_id else None,
                "due_on": c.due_on,
                "status": c.status,
                "fulfilled_on": c.fulfilled_on,
                "evidence": c.evidence,
            }
            for c in commitments
        ],
    }


# --- Reminders --------------------------------------------------------------------------


def commitments_to_remind(*, today: dt.date) -> list[Commitment]:
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
    return [c for c in candidates if c.due_on - dt.timedelta(days=c.remind_days_before) <= today]


def expiring_agreements(*, today: dt.date) -> models.QuerySet[Agreement]:
    """Every agreement still binding and ending within 90 days (for the daily command)."""
    return (
        Agreement.objects.expiring(today)
        .select_related("partnership")
        .order_by("annotated_end_on", "pk")
    )


def agreement_followers(agreements: Iterable[Agreement]) -> dict[int, list[Any]]:
    """The officers who follow each agreement (by its pk): those who follow one of its
    open commitments, and the managers and team members of its projects — active,
    officers or administrators, with an email address. Expiry notices go to them."""
    pks = [agreement.pk for agreement in agreements]
    users = (
        get_user_model()
        ._default_manager.filter(is_active=True, role__in=list(WRITE_ROLES))
        .exclude(email="")
    )
    pairs = set(
        Commitment.objects.open()
        .filter(agreement_id__in=pks, follow_up_user__in=users)
        .values_list("agreement_id", "follow_up_user_id")
    )
    members = ProjectMembership.objects.filter(
        project__agreements__in=pks,
        project__deleted_at__isnull=True,
        role__in=[MembershipRole.MANAGER, MembershipRole.MEMBER],
        user__in=users,
    )
    pairs |= set(members.values_list("project__agreements", "user_id"))
    by_pk = users.filter(pk__in={user_pk for _agreement, user_pk in pairs}).in_bulk()
    followers: dict[int, list[Any]] = {}
    for agreement_pk, user_pk in sorted(pairs):
        followers.setdefault(agreement_pk, []).append(by_pk[user_pk])
    return followers
