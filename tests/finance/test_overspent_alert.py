"""The home page's over-spent alert reads the stored lines (`OverspentLine`), which the
services keep in step once their transaction commits: validating an expense that passes
the forecast shows it, its counter-entry takes it away, a rate refreshes the projects it
converts, the nightly run catches what no service wrote; only the projects the user owns
or is a member of; a fixed number of queries whatever the number of projects and
expenses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse

from maillage.accounts.models import Role
from maillage.core import hooks
from maillage.core.jobs import start_job
from maillage.core.scheduler import SCHEDULES
from maillage.core.trash import move_to_trash
from maillage.finance.hooks_reports import overspent_alerts
from maillage.finance.models import ExchangeRate, ExpenseStatus, OverspentLine
from maillage.finance.services.expenses import ExpenseService
from maillage.finance.services.followup import refresh_followup
from maillage.finance.services.rates import ExchangeRateService
from maillage.projects.models import Project
from maillage.projects.selectors import my_project_ids
from tests.factories import MembershipFactory, UserFactory
from tests.finance.factories_followup import (
    line,
    mad_rates,
    project_with_budget,
    validated_expenses,
)
from tests.querycount import assert_constant_queries, count_queries

pytestmark = pytest.mark.django_db
D = Decimal
TITLE = "Lignes budgétaires en dépassement"
HOME = "reporting:home"


def home(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse(HOME))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def nearly(officer):
    """A project of the officer's, its line A1 spent at 90 % (1,000 EUR planned)."""
    project, version = project_with_budget(currency="EUR", owner=officer)
    travel = line(version, "A1", D("1000"))
    validated_expenses(travel, 1, amount=D("900"))
    refresh_followup([project.pk])
    return project, travel


def test_validating_an_expense_past_the_forecast_shows_the_alert(
    client, officer, nearly, django_capture_on_commit_callbacks
):
    project, travel = nearly
    assert TITLE not in home(client, officer)
    [waiting] = validated_expenses(travel, 1, amount=D("200"), status=ExpenseStatus.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        ExpenseService.move(obj=waiting, status=ExpenseStatus.VALIDATED, by=officer)
    [stored] = OverspentLine.objects.filter(project=project)
    assert (stored.code, stored.actual, stored.forecast, stored.percent) == (
        "A1",
        D("1100.00"),
        D("1000.00"),
        D("110.0"),
    )
    page = home(client, officer)
    assert TITLE in page and "110 % du prévu" in page and project.title in page


def test_its_counter_entry_brings_the_line_back_under(
    client, officer, nearly, django_capture_on_commit_callbacks
):
    project, travel = nearly
    [waiting] = validated_expenses(travel, 1, amount=D("200"), status=ExpenseStatus.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        ExpenseService.move(obj=waiting, status=ExpenseStatus.VALIDATED, by=officer)
    assert TITLE in home(client, officer)
    with django_capture_on_commit_callbacks(execute=True):
        ExpenseService.reverse(obj=waiting, by=officer)
    assert not OverspentLine.objects.filter(project=project).exists()
    assert TITLE not in home(client, officer)


def test_the_writes_of_a_transaction_share_one_refresh_after_its_commit(
    officer, nearly, django_capture_on_commit_callbacks
):
    project, travel = nearly
    waiting = validated_expenses(travel, 2, amount=D("100"), status=ExpenseStatus.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        for expense in waiting:
            ExpenseService.move(obj=expense, status=ExpenseStatus.VALIDATED, by=officer)
    assert len(callbacks) == 1
    assert not OverspentLine.objects.filter(project=project).exists()  # not committed yet
    callbacks[0]()
    assert OverspentLine.objects.get(project=project).percent == D("110.0")


def test_a_new_rate_refreshes_the_projects_it_converts(
    client, officer, django_capture_on_commit_callbacks
):
    mad_rates()
    project, version = project_with_budget(currency="MAD", owner=officer)
    kit = line(version, "B1", D("100"), currency="EUR", category="equipment")
    # 1,000 MAD on 2026-03-05 at 10.80 (rate of 2026-03-02): 92.59 EUR of 100.
    validated_expenses(kit, 1, amount=D("1000"), currency="MAD", spent_on=dt.date(2026, 3, 5))
    refresh_followup([project.pk])
    assert TITLE not in home(client, officer)
    # A rate typed for 2026-03-04 serves the 5th: 1,000 MAD at 9.50 is 105.26 EUR.
    with django_capture_on_commit_callbacks(execute=True):
        ExchangeRateService.create(
            data={"on": dt.date(2026, 3, 4), "currency": "MAD", "rate": D("9.5")}, by=officer
        )
    [stored] = OverspentLine.objects.filter(project=project)
    assert (stored.code, stored.currency, stored.actual) == ("B1", "EUR", D("105.26"))
    assert TITLE in home(client, officer)
    # A rate dated after the expense changes nothing of it: the project is left alone.
    OverspentLine.objects.filter(project=project).update(actual=D("1"))
    with django_capture_on_commit_callbacks(execute=True):
        ExchangeRateService.create(
            data={"on": dt.date(2026, 3, 6), "currency": "MAD", "rate": D("20")}, by=officer
        )
    assert OverspentLine.objects.get(project=project).actual == D("1")
    # Changed back through the service: refreshed again.
    rate = ExchangeRate.objects.get(on=dt.date(2026, 3, 4), currency="MAD")
    with django_capture_on_commit_callbacks(execute=True):
        ExchangeRateService.update(obj=rate, data={"rate": D("10.8")}, by=officer)
    assert not OverspentLine.objects.filter(project=project).exists()


def test_the_nightly_run_refreshes_what_no_service_wrote(client, officer, nearly):
    project, travel = nearly
    validated_expenses(travel, 1, amount=D("300"))  # in bulk: no service saw it
    assert TITLE not in home(client, officer)
    schedule = SCHEDULES["finance.refresh_followup"]
    assert schedule.daily_at is not None
    job = start_job(handler=schedule.handler, title="nightly", params={}, user=None)
    job.refresh_from_db()
    assert job.state == "succeeded", job.messages
    assert OverspentLine.objects.get(project=project).percent == D("120.0")
    assert "120 % du prévu" in home(client, officer)


def test_only_the_projects_the_user_owns_or_is_a_member_of(client, officer, partner, nearly):
    project, travel = nearly
    validated_expenses(travel, 1, amount=D("300"))
    refresh_followup([project.pk])
    assert TITLE in home(client, officer)
    colleague = UserFactory(role=Role.OFFICER)
    assert TITLE not in home(client, colleague)  # sees the project, neither owns nor follows it
    assert TITLE not in home(client, partner)  # a partner of another project
    MembershipFactory(project=project, user=partner)
    assert TITLE in home(client, partner)


def test_a_project_or_budget_in_the_trash_hides_its_lines(client, officer, nearly):
    project, travel = nearly
    validated_expenses(travel, 1, amount=D("300"))
    refresh_followup([project.pk])
    budget = project.finance_budget
    move_to_trash(budget)
    assert TITLE not in home(client, officer)
    # A refresh meanwhile keeps them: they come back as they were with a restore.
    refresh_followup([project.pk])
    assert OverspentLine.objects.filter(project=project).count() == 1
    move_to_trash(Project.objects.get(pk=project.pk))
    assert TITLE not in home(client, officer)


def test_home_queries_do_not_grow_with_projects_and_expenses(client, officer):
    client.force_login(officer)

    def grow(n):
        for _ in range(n):
            project, version = project_with_budget(currency="EUR", owner=officer)
            validated_expenses(line(version, "A1", D("100")), 3, amount=D("50"))
            refresh_followup([project.pk])

    assert_constant_queries(client, reverse(HOME), grow=grow, rows=(2, 12))
    assert OverspentLine.objects.count() == 12
    # The alert itself: one query, the five most over-spent lines, once the page has read
    # the ids of the user's projects, which the sections share.
    with hooks.collecting():
        my_project_ids(user=officer)
        count, _sql, sections = count_queries(
            lambda: overspent_alerts(officer, dt.date(2026, 6, 1))
        )
    assert count == 1 and len(sections[0].context["lines"]) == 5
