"""The funding pipeline in headless Chromium: a card moved with the keyboard only (the
columns' totals follow it), and a submission with a document missing sent to the move
form, where the reason is given."""

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import expect

from maillage.accounts.models import Role
from maillage.funding.models import Application, ApplicationStatus
from tests.factories import UserFactory
from tests.funding.factories_calls import ApplicationFactory, ChecklistItemFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_a_card_moves_with_the_keyboard_and_a_refused_move_asks_for_the_reason(live_server, page):
    user = UserFactory(username="camille", role=Role.OFFICER, language="en")
    application = ApplicationFactory(
        idea_title="Eau potable à Oujda", status=ApplicationStatus.GO_NO_GO, owner=user
    )
    ChecklistItemFactory(application=application, name="Budget signé")
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, live_server, user)

    page.goto(f"{live_server.url}/funding/applications/board/")
    card_id = f"application-{application.pk}"
    page.locator(f"#{card_id}").focus()
    page.keyboard.press("ArrowRight")  # go/no-go → drafting, the next column it may go to
    drafting = page.locator("section[data-status='drafting']")
    expect(drafting.locator(f"#{card_id}")).to_have_count(1)
    expect(page.locator("#board-status")).to_contain_text("Drafting")
    # The columns' totals follow the card (a column may show fewer cards than it holds).
    expect(drafting.locator("[data-total]")).to_have_text("1")
    expect(page.locator("section[data-status='go_no_go'] [data-total]")).to_have_text("0")
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.DRAFTING
    # Submitting with the budget not ready: refused, the move form asks why.
    page.locator(f"#{card_id}").focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_label("Reason")).to_be_visible()
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.DRAFTING
    page.get_by_label("Status").select_option("submitted")
    page.get_by_label("Reason").fill("Le budget signé part par courrier.")
    page.get_by_role("button", name="Move", exact=True).click()
    expect(page.locator("section[data-status='submitted']").locator(f"#{card_id}")).to_have_count(1)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.history.first().history_change_reason == "Le budget signé part par courrier."
    assert not [e for e in errors if "Content Security Policy" in e]
