"""The demo's meetings (meetings.toml): the June steering committee of Oujda's climate
plan with minutes, decisions and action items, two of them overdue on the reference date
and shown on their owners' home pages; the network's water working group, which invites
the group's members; working hours in Paris and Casablanca."""

import datetime as dt

import pytest
from django.urls import reverse

from maillage.accounts.models import User
from maillage.demo.build import create_users, link_users_to_people
from maillage.demo.build_actors import build_actors
from maillage.demo.build_meetings import build_meetings
from maillage.demo.build_partnerships import build_partnerships
from maillage.demo.build_projects import build_projects
from maillage.demo.dataset import load_dataset
from maillage.missions.models import ActionItem, Meeting
from maillage.missions.selectors.meetings import meeting_participants
from maillage.missions.slots import find_slots
from maillage.reporting.views import home as home_views
from tests.demo.partial import partial_demo

pytestmark = pytest.mark.django_db
DATA = load_dataset()


def _build() -> tuple[dict[str, User], dict[str, int]]:
    users = create_users(DATA)
    actors = build_actors(DATA, users)
    link_users_to_people(DATA, users, actors)
    projects, _counts = build_projects(DATA, users, actors)
    build_partnerships(DATA, users, actors, projects)
    counts = build_meetings(DATA, users, actors.people, projects)
    return users, counts


_demo, demo = partial_demo(_build)


def test_the_steering_committee_has_minutes_and_two_overdue_action_items(demo):
    _users, counts = demo
    assert counts == {"meetings": 2, "action_items": 4, "overdue_action_items": 2}
    copil = Meeting.objects.get(kind="steering_committee")
    assert copil.timezone == "Africa/Casablanca"
    assert copil.starts_at == dt.datetime(2026, 6, 25, 9, 0, tzinfo=dt.UTC)  # 10:00 in Oujda
    assert "<strong>terminé</strong>" in copil.minutes_html
    assert copil.invitees.count() == 5
    overdue = ActionItem.objects.open().filter(due_on__lt=DATA.reference_date)
    assert {str(item.owner) for item in overdue} == {"Salma El Idrissi", "Youssef Benali"}


def test_the_overdue_action_items_show_on_their_owners_home_pages(client, demo, monkeypatch):
    users, _counts = demo
    monkeypatch.setattr(home_views, "today_for", lambda user: DATA.reference_date)
    for username, title in (
        ("youssef", "Rédiger la note de synthèse pour la demande FICOL"),
        ("oujda", "Transmettre le budget révisé de l'éclairage public"),
    ):
        client.force_login(users[username])
        page = client.get(reverse("reporting:home")).content.decode()
        assert title.replace("'", "&#x27;") in page, username
        assert "en retard depuis le" in page


def test_the_working_group_meeting_invites_the_groups_members(demo):
    meeting = Meeting.objects.get(kind="working_group")
    assert meeting.group.name == "Eau et assainissement"
    assert meeting.invitees.filter(person__last_name="Laborde").exists()
    assert meeting.invitees.count() == meeting.group.members.count()


def test_the_slot_finder_reads_the_demo_working_hours_in_paris_and_casablanca(demo):
    copil = Meeting.objects.get(kind="steering_committee")
    who = meeting_participants(copil)
    assert {p.tz for p in who} >= {"Europe/Paris", "Africa/Casablanca"}
    slots = find_slots(
        who, monday=dt.date(2026, 10, 5), duration=dt.timedelta(hours=1), tz="Africa/Casablanca"
    )
    assert slots
    for slot in slots:
        for p, start, end in slot.local:
            assert p.start <= start.time() and end.time() <= p.end
