"""The demo's calls, applications and grants, as of the demo's reference date."""

import datetime as dt
from decimal import Decimal

import pytest

from maillage.demo.build import create_users
from maillage.demo.build_actors import build_actors
from maillage.demo.build_funding import build_funding
from maillage.demo.build_funding_calls import build_funding_calls
from maillage.demo.build_partnerships import build_partnerships
from maillage.demo.build_projects import build_projects
from maillage.demo.dataset import load_dataset
from maillage.funding.models import Application, ApplicationStatus, Call, Grant
from maillage.funding.selectors.calls import calls_due

pytestmark = pytest.mark.django_db
DATA = load_dataset()
REFERENCE_DATE = DATA.reference_date


@pytest.fixture
def demo():
    users = create_users(DATA)
    actors = build_actors(DATA, users)
    projects, _counts = build_projects(DATA, users, actors)
    build_partnerships(DATA, users, actors, projects)
    instruments, _funding = build_funding(DATA, users, actors, projects)
    return users, build_funding_calls(DATA, users, instruments, projects)


def test_five_calls_around_the_reference_date_one_due_in_five_days(demo):
    users, counts = demo
    assert counts == {
        "calls": 6,
        "applications": 8,
        "grants": 2,
        "obligations": 6,
        "tranches": 6,
    }
    around = Call.objects.filter(
        deadline_on__range=(
            REFERENCE_DATE - dt.timedelta(days=60),
            REFERENCE_DATE + dt.timedelta(days=60),
        )
    )
    assert around.count() == 5
    due = calls_due(user=users["youssef"], today=REFERENCE_DATE)
    assert due[0].reference == "AAP-DAECT-2027"
    assert due[0].deadline_on == REFERENCE_DATE + dt.timedelta(days=5)


def test_applications_at_every_stage(demo):
    statuses = set(Application.objects.values_list("status", flat=True))
    assert statuses == set(ApplicationStatus.values)
    submitted = Application.objects.get(status=ApplicationStatus.SUBMITTED)
    assert "Ngaye" in submitted.history.first().history_change_reason
    assert submitted.submitted_on == REFERENCE_DATE - dt.timedelta(days=13)


def test_two_grants_under_the_daect_agreement_with_their_schedule(demo):
    grants = Grant.objects.select_related("agreement").order_by("amount")
    assert [g.agreement.reference for g in grants] == ["CPO-2025-DAECT-AFRIQUE"] * 2
    for grant in grants:
        tranches = list(grant.tranches.order_by("position"))
        assert sum(t.expected_amount for t in tranches) == grant.amount
        assert tranches[-1].held_back
        assert tranches[-1].expected_amount == grant.amount * Decimal("0.2")
        assert tranches[-1].awaits.is_final
    assert sum(g.amount for g in grants) == grants[0].agreement.amount
