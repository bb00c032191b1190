"""An officer finds a slot for a meeting's invitees in Paris, Casablanca and Montreal in
headless Chromium: the proposed slots show each one's local time, on a phone's screen
without scrolling sideways; the meeting's page warns about who is outside their hours."""

import datetime as dt
import zoneinfo

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from maillage.accounts.models import Role
from tests.factories import PersonFactory, UserFactory
from tests.missions.factories_meetings import InviteeFactory, MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
WIDE = "document.scrollingElement.scrollWidth <= window.innerWidth"


def sign_in(page, live_server, user):
    """The session cookie of a `force_login`: axes makes the login form slow to script."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_an_officer_finds_a_slot_for_invitees_in_three_time_zones(live_server, page):
    officer = UserFactory(username="officer", role=Role.OFFICER, language="en")
    start = dt.datetime(2026, 10, 6, 10, tzinfo=zoneinfo.ZoneInfo("Africa/Casablanca"))
    meeting = MeetingFactory(
        title="Steering committee", starts_at=start, ends_at=start + dt.timedelta(hours=1),
        timezone="Africa/Casablanca",
    )  # fmt: skip
    for tz, name in (("Europe/Paris", "Camille"), ("America/Montreal", "Léa")):
        InviteeFactory(meeting=meeting, person=PersonFactory(first_name=name, timezone=tz))
    sign_in(page, live_server, officer)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    expect(page.get_by_text("Outside working hours")).to_be_visible()
    page.get_by_role("link", name="Find a slot").click()
    page.get_by_label("Week of").fill("2026-10-26")
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_role("heading", name="Proposed slots")).to_be_visible()
    table = page.locator("table").last
    expect(table.get_by_role("columnheader", name="America/Montreal")).to_be_visible()
    assert table.locator("tbody tr").count() > 0
    assert page.evaluate(WIDE), "the slot finder scrolls sideways at 390 px"
    assert reverse("missions:meeting_slots") in page.url
