"""The demo's team, as of the demo's reference date: the volunteer in Oujda whose
contract ends within 60 days, assignments that never pass 100 %, decided leave, two
trainings with feedback and a need matched to a planned session."""

import pytest

from maillage.accounts.models import User
from maillage.core import hooks
from maillage.demo.build import create_users
from maillage.demo.build_actors import build_actors
from maillage.demo.build_projects import build_projects
from maillage.demo.build_team import build_team
from maillage.demo.dataset import load_dataset
from maillage.team.models import LeaveStatus, StaffKind, StaffMember, TrainingSession
from maillage.team.selectors.staff import contracts_ending, team_calendar
from maillage.team.selectors.training import needs_for_session, session_results
from tests.demo.partial import partial_demo

pytestmark = pytest.mark.django_db
DATA = load_dataset()
REFERENCE_DATE = DATA.reference_date


def _build() -> tuple[dict[str, User], dict[str, int]]:
    users = create_users(DATA)
    actors = build_actors(DATA, users)
    projects, _counts = build_projects(DATA, users, actors)
    return users, build_team(DATA, users, actors, projects)


_demo, demo = partial_demo(_build)


def test_the_volunteer_in_oujda_s_contract_ends_within_60_days(demo):
    users, _counts = demo
    ending = contracts_ending(user=users["camille"], today=REFERENCE_DATE)
    assert [s.kind for s in ending] == [StaffKind.VOLUNTEER]
    volunteer = ending[0]
    assert volunteer.country == "MA" and volunteer.renewable
    assert str(volunteer.employer) == "France Volontaires"
    sections = hooks.collect(hooks.HOME_ITEMS, users["camille"], REFERENCE_DATE)
    assert "team/_home_contracts.html" in [s.template for s in sections]


def test_assignments_cover_the_lille_oujda_projects_within_100_percent(demo):
    youssef = StaffMember.objects.get(user__username="youssef")
    assert {a.project.code for a in youssef.assignments.all()} == {
        "LIL-OUJ-GASTRO",
        "LIL-OUJ-REGIE",
        "LIL-OUJ-PAEDC",
    }
    assert sum(a.share for a in youssef.assignments.all()) == 100


def test_leave_is_decided_and_shows_on_the_team_calendar(demo):
    users, _counts = demo
    youssef = StaffMember.objects.get(user__username="youssef")
    assert youssef.leaves.get().status == LeaveStatus.APPROVED
    rows = team_calendar(user=users["camille"], month=REFERENCE_DATE)["rows"]
    assert {row.kind for row in rows} >= {"leave"}
    assert any(row.tentative for row in rows)  # a leave still to decide


def test_two_trainings_with_feedback_one_for_the_partners_in_oujda(demo):
    with_feedback = [s for s in TrainingSession.objects.all() if s.feedback.exists()]
    assert len(with_feedback) == 2
    oujda = TrainingSession.objects.get(title__startswith="Gestion du cycle de projet")
    results = session_results(session=oujda)
    assert results["figures"]["answers"] == 4
    assert results["figures"]["present"] == 4 and results["figures"]["enrolled"] == 5


def test_a_training_need_is_matched_to_the_planned_session(demo):
    planned = TrainingSession.objects.get(start_on__gt=REFERENCE_DATE)
    topics = {need.topic for need in needs_for_session(session=planned, today=REFERENCE_DATE)}
    assert topics == {"Indicateurs", "Suivi-évaluation"}
