"""Budget vs actual (E3): forecast, actual converted with the rate of each day, variance,
percent, remaining, flags; by line, category, funder and year; the cash-flow per funder;
the home alert; the page and its query count at any number of expenses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from maillage.finance.selectors.cashflow import tranche_cash_flow
from maillage.finance.selectors.followup import (
    OVER,
    UNDER,
    budget_vs_actual,
    overspent_lines,
)
from maillage.finance.services.followup import refresh_followup
from maillage.funding.models import Tranche
from maillage.projects.models import Project
from tests.factories import MembershipFactory
from tests.finance.factories_followup import (
    grant_for,
    line,
    mad_rates,
    project_with_budget,
    validated_expenses,
)
from tests.querycount import assert_constant_queries, count_queries

pytestmark = pytest.mark.django_db
D = Decimal
EARLY = dt.date(2026, 6, 1)  # before the project's midpoint (2026-12-31)
LATE = dt.date(2027, 3, 1)  # after it


@pytest.fixture
def setup():
    mad_rates()
    project, version = project_with_budget(currency="MAD")
    grant = grant_for(project)
    travel = line(version, "A1", D("10000"), grant=grant, share=D("8000"))
    kit = line(version, "B1", D("1000"), currency="EUR", category="equipment")
    # 6,000 + 5,000 MAD on the travel line: 110 %.
    validated_expenses(
        travel, 1, amount=D("6000"), spent_on=dt.date(2026, 3, 12), grant=grant, share=D("4800")
    )
    validated_expenses(travel, 1, amount=D("5000"), spent_on=dt.date(2026, 4, 2))
    # 100 EUR on the equipment line, on 2026-03-05 (MAD rate of 2026-03-02: 10.80).
    validated_expenses(kit, 1, amount=D("100"), spent_on=dt.date(2026, 3, 5))
    # Not validated: not counted.
    validated_expenses(travel, 3, amount=D("999"), status="submitted")
    return project, version, grant, travel, kit


def test_by_line_converts_each_day_and_flags(setup):
    project, _version, _grant, _travel, _kit = setup
    followup = budget_vs_actual(project=project, by="line", today=LATE)
    rows = {row.key: row for row in followup.rows}
    travel, kit = rows["A1"], rows["B1"]
    assert (travel.currency, travel.forecast, travel.actual) == ("MAD", D("10000"), D("11000"))
    assert travel.variance == D("1000") and travel.remaining == D("-1000")
    assert travel.percent == D("110.0") and travel.flag == OVER
    # 6,000 MAD at 10.90 (2026-03-10) + 5,000 MAD at 11.00 (2026-04-01) in euros.
    assert travel.actual_eur == D("550.46") + D("454.55")
    assert (kit.currency, kit.forecast, kit.actual, kit.actual_eur) == (
        "EUR",
        D("1000"),
        D("100"),
        D("100"),
    )
    assert kit.percent == D("10.0") and kit.flag == UNDER  # past the midpoint
    # The total, in the budget's currency: the EUR line converted (forecast at the
    # adoption's rate, 10.75; actual at the day's, 10.80).
    assert followup.total.forecast == D("10000") + D("10750")
    assert followup.total.actual == D("11000") + D("1080")
    assert followup.total.actual_eur == D("550.46") + D("454.55") + D("100")
    assert followup.total.expenses == 3
    assert {(r.currency, r.on) for r in followup.rates} >= {("MAD", dt.date(2026, 3, 10))}
    early = budget_vs_actual(project=project, by="line", today=EARLY)
    assert {r.key: r.flag for r in early.rows} == {"A1": OVER, "B1": ""}


def test_by_category_funder_and_year(setup):
    project, *_ = setup
    by_category = {
        r.key: r for r in budget_vs_actual(project=project, by="category", today=LATE).rows
    }
    assert by_category["travel"].actual == D("11000")
    assert (
        by_category["equipment"].actual == D("1080") and by_category["equipment"].currency == "MAD"
    )
    by_funder = budget_vs_actual(project=project, by="funder", today=LATE).rows
    funded = next(r for r in by_funder if r.key.startswith("grant-"))
    own = next(r for r in by_funder if r.key == "own")
    assert (funded.forecast, funded.actual) == (D("8000"), D("4800"))
    # Own funds: the 1,200 + 5,000 MAD and the 100 EUR (1,080 MAD) not charged to the grant.
    assert own.actual == D("1200") + D("5000") + D("1080")
    years = budget_vs_actual(project=project, by="period", today=LATE).rows
    assert [(r.key, r.actual) for r in years] == [("2026", D("12080"))]


def test_no_budget_no_followup(db):
    from tests.factories import ProjectFactory

    assert budget_vs_actual(project=ProjectFactory(), today=LATE) is None


def test_cash_flow_per_grant(setup):
    project, _version, grant, *_ = setup
    Tranche.objects.create(
        grant=grant,
        position=1,
        expected_amount=D("20000"),
        received_on=dt.date(2026, 2, 1),
        received_amount=D("20000"),
    )
    Tranche.objects.create(grant=grant, position=2, expected_amount=D("20000"))
    flow = tranche_cash_flow(project=project)
    [row] = flow.rows
    # 4,800 MAD at 10.90 in the grant's euros.
    assert (row.expected, row.received, row.spent) == (D("40000"), D("20000"), D("440.37"))
    assert row.balance == D("20000") - D("440.37") and row.to_receive == D("20000")
    assert [m["month"] for m in flow.months] == ["2026-02", "2026-03"]


def test_overspent_lines_of_several_projects_in_constant_queries(setup, officer):
    _project, *_ = setup
    assert [o.row.key for o in overspent_lines(projects=Project.objects.all(), today=LATE)] == [
        "A1"
    ]

    def grow(n):
        for _ in range(n):
            _other, version = project_with_budget(currency="EUR")
            validated_expenses(line(version, "X", D("10")), 2, amount=D("10"))

    grow(1)
    few, _sql, _r = count_queries(
        lambda: overspent_lines(projects=Project.objects.all(), today=LATE)
    )
    grow(5)
    many, _sql, found = count_queries(
        lambda: overspent_lines(projects=Project.objects.all(), today=LATE)
    )
    assert many <= few and len(found) == 7


def test_the_page_by_every_grouping(client, officer, setup):
    project, *_ = setup
    client.force_login(officer)
    url = reverse("finance:project_followup", args=[project.pk])
    for by in ("line", "category", "funder", "period"):
        response = client.get(url, {"by": by})
        assert response.status_code == 200
    page = client.get(url).content.decode()
    assert "Suivi budgétaire" in page and "Dépassement" in page and "Prévu" in page
    assert "chart-followup-line" in page  # the chart, with its table
    assert client.get(reverse("finance:project_cash_flow", args=[project.pk])).status_code == 200


def test_partners_follow_their_projects_without_funders(client, partner, setup, other_project):
    project, *_ = setup
    MembershipFactory(project=project, user=partner)
    client.force_login(partner)
    url = reverse("finance:project_followup", args=[project.pk])
    page = client.get(url, {"by": "funder"}).content.decode()
    assert 'href="?by=funder"' not in page  # no funder view offered to partners
    assert client.get(reverse("finance:project_cash_flow", args=[project.pk])).status_code == 403
    assert (
        client.get(reverse("finance:project_followup", args=[other_project.pk])).status_code == 404
    )


@pytest.mark.parametrize("by", ["line", "category", "funder", "period"])
def test_page_queries_do_not_grow_with_expenses(client, officer, setup, by):
    project, _version, grant, travel, kit = setup
    client.force_login(officer)

    def grow(n):
        validated_expenses(
            travel, n, amount=D("10"), spent_on=dt.date(2026, 3, 20), grant=grant, share=D("8")
        )
        validated_expenses(kit, n, amount=D("1"), spent_on=dt.date(2026, 5, 2))

    url = reverse("finance:project_followup", args=[project.pk]) + f"?by={by}"
    assert_constant_queries(client, url, grow=grow, rows=(2, 60))


def test_cash_flow_queries_do_not_grow_with_expenses_and_tranches(client, officer, setup):
    project, _version, grant, travel, _kit = setup
    client.force_login(officer)

    def grow(n):
        validated_expenses(
            travel, n, amount=D("10"), spent_on=dt.date(2026, 3, 20), grant=grant, share=D("8")
        )
        for position in range(n):
            Tranche.objects.create(
                grant=grant,
                position=position + 10,
                expected_amount=D("1"),
                received_on=dt.date(2026, 2, 1),
                received_amount=D("1"),
            )

    url = reverse("finance:project_cash_flow", args=[project.pk])
    assert_constant_queries(client, url, grow=grow, rows=(2, 30))


def test_home_alert_queries_do_not_grow_with_expenses(client, officer, setup):
    project, _version, _grant, travel, _kit = setup
    project.owner = officer
    project.save()
    # The factories write in bulk, past the services that keep the stored lines.
    refresh_followup([project.pk])
    client.force_login(officer)
    page = client.get(reverse("reporting:home")).content.decode()
    assert "Lignes budgétaires en dépassement" in page

    def grow(n):
        validated_expenses(travel, n, amount=D("10"), spent_on=dt.date(2026, 3, 21))

    assert_constant_queries(client, reverse("reporting:home"), grow=grow, rows=(2, 40))
