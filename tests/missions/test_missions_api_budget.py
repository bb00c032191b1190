"""The missions API lists each mission's budget lines (read-only, nested as its other
rows are): kind, label, quantity, unit amount, currency, amount, the per-diem rate and the
expense the line became, which a partner reads only when it may open that expense."""

import datetime as dt
from decimal import Decimal

import pytest

from maillage.missions.models import MissionCost
from tests.factories import ProjectFactory
from tests.finance.factories_expenses import expense
from tests.missions.factories_missions import MissionCostFactory, MissionFactory

pytestmark = pytest.mark.django_db


def _link(cost, project):
    """Record the line as an expense of `project` (the link the service writes)."""
    spent = expense(project, amount=cost.amount, spent_on=dt.date(2026, 10, 16))
    MissionCost.objects.filter(pk=cost.pk).update(expense=spent)
    return spent


def test_a_missions_budget_lines_are_in_its_api_resource(client, officer):
    project = ProjectFactory()
    mission = MissionFactory(projects=[project])
    ticket = MissionCostFactory(mission=mission, label="Billets Lille–Oujda")
    lodging = MissionCostFactory(
        mission=mission,
        kind="lodging",
        quantity=Decimal(4),
        unit_amount=Decimal("650.00"),
        amount=Decimal("2600.00"),
        currency="MAD",
    )
    spent = _link(ticket, project)
    client.force_login(officer)
    body = client.get(f"/api/missions/{mission.pk}").json()
    lines = {line["id"]: line for line in body["budget_lines"]}
    assert set(lines) == {ticket.pk, lodging.pk}
    assert lines[ticket.pk]["label"] == "Billets Lille–Oujda"
    assert lines[ticket.pk]["kind"] == "transport"
    assert lines[ticket.pk]["expense"] == spent.pk
    assert (lines[lodging.pk]["amount"], lines[lodging.pk]["currency"]) == ("2600.00", "MAD")
    assert lines[lodging.pk]["quantity"] == "4.00"
    assert lines[lodging.pk]["expense"] is None
    listed = client.get("/api/missions").json()
    row = next(m for m in listed["results"] if m["id"] == mission.pk)
    assert len(row["budget_lines"]) == 2


def test_a_partner_reads_the_lines_of_its_missions_but_not_an_expense_it_may_not_open(
    client, partner, partner_project
):
    other = ProjectFactory()
    mission = MissionFactory(projects=[partner_project, other])
    own = MissionCostFactory(mission=mission, label="Billets")
    internal = MissionCostFactory(mission=mission, label="Hôtel", kind="lodging")
    seen = _link(own, partner_project)
    _link(internal, other)  # an expense of a project the partner is not a member of
    client.force_login(partner)
    body = client.get(f"/api/missions/{mission.pk}").json()
    expenses = {line["label"]: line["expense"] for line in body["budget_lines"]}
    assert expenses == {"Billets": seen.pk, "Hôtel": None}


def test_a_partner_gets_no_budget_line_of_a_mission_it_may_not_see(client, partner):
    hidden = MissionFactory(title="Mission interne", projects=[ProjectFactory()])
    MissionCostFactory(mission=hidden, label="Per diem confidentiel")
    client.force_login(partner)
    assert client.get(f"/api/missions/{hidden.pk}").status_code == 404
    listed = client.get("/api/missions").content.decode()
    assert "Per diem confidentiel" not in listed


def test_budget_lines_are_not_written_through_the_mission(client, officer):
    mission = MissionFactory()
    cost = MissionCostFactory(mission=mission)
    client.force_login(officer)
    response = client.patch(
        f"/api/missions/{mission.pk}",
        {"budget_lines": [{"id": cost.pk, "unit_amount": "1.00", "label": "Changé"}]},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    cost.refresh_from_db()
    assert (cost.unit_amount, cost.label) == (Decimal("420.00"), "")
