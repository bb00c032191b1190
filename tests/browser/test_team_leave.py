"""An administrator approves a leave from its page in headless Chromium; the team
calendar then shows it, on a phone's screen without scrolling sideways."""

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from maillage.accounts.models import Role
from maillage.team.models import LeaveStatus
from tests.factories import UserFactory
from tests.team.factories import LeaveFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
WIDE = "document.scrollingElement.scrollWidth <= window.innerWidth"


def sign_in(page, live_server, user):
    """The session cookie of a `force_login`: axes makes the login form slow to script."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_an_administrator_approves_a_leave_and_the_calendar_shows_it(live_server, page):
    admin = UserFactory(username="admin", role=Role.ADMIN, language="en")
    leave = LeaveFactory(
        start_on=dt.date(2026, 9, 14), end_on=dt.date(2026, 9, 18), staff__post="Volontaire"
    )
    sign_in(page, live_server, admin)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{leave.get_absolute_url()}")
    page.get_by_role("link", name="Approve or refuse").click()
    page.get_by_label("Decision").select_option("approved")
    page.get_by_role("button", name="Save the decision").click()
    expect(page).to_have_url(f"{live_server.url}{leave.get_absolute_url()}")
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.APPROVED and leave.decided_by == admin

    page.goto(f"{live_server.url}{reverse('team:calendar')}?month=2026-09")
    expect(page.get_by_role("link", name=f"{leave.staff} — Annual leave")).to_be_visible()
    assert page.evaluate(WIDE), "the team calendar scrolls sideways at 390 px"
