"""The demo's funding, built on the demo's own organisations and projects: the ministry's
call with its published rules and prerequisites, and the Lille–Oujda gastronomy plan that
breaks exactly two of its rules, which Oujda's partner account does not see."""

import pytest
from django.utils import translation

from maillage.demo.build import create_users
from maillage.demo.build_actors import build_actors
from maillage.demo.build_funding import build_funding
from maillage.demo.build_projects import build_projects
from maillage.demo.dataset import load_dataset
from maillage.funding.models import FinancingPlan, Instrument
from maillage.funding.selectors.plans import check_financing_plan

pytestmark = pytest.mark.django_db


def test_the_demo_plan_breaks_two_of_the_ministry_rules_and_is_internal():
    data = load_dataset()
    users = create_users(data)
    actors = build_actors(data, users)
    projects, _counts = build_projects(data, users, actors)
    instruments, counts = build_funding(data, users, actors, projects)
    assert counts["donors"] == 5 and counts["instruments"] == 5
    ministry = instruments["daect-aap"]
    assert ministry.min_applicant_share_percent == 10
    assert ministry.in_kind_cap_percent == 50 and ministry.in_kind_basis == "applicant"
    assert ministry.payment_pattern == "yearly" and ministry.held_back_percent == 20
    assert [p.text[:40] for p in ministry.prerequisites.all()] == [
        "La déclaration annuelle de l'aide publiq",
        "Les projets de la collectivité sont sais",
        "La délibération de la collectivité appro",
    ]
    plan = FinancingPlan.objects.get(project__code="LIL-OUJ-GASTRO")
    with translation.override("en"):
        violations = check_financing_plan(plan=plan)
    assert [v.code for v in violations] == ["max_share", "in_kind_cap"]
    assert violations[0].message.startswith("The share of MEAE / DAECT is 62%")
    assert "58% of the contribution of Ville de Lille" in violations[1].message
    # The project's partner account (Oujda) sees the project, not its funding.
    oujda = users["oujda"]
    assert plan.project in plan.project.__class__.objects.visible_to(oujda)
    assert not FinancingPlan.objects.visible_to(oujda).exists()
    assert not Instrument.objects.visible_to(oujda).exists()
