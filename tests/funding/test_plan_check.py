"""The co-financing plan's check (`check_financing_plan`): each rule it breaks is stated in
words in the active language with locale-formatted figures; the demo's rule-breaking plan
fixed clears them, through the service and the API; the check runs live on what is typed
without saving it; funding is internal."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from maillage.accounts.models import Role
from maillage.actors.models import OrganisationType
from maillage.core.services import service_for
from maillage.funding.models import FinancingLine, FinancingPlan, LineKind
from maillage.funding.selectors.plans import check_financing_plan
from maillage.projects.models import ProjectLocation
from tests.factories import MembershipFactory, OrganisationFactory, ProjectFactory, UserFactory
from tests.funding.demo_plans import FIXED, build_demo_funding
from tests.funding.factories_plans import (
    DonorFactory,
    FinancingLineFactory,
    FinancingPlanFactory,
    InstrumentFactory,
)

pytestmark = pytest.mark.django_db
NBSP = "\xa0"


def _messages(plan, lines=None, language="en"):
    with translation.override(language):
        return {v.code: v.message for v in check_financing_plan(plan=plan, lines=lines)}


@pytest.fixture
def demo():
    return build_demo_funding()


def test_the_demo_plan_breaks_the_ministry_share_and_in_kind_rules_in_english(demo):
    assert demo["counts"] == {
        "donors": 5,
        "instruments": 5,
        "prerequisites": 4,
        "financing_plans": 1,
    }
    found = _messages(demo["plan"])
    assert found == {
        "max_share": "The share of MEAE / DAECT is 62%; AAP DAECT caps it at 50%.",
        "in_kind_cap": "In-kind is 58% of the contribution of Ville de Lille; AAP DAECT caps "
        "it at 50%.",
    }


def test_the_demo_plan_violations_in_french_use_french_figures(demo):
    found = _messages(demo["plan"], language="fr")
    assert set(found) == {"max_share", "in_kind_cap"}
    # French figures: a no-break space before the per cent sign, whatever the catalogue.
    assert f"62{NBSP}%" in found["max_share"] and f"50{NBSP}%" in found["max_share"]
    assert f"58{NBSP}%" in found["in_kind_cap"]
    assert "MEAE / DAECT" in found["max_share"] and "Ville de Lille" in found["in_kind_cap"]


def test_fixing_the_amounts_through_the_service_clears_the_violations(demo):
    plan = demo["plan"]
    lines = [
        {
            "id": line.pk,
            "kind": line.kind,
            "instrument": line.instrument,
            "organisation": line.organisation,
            "amount": FIXED[line.kind],
            "label": line.label,
        }
        for line in plan.lines.all()
    ]
    service_for(FinancingPlan).update(obj=plan, data={"lines": lines}, by=demo["users"]["youssef"])
    assert check_financing_plan(plan=plan) == []
    # The same lines were kept (changed, not replaced), with their history.
    assert sorted(plan.lines.values_list("pk", flat=True)) == sorted(r["id"] for r in lines)
    assert FinancingLine.history.filter(history_type="~").count() == 3


def test_a_rule_changed_by_an_administrator_is_checked_on_the_next_read(demo):
    plan, admin = demo["plan"], demo["users"]["admin"]
    instrument = demo["instruments"]["daect-aap"]
    service_for(type(instrument)).update(
        obj=instrument,
        data={"max_share_percent": Decimal("70"), "in_kind_cap_percent": Decimal("60")},
        by=admin,
    )
    assert check_financing_plan(plan=plan) == []


def test_the_api_gives_the_check_and_fixing_the_lines_clears_it(client, demo):
    plan = demo["plan"]
    client.force_login(UserFactory(role=Role.OFFICER, language="en"))
    body = client.get(f"/api/financing-plans/{plan.pk}").json()
    assert [c["code"] for c in body["check"]] == ["max_share", "in_kind_cap"]
    assert body["check"][0]["message"].startswith("The share of MEAE / DAECT is 62%")
    assert [line["share"] for line in body["lines"]] == ["62.00", "15.96", "22.04"]
    lines = [
        {"id": line["id"], "kind": line["kind"], "instrument": line["instrument"],
         "organisation": line["organisation"], "amount": str(FIXED[line["kind"]])}
        for line in body["lines"]
    ]  # fmt: skip
    response = client.patch(
        f"/api/financing-plans/{plan.pk}", {"lines": lines}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["check"] == []
    assert client.get("/api/financing-plans").json()["results"][0]["check"] == []


def test_bad_values_on_the_api_are_refused_naming_the_field_and_nothing_is_saved(client, demo):
    plan = demo["plan"]
    client.force_login(UserFactory(role=Role.OFFICER, language="en"))
    before = list(plan.lines.values_list("pk", "amount"))
    response = client.patch(
        f"/api/financing-plans/{plan.pk}",
        {
            "total_budget": "1000",
            "lines": [{"kind": "donor", "instrument": None, "amount": "-5"}],
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    errors = response.json()["lines"]
    assert "Line 1 — Instrument: Choose the donor's instrument for a donor funding line." in errors
    assert "Line 1 — Amount: The amount cannot be negative." in errors
    response = client.patch(
        f"/api/financing-plans/{plan.pk}", {"total_budget": "-1"}, content_type="application/json"
    )
    assert response.status_code == 400 and "total_budget" in response.json()
    plan.refresh_from_db()
    assert plan.total_budget == Decimal("420000.00")
    assert list(plan.lines.values_list("pk", "amount")) == before


def test_the_live_check_runs_on_what_is_typed_without_saving(client, demo):
    plan = demo["plan"]
    client.force_login(UserFactory(role=Role.OFFICER, language="en"))
    page = client.get(reverse("funding:financingplan_lines", args=[plan.pk]))
    assert page.status_code == 200
    assert "62%" in page.text
    form = page.context["formset"]
    data = {
        "plan-total_budget": "420000",
        "plan-overheads_amount": "21000",
        "lines-TOTAL_FORMS": str(form.total_form_count()),
        "lines-INITIAL_FORMS": str(form.initial_form_count()),
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "100",
    }
    for i, line in enumerate(plan.lines.order_by("position")):
        data |= {
            f"lines-{i}-id": str(line.pk),
            f"lines-{i}-kind": line.kind,
            f"lines-{i}-instrument": str(line.instrument_id or ""),
            f"lines-{i}-organisation": str(line.organisation_id or ""),
            f"lines-{i}-amount": str(FIXED[line.kind]),
        }
    check = client.post(reverse("funding:financingplan_check", args=[plan.pk]), data)
    assert check.status_code == 200
    assert 'data-check="clear"' in check.text
    assert "caps it" not in check.text
    assert plan.lines.get(kind=LineKind.DONOR).amount == Decimal("260400.00")  # not saved
    # Saving the same form (without JavaScript) saves it and the plan's page is clear.
    data["version"] = str(plan.version)
    saved = client.post(reverse("funding:financingplan_lines", args=[plan.pk]), data)
    assert saved.status_code == 302
    assert plan.lines.get(kind=LineKind.DONOR).amount == Decimal("168000.00")
    detail = client.get(reverse("funding:financingplan_detail", args=[plan.pk]))
    assert 'data-check="clear"' in detail.text


def test_each_rule_is_stated_in_words():
    lille = OrganisationFactory(name="Ville de Lille", type=OrganisationType.MUNICIPALITY)
    project = ProjectFactory(
        country="SN", start_on=dt.date(2026, 1, 1), end_on=dt.date(2026, 6, 30)
    )
    ProjectLocation.objects.create(project=project, name="Kayes", country="ML")
    donor = DonorFactory(organisation=OrganisationFactory(name="Agence", acronym="AFD"))
    ficol = InstrumentFactory(
        donor=donor,
        code="FICOL",
        min_applicant_share_percent=Decimal("30"),
        min_applicant_cash_percent=Decimal("20"),
        overheads_cap_percent=Decimal("7"),
        in_kind_cap_percent=Decimal("10"),
        in_kind_basis="total",
        max_amount=Decimal("50000"),
        min_duration_months=12,
        eligible_countries=["SN", "MA"],
        eligible_applicant_types=["region", "department"],
        currency="USD",
        is_active=False,
    )
    small = InstrumentFactory(code="MINI", min_amount=Decimal("20000"), max_duration_months=3)
    plan = FinancingPlanFactory(
        project=project,
        applicant=lille,
        total_budget=Decimal("100000"),
        overheads_amount=Decimal("9000"),
    )
    FinancingLineFactory(plan=plan, instrument=ficol, amount=Decimal("80000"))
    FinancingLineFactory(plan=plan, instrument=small, amount=Decimal("10000"))
    FinancingLineFactory(
        plan=plan,
        kind="applicant_cash",
        instrument=None,
        organisation=lille,
        amount=Decimal("5000"),
    )
    FinancingLineFactory(
        plan=plan,
        kind="partner_in_kind",
        instrument=None,
        organisation=OrganisationFactory(),
        amount=Decimal("15000"),
    )
    found = _messages(plan)
    assert found == {
        "lines_exceed_total": "The lines add up to $110,000.00, more than the total budget "
        "of $100,000.00.".replace("$", "€"),
        "inactive": "FICOL is closed: it takes no new application.",
        "currency": "FICOL funds in USD; the plan is in EUR.",
        "applicant_share": "Ville de Lille contributes 5% of the budget; FICOL requires at "
        "least 30%.",
        "applicant_cash": "The own cash of Ville de Lille is 5% of the budget; FICOL requires "
        "at least 20%.",
        "in_kind_cap": "In-kind is 15% of the total budget; FICOL caps it at 10%.",
        "overheads_cap": "Overheads are 9% of the total budget; FICOL caps them at 7%.",
        "max_amount": "The plan asks FICOL for €80,000.00; it grants at most €50,000.00.",
        "min_duration": "The project lasts 6 months; FICOL funds projects of at least 12 months.",
        "applicant_type": "FICOL is open to Regional council, Département council; Ville de "
        "Lille is of the type Municipality.",
        "eligible_countries": "FICOL does not fund projects in Mali; its eligible countries "
        "are Senegal, Morocco.",
        "min_amount": "The plan asks MINI for €10,000.00; it grants at least €20,000.00.",
        "max_duration": "The project lasts 6 months; MINI funds projects of at most 3 months.",
    }
    with translation.override("fr"):
        french = {v.code: v.message for v in check_financing_plan(plan=plan)}
    assert set(french) == set(found)
    assert f"110{chr(0x202F)}000,00{NBSP}€" in french["lines_exceed_total"]
    assert "Mali" in french["eligible_countries"] and "Sénégal" in french["eligible_countries"]


def test_a_plan_short_of_its_total_says_how_much_remains():
    plan = FinancingPlanFactory(total_budget=Decimal("1000"))
    FinancingLineFactory(plan=plan, amount=Decimal("400"))
    assert _messages(plan)["lines_below_total"] == (
        "The lines add up to €400.00 of a total budget of €1,000.00: €600.00 remain to be financed."
    )


def test_funding_is_internal_partners_see_nothing_of_it(client, demo):
    plan, project = demo["plan"], demo["project"]
    partner = UserFactory(role=Role.PARTNER)
    MembershipFactory(project=project, user=partner)
    client.force_login(partner)
    assert client.get(reverse("funding:financingplan_detail", args=[plan.pk])).status_code == 404
    assert client.get(reverse("funding:financingplan_lines", args=[plan.pk])).status_code == 404
    assert client.post(reverse("funding:financingplan_check", args=[plan.pk])).status_code == 404
    assert client.get(reverse("funding:project_financing", args=[project.pk])).status_code == 403
    listing = client.get(reverse("funding:financingplan_list"))
    assert listing.status_code == 200 and "LIL-OUJ-GASTRO" not in listing.text
    for url in ("/api/financing-plans", "/api/instruments", "/api/donors"):
        assert client.get(url).json()["results"] == []
    assert client.get(f"/api/financing-plans/{plan.pk}").status_code == 404
    project_page = client.get(reverse("projects:project_detail", args=[project.pk]))
    assert project_page.status_code == 200
    assert reverse("funding:project_financing", args=[project.pk]) not in project_page.text
    assert reverse("funding:financingplan_list") not in project_page.text  # no menu entry
    assert "AAP DAECT" not in project_page.text


def test_the_project_tab_shows_the_plan_to_the_staff(client, demo):
    project = demo["project"]
    client.force_login(UserFactory(role=Role.VIEWER, language="en"))
    page = client.get(reverse("projects:project_detail", args=[project.pk]))
    tab = reverse("funding:project_financing", args=[project.pk])
    assert tab in page.text
    response = client.get(tab)
    assert response.status_code == 200
    assert "AAP DAECT caps it at 50%" in response.text
    assert reverse("funding:financingplan_lines", args=[demo["plan"].pk]) not in response.text


def test_the_editor_refuses_a_save_without_or_behind_its_version(client, demo):
    plan = demo["plan"]
    client.force_login(UserFactory(role=Role.OFFICER, language="en"))
    data = {
        "plan-total_budget": "1",
        "plan-overheads_amount": "",
        "lines-TOTAL_FORMS": "0",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "100",
    }
    url = reverse("funding:financingplan_lines", args=[plan.pk])
    assert client.post(url, data).status_code == 422
    service_for(FinancingPlan).update(obj=plan, data={"note": "Revu"}, by=demo["users"]["admin"])
    assert client.post(url, data | {"version": str(plan.version - 1)}).status_code == 409
    plan.refresh_from_db()
    assert plan.total_budget == Decimal("420000.00") and plan.lines.count() == 3
