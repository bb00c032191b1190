"""The officer's home page reads in a fixed number of queries however many rows each of
its sections chooses from (issue 16: at national scale each section picks a few rows out
of thousands), and shows the rows and figures each section's selector gives."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from maillage.actors.models import Organisation
from maillage.actors.selectors import follow_ups_due
from maillage.core import hooks
from maillage.core.models import Job
from maillage.finance.models import ExpenseStatus
from maillage.finance.selectors.expenses import waiting_count
from maillage.finance.services.followup import refresh_followup
from maillage.funding.selectors.calls import calls_due
from maillage.funding.selectors.grants import obligations_due
from maillage.partnerships.selectors import overdue_commitments_for
from maillage.projects.models import MembershipRole, Project
from maillage.projects.selectors import my_project_ids
from maillage.results.selectors.values import missing_page
from tests.factories import (
    ActivityFactory,
    InteractionFactory,
    MembershipFactory,
    ProjectFactory,
    RiskFactory,
    TaskFactory,
)
from tests.finance.factories_followup import line, project_with_budget, validated_expenses
from tests.funding.factories_calls import (
    ApplicationFactory,
    CallFactory,
    ReportingObligationFactory,
)
from tests.missions.factories_meetings import ActionItemFactory
from tests.partnerships.factories import AgreementFactory, CommitmentFactory
from tests.querycount import assert_constant_queries
from tests.results.factories import indicator_with_periods
from tests.team.factories import StaffMemberFactory

pytestmark = pytest.mark.django_db
D = Decimal

# Every section of the officer's home page, by a heading or a phrase it shows (French).
SECTIONS = [
    "organisations",  # actors: the key figure
    "Relances à faire",  # actors: follow-ups due
    "Projets en cours",  # projects
    "Mes projets",
    "Mes tâches",
    "Revues de risques en retard",
    "Contrats se terminant dans les 60 jours",  # team
    "attendent une validation",  # finance: expenses
    "Lignes budgétaires en dépassement",  # finance: over-spent lines
    "À surveiller",  # partnerships
    "indicateurs à saisir",  # results
    "Mes actions",  # missions
    "Échéances de financement",  # funding
    "Mes traitements récents",  # the page's own: jobs
]


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def grow_everything(officer, n: int) -> None:
    """`n` more rows for each section of the officer's home page to choose from."""
    last_year = timezone.localdate().year - 1
    for _ in range(n):
        project, version = project_with_budget(currency="EUR", owner=officer)
        MembershipFactory(project=project, user=officer, role=MembershipRole.MANAGER)
        budget_line = line(version, "A1", D("100"))
        validated_expenses(budget_line, 2, amount=D("100"))  # 200 % of the forecast
        validated_expenses(budget_line, 1, status=ExpenseStatus.SUBMITTED)
        refresh_followup([project.pk])
        activity = ActivityFactory(project=project, start_on=days(-30), end_on=days(30))
        TaskFactory(parent=activity, assignees=[officer], start_on=days(-10), end_on=days(5))
        RiskFactory(project=project, owner=officer, review_on=days(-3))
        indicator_with_periods(project, years=(last_year,))
        InteractionFactory(created_by=officer, follow_up_on=days(2))
        StaffMemberFactory(end_on=days(20))
        AgreementFactory(end_on=days(30))
        CommitmentFactory(due_on=days(-4))
        ActionItemFactory(owner_user=officer, due_on=days(3))
        ApplicationFactory(call=CallFactory(deadline_on=days(5)), owner=officer)
        ReportingObligationFactory(due_on=days(-2))
        Job.objects.create(title="Export", handler="x", created_by=officer)


def test_the_home_page_reads_in_the_same_number_of_queries_whatever_each_section_holds(
    client, officer
):
    # From 11 rows (more than any section shows) to 14.
    client.force_login(officer)
    url = reverse("reporting:home")
    queries = assert_constant_queries(
        client, url, grow=lambda n: grow_everything(officer, n), rows=(11, 14)
    )
    # The ids of the officer's projects are read once for the sections that filter by
    # them, and the indicator values left are counted by the query that lists ten.
    assert queries <= 20
    body = client.get(url).content.decode()
    missing = [title for title in SECTIONS if title not in body]
    assert not missing, missing
    # The figures count every row, not only those shown.
    assert f'<span class="figure">{Organisation.objects.count()}</span> organisations' in body
    assert f'<span class="figure">{Project.objects.count()}</span> projets' in body
    assert "14 dépenses attendent une validation" in body
    assert "et 4 autres" in body  # fourteen indicator values missing, ten shown
    # The funding deadlines: the first eight of all those due, soonest first.
    today = timezone.localdate()
    every_call = calls_due(user=officer, today=today)
    every_report = obligations_due(user=officer, today=today)
    assert len(every_call) == len(every_report) == 14
    assert calls_due(user=officer, today=today, limit=8) == every_call[:8]
    assert obligations_due(user=officer, today=today, limit=8) == every_report[:8]


def plans(call) -> list[str]:
    """SQLite's plan of each statement `call()` runs, with its parameters bound as they
    were (a value written in the statement would let SQLite match a partial index that a
    parameter does not)."""
    statements = []

    def keep(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        call()
    found = []
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            found.append(" | ".join(str(row[-1]) for row in cursor.fetchall()))
    return found


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans")
def test_the_follow_ups_due_and_the_expenses_to_validate_are_read_from_their_indexes(officer):
    # The follow-ups: the user's pending ones in order, eight read and no sort (20,000
    # interactions recorded by an officer at national scale).
    (follow_ups,) = plans(lambda: follow_ups_due(user=officer, today=timezone.localdate()))
    assert "interaction_follow_up_due (created_by_id=? AND follow_up_on<?)" in follow_ups
    assert "TEMP B-TREE" not in follow_ups
    # The count of the queue: its index alone, the status compared in the index (26,000
    # submitted expenses at national scale, each row read to check it without).
    (count,) = plans(lambda: waiting_count(user=officer))
    assert "expense_status_live (status=?)" in count


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans")
def test_the_overdue_commitments_and_the_values_to_enter_are_read_from_their_indexes(officer):
    # The first five overdue: the open ones' index in due order, no sort of all of them
    # (5,000 overdue at national scale), even before the night's statistics.
    today = timezone.localdate()
    (overdue,) = plans(lambda: overdue_commitments_for(user=officer, today=today))
    assert "commitment_open_due (due_on<?)" in overdue
    assert "TEMP B-TREE" not in overdue
    # The last due period of each indicator: one step back in (indicator, ends_on), not a
    # sort of the indicator's periods for each of them.
    ProjectFactory(owner=officer)  # without a project of theirs, nothing to ask
    with hooks.collecting():
        my_project_ids(user=officer)
        (missing,) = plans(lambda: missing_page(officer, today, limit=10))
    assert "indicator_period_due (indicator_id=? AND ends_on<?)" in missing
