"""The type-ahead in headless Chromium: the risks list's project filter is an ARIA
combobox named by the field's label, driven from the keyboard, that filters the list."""

import pytest
from playwright.sync_api import expect

from maillage.accounts.models import Role
from tests.browser.test_observatory import sign_in
from tests.factories import ProjectFactory, RiskFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_project_filter_is_a_keyboard_combobox_that_filters_the_list(live_server, page):
    user = UserFactory(username="camille", role=Role.OFFICER, language="en")
    kayes = ProjectFactory(code="ML-KAY", title="Puits de Kayes")
    ProjectFactory(code="ML-KAY2", title="Puits de Kayes, seconde tranche")
    RiskFactory(project=kayes, title="Crue du fleuve")
    RiskFactory(project=ProjectFactory(code="SN-DKR", title="Cantine"), title="Incendie")
    sign_in(page, live_server, user)
    errors = []
    page.on("response", lambda r: r.status >= 400 and errors.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{live_server.url}/projects/risks/")

    page.wait_for_timeout(500)
    assert not [e for e in errors if "favicon" not in e], errors
    box = page.get_by_role("combobox", name="Project")
    expect(box).to_be_visible()
    expect(page.locator("select[name=project]")).to_be_hidden()
    box.focus()
    page.keyboard.type("kayes")
    listbox = page.get_by_role("listbox")
    expect(listbox.get_by_role("option")).to_have_count(2)
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("status").filter(has_text="Matches: 2")).to_have_count(1)
    page.keyboard.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "id_project_listbox-0")
    page.keyboard.press("Enter")
    expect(box).to_have_value(str(kayes))
    expect(box).to_have_attribute("aria-expanded", "false")
    # The select took the id and the list refreshed (htmx) with that project's risks only.
    expect(page.locator("#results")).to_contain_text("Crue du fleuve")
    expect(page.locator("#results")).not_to_contain_text("Incendie")
    assert f"project={kayes.pk}" in page.url
    # Escape twice: closes, then clears the choice.
    box.focus()
    page.keyboard.press("Escape")
    expect(box).to_have_value("")
    expect(page.locator("#results")).to_contain_text("Incendie")
