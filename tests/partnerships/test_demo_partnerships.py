"""The demo's partnerships: the Lille–Oujda story as of the demo's reference date."""

import datetime as dt

import pytest

from maillage.demo import data
from maillage.demo.partnerships import build_partnerships
from maillage.partnerships.models import Agreement, Commitment, Partnership

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    users = data._create_users()
    organisations = data._create_organisations(users)
    projects = data._create_projects(users)
    data._create_partners(projects, organisations, users)
    data._create_memberships(projects, users)
    people = data._create_people(users)
    counts = build_partnerships(organisations, people, projects, users)
    return users, counts


def test_the_lille_oujda_partnership_and_its_framework_convention(demo):
    _users, counts = demo
    assert counts["partnerships"] == 1 and counts["agreements"] == Agreement.objects.count()
    twinning = Partnership.objects.get()
    assert twinning.french_authority.name == "Ville de Lille"
    assert twinning.foreign_authority.name == "Commune urbaine d'Oujda"
    framework = Agreement.objects.get(reference="CC-2005-LIL-OUJ")
    assert framework.amendments.count() == 3
    assert framework.effective_end_on == dt.date(2029, 5, 19)
    assert framework.council_decisions.count() >= 2


def test_one_agreement_expires_within_90_days_of_the_reference_date(demo):
    expiring = Agreement.objects.expiring(data.REFERENCE_DATE)
    assert [a.reference for a in expiring] == ["CPP-2024-LYCEE-ISTA"]


def test_commitments_are_fulfilled_overdue_and_upcoming(demo):
    today = data.REFERENCE_DATE
    assert Commitment.objects.filter(status="fulfilled").exists()
    assert Commitment.objects.overdue(today).count() >= 3
    assert Commitment.objects.open().filter(due_on__gte=today).count() >= 3
    network = Commitment.objects.filter(agreement__reference__startswith="AC-")
    assert network.count() >= 6


def test_the_oujda_partner_sees_only_the_lille_oujda_agreements(demo):
    users, _counts = demo
    seen = {a.reference for a in Agreement.objects.visible_to(users["oujda"])}
    assert seen == {
        "CC-2005-LIL-OUJ",
        "CP-2024-GASTRO",
        "CPP-2024-LYCEE-ISTA",
        "CF-2025-REGIE",
        "CP-2026-PAEDC",
    }
    assert not Partnership.objects.visible_to(users["oujda"]).exists()


def test_the_demo_is_deterministic(demo):
    rows = list(
        Commitment.objects.order_by("pk").values_list("party__name", "text", "due_on", "status")
    )
    assert rows[0][2] == dt.date(2026, 6, 30)
    assert len(rows) == demo[1]["commitments"]
