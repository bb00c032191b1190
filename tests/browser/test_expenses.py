"""A partner enters an expense with its receipt through the real form in headless
Chromium and submits it: the expense waits for an officer, with the receipt stored
under a generated name and served back as it went."""

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from maillage.accounts.models import Role
from maillage.finance.models import Expense, ExpenseStatus
from tests.factories import MembershipFactory, ProjectFactory, UserFactory
from tests.finance.factories_expenses import budget_line, pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def sign_in(page, live_server, user):
    """The session cookie of a `force_login`: axes makes the login form slow to script."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_a_partner_submits_an_expense_with_its_receipt_from_the_form(live_server, page):
    partner = UserFactory(username="oujda", role=Role.PARTNER, language="en")
    project = ProjectFactory(code="LIL-OUJ")
    MembershipFactory(project=project, user=partner)
    line = budget_line(project, code="MIS-01")
    receipt = pdf_bytes("facture")
    sign_in(page, live_server, partner)

    query = f"?project={project.pk}&budget_line={line.pk}"
    page.goto(f"{live_server.url}{reverse('finance:expense_create')}{query}")
    page.locator("#id_spent_on").fill("2026-03-12")
    page.locator("#id_payee_name").fill("Hôtel Atlas Oujda")
    page.locator("#id_description").fill("Deux nuits pour la mission de mars")
    page.locator("#id_amount").fill("180.00")
    page.locator("#id_receipt").set_input_files(
        files=[{"name": "facture.pdf", "mimeType": "application/pdf", "buffer": receipt}]
    )
    page.get_by_role("button", name="Save and submit").click()

    expense = Expense.objects.get()
    expect(page).to_have_url(f"{live_server.url}{expense.get_absolute_url()}")
    assert expense.status == ExpenseStatus.SUBMITTED and expense.entered_by == partner
    stored = expense.receipts.get()
    assert stored.file.name.endswith(".pdf") and "facture" not in stored.file.name
    # No validation button for the partner; its receipt comes back as it went.
    expect(page.get_by_role("button", name="Validate")).to_have_count(0)
    with page.expect_download() as info:
        page.get_by_role("link", name="facture.pdf").click()
    with open(info.value.path(), "rb") as handle:
        assert handle.read() == receipt
