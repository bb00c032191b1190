"""A mission's budget line becomes an expense once spent (through ExpenseService, linked,
once only, refusals on the form's fields), and raising a mission's risk level after its
approval revokes it (service and API), each rule named as a sentence."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from maillage.finance.models import Expense, ExpenseStatus
from maillage.missions.models import MissionCost, MissionStatus
from maillage.missions.services.mission_expenses import record_as_expense
from maillage.missions.services.missions import MissionService
from tests.factories import ProjectFactory
from tests.finance.factories_expenses import budget_line
from tests.missions.factories_missions import (
    MissionApproverFactory,
    MissionCostFactory,
    MissionFactory,
)
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


def _spent_line(**cost):
    project = ProjectFactory()
    line = budget_line(project, amount=Decimal("5000.00"))
    mission = MissionFactory(projects=[project])
    return mission, MissionCostFactory(mission=mission, **cost), project, line


def _url(cost):
    return reverse("missions:cost_expense", args=[cost.mission_id, cost.pk])


def _form(project, line, **extra):
    return {
        "project": project.pk,
        "budget_line": line.pk,
        "spent_on": "2026-10-16",
        "amount": "420.00",
        "currency": "EUR",
        "payee_name": "Royal Air Maroc",
        "payment_method": "card",
        **extra,
    }


# -- a spent budget line becomes an expense ---------------------------------------------


def test_recording_a_line_writes_a_draft_expense_entered_by_the_user_and_links_it(client, officer):
    mission, cost, project, line = _spent_line()
    client.force_login(officer)
    response = client.post(_url(cost), _form(project, line))
    assert response.status_code == 302, response.content
    cost.refresh_from_db()
    expense = cost.expense
    assert expense is not None
    assert expense.status == ExpenseStatus.DRAFT
    assert expense.entered_by == officer
    assert (expense.project, expense.budget_line) == (project, line)
    assert (expense.amount, expense.currency) == (Decimal("420.00"), "EUR")
    assert expense.payee_name == "Royal Air Maroc"
    assert expense.reference.startswith("DEP-2026-")
    page = client.get(mission.get_absolute_url()).content.decode()
    assert expense.reference in page
    assert expense.get_absolute_url() in page
    assert "enregistrée comme dépense" in page


def test_the_form_offers_the_lines_amount_and_only_the_current_budgets_lines(client, officer):
    _mission, cost, project, line = _spent_line(amount=Decimal("777.00"), currency="MAD")
    elsewhere = budget_line(ProjectFactory(), code="AILLEURS")
    client.force_login(officer)
    response = client.get(_url(cost))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["amount"] == Decimal("777.00")
    assert form.initial["currency"] == "MAD"
    assert list(form.fields["budget_line"].queryset) == [line]
    assert elsewhere not in form.fields["budget_line"].queryset
    assert list(form.fields["project"].queryset) == [project]
    assert "Enregistrer comme dépense" in response.content.decode()


def test_a_line_is_not_recorded_twice(client, officer):
    _mission, cost, project, line = _spent_line()
    record_as_expense(
        cost=cost,
        project=project,
        budget_line=line,
        spent_on=dt.date(2026, 10, 16),
        amount=Decimal("420.00"),
        currency="EUR",
        payee_name="",
        payment_method="card",
        by=officer,
    )
    with pytest.raises(ValidationError) as refused:
        record_as_expense(
            cost=MissionCost.objects.get(pk=cost.pk),
            project=project,
            budget_line=line,
            spent_on=dt.date(2026, 10, 16),
            amount=Decimal("420.00"),
            currency="EUR",
            payee_name="",
            payment_method="card",
            by=officer,
        )
    assert "expense" in refused.value.message_dict
    client.force_login(officer)
    assert client.post(_url(cost), _form(project, line)).status_code == 422
    assert Expense.objects.count() == 1


def test_a_project_the_mission_is_not_linked_to_is_refused_naming_the_project(officer):
    _mission, cost, _project, _line = _spent_line()
    other = ProjectFactory()
    with pytest.raises(ValidationError) as refused:
        record_as_expense(
            cost=cost,
            project=other,
            budget_line=budget_line(other),
            spent_on=dt.date(2026, 10, 16),
            amount=Decimal("420.00"),
            currency="EUR",
            payee_name="",
            payment_method="card",
            by=officer,
        )
    assert "project" in refused.value.message_dict
    assert not Expense.objects.exists()


def test_expense_refusals_come_back_on_the_forms_fields(client, officer):
    mission, cost, project, line = _spent_line()
    second = ProjectFactory()
    mission.projects.add(second)
    other_line = budget_line(second)
    client.force_login(officer)
    # A line of the other linked project: ExpenseService refuses it on `budget_line`.
    response = client.post(_url(cost), _form(project, other_line))
    assert response.status_code == 422
    assert "budget_line" in response.context["form"].errors
    # An amount with more decimals than the currency has: refused on `amount`.
    response = client.post(_url(cost), _form(project, line, amount="10.50", currency="XOF"))
    assert response.status_code == 422
    assert "amount" in response.context["form"].errors
    cost.refresh_from_db()
    assert cost.expense is None
    assert not Expense.objects.exists()


def test_partners_and_viewers_do_not_record_a_line(client, partner, partner_project, viewer):
    mission = MissionFactory(projects=[partner_project])
    cost = MissionCostFactory(mission=mission)
    line = budget_line(partner_project)
    client.force_login(partner)
    assert client.get(_url(cost)).status_code == 403
    assert client.post(_url(cost), _form(partner_project, line)).status_code == 403
    client.force_login(viewer)
    assert client.post(_url(cost), _form(partner_project, line)).status_code == 403
    hidden = MissionCostFactory(mission=MissionFactory(projects=[ProjectFactory()]))
    client.force_login(partner)
    assert client.get(_url(hidden)).status_code == 404
    assert not Expense.objects.exists()


def test_the_form_page_makes_as_many_queries_with_many_lines(client, officer):
    mission, cost, project, _line = _spent_line()

    def grow(n):
        for _i in range(n):
            budget_line(project)
            MissionCostFactory(mission=mission)

    client.force_login(officer)
    assert_constant_queries(client, _url(cost), grow=grow)


# -- raising the risk level revokes the approval ------------------------------------------


def _approved(officer, level="orange"):
    approver = MissionApproverFactory().user
    mission = MissionFactory(risk_level=level, risk_assessed_on=dt.date(2026, 8, 20))
    MissionService.move(mission=mission, to="planned", by=officer)
    MissionService.move(mission=mission, to="approval_requested", by=officer)
    MissionService.decide_approval(mission=mission, decision="approved", reason="OK", by=approver)
    mission.refresh_from_db()
    return mission


def _reasons(mission):
    return [r or "" for r in mission.history.values_list("history_change_reason", flat=True)]


def test_raising_an_approved_orange_mission_to_red_asks_for_a_new_approval(officer):
    mission = _approved(officer)
    MissionService.update(obj=mission, data={"risk_level": "red"}, by=officer)
    mission.refresh_from_db()
    assert mission.status == MissionStatus.APPROVAL_REQUESTED
    assert "Niveau de risque relevé à rouge : nouvelle approbation requise" in _reasons(mission)


def test_raising_a_confirmed_mission_revokes_its_confirmation_too(officer):
    mission = _approved(officer)
    MissionService.move(mission=mission, to="confirmed", by=officer)
    MissionService.update(obj=mission, data={"risk_level": "red"}, by=officer)
    mission.refresh_from_db()
    assert mission.status == MissionStatus.APPROVAL_REQUESTED


def test_a_green_mission_confirmed_directly_then_raised_to_orange_needs_approval(officer):
    mission = MissionFactory(risk_level="green", risk_assessed_on=dt.date(2026, 8, 20))
    MissionService.move(mission=mission, to="planned", by=officer)
    MissionService.move(mission=mission, to="confirmed", by=officer)
    MissionService.update(obj=mission, data={"risk_level": "orange"}, by=officer)
    mission.refresh_from_db()
    assert mission.status == MissionStatus.APPROVAL_REQUESTED
    assert "Niveau de risque relevé à orange : nouvelle approbation requise" in _reasons(mission)


def test_lowering_the_risk_level_keeps_the_approval(officer):
    mission = _approved(officer, level="red")
    MissionService.update(obj=mission, data={"risk_level": "orange"}, by=officer)
    mission.refresh_from_db()
    assert mission.status == MissionStatus.APPROVED


def test_raising_the_risk_level_in_the_api_revokes_the_approval(client, officer):
    mission = _approved(officer)
    client.force_login(officer)
    response = client.patch(
        f"/api/missions/{mission.pk}", {"risk_level": "red"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "approval_requested"
    mission.refresh_from_db()
    assert mission.status == MissionStatus.APPROVAL_REQUESTED
    with pytest.raises(ValidationError):
        MissionService.move(mission=mission, to="confirmed", by=officer)
