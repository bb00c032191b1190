"""Budgets (E1): versions kept and compared, lines as quantity × unit cost in their
currency, funder splits within the line, totals in three currencies with the rates used,
and every refusal naming its field, through the services, the pages and the API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from maillage.finance.models import BudgetLine, BudgetVersion
from maillage.finance.selectors.budgets import budget_totals, compare_versions
from maillage.finance.services.budgets import (
    BudgetLineService,
    BudgetVersionService,
)
from maillage.funding.models import CostCategory
from tests.factories import ProjectFactory
from tests.finance.factories_budgets import budget, first_version, line, rate, split
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def english():
    """The services' messages in English; the pages and the API answer in the user's
    language (French), asserted in French."""
    with translation.override("en"):
        yield


@pytest.fixture
def version():
    return first_version(budget(ProjectFactory(), currency="EUR"))


def test_a_new_budget_starts_with_its_initial_draft_version():
    created = budget(ProjectFactory())
    (only,) = created.versions.all()
    assert (only.number, only.kind, only.status) == (1, "initial", "draft")


def test_a_line_amount_is_quantity_times_unit_cost_rounded_by_its_currency(version):
    assert line(version, quantity="12", unit_cost="1500.50").amount == Decimal("18006.00")
    assert line(version, quantity="2.5", unit_cost="3333", currency="XOF").amount == Decimal("8333")


def test_three_decimals_in_euros_refused_naming_the_field(version):
    with pytest.raises(ValidationError) as refused:
        line(version, unit_cost="12.345")
    assert refused.value.message_dict == {
        "unit_cost": ["Ensure that there are no more than 2 decimal places."]
    }


def test_decimals_in_cfa_francs_refused_naming_the_field(version):
    with pytest.raises(ValidationError) as refused:
        line(version, unit_cost="10.50", currency="XOF")
    assert refused.value.message_dict["unit_cost"] == ["An amount in XOF has no decimals."]


def test_unknown_currency_refused_naming_the_field(version):
    with pytest.raises(ValidationError) as refused:
        line(version, currency="XYZ")
    assert "currency" in refused.value.message_dict
    assert not BudgetLine.objects.exists()


def test_split_amounts_beyond_the_line_amount_refused_on_the_field(version):
    paid = line(version, unit_cost="1000.00")
    split(paid, "600.00")
    with pytest.raises(ValidationError) as refused:
        split(paid, "400.01")
    assert "exceed" in refused.value.message_dict["amount"][0]
    split(paid, "400.00")


def test_a_lower_unit_cost_below_the_splits_is_refused(version):
    paid = line(version, unit_cost="1000.00")
    split(paid, "1000.00")
    with pytest.raises(ValidationError) as refused:
        BudgetLineService.update(obj=paid, data={"unit_cost": Decimal("900")}, by=None)
    assert "exceed" in refused.value.message_dict["quantity"][0]


def test_revised_version_keeps_the_old_one(version):
    kept = line(version, code="A1", unit_cost="1000.00")
    split(kept, "500.00")
    line(version, code="A2", unit_cost="200.00")
    BudgetVersionService.adopt(version, by=None, on=ON)
    revised = BudgetVersionService.revise(version.budget, by=None)
    assert (revised.number, revised.kind, revised.status) == (2, "revised", "draft")
    copies = {c.code: c for c in revised.lines.all()}
    assert set(copies) == {"A1", "A2"}
    assert copies["A1"].splits.get().amount == Decimal("500.00")
    BudgetLineService.update(obj=copies["A1"], data={"unit_cost": Decimal("1500.00")}, by=None)
    kept.refresh_from_db()
    assert kept.amount == Decimal("1000.00")  # the earlier version is as it was
    assert list(version.budget.versions.values_list("number", flat=True)) == [1, 2]


def test_an_adopted_version_locks_its_lines(version):
    locked = line(version)
    BudgetVersionService.adopt(version, by=None, on=ON)
    with pytest.raises(ValidationError, match="adopted"):
        BudgetLineService.update(obj=locked, data={"label": "Autre"}, by=None)
    with pytest.raises(ValidationError, match="adopted"):
        line(version)
    with pytest.raises(ValidationError, match="adopted"):
        BudgetLineService.delete(obj=locked, by=None)


def test_an_adopted_version_says_when():
    version = first_version(budget(ProjectFactory()))
    with pytest.raises(ValidationError) as refused:
        BudgetVersionService.update(obj=version, data={"status": "adopted"}, by=None)
    assert "adopted_on" in refused.value.message_dict


def test_totals_in_the_line_currency_the_budget_currency_and_euros_with_the_rates():
    mad_budget = budget(ProjectFactory(), currency="MAD")
    version = first_version(mad_budget)
    rate("MAD", "10.0000", ON)
    line(version, code="M", quantity="1", unit_cost="10000.00", currency="MAD")
    line(
        version,
        code="E",
        quantity="2",
        unit_cost="500.00",
        currency="EUR",
        category=CostCategory.STAFF,
    )
    line(version, code="X", quantity="1", unit_cost="655957", currency="XOF")
    totals = budget_totals(version, on=ON)
    assert totals.by_currency == {
        "MAD": Decimal("10000.00"),
        "EUR": Decimal("1000.00"),
        "XOF": Decimal("655957"),
    }
    assert totals.total.in_euro == Decimal("3000.00")
    assert totals.total.in_budget == Decimal("30000.00")
    labels = {r.label for r in totals.rates}
    assert "Bank Al-Maghrib rate of 2026-03-02" in labels
    assert any("655.957" in label for label in labels)
    assert totals.complete


def test_totals_without_a_rate_say_which_one_is_missing(version):
    line(version, currency="MAD")
    totals = budget_totals(version, on=ON)
    assert totals.total.in_euro is None
    assert not totals.complete and "MAD" in totals.missing[0]


def test_two_versions_compared_line_by_line(version):
    line(version, code="A", unit_cost="1000.00")
    line(version, code="B", unit_cost="300.00")
    revised = BudgetVersionService.revise(version.budget, by=None)
    lines = {c.code: c for c in revised.lines.all()}
    BudgetLineService.update(obj=lines["A"], data={"unit_cost": Decimal("1200.00")}, by=None)
    BudgetLineService.delete(obj=lines["B"], by=None)
    line(revised, code="C", unit_cost="50.00")
    comparison = compare_versions(version, revised, on=ON)
    states = {row.code: (row.state, row.difference) for row in comparison.rows}
    assert states == {
        "A": ("changed", Decimal("200.00")),
        "B": ("removed", Decimal("-300.00")),
        "C": ("added", Decimal("50.00")),
    }
    assert comparison.difference == Decimal("-50.00")


# -- pages ------------------------------------------------------------------------------


def test_the_version_page_shows_lines_totals_and_rates(client, officer):
    mad = budget(ProjectFactory(), currency="EUR")
    version = first_version(mad)
    rate("MAD", "10.0000", dt.date(2026, 1, 5))
    line(version, code="M1", label="Location de salle", unit_cost="5000.00", currency="MAD")
    client.force_login(officer)
    response = client.get(version.get_absolute_url())
    page = response.content.decode()
    assert "Location de salle" in page
    assert "2026-01-05" in page  # the date of the rate used, in the rates' list
    totals = response.context["totals"]
    assert totals.total.in_euro == Decimal("500.00")
    assert [r.label for r in totals.rates] == ["taux Bank Al-Maghrib du 2026-01-05"]


def test_the_compare_page_lists_both_versions(client, officer, version):
    line(version, code="A", unit_cost="1000.00")
    revised = BudgetVersionService.revise(version.budget, by=None)
    client.force_login(officer)
    response = client.get(reverse("finance:budgetversion_compare", args=[revised.pk]))
    assert response.status_code == 200
    assert [(r.code, r.state) for r in response.context["comparison"].rows] == [("A", "same")]


def test_a_partner_reads_its_projects_budget_and_cannot_change_it(
    client, partner, partner_project, other_project
):
    mine = first_version(budget(partner_project))
    line(mine, code="P1", label="Ateliers à Oujda")
    hidden = first_version(budget(other_project))
    client.force_login(partner)
    tab = client.get(reverse("finance:project_budget", args=[partner_project.pk]))
    assert tab.status_code == 200 and "Version 1" in tab.content.decode()
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(hidden.get_absolute_url()).status_code == 404
    edit = client.get(reverse("finance:budgetline_update", args=[mine.lines.get().pk]))
    assert edit.status_code == 403
    assert client.post(reverse("finance:budget_revise", args=[mine.budget_id])).status_code == 403
    assert client.get("/api/budget-lines").json()["count"] == 1
    post = client.post(
        "/api/budget-lines", {"budget_version": mine.pk}, content_type="application/json"
    )
    assert post.status_code == 403


def test_opening_a_revision_from_the_budget_page(client, officer, version):
    line(version, code="A")
    client.force_login(officer)
    response = client.post(reverse("finance:budget_revise", args=[version.budget_id]))
    revised = BudgetVersion.objects.get(number=2)
    assert response.url == revised.get_absolute_url()
    assert revised.lines.get().code == "A"


def test_adopting_from_the_version_page(client, officer, version):
    client.force_login(officer)
    client.post(reverse("finance:budgetversion_adopt", args=[version.pk]))
    version.refresh_from_db()
    assert version.is_adopted and version.adopted_on is not None


# -- API --------------------------------------------------------------------------------


def test_api_three_decimals_in_euros_refused_naming_the_field(client, officer, version):
    client.force_login(officer)
    response = client.post(
        "/api/budget-lines",
        {
            "budget_version": version.pk,
            "code": "A",
            "label": "Billets",
            "category": "travel",
            "quantity": "2",
            "unit_cost": "12.345",
            "currency": "EUR",
            "year": 2026,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "unit_cost" in response.json()


def test_api_cfa_decimals_and_unknown_currency_refused_naming_the_field(client, officer, version):
    client.force_login(officer)
    base = {
        "budget_version": version.pk,
        "code": "A",
        "label": "Billets",
        "category": "travel",
        "quantity": "2",
        "year": 2026,
    }
    xof = client.post(
        "/api/budget-lines",
        {**base, "unit_cost": "10.50", "currency": "XOF"},
        content_type="application/json",
    )
    assert xof.status_code == 400 and xof.json()["unit_cost"] == [
        "Un montant en XOF n’a pas de décimales."
    ]
    xyz = client.post(
        "/api/budget-lines",
        {**base, "unit_cost": "10", "currency": "XYZ"},
        content_type="application/json",
    )
    assert xyz.status_code == 400 and "currency" in xyz.json()


def test_api_line_with_splits_and_splits_beyond_the_amount(client, officer, version):
    client.force_login(officer)
    body = {
        "budget_version": version.pk,
        "code": "A",
        "label": "Billets",
        "category": "travel",
        "quantity": "2",
        "unit_cost": "500.00",
        "currency": "EUR",
        "year": 2026,
        "splits": [{"amount": "600.00"}, {"amount": "400.00"}],
    }
    created = client.post("/api/budget-lines", body, content_type="application/json")
    assert created.status_code == 201, created.json()
    assert created.json()["amount"] == "1000.00"
    assert len(created.json()["splits"]) == 2
    too_much = client.post(
        "/api/budget-lines",
        {**body, "code": "B", "splits": [{"amount": "1000.01"}]},
        content_type="application/json",
    )
    assert too_much.status_code == 400 and "splits" in too_much.json()
    assert BudgetLine.objects.count() == 1


def test_api_a_new_version_is_a_revision_copying_the_lines(client, officer, version):
    line(version, code="A")
    client.force_login(officer)
    response = client.post(
        "/api/budget-versions", {"budget": version.budget_id}, content_type="application/json"
    )
    assert response.status_code == 201
    assert (response.json()["number"], response.json()["kind"]) == (2, "revised")
    assert BudgetVersion.objects.get(number=2).lines.get().code == "A"


# -- query counts ------------------------------------------------------------------------


def _grow_lines(version):
    def grow(n):
        for _ in range(n):
            paid = line(version, currency="MAD", unit_cost="1000.00")
            split(paid, "100.00")
            line(version, currency="XOF", unit_cost="1000")

    return grow


@pytest.mark.parametrize(
    "page", ["version", "budget", "project_tab", "compare", "lines_api", "budget_api"]
)
def test_budget_pages_do_not_grow_with_the_lines(client, officer, page):
    created = budget(ProjectFactory(), currency="EUR")
    old = first_version(created)
    rate("MAD", "10.8", dt.date(2026, 1, 5))
    line(old, code="Z")
    version = BudgetVersionService.revise(created, by=None)
    paths = {
        "version": version.get_absolute_url(),
        "budget": created.get_absolute_url(),
        "project_tab": reverse("finance:project_budget", args=[created.project_id]),
        "compare": reverse("finance:budgetversion_compare", args=[version.pk]),
        "lines_api": "/api/budget-lines",
        "budget_api": f"/api/budgets/{created.pk}",
    }
    client.force_login(officer)
    assert_constant_queries(client, paths[page], grow=_grow_lines(version), rows=(2, 8))
