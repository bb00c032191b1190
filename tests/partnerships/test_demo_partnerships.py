"""The demo's partnerships: the Lille–Oujda story as of the demo's reference date."""

import datetime as dt

import pytest

from maillage.demo.build import create_users
from maillage.demo.build_actors import build_actors
from maillage.demo.build_partnerships import build_partnerships
from maillage.demo.build_projects import build_projects
from maillage.demo.dataset import load_dataset
from maillage.partnerships.models import Agreement, Commitment, Partnership
from maillage.projects.models import Project

pytestmark = pytest.mark.django_db
DATA = load_dataset()
REFERENCE_DATE = DATA.reference_date


@pytest.fixture
def demo():
    users = create_users(DATA)
    actors = build_actors(DATA, users)
    projects, _counts = build_projects(DATA, users, actors)
    counts = build_partnerships(DATA, users, actors, projects)
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
    expiring = Agreement.objects.expiring(REFERENCE_DATE)
    assert [a.reference for a in expiring] == ["CPP-2024-LYCEE-ISTA"]


def test_commitments_are_fulfilled_overdue_and_upcoming(demo):
    today = REFERENCE_DATE
    assert Commitment.objects.filter(status="fulfilled").exists()
    assert Commitment.objects.overdue(today).count() >= 3
    assert Commitment.objects.open().filter(due_on__gte=today).count() >= 3
    network = Commitment.objects.filter(agreement__reference__startswith="AC-")
    assert network.count() >= 6


def test_the_oujda_partner_sees_only_the_agreements_of_its_projects(demo):
    users, _counts = demo
    seen = {a.reference for a in Agreement.objects.visible_to(users["oujda"])}
    assert seen == {
        "CC-2005-LIL-OUJ",
        "CP-2024-GASTRO",
        "CPP-2024-LYCEE-ISTA",
        "CF-2025-REGIE",
        "CP-2026-PAEDC",
        "CPO-2025-DAECT-AFRIQUE",
    }
    # Its own partnership: its account's person works for Oujda, an authority of it.
    assert [p.name for p in Partnership.objects.visible_to(users["oujda"])] == [
        "Coopération décentralisée Lille–Oujda"
    ]


def test_the_shared_agreement_shows_the_oujda_partner_only_its_projects_parts(demo):
    users, _counts = demo
    oujda = users["oujda"]
    shared = Agreement.objects.get(reference="CPO-2025-DAECT-AFRIQUE")
    assert set(shared.projects.values_list("code", flat=True)) == {"LIL-OUJ-GASTRO", "RNAC-EAU-SN"}
    seen = Project.objects.visible_to(oujda).filter(agreements=shared)
    assert [p.code for p in seen] == ["LIL-OUJ-GASTRO"]
    everything = Commitment.objects.filter(agreement=shared)
    network = everything.get(project__code="RNAC-EAU-SN")
    assert network.party.acronym == "RNAC"
    visible = Commitment.objects.visible_to(oujda).filter(agreement=shared)
    assert set(visible) == set(everything.exclude(pk=network.pk))
    assert visible.filter(project__isnull=True).exists()
    assert visible.filter(project__code="LIL-OUJ-GASTRO").exists()


def test_the_demo_is_deterministic(demo):
    rows = list(
        Commitment.objects.order_by("pk").values_list("party__name", "text", "due_on", "status")
    )
    assert rows[0][2] == dt.date(2026, 6, 30)
    assert len(rows) == demo[1]["commitments"]
