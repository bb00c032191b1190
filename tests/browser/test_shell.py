"""The real UI in headless Chromium: log in, see the French home page, switch to English."""

import re

import pytest
from playwright.sync_api import expect

from maillage.accounts.models import Role
from tests.factories import ProjectFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_camille_logs_in_sees_french_and_switches_to_english(live_server, page):
    UserFactory(username="camille", first_name="Camille", role=Role.OFFICER)
    ProjectFactory(code="LIL-OUJ-1", title="Formation aux métiers de la gastronomie")
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_label("Nom d’utilisateur").fill("camille")
    page.get_by_label("Mot de passe").fill("correct-horse-battery")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Camille")
    expect(page.get_by_role("navigation", name="Navigation principale")).to_be_visible()
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello Camille")
    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Projects"
    ).click()
    expect(page.get_by_role("cell", name="LIL-OUJ-1")).to_be_visible()
    # The global search of the top bar: each kind of record under its own heading.
    page.get_by_role("searchbox", name="Search everywhere").fill("gastronomie")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", level=2, name="Projects")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("LIL-OUJ-1"))).to_be_visible()


def test_the_skip_link_is_the_first_stop_of_the_keyboard(live_server, page):
    # The login page puts the focus in its username field; this page has no autofocus.
    page.goto(f"{live_server.url}/accounts/password/reset/")
    page.locator("body").press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
