"""Every page, checked in the browser at a phone's width: axe-core finds no WCAG 2.1 A/AA
violation, and no page scrolls sideways at 390 px.

The pages are the crawler's (`tests/test_crawler.py`): from every route without arguments,
then every link found, as an officer and as a partner of the demo, signed out, and as an
administrator for the routes only it opens; one URL per route name,
so a route another app adds tomorrow is checked without touching this file. The links are
gathered with the test client (fast), then each page is opened once in one reused browser
tab, 390 × 844 like a phone, and axe-core is injected once per page (`make test` copies it
from the npm package pinned in `package-lock.json` to `var/browser/axe.min.js`).
"""

from __future__ import annotations

import json
import os
from collections import Counter, deque
from pathlib import Path
from urllib.parse import urljoin

import pytest
from django.conf import settings as django_settings
from django.test import Client

from maillage.accounts.models import User
from tests.dbtemplate import load_demo
from tests.test_crawler import (
    PageParser,
    _route,
    _routes_without_arguments,
    _same_site,
    plain_templates,  # noqa: F401  (a fixture: pages render faster)
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_JS = Path(__file__).resolve().parents[2] / "var" / "browser" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 390, "height": 844}
# An officer (every write button), a partner (its projects), nobody signed in (the sign-in
# and password pages), then an administrator for the routes only it opens (users, audit).
ROLES = ("camille", "oujda", "", "admin")
NEW_ROUTES_ONLY = {"admin"}
# What issue 11 names: these pages at least must be among the pages checked.
MUST_VISIT = {
    "reporting:home",
    "actors:organisation_list",
    "projects:project_detail",
    "projects:project_gantt",
}
MAX_PAGES = 600  # a safety net: one URL per route name ends far below this
TRIES = 3  # links of one route name followed before giving up on a page of it


def _axe_source() -> str:
    if not AXE_JS.exists():
        message = f"{AXE_JS} is missing: `make test` installs axe-core (apt-get install npm)"
        if os.environ.get("MAILLAGE_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return AXE_JS.read_text(encoding="utf-8")


def one_page_per_route(client: Client) -> dict[str, str]:
    """Route name → the first URL of it that answers an HTML page, found by following
    links from every route without arguments (GET only: nothing is submitted)."""
    pages: dict[str, str] = {}
    seen: set[str] = set()
    tries: Counter[str] = Counter()  # a route whose links keep answering 302 or 404
    queue = deque(["/", *_routes_without_arguments()])
    while queue:
        assert len(seen) < MAX_PAGES, f"more than {MAX_PAGES} pages: a link loop?"
        url = queue.popleft()
        route = _route(url)
        if url in seen or not route or route in pages or tries[route] >= TRIES:
            continue
        seen.add(url)
        tries[route] += 1
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        pages[route] = url
        parser = PageParser()
        parser.feed(response.content.decode(errors="replace"))
        for href in parser.links:
            target = urljoin(url, href).split("#")[0]
            if _same_site(target) and target not in seen:
                queue.append(target)
    return pages


def _sign_in(page, live_server, username: str) -> Client:
    client = Client(raise_request_exception=False)  # server errors are the crawler's business
    page.context.clear_cookies()
    if username:
        client.force_login(User.objects.get(username=username))
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )
    return client


AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                          resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }));
}"""


# The page's width and, when it is wider than the window, the deepest elements that stick
# out (what is inside a box that scrolls on its own does not count, unless it is placed
# out of the box's reach: absolute or fixed).
SIDEWAYS = """() => {
  const inner = window.innerWidth;
  const scrolls = (e) => ["auto", "scroll", "hidden"].includes(getComputedStyle(e).overflowX);
  const culprits = [];
  const walk = (e) => {
    for (const child of e.children) {
      if (child.getBoundingClientRect().right <= inner + 1) continue;
      const before = culprits.length;
      if (!scrolls(child)) walk(child);
      if (culprits.length === before) culprits.push(child);  // the deepest that sticks out
    }
  };
  walk(document.body);
  if (!culprits.length) {  // placed out of a scrolling box's reach
    for (const e of document.body.querySelectorAll("*")) {
      const placed = ["absolute", "fixed"].includes(getComputedStyle(e).position);
      if (placed && e.getBoundingClientRect().right > inner + 1) culprits.push(e);
    }
  }
  const classes = (e) => typeof e.className === "string" && e.className
    ? "." + e.className.split(" ").join(".") : "";
  const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + classes(e);
  const path = (e) => [e.parentElement, e].filter(Boolean).map(name).join(" > ");
  return [document.scrollingElement.scrollWidth, inner, culprits.slice(0, 3).map(path)];
}"""


def check_page(page, url: str, axe: str) -> list[str]:
    """What is wrong with one page: axe-core's violations and a sideways scroll."""
    problems = []
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url} answered {response and response.status}"
    width, inner, wide = page.evaluate(SIDEWAYS)
    if width > inner:
        problems.append(f"{url}: scrolls sideways at {inner}px ({width}px wide: {wide})")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe)  # through the DevTools protocol: the page's CSP does not apply
    for violation in page.evaluate(AXE_RUN, WCAG_AA):
        problems.append(f"{url}: {json.dumps(violation, ensure_ascii=False)}")
    return problems


def test_every_page_passes_axe_and_fits_a_phone(live_server, page, plain_templates):  # noqa: F811
    axe = _axe_source()
    load_demo(django_settings.MEDIA_ROOT)  # the demo, built once per run (tests/dbtemplate.py)
    page.set_viewport_size(PHONE)
    problems: list[str] = []
    checked: dict[str, set[str]] = {}
    for username in ROLES:
        client = _sign_in(page, live_server, username)
        pages = one_page_per_route(client)
        if username in NEW_ROUTES_ONLY:
            pages = {route: url for route, url in pages.items() if route not in checked["camille"]}
        checked[username] = set(pages)
        for url in pages.values():
            problems.extend(check_page(page, f"{live_server.url}{url}", axe))
    print({username: len(routes) for username, routes in checked.items()})
    missing = MUST_VISIT - checked["camille"] - checked["oujda"]
    assert not missing, f"pages not reached by the crawl: {sorted(missing)}"
    assert len(checked["oujda"]) > 10 and len(checked["camille"]) > 50, checked
    assert "accounts:login" in checked[""], checked[""]
    assert "accounts:user_list" in checked["admin"], checked["admin"]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
