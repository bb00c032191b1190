"""A phone in the field (390 × 844): the pages an officer opens first fit the screen, the
menu and a list's filters fold behind a button, the Gantt opens on today."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import expect

from maillage.accounts.models import Role
from maillage.projects.views import planning as planning_views
from tests.factories import (
    ActivityFactory,
    MilestoneFactory,
    OrganisationFactory,
    ProjectFactory,
    TaskFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
TODAY = datetime.date(2026, 3, 16)
WIDE = "document.scrollingElement.scrollWidth <= window.innerWidth"


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.fixture
def long_plan(monkeypatch):
    """A three-year plan, today in its middle (the Gantt's today is set, not the clock's)."""
    monkeypatch.setattr(planning_views, "today_for", lambda user: TODAY)
    project = ProjectFactory(
        code="LIL-OUJ-PHONE", title="Formation aux métiers de la gastronomie à Oujda"
    )
    start, end = datetime.date(2025, 1, 6), datetime.date(2027, 12, 17)
    activity = ActivityFactory(project=project, title="Ateliers", start_on=start, end_on=end)
    for i in range(6):
        TaskFactory(
            parent=activity,
            title=f"Session de formation numéro {i + 1} avec les partenaires",
            start_on=start + datetime.timedelta(days=150 * i),
            end_on=start + datetime.timedelta(days=150 * i + 90),
        )
    MilestoneFactory(project=project, title="Comité de pilotage", end_on=TODAY)
    return project


def test_the_first_pages_fit_a_phone(live_server, page, long_plan):
    user = UserFactory(username="camille", role=Role.OFFICER, language="en")
    for i in range(30):
        OrganisationFactory(name=f"Association des métiers de bouche de la région {i}")
    sign_in(page, live_server, user)
    page.set_viewport_size(PHONE)
    for path in (
        "/",
        "/actors/organisations/",
        f"/projects/{long_plan.pk}/",
        f"/projects/{long_plan.pk}/gantt/",
    ):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate(WIDE), f"{path} scrolls sideways at 390 px"


def test_the_menu_and_the_filters_fold_behind_a_button(live_server, page):
    user = UserFactory(username="camille", role=Role.OFFICER, language="en")
    sign_in(page, live_server, user)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/actors/organisations/")
    nav = page.get_by_role("navigation", name="Main navigation")
    menu = nav.get_by_role("button", name="Menu")
    expect(nav.get_by_role("link", name="Projects")).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="Projects")).to_be_visible()
    filters = page.get_by_role("button", name="Filters")
    expect(page.locator("#list-filters")).to_be_hidden()
    filters.click()
    expect(page.locator("#list-filters")).to_be_visible()
    # On a wide screen nothing is folded and the buttons are gone.
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(menu).to_be_hidden()
    expect(filters).to_be_hidden()
    menu_links = nav.get_by_role("link", name="Projects")
    expect(menu_links).to_be_visible()


def test_the_gantt_opens_on_today_and_its_button_comes_back_to_it(live_server, page, long_plan):
    user = UserFactory(username="camille", role=Role.OFFICER, language="en")
    sign_in(page, live_server, user)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/projects/{long_plan.pk}/gantt/")
    in_view = """() => {
      const wrap = document.querySelector("[data-gantt]");
      const x = parseFloat(document.getElementById("gantt-today").getAttribute("x1"));
      return x - wrap.scrollLeft >= 0 && x - wrap.scrollLeft <= wrap.clientWidth;
    }"""
    assert page.evaluate("document.querySelector('[data-gantt]').scrollLeft") > 0
    assert page.evaluate(in_view)
    page.evaluate("document.querySelector('[data-gantt]').scrollLeft = 0")
    assert not page.evaluate(in_view)
    page.get_by_role("link", name="Today").click()
    page.wait_for_function(in_view)
    assert page.evaluate(WIDE)
