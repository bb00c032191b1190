"""Must show 2, in headless Chromium: the demo's off-track indicator is shown off track
(in words, not colour alone) on its project's results page, with the progress chart
visible and its data table present; and the grid moves between cells with the keyboard
and saves a row when the focus leaves it."""

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import expect

from maillage.accounts.models import User
from maillage.projects.models import Project
from maillage.results.models import Indicator, IndicatorValue
from tests.dbtemplate import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_the_off_track_indicator_shows_off_track_with_its_chart_and_table(live_server, page):
    load_demo(django_settings.MEDIA_ROOT)
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    gastro = Project.objects.get(code="LIL-OUJ-GASTRO")
    employed = Indicator.objects.get(project=gastro, code="I2")
    sign_in(page, live_server, "oujda")  # the partner reads its project's results too

    page.goto(f"{live_server.url}/results/projects/{gastro.pk}/results/")
    row = page.locator(f"#indicator-{employed.pk}")
    expect(row).to_have_attribute("data-status", "off_track")
    expect(row.locator(".badge")).to_have_text("Hors trajectoire")
    chart = page.locator(f"svg#chart-project-{gastro.pk}")
    expect(chart).to_be_visible()
    assert chart.get_attribute("role") == "img"
    table = page.locator(f"table[data-chart-table='chart-project-{gastro.pk}']")
    expect(table).to_have_count(1)
    expect(table).to_contain_text(str(employed))
    page.locator("details.rule summary").click()
    expect(page.get_by_text("Seules les valeurs approuvées comptent", exact=False)).to_be_visible()

    # The grid: arrows and Enter move between cells; leaving a row saves it.
    page.goto(f"{live_server.url}/results/projects/{gastro.pk}/grid/?span=2026-01-01_2026-12-31")
    first = page.locator(f"#v-{employed.pk}-value")
    first.focus()
    first.fill("29")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.id")
    assert focused != f"v-{employed.pk}-value" and focused.startswith("v-")
    expect(page.locator(f"#grid-{employed.pk} [data-state]")).not_to_have_text(
        "Nouvelle mise à jour"
    )
    assert IndicatorValue.objects.filter(period__indicator=employed, value=29).exists()
    assert not violations


def test_the_results_pages_pass_axe_and_fit_a_phone(live_server, page, settings):
    from maillage.projects.models import Programme
    from tests.browser.test_accessibility import PHONE, check_page, serve_axe

    axe = serve_axe(live_server, settings)
    load_demo(django_settings.MEDIA_ROOT)
    page.set_viewport_size(PHONE)
    gastro = Project.objects.get(code="LIL-OUJ-GASTRO")
    employed = Indicator.objects.get(project=gastro, code="I1")
    value = IndicatorValue.objects.filter(period__indicator=employed).first()
    programme = Programme.objects.get(code="LIL-OUJ")
    pages = [
        f"/results/projects/{gastro.pk}/results/",
        f"/results/indicators/{employed.pk}/results/",
        f"/results/projects/{gastro.pk}/grid/?span=2026-01-01_2026-12-31",
        f"/results/values/{value.pk}/",
        "/results/values/",
        "/results/values/approvals/",
        "/results/dashboards/",
        f"/results/dashboards/programmes/{programme.pk}/",
        "/results/dashboards/sdg/4/",
    ]
    sign_in(page, live_server, "youssef")
    problems = []
    for url in pages:
        problems.extend(check_page(page, f"{live_server.url}{url}", axe))
    assert not problems, "\n".join(problems)
