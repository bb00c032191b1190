"""The plan in headless Chromium: the Gantt chart's bars with the critical path, and the
task board driven with the keyboard only."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import expect

from maillage.accounts.models import Role
from maillage.projects.models import Task, TaskStatus
from tests.factories import (
    ActivityFactory,
    DependencyFactory,
    MilestoneFactory,
    ProjectFactory,
    TaskFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user):
    """The session cookie of a `force_login`: axes makes the login form slow to script."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def _csp_watch(page):
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return violations


def test_the_gantt_draws_bars_and_highlights_the_critical_path(live_server, page):
    user = UserFactory(username="camille", role=Role.OFFICER, language="en")
    project = ProjectFactory()
    start = datetime.date(2026, 1, 5)
    activity = ActivityFactory(
        project=project, start_on=start, end_on=start + datetime.timedelta(days=60)
    )
    a = TaskFactory(
        parent=activity, title="A", start_on=start, end_on=start + datetime.timedelta(days=9)
    )
    b = TaskFactory(
        parent=activity,
        title="B",
        start_on=start + datetime.timedelta(days=10),
        end_on=start + datetime.timedelta(days=60),
    )
    TaskFactory(
        parent=activity, title="C", start_on=start, end_on=start + datetime.timedelta(days=3)
    )
    DependencyFactory(predecessor=a, successor=b)
    MilestoneFactory(project=project, title="Jalon", end_on=start + datetime.timedelta(days=30))
    violations = _csp_watch(page)
    sign_in(page, live_server, user)

    page.goto(f"{live_server.url}/projects/{project.pk}/gantt/")
    bars = page.locator("svg.gantt rect.bar")
    expect(bars).to_have_count(4)  # the activity and its three tasks
    expect(page.locator("svg.gantt polygon.bar.milestone")).to_have_count(1)
    critical = page.locator("svg.gantt rect.bar.critical")
    # A → B ends the project: A, B and the activity that spans them are critical; C is not.
    expect(critical).to_have_count(3)
    assert page.locator(f"svg.gantt rect.bar.critical[data-item='{a.pk}']").count() == 1
    assert page.locator(f"svg.gantt rect.bar.critical[data-item='{b.pk}']").count() == 1
    # The critical bars are drawn in their own colour, not the ordinary one.
    colour = critical.first.evaluate("el => getComputedStyle(el).fill")
    plain = page.locator("svg.gantt rect.bar.task:not(.critical)").first
    assert colour != plain.evaluate("el => getComputedStyle(el).fill")
    expect(page.locator("table.plan-table tbody tr")).to_have_count(5)
    page.get_by_role("link", name="Quarters").click()
    expect(page.locator("svg.gantt .period-label").first).to_contain_text("Q1")
    assert violations == []


def test_the_board_moves_a_task_with_the_keyboard_only(live_server, page):
    user = UserFactory(username="camille", role=Role.OFFICER, language="en")
    task = TaskFactory(title="Rédiger le rapport")
    TaskFactory(parent=task.parent, title="Autre tâche", status=TaskStatus.DOING)
    violations = _csp_watch(page)
    sign_in(page, live_server, user)

    page.goto(f"{live_server.url}/projects/{task.project_id}/board/")
    card = page.locator(f"#task-{task.pk}")
    expect(page.locator("section[data-status='todo']").locator(f"#task-{task.pk}")).to_have_count(1)
    # Tab through the page until the card has the focus, as a keyboard user would.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == f"task-{task.pk}":
            break
    assert page.evaluate("document.activeElement.id") == f"task-{task.pk}"
    page.keyboard.press("ArrowRight")
    doing = page.locator("section[data-status='doing']")
    expect(doing.locator(f"#task-{task.pk}")).to_have_count(1)
    expect(page.locator("#board-status")).to_contain_text("Doing")
    # The moved card keeps the focus; its buttons now offer the neighbouring columns.
    assert page.evaluate("document.activeElement.id") == f"task-{task.pk}"
    expect(card.get_by_role("button", name="Move to Done")).to_be_visible()
    expect(doing.locator("[data-count]")).to_have_text("2")
    assert Task.objects.get(pk=task.pk).status == TaskStatus.DOING
    page.keyboard.press("ArrowRight")
    expect(page.locator("section[data-status='done']").locator(f"#task-{task.pk}")).to_have_count(1)
    assert Task.objects.get(pk=task.pk).status == TaskStatus.DONE
    page.reload()
    expect(page.locator("section[data-status='done']").locator(f"#task-{task.pk}")).to_have_count(1)
    assert violations == []


def _plan_of_every_kind():
    """A plan with a critical path, a late task, a milestone and a card in each column."""
    project = ProjectFactory()
    start = datetime.date(2026, 1, 5)
    activity = ActivityFactory(
        project=project, start_on=start, end_on=start + datetime.timedelta(days=60)
    )
    first = TaskFactory(
        parent=activity, title="A", start_on=start, end_on=start + datetime.timedelta(days=9)
    )
    second = TaskFactory(
        parent=activity,
        title="B",
        start_on=start + datetime.timedelta(days=10),
        end_on=start + datetime.timedelta(days=60),
        status=TaskStatus.DOING,
    )
    TaskFactory(parent=activity, title="C", start_on=start, end_on=start, status=TaskStatus.DONE)
    DependencyFactory(predecessor=first, successor=second)
    MilestoneFactory(project=project, title="Jalon", end_on=start + datetime.timedelta(days=30))
    return project, first


def test_the_gantt_and_the_board_pass_axe_on_a_phone(live_server, page, settings):
    from tests.browser.test_accessibility import PHONE, check_page, serve_axe

    axe = serve_axe(live_server, settings)
    user = UserFactory(username="camille", role=Role.OFFICER, language="en")
    project, _first = _plan_of_every_kind()
    sign_in(page, live_server, user)
    page.set_viewport_size(PHONE)
    problems = []
    for path in (f"/projects/{project.pk}/gantt/", f"/projects/{project.pk}/board/"):
        problems += check_page(page, f"{live_server.url}{path}", axe)
    assert problems == []


def test_the_board_moves_a_task_without_javascript(live_server, browser):
    user = UserFactory(username="camille", role=Role.OFFICER, language="en")
    project, first = _plan_of_every_kind()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server, user)
    page.goto(f"{live_server.url}/projects/{project.pk}/board/")
    # The card's form posts with the page's CSRF token (the server checks it here).
    page.locator(f"#task-{first.pk}").get_by_role("button", name="Move to Doing").click()
    doing = page.locator("section[data-status='doing']")
    expect(doing.locator(f"#task-{first.pk}")).to_have_count(1)
    expect(doing.locator("[data-count]")).to_have_text("2")
    assert Task.objects.get(pk=first.pk).status == TaskStatus.DOING
    page.locator(f"#task-{first.pk}").get_by_role("button", name="Move to Done").click()
    expect(page.locator("section[data-status='done']").locator(f"#task-{first.pk}")).to_have_count(
        1
    )
    assert Task.objects.get(pk=first.pk).status == TaskStatus.DONE
    context.close()
