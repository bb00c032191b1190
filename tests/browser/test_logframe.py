"""The logframe tab in headless Chromium at a phone's width: the matrix lists every level
and indicator, stays inside the page (its table scrolls in its own box, the page does not
scroll sideways), and its XLSX download is served."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from maillage.results.models import ResultLevel
from tests.browser.test_accessibility import PHONE, SIDEWAYS
from tests.browser.test_observatory import sign_in
from tests.factories import ProjectFactory, UserFactory
from tests.results.factories import (
    AssumptionFactory,
    LogframeIndicatorFactory,
    LogframePeriodFactory,
    ResultFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_logframe_tab_fits_a_phone_and_offers_the_matrix(live_server, page):
    project = ProjectFactory(start_on=dt.date(2025, 1, 1), end_on=dt.date(2027, 12, 31))
    goal = ResultFactory(project=project, title="Insertion professionnelle des jeunes d'Oujda")
    output = ResultFactory(parent=goal, level=ResultLevel.OUTPUT, title="Jeunes formés")
    AssumptionFactory(result=output, text="Les restaurants partenaires accueillent les stagiaires")
    for code in ("I1", "I2", "I3"):
        indicator = LogframeIndicatorFactory(result=output, code=code)
        for year in (2025, 2026, 2027):
            LogframePeriodFactory(
                indicator=indicator,
                starts_on=dt.date(year, 1, 1),
                ends_on=dt.date(year, 12, 31),
            )
    officer = UserFactory(role="officer")
    sign_in(page, live_server, officer)
    page.set_viewport_size(PHONE)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{live_server.url}/results/projects/{project.pk}/logframe/")
    matrix = page.locator("table.logframe")
    expect(matrix).to_contain_text("Insertion professionnelle des jeunes")
    expect(matrix.locator("tbody tr")).to_have_count(1 + 3)
    width, inner, wide = page.evaluate(SIDEWAYS)
    assert width <= inner, f"scrolls sideways at {inner}px ({width}px wide: {wide})"
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger la matrice (XLSX)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    assert not errors, errors
