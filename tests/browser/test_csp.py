"""Under the Content-Security-Policy (no inline script or style), the pages still work in
a real browser and the console reports no violation: the app's shell and the API docs."""

import re

import pyotp
import pytest
from playwright.sync_api import expect

from maillage.accounts import two_factor
from maillage.accounts.models import Role
from tests.factories import PASSWORD, ProjectFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
T0 = 1_800_000_010

WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def watched(page):
    """The page, with every CSP violation (event or console message) collected."""
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.add_init_script(WATCH_VIOLATIONS)

    def violations() -> list[str]:
        reported = page.evaluate("window.__cspViolations || []")
        logged = [m for m in console if "Content Security Policy" in m or "Permissions" in m]
        return reported + logged

    page.violations = violations
    return page


def test_the_api_docs_render_swagger_ui_without_a_csp_violation(live_server, watched):
    page = watched
    UserFactory(username="camille", role=Role.OFFICER)
    # The docs are for signed-in users: a visitor is sent to the login page first.
    page.goto(f"{live_server.url}/api/docs")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/api/docs"))
    page.get_by_label("Nom d’utilisateur").fill("camille")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(re.compile(r"/api/docs$"))
    response = page.goto(f"{live_server.url}/api/docs")
    assert response is not None
    csp = response.headers["content-security-policy"]
    assert "script-src 'self';" in csp
    assert "unsafe-inline" not in csp
    # Swagger UI fetches and renders the whole schema (every resource) before its title:
    # 5 s were not enough on two cores shared with a load test.
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Maillage API", timeout=30_000)
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    # Swagger UI renders the operations near the viewport only: scroll down to reach
    # the projects' ones (more resources come before them every round).
    projects = page.get_by_text("/api/projects", exact=True)
    for _step in range(60):
        if projects.count():
            break
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(100)
    expect(projects.first).to_be_visible()
    assert page.violations() == []


def test_the_shell_pages_work_without_a_csp_violation(live_server, watched):
    page = watched
    UserFactory(username="camille", first_name="Camille", role=Role.ADMIN)
    ProjectFactory(code="LIL-OUJ-1", title="Formation aux métiers de la gastronomie")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Nom d’utilisateur").fill("camille")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Camille")
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Projets"
    ).click()
    expect(page.get_by_role("cell", name="LIL-OUJ-1")).to_be_visible()
    # An htmx refresh of the list (sorting) under the same policy.
    page.locator("th a").first.click()
    expect(page).to_have_url(re.compile(r"sort="))
    page.goto(f"{live_server.url}/accounts/two-factor/")
    expect(page.locator("svg.qr-code")).to_be_visible()
    page.goto(f"{live_server.url}/accounts/audit/")
    expect(page.get_by_role("cell", name="camille").first).to_be_visible()
    for path in (
        "/actors/organisations/",
        "/jobs/",
        "/search/?q=LIL",
        "/accounts/users/",
        "/accounts/password/",
        "/api/docs",
    ):
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, path
    assert page.violations() == []


def test_a_user_with_two_factor_logs_in_with_a_code(live_server, watched, monkeypatch):
    page = watched
    user = UserFactory(username="camille", first_name="Camille", role=Role.OFFICER)
    secret = pyotp.random_base32()
    totp = pyotp.TOTP(secret)
    monkeypatch.setattr(two_factor, "clock", lambda: T0)
    assert two_factor.enable(user, secret, totp.at(T0)) is not None
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Nom d’utilisateur").fill("camille")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/code/"))
    page.get_by_label("Code").fill(totp.at(T0 + 30))
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Camille")
    assert page.violations() == []
