"""The benchmarks' dataset, funding and finance (`maillage.demo.scale_finance`), at its
tiny scale: counts, rows that pass their checks, splits that add up, first versions,
what a partner sees, and the pages of the expenses, the follow-up and the grants."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

import pytest
from django.db.models import Count, F, Sum
from django.db.models.functions import Round
from django.urls import reverse

from maillage.accounts.models import User
from maillage.demo.scale import NATIONAL, scale_named
from maillage.demo.scale_finance import AS_OF
from maillage.finance.models import (
    PEGGED,
    Budget,
    BudgetLine,
    BudgetLineFunding,
    BudgetVersion,
    BudgetVersionStatus,
    ExchangeRate,
    Expense,
    ExpenseCharge,
    ExpenseStatus,
    Receipt,
)
from maillage.finance.services.expenses import ExpenseService, charges_from_line
from maillage.funding.models import (
    Application,
    ApplicationStatus,
    Call,
    Donor,
    Grant,
    Instrument,
    Tranche,
)
from maillage.projects.models import Project, ProjectMembership

pytestmark = pytest.mark.django_db

TINY = scale_named("tiny")
WITH_HISTORY = (
    Donor,
    Instrument,
    Call,
    Application,
    Grant,
    Tranche,
    Budget,
    BudgetVersion,
    BudgetLine,
    BudgetLineFunding,
    ExchangeRate,
    Expense,
    ExpenseCharge,
    Receipt,
)


def test_grants_and_expenses_have_their_share_of_the_national_counts(tiny_dataset):
    assert Grant.objects.count() == round(NATIONAL["grants"] * TINY.factor)
    assert Expense.objects.count() == round(NATIONAL["expenses"] * TINY.factor)
    assert "  expenses " in tiny_dataset and "  receipts " in tiny_dataset
    # Every grant comes from a granted application of its project, under an agreement
    # of that project.
    for grant in Grant.objects.select_related("application", "agreement"):
        assert grant.application.status == ApplicationStatus.GRANTED
        assert grant.agreement.projects.filter(pk=grant.application.project_id).exists()
        tranches = grant.tranches.aggregate(total=Sum("expected_amount"))["total"]
        assert tranches == grant.amount


def test_rows_pass_their_models_checks(tiny_dataset):
    for model in (Donor, Instrument, Call, Application, Grant, Tranche, Budget, BudgetLine):
        for obj in model._default_manager.order_by("?")[:20]:
            obj.full_clean()
    for expense in Expense.objects.order_by("?")[:60]:
        expense.full_clean()
        assert expense.search_text == expense.compute_search_text()
    for split in BudgetLineFunding.objects.order_by("?")[:20]:
        split.full_clean()
    for receipt in Receipt.objects.order_by("?")[:20]:
        receipt.full_clean()


def test_each_funded_project_has_one_adopted_budget_of_10_to_24_lines(tiny_dataset):
    funded = set(Grant.objects.values_list("application__project", flat=True))
    budgets = Budget.objects.annotate(versions_n=Count("versions"))
    assert {b.project_id for b in budgets} == funded
    assert {b.versions_n for b in budgets} == {1}
    assert set(BudgetVersion.objects.values_list("status", flat=True)) == {
        BudgetVersionStatus.ADOPTED
    }
    for version in BudgetVersion.objects.annotate(n=Count("lines")):
        assert 10 <= version.n <= 24, version
    for line in BudgetLine.objects.all():
        assert line.amount == line.quantity * line.unit_cost
        splits = line.splits.aggregate(total=Sum("amount"))["total"] or 0
        assert splits <= line.amount
    assert Budget.objects.exclude(currency="EUR").exists() or Budget.objects.count() < 10


def test_each_expense_is_on_its_projects_budget_and_its_splits_add_up(tiny_dataset):
    assert not Expense.objects.exclude(
        budget_line__budget_version__budget__project=F("project")
    ).exists()
    sums = dict(
        ExpenseCharge.objects.values_list("expense").annotate(total=Sum("amount")).order_by()
    )
    amounts = dict(Expense.objects.values_list("pk", "amount"))
    assert sums == amounts
    # As the service splits them: in the proportions of the line's splits.
    for expense in Expense.objects.filter(reverses__isnull=True).order_by("?")[:100]:
        expected = sorted(
            (row["grant"].pk if row["grant"] else 0, row["amount"])
            for row in charges_from_line(expense)
        )
        given = sorted((g or 0, a) for g, a in expense.charges.values_list("grant_id", "amount"))
        assert given == expected, expense
    # No expense after the dataset's today; none outside its grants' periods.
    assert not Expense.objects.filter(spent_on__gt=AS_OF).exists()
    for charge in ExpenseCharge.objects.filter(grant__isnull=False).select_related(
        "grant", "expense"
    )[:500]:
        assert charge.grant.start_on <= charge.expense.spent_on <= charge.grant.end_on


def test_statuses_receipts_and_references_follow_the_services_rules(tiny_dataset):
    statuses = dict(Expense.objects.values_list("status").annotate(n=Count("pk")).order_by())
    assert statuses[ExpenseStatus.VALIDATED] > 0.8 * sum(statuses.values())
    assert set(statuses) == set(ExpenseStatus.values)
    # Submitted (and so validated or returned) expenses have a receipt; drafts none.
    without = Expense.objects.filter(receipts__isnull=True, reverses__isnull=True)
    assert not without.exclude(status=ExpenseStatus.DRAFT).exists()
    assert not Receipt.objects.filter(expense__status=ExpenseStatus.DRAFT).exists()
    # No two receipts look like the same file (an expense page lists its twins).
    assert Receipt.objects.values("checksum").distinct().count() == Receipt.objects.count()
    # Numbered per year of the expense, from 1, without a gap.
    by_year: dict[int, list[int]] = defaultdict(list)
    for reference, spent_on in Expense.objects.values_list("reference", "spent_on"):
        prefix, year, number = reference.split("-")
        assert prefix == "DEP" and int(year) == spent_on.year
        by_year[spent_on.year].append(int(number))
    for numbers in by_year.values():
        assert sorted(numbers) == list(range(1, len(numbers) + 1))
    for counter in Expense.objects.filter(reverses__isnull=False).select_related("reverses"):
        assert counter.amount == -counter.reverses.amount
        assert counter.reverses.status == ExpenseStatus.VALIDATED


def test_history_holds_each_creation(tiny_dataset):
    for model in WITH_HISTORY:
        history = model.history.model
        assert history.objects.count() == model._default_manager.count() > 0, model
        assert set(history.objects.values_list("history_type", flat=True)) == {"+"}
    expense = Expense.objects.order_by("?").first()
    first = expense.history.earliest("history_id")
    assert (first.reference, first.amount, first.status) == (
        expense.reference,
        expense.amount,
        expense.status,
    )


def test_the_dirham_has_rates_and_the_cfa_franc_none(tiny_dataset):
    assert ExchangeRate.objects.filter(currency="MAD").count() > 3_000
    assert not ExchangeRate.objects.filter(currency__in=list(PEGGED)).exists()


def test_the_big_plan_and_partners_projects_carry_much_of_the_expenses(tiny_dataset):
    big = Project.objects.get(code="P-000001")
    total = Expense.objects.count()
    assert big.expenses.count() >= 0.1 * total
    partner = User.objects.get(username="bench-partner-1")
    mine = set(ProjectMembership.objects.filter(user=partner).values_list("project_id", flat=True))
    seen = Expense.objects.visible_to(partner)
    assert seen.count() > big.expenses.count()
    assert set(seen.values_list("project_id", flat=True)) <= mine
    assert set(Expense.objects.filter(project_id__in=mine).values_list("pk", flat=True)) == set(
        seen.values_list("pk", flat=True)
    )
    other = User.objects.get(username="bench-partner-2")
    assert Expense.objects.visible_to(other).exists()
    assert not Expense.objects.visible_to(other).filter(project=big).exists()
    assert not Grant.objects.visible_to(partner).exists()


def test_finance_pages_open_for_officer_and_partner(tiny_dataset, client):
    big = Project.objects.get(code="P-000001")
    expense = big.expenses.filter(receipts__isnull=False).order_by("pk").first()
    grant = Grant.objects.filter(application__project=big).order_by("pk").first()
    pages = [
        reverse("finance:expense_list"),
        expense.get_absolute_url(),
        reverse("finance:project_followup", args=[big.pk]),
        reverse("finance:project_followup", args=[big.pk]) + "?by=funder",
        reverse("finance:project_budget", args=[big.pk]),
    ]
    for username in ("bench-officer-1", "bench-partner-1"):
        user = User.objects.get(username=username)
        client.force_login(user)
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, (username, url)
        newest = Expense.objects.visible_to(user).order_by("-spent_on", "-pk").first()
        assert newest.reference in client.get(reverse("finance:expense_list")).content.decode()
    receipt = expense.receipts.first()
    download = reverse("finance:receipt_download", args=[expense.pk, receipt.pk])
    assert client.get(download).status_code == 200
    # Funding is internal: a partner opens no grant; an officer does.
    assert client.get(grant.get_absolute_url()).status_code in (403, 404)
    client.force_login(User.objects.get(username="bench-officer-1"))
    assert client.get(grant.get_absolute_url()).status_code == 200
    assert client.get(reverse("funding:grant_list")).status_code == 200
    # Another partner's project stays closed to bench-partner-2.
    client.force_login(User.objects.get(username="bench-partner-2"))
    assert client.get(expense.get_absolute_url()).status_code == 404
    assert client.get(reverse("finance:project_followup", args=[big.pk])).status_code == 404


def test_amounts_keep_their_currencys_decimals(tiny_dataset):
    assert not Expense.objects.filter(currency="XOF").exclude(amount=Round("amount")).exists()
    assert Expense.objects.filter(amount__lte=Decimal(0), reverses__isnull=True).count() == 0


def test_an_expense_entered_afterwards_takes_the_next_key_and_number(tiny_dataset):
    officer = User.objects.get(username="bench-officer-1")
    line = BudgetLine.objects.filter(currency="EUR").order_by("pk").first()
    project = line.budget_version.budget.project
    day = project.start_on + dt.timedelta(days=10)  # in its grants' period
    last = Expense.all_objects.filter(reference__startswith=f"DEP-{day.year}-").count()
    highest = Expense.all_objects.order_by("-pk").values_list("pk", flat=True).first()
    expense = ExpenseService.create(
        data={
            "project": project,
            "budget_line": line,
            "spent_on": day,
            "payee_name": "Sarl Diallo",
            "description": "Fournitures",
            "amount": Decimal("120.00"),
            "currency": "EUR",
        },
        by=officer,
    )
    assert expense.pk > highest
    assert expense.reference == f"DEP-{day.year}-{last + 1:04d}"
    assert sum(expense.charges.values_list("amount", flat=True)) == Decimal("120.00")


def test_the_home_alert_reads_the_over_spent_lines_of_the_follow_up(tiny_dataset):
    # The expenses go in past the services: the dataset works the stored lines out at its
    # end, the follow-up's own numbers.
    from maillage.finance.models import OverspentLine
    from maillage.finance.selectors.followup import overspent_rows

    assert "  over-spent lines " in tiny_dataset
    computed = {
        (o.project.pk, o.row.key, o.row.percent)
        for o in overspent_rows(Budget.objects.values_list("project_id", flat=True), today=AS_OF)
    }
    stored = set(OverspentLine.objects.values_list("project_id", "code", "percent"))
    assert stored == computed and stored
