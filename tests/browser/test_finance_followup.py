"""The budget follow-up on a phone (390 px): its chart and table fit the screen without
sideways scroll; a financial report's XLSX is asked from its page, written by the job and
downloaded from the job's page, and opens in openpyxl."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from playwright.sync_api import expect

from maillage.accounts.models import Role
from tests.factories import UserFactory
from tests.finance.factories_followup import (
    financial_report,
    grant_for,
    line,
    mad_rates,
    project_with_budget,
    validated_expenses,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
WIDE = "document.scrollingElement.scrollWidth <= window.innerWidth"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_the_followup_fits_a_phone_and_a_report_downloads(live_server, page):
    officer = UserFactory(username="camille", role=Role.OFFICER, language="en")
    mad_rates()
    project, version = project_with_budget(currency="MAD", code="LIL-OUJ-REGIE")
    grant = grant_for(project)
    travel = line(version, "2.1", Decimal("240000"), grant=grant, share=Decimal("120000"))
    validated_expenses(
        travel,
        3,
        amount=Decimal("90000"),
        spent_on=dt.date(2026, 3, 12),
        grant=grant,
        share=Decimal("45000"),
    )
    report = financial_report(project, grant=grant)
    sign_in(page, live_server, officer)

    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{reverse('finance:project_followup', args=[project.pk])}")
    expect(page.locator("svg.chart")).to_be_visible()
    expect(page.get_by_text("Over-spent").first).to_be_visible()
    assert page.evaluate(WIDE), "the follow-up scrolls sideways at 390 px"

    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    page.get_by_role("button", name="Excel (XLSX)").click()
    link = page.get_by_role("link", name="Download")
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".xlsx")
    with open(download.value.path(), "rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()))
    assert book.sheetnames[1] == "Expenses"
