"""What a first hour with the plan pages asks for: the Gantt's Today button, the agenda of
an empty calendar month, the board's help only for those who may move a card."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from maillage.projects import planning
from maillage.projects.views import planning as planning_views
from tests.factories import ActivityFactory, MilestoneFactory, ProjectFactory, TaskFactory
from tests.projects.helpers import d

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(monkeypatch):
    """The plan pages' today: 15 March 2026."""
    day = d(15)
    monkeypatch.setattr(planning_views, "today_for", lambda user: day)
    return day


def test_the_gantt_offers_today_when_the_plan_spans_it(client, officer, today):
    activity = ActivityFactory(start_on=d(1, 2), end_on=d(30, 6))
    TaskFactory(parent=activity, start_on=d(1, 2), end_on=d(30, 6))
    client.force_login(officer)
    body = client.get(reverse("projects:project_gantt", args=[activity.project_id])).content
    body = body.decode()
    assert 'href="#gantt-today" data-gantt-today' in body and 'id="gantt-today"' in body
    assert "projects/planning.js" in body  # what scrolls the chart to today


def test_a_plan_outside_today_says_so_instead_of_a_today_button(client, officer, today):
    activity = ActivityFactory(start_on=d(1, 9), end_on=d(30, 11))
    TaskFactory(parent=activity, start_on=d(1, 9), end_on=d(30, 11))
    client.force_login(officer)
    with translation.override("en"):
        response = client.get(
            reverse("projects:project_gantt", args=[activity.project_id]),
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.context["chart"].today_x is None
    assert "data-gantt-today" not in response.content.decode()


def test_an_empty_month_lists_what_comes_next(client, officer, today):
    task = TaskFactory(title="Formation", start_on=d(4, 5), end_on=d(8, 5))
    MilestoneFactory(project=task.project, title="Comité", end_on=d(4, 5))
    TaskFactory(parent=task.parent, title="Passée", start_on=d(1, 1), end_on=d(10, 1))
    client.force_login(officer)
    url = reverse("projects:project_calendar", args=[task.project_id])
    response = client.get(url, {"month": "2026-03"})
    agenda = [(e.day, e.event.what, e.event.item.title) for e in response.context["agenda"]]
    # The milestone first on its day, then the start; what is over is not listed.
    assert agenda == [
        (d(4, 5), "milestone", "Comité"),
        (d(4, 5), "start", "Formation"),
        (d(8, 5), "end", "Formation"),
    ]
    body = response.content.decode()
    assert 'href="?month=2026-05"' in body and 'aria-labelledby="agenda-title"' in body
    # A month with something in it shows its grid only.
    assert client.get(url, {"month": "2026-05"}).context["agenda"] is None
    # Nothing after the month: the agenda says so rather than listing nothing.
    after = client.get(url, {"month": "2026-06"})
    assert after.context["agenda"] == []


def test_the_agenda_takes_the_soonest_dates_only():
    project = ProjectFactory()
    activity = ActivityFactory(project=project, start_on=d(1, 1), end_on=d(31, 12))
    long_task = TaskFactory(parent=activity, title="Longue", start_on=d(1, 1), end_on=d(2, 4))
    for day in range(1, 20):
        TaskFactory(parent=activity, title=f"T{day:02}", start_on=d(day, 5), end_on=d(day, 5))
    from maillage.projects import selectors

    items = selectors.upcoming_items(project=project, after=d(31), limit=5)
    entries = planning.agenda(items, after=d(31), limit=5)
    assert [(e.day, e.event.item.title) for e in entries][:2] == [
        (d(2, 4), long_task.title),  # its end is next, although it started in January
        (d(1, 5), "T01"),
    ]
    assert len(entries) == 5


def test_the_board_tells_how_to_move_cards_only_to_who_may_move_one(
    client, officer, viewer, partner, partner_project
):
    activity = ActivityFactory(project=partner_project)
    task = TaskFactory(parent=activity, start_on=datetime.date(2026, 3, 2))
    url = reverse("projects:project_board", args=[partner_project.pk])
    client.force_login(officer)
    body = client.get(url).content.decode()
    assert 'id="board-help"' in body and 'tabindex="0"' in body
    client.force_login(viewer)
    body = client.get(url).content.decode()
    assert "board-help" not in body and 'tabindex="0"' not in body and "draggable" not in body
    client.force_login(partner)  # a member, but not assigned to the task
    assert "board-help" not in client.get(url).content.decode()
    task.assignees.add(partner)
    assert 'id="board-help"' in client.get(url).content.decode()
