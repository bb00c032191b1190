"""Reads of the projects area reused by pages, the API, the hooks and reports: the
project overview, the plan (Gantt, calendar, board, knock-on), the risk register and its
heat-map, field updates, and what projects show on other apps' pages (an organisation's
roles, a person's contact roles, the home page).

Keyword-only functions; each starts from `visible_to(user)` when it has a user, and
reads in a constant number of queries whatever the size of the project.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import Count, Prefetch, Q, QuerySet

from maillage.core import hooks
from maillage.projects import planning
from maillage.projects.models import (
    Dependency,
    FieldUpdate,
    ItemKind,
    Level,
    MembershipRole,
    PlanItem,
    Programme,
    Project,
    ProjectLocation,
    ProjectMembership,
    ProjectPartner,
    ProjectPolicyMarker,
    ProjectStatus,
    Risk,
    RiskStatus,
    Task,
    TaskStatus,
    UpdateAttachment,
)
from maillage.projects.permissions import may_move_task

OVERVIEW_ROWS = 5  # rows per block of the overview: a director reads it in 30 seconds
HOME_ROWS = 8
LEVELS = tuple(int(level) for level in Level.values)
HIGH_SCORE = 15  # from "high × high" (4 × 4 = 16) and "very high × medium" (5 × 3 = 15)


# --- Strategies and programmes ---------------------------------------------------------


def strategy_programmes(*, strategy: Any, user: Any) -> QuerySet[Programme]:
    """The strategy's programmes the user sees, with how many live projects each has."""
    return (
        Programme.objects.visible_to(user)
        .filter(strategy=strategy)
        .annotate(project_count=Count("projects", filter=Q(projects__deleted_at=None)))
    )


def programme_projects(*, programme: Any, user: Any) -> QuerySet[Project]:
    return Project.objects.visible_to(user).filter(programme=programme)


# --- The project overview --------------------------------------------------------------


def project_overview(
    *, project: Project, user: Any, today: datetime.date | None = None
) -> dict[str, Any]:
    """What a director reads in 30 seconds: where the project stands, what comes next,
    what is late, what may go wrong, who is in it and what happened lately."""
    from django.utils import timezone

    today = today or timezone.localdate()
    items = PlanItem.objects.visible_to(user).filter(project=project)
    counts = items.aggregate(
        tasks=Count("pk", filter=Q(kind=ItemKind.TASK)),
        done=Count("pk", filter=Q(kind=ItemKind.TASK, status=TaskStatus.DONE)),
        late=Count("pk", filter=Q(end_on__lt=today) & ~Q(status=TaskStatus.DONE)),
    )
    risks = Risk.objects.visible_to(user).filter(project=project).open()
    return {
        "today": today,
        "plan_counts": counts,
        "next_milestones": items.filter(kind=ItemKind.MILESTONE, end_on__gte=today)
        .exclude(status=TaskStatus.DONE)
        .order_by("end_on", "pk")[:OVERVIEW_ROWS],
        "late_items": items.late(today)
        .select_related("parent")
        .order_by("end_on", "pk")[:OVERVIEW_ROWS],
        "open_risks": open_risks(project=project, user=user)[:OVERVIEW_ROWS],
        "risk_counts": risks.aggregate(
            open=Count("pk"), overdue=Count("pk", filter=Q(review_on__lt=today))
        ),
        "latest_updates": FieldUpdate.objects.visible_to(user)
        .filter(project=project)
        .select_related("author")
        .annotate(photo_count=Count("attachments", filter=Q(attachments__kind="photo")))
        .order_by("-occurred_on", "-pk")[:3],
        "partners": ProjectPartner.objects.visible_to(user)
        .filter(project=project)
        .select_related("organisation")
        .prefetch_related("contacts"),
        "members": ProjectMembership.objects.filter(project=project).select_related("user"),
        "sectors": project.sectors.select_related("sector"),
        "locations": ProjectLocation.objects.filter(project=project),
        "markers": ProjectPolicyMarker.objects.filter(project=project).select_related(
            "marker", "significance"
        ),
        "sdg_targets": project.sdg_targets.all(),
        "tags": project.tags.all(),
    }


# --- The plan ---------------------------------------------------------------------------


def plan_item_links(*, item: PlanItem) -> dict[str, Any]:
    """An item's predecessors and successors (live ones), and an activity's children."""
    predecessors = Dependency.objects.filter(successor=item).select_related("predecessor")
    successors = Dependency.objects.filter(predecessor=item).select_related("successor")
    context: dict[str, Any] = {
        "predecessors": list(predecessors.order_by("predecessor__start_on", "pk")),
        "successors": list(successors.order_by("successor__start_on", "pk")),
    }
    if item.kind == ItemKind.ACTIVITY:
        context["children"] = list(item.children.order_by("start_on", "position", "pk"))
    return context


def project_links(*, project: Any) -> list[tuple[int, int, int]]:
    """(predecessor, successor, lag) of the project's live links: a link to an item in
    the trash waits there with it."""
    project_id = getattr(project, "pk", project)
    return list(
        Dependency.objects.filter(successor__project_id=project_id).values_list(
            "predecessor_id", "successor_id", "lag_days"
        )
    )


def project_plan(*, project: Project) -> tuple[list[PlanItem], list[tuple[int, int, int]]]:
    """The project's live items (with organisation and assignees) and links, for the
    XLSX and MS Project files."""
    items = list(
        PlanItem.objects.filter(project=project)
        .select_related("organisation")
        .prefetch_related("assignees")
        .order_by("start_on", "position", "pk")
    )
    return items, project_links(project=project)


class GanttRow(NamedTuple):
    """What a Gantt bar and its table row show of a plan item. Not the model: building
    1,000 model instances (even with `only()`) was a fifth of the chart's time, and with
    the organisation and the assignees reading the plan took 63 ms of CPU instead of 4."""

    pk: int
    kind: str
    parent_id: int | None
    title: str
    start_on: datetime.date
    end_on: datetime.date
    status: str
    progress: int


def gantt_plan(*, project: Project) -> tuple[list[GanttRow], list[tuple[int, int, int]]]:
    """The project's live items, what the Gantt chart draws of them, and its links."""
    rows = (
        PlanItem.objects.filter(project=project)
        .order_by("start_on", "position", "pk")
        .values_list(*GanttRow._fields)
    )
    return [GanttRow._make(row) for row in rows], project_links(project=project)


def proposed_shifts(
    *, item: PlanItem, start_on: datetime.date, end_on: datetime.date
) -> list[tuple[PlanItem, planning.Shift]]:
    """The dependent items to move when `item` takes these dates, with their objects."""
    items = list(PlanItem.objects.filter(project_id=item.project_id).order_by("pk"))
    by_pk = {i.pk: i for i in items}
    shifts = planning.knock_on(
        items, project_links(project=item.project_id), {item.pk: (start_on, end_on)}
    )
    return [(by_pk[s.pk], s) for s in shifts]


def calendar_items(
    *, project: Project, first: datetime.date, last: datetime.date
) -> list[PlanItem]:
    """Tasks and milestones starting or ending between `first` and `last`."""
    return list(
        PlanItem.objects.filter(project=project, kind__in=[ItemKind.TASK, ItemKind.MILESTONE])
        .filter(Q(start_on__range=(first, last)) | Q(end_on__range=(first, last)))
        .order_by("start_on", "title", "pk")
    )


def upcoming_items(
    *, project: Project, after: datetime.date, limit: int = HOME_ROWS
) -> list[PlanItem]:
    """Tasks and milestones with a start or an end after `after`, for the calendar's
    agenda: the `limit` soonest starts and the `limit` soonest ends (two queries)."""
    items = PlanItem.objects.filter(project=project, kind__in=[ItemKind.TASK, ItemKind.MILESTONE])
    starts = items.filter(start_on__gt=after).order_by("start_on", "pk")[:limit]
    ends = items.filter(end_on__gt=after).order_by("end_on", "pk")[:limit]
    return list({item.pk: item for item in [*starts, *ends]}.values())


def task_moves(status: str) -> list[tuple[str, Any]]:
    """The columns a task in `status` may move to on the board: the neighbouring ones."""
    choices = TaskStatus.choices
    index = [s for s, _label in choices].index(status)
    return [choices[i] for i in (index - 1, index + 1) if 0 <= i < len(choices)]


# What a card shows: its activity's title, not the activity (`kind` too: without it, a
# query per card); its assignees' names.
BOARD_FIELDS = ("kind", "parent__title", "title", "end_on", "status")
NAME_FIELDS = ("user__username", "user__first_name", "user__last_name")


def board_columns(*, project: Project, user: Any, today: datetime.date) -> list[dict[str, Any]]:
    """The task board: one column per status, each card with the moves the user may
    make (a partner only on the tasks it is assigned to)."""
    tasks = Task.objects.filter(project=project)
    # The assignees of every task in one query, without a related manager per task
    # (what a prefetch builds: a fifth of an 800-card board's time).
    assigned: dict[int, list[Any]] = defaultdict(list)
    links = (
        Task.assignees.through.objects.filter(planitem__in=tasks.values("pk"))
        .select_related("user")
        .only("planitem_id", *NAME_FIELDS)
        .order_by("planitem_id", "user__username", "user_id")
    )
    for link in links:
        assigned[link.planitem_id].append(link.user)
    by_status: dict[str, list[Task]] = {status: [] for status in TaskStatus.values}
    for task in (
        tasks.select_related("parent").only(*BOARD_FIELDS).order_by("start_on", "position", "pk")
    ):
        by_status[task.status].append(task)
    columns = []
    for status, label in TaskStatus.choices:
        moves = task_moves(status)
        cards = []
        for task in by_status[status]:
            assignees = assigned.get(task.pk, [])
            movable = may_move_task(task, user, assignees=assignees)
            cards.append(
                {
                    "task": task,
                    "late": planning.is_late(task, today),
                    "movable": movable,
                    "moves": moves if movable else [],
                    "assignees": ", ".join(str(a) for a in assignees),
                }
            )
        columns.append({"status": status, "label": label, "cards": cards})
    return columns


def my_open_tasks(*, user: Any, limit: int = HOME_ROWS) -> QuerySet[PlanItem]:
    """The open tasks assigned to the user, soonest (so late ones) first."""
    return (
        Task.objects.visible_to(user)
        .assigned_to(user)
        .exclude(status=TaskStatus.DONE)
        .select_related("project")
        .order_by("end_on", "pk")[:limit]
    )


# --- Risks -------------------------------------------------------------------------------


def risks_to_review(*, user: Any, today: datetime.date, limit: int = HOME_ROWS) -> list[Risk]:
    """Open risks whose review date has passed, for the home page of who reviews them:
    their owner, or the managers of their project when nobody owns them."""
    managed = ProjectMembership.objects.filter(user=user, role=MembershipRole.MANAGER)
    concerned = Q(owner=user) | Q(owner__isnull=True, project__in=managed.values("project"))
    return list(
        Risk.objects.visible_to(user)
        .review_overdue(today)
        .filter(concerned)
        .select_related("project")
        .order_by("review_on", "pk")[:limit]
    )


def open_risks(*, project: Any, user: Any = None) -> QuerySet[Risk]:
    """The project's open risks, highest score first (those `user` sees, if given)."""
    qs = Risk.objects.visible_to(user) if user is not None else Risk.objects.all()
    return (
        qs.filter(project=project, status=RiskStatus.OPEN)
        .with_score()
        .select_related("owner")
        .order_by("-score_value", "title", "pk")
    )


@dataclass(frozen=True)
class RiskSummary:
    open: int
    high: int
    review_overdue: int
    top: list[Risk]


def risk_summary(*, project: Any, user: Any = None, top: int = 3) -> RiskSummary:
    """Counts for the project overview (two queries): open, high (score ≥ 15), overdue."""
    from django.utils import timezone

    today = timezone.localdate()
    qs = open_risks(project=project, user=user)
    counts = qs.aggregate(
        open=Count("pk"),
        high=Count("pk", filter=Q(score_value__gte=HIGH_SCORE)),
        overdue=Count("pk", filter=Q(review_on__lt=today)),
    )
    return RiskSummary(
        open=counts["open"],
        high=counts["high"],
        review_overdue=counts["overdue"],
        top=list(qs[:top]) if counts["open"] else [],
    )


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    impact: int
    count: int

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


def heat_map(*, risks: QuerySet[Risk]) -> list[tuple[int, list[HeatCell]]]:
    """Rows of the 5 × 5 matrix, highest impact first; each row's cells by likelihood
    (1 to 5), with the number of `risks` in each (one query)."""
    counts = {
        (row["likelihood"], row["impact"]): row["n"]
        for row in risks.order_by()
        .values("likelihood", "impact")
        .annotate(n=Count("pk"))
        .values("likelihood", "impact", "n")
    }
    return [
        (
            impact,
            [
                HeatCell(likelihood, impact, counts.get((likelihood, impact), 0))
                for likelihood in LEVELS
            ],
        )
        for impact in reversed(LEVELS)
    ]


def project_register(*, project: Project, user: Any) -> tuple[list[Risk], QuerySet[Risk]]:
    """A project's register, highest score first, and the open risks of its heat-map."""
    risks = Risk.objects.visible_to(user).filter(project=project).with_score()
    rows = list(risks.select_related("owner").order_by("status", "-score_value", "title", "pk"))
    return rows, risks.filter(status=RiskStatus.OPEN)


# --- Field updates ---------------------------------------------------------------------


def timeline(*, project: Any, user: Any) -> QuerySet[FieldUpdate]:
    """The project's updates `user` sees, newest first, with author and attachments."""
    return (
        FieldUpdate.objects.visible_to(user)
        .filter(project=project)
        .select_related("author")
        .prefetch_related(Prefetch("attachments", queryset=UpdateAttachment.objects.order_by("pk")))
        .order_by("-occurred_on", "-pk")
    )


def latest_updates(*, project: Any, user: Any, n: int = 3) -> list[FieldUpdate]:
    """The `n` most recent updates of the project that `user` sees."""
    return list(timeline(project=project, user=user)[:n])


# --- What projects show on other pages -------------------------------------------------


def organisation_project_roles(*, organisation: Any, user: Any) -> QuerySet[ProjectPartner]:
    """The organisation's places in the consortiums of the projects the user sees."""
    return (
        ProjectPartner.objects.visible_to(user)
        .filter(organisation=organisation)
        .select_related("project")
        .order_by("project__code", "role", "pk")
    )


def person_contact_roles(*, person: Any, user: Any) -> QuerySet[ProjectPartner]:
    """The consortium places where the person is a contact, in projects the user sees."""
    return (
        ProjectPartner.objects.visible_to(user)
        .filter(contacts=person)
        .select_related("project", "organisation")
        .order_by("project__code", "pk")
    )


def person_contact_roles_export(*, person: Any) -> list[dict[str, Any]]:
    """Every consortium place naming the person, for their GDPR access export."""
    return [
        {"project": str(pp.project), "organisation": str(pp.organisation), "role": pp.role}
        for pp in ProjectPartner.objects.filter(contacts=person)
        .select_related("project", "organisation")
        .order_by("pk")
    ]


def my_project_ids(*, user: Any) -> list[int]:
    """The ids of the live projects `user` sees and owns or is a member of ("mine": the
    home page's over-spent lines and indicator values to enter), read once for all the
    sections of a home page (`hooks.shared`): each section read them again in its own
    subquery (~50 ms each at national scale, 2,500 projects an officer). A list, not a
    subquery: the database knows how many and starts from them."""

    def read() -> list[int]:
        # A union of two index reads: as `owner = … OR id IN (memberships)`, PostgreSQL
        # read every project to test the OR.
        visible = Project.objects.visible_to(user).order_by()
        owned = visible.filter(owner=user).values_list("pk", flat=True)
        joined = visible.filter(
            pk__in=ProjectMembership.objects.filter(user=user).values("project_id")
        ).values_list("pk", flat=True)
        return list(owned.union(joined))

    return hooks.shared(("my_project_ids", user.pk), read)


def home_projects(*, user: Any, limit: int = HOME_ROWS) -> dict[str, Any]:
    """Projects on the home page: how many by status, mine, those in progress."""
    projects = Project.objects.visible_to(user)
    by_status = dict(projects.values_list("status").annotate(n=Count("pk")).order_by())
    return {
        "project_count": sum(by_status.values()),
        "status_counts": [
            (label, by_status.get(value, 0), value) for value, label in ProjectStatus.choices
        ],
        # Through the membership index, not a join tested for each project.
        "my_projects": projects.filter(
            pk__in=ProjectMembership.objects.filter(user=user).values("project_id")
        ).select_related("owner")[:limit],
        "current_projects": projects.filter(status=ProjectStatus.IN_PROGRESS)
        .select_related("owner")
        .order_by("end_on", "pk")[:limit],
    }
