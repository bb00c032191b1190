"""The observatory in headless Chromium: the counts table, then the map with its markers
drawn over a plain background while the tile server is unreachable."""

import re

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import expect

from maillage.accounts.models import Role
from tests.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user):
    """The session cookie of a `force_login`: axes makes the login form slow to script."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.fixture
def leaflet_installed(settings):
    # Leaflet's files come from django-leaflet's static folder.
    if "leaflet" not in settings.INSTALLED_APPS:
        settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "leaflet"]


def test_the_observatory_shows_counts_and_markers_without_tiles(
    live_server, page, settings, leaflet_installed
):
    settings.OBSERVATORY_TILE_URL = "http://127.0.0.1:9/{z}/{x}/{y}.png"
    # English, the source language: the test holds while the French catalog grows.
    user = UserFactory(username="camille", role=Role.OFFICER, language="en")
    bordeaux = OrganisationFactory(
        name="Bordeaux Solidarité", departement="33", latitude=44.84, longitude=-0.58
    )
    OrganisationFactory(name="Lyon Coopération", departement="69", latitude=45.76, longitude=4.84)
    OrganisationFactory(name="Sans coordonnées", departement="33")
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    sign_in(page, live_server, user)

    page.goto(f"{live_server.url}/observatory/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Observatory")
    table = page.locator("table[data-chart-table='chart-organisations-by-departement']")
    expect(table.get_by_role("rowheader", name="Gironde")).to_be_visible()
    gironde = table.get_by_role("row").filter(has_text="Gironde")
    expect(gironde.locator("td").last).to_have_text("2")

    page.get_by_role("link", name="Map", exact=True).click()
    markers = page.locator("#observatory-map .leaflet-marker-icon")
    expect(markers.first).to_be_visible()
    assert markers.count() >= 1
    expect(page.locator("#observatory-map-status")).to_contain_text("2")
    # Zoomed in on one organisation, its marker opens a link to its page.
    page.goto(f"{live_server.url}/observatory/map/?region=NAQ")
    marker = page.locator("#observatory-map .obs-marker")
    expect(marker).to_have_count(1)
    marker.click()
    popup_link = page.locator(".leaflet-popup-content a")
    expect(popup_link).to_have_text("Bordeaux Solidarité")
    popup_link.click()
    expect(page).to_have_url(re.compile(rf"/actors/organisations/{bordeaux.pk}/$"))
    assert violations == []


def test_charts_show_with_their_tables_and_the_graph_zooms_without_csp_violations(
    live_server, page
):
    from maillage.actors.models import LinkKind, OrganisationLink

    user = UserFactory(username="dominique", role=Role.OFFICER, language="en")
    lille = OrganisationFactory(name="Ville de Lille", departement="59")
    for i in range(6):
        other = OrganisationFactory(name=f"Partenaire {i}", departement="33")
        OrganisationLink.objects.create(source=lille, kind=LinkKind.FUNDS, target=other)
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    sign_in(page, live_server, user)

    page.goto(f"{live_server.url}/observatory/")
    chart = page.locator("svg#chart-by-country")
    expect(chart).to_be_visible()
    assert chart.get_attribute("role") == "img"
    # The data table is beside it, folded; opened, it lists the figures.
    page.locator("#by-country details summary").click()
    expect(page.locator("table[data-chart-table='chart-by-country']")).to_be_visible()
    expect(page.locator("svg#chart-over-time")).to_be_visible()

    page.goto(f"{live_server.url}/observatory/graph/?focus={lille.pk}")
    graph = page.locator("svg[data-graph]")
    expect(graph).to_be_visible()
    whole = graph.get_attribute("viewBox")
    page.get_by_role("button", name="Zoom in").click()
    zoomed = graph.get_attribute("viewBox")
    assert zoomed != whole
    width = float(zoomed.split()[2])
    assert width < float(whole.split()[2])
    page.get_by_role("button", name="Whole graph").click()
    assert graph.get_attribute("viewBox") == whole
    expect(page.locator(".graph-legend")).to_contain_text("funds")
    assert violations == []
