"""Every page, checked in the browser at a phone's width: axe-core finds no WCAG 2.1 A/AA
violation, and no page scrolls sideways at 390 px.

The pages are the crawler's (`tests/test_crawler.py`): from every route without arguments,
then every link found, as an officer and as a partner of the demo, signed out, and as an
administrator for the routes only it opens; one URL per route name,
so a route another app adds tomorrow is checked without touching this file. The links are
gathered with the test client (fast), then each page is opened once in one of two reused
browser tabs, 390 × 844 like a phone, and axe-core is loaded into each page as a script of the live
server's (`make test` copies it from the npm package pinned in `package-lock.json` to
`var/browser/axe.min.js`; the test alone serves it).
"""

from __future__ import annotations

import json
import os
from collections import Counter, deque
from pathlib import Path
from typing import Any
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


def _require_axe() -> None:
    if not AXE_JS.exists():
        message = f"{AXE_JS} is missing: `make test` installs axe-core (apt-get install npm)"
        if os.environ.get("MAILLAGE_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)


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


# axe-core started without waiting for its verdict (kept in the page: AXE_VERDICT), so
# that the next page opens in the other tab meanwhile (see `check_pages`).
AXE_START = """(tags) => {
  window.__maillageAxe = axe.run(document, {runOnly: {type: "tag", values: tags},
                                            resultTypes: ["violations"]})
    .then((result) => result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    })));
}"""
AXE_VERDICT = "() => window.__maillageAxe"


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


# axe-core as a script of the page's own site (the CSP's script-src 'self' admits it):
# the browser caches it and the compiled code. Sent as source through Playwright into each
# page, it was 650 kB to carry and parse again each time: a fifth of the test's time.
LOAD_AXE = """(src) => typeof window.axe !== "undefined" || new Promise((resolve, reject) => {
  const script = document.createElement("script");
  script.src = src;
  script.onload = () => { script.remove(); resolve(true); };
  script.onerror = () => reject(new Error(`${src} did not load`));
  document.head.append(script);
})"""


def open_page(page, url: str, axe_url: str) -> list[str]:
    """Opens one page, says whether it scrolls sideways, and starts axe-core on it."""
    problems = []
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url} answered {response and response.status}"
    width, inner, wide = page.evaluate(SIDEWAYS)
    if width > inner:
        problems.append(f"{url}: scrolls sideways at {inner}px ({width}px wide: {wide})")
    page.evaluate(LOAD_AXE, axe_url)
    page.evaluate(AXE_START, WCAG_AA)
    return problems


def axe_verdict(page, url: str) -> list[str]:
    """axe-core's violations on the page `open_page` opened last in this tab."""
    return [
        f"{url}: {json.dumps(violation, ensure_ascii=False)}"
        for violation in page.evaluate(AXE_VERDICT)
    ]


def serve_axe(live_server, settings) -> str:
    """The URL of axe-core, served by the live server's static files handler (its
    finders) for the calling test only (`settings` is pytest-django's fixture)."""
    _require_axe()
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, ("axe-core", AXE_JS.parent)]
    return f"{live_server.url}{settings.STATIC_URL.rstrip('/')}/axe-core/{AXE_JS.name}"


def check_page(page, url: str, axe_url: str) -> list[str]:
    """What is wrong with one page, in one tab: a sideways scroll, axe-core's violations."""
    return [*open_page(page, url, axe_url), *axe_verdict(page, url)]


def check_pages(tabs: list, urls: list[str], axe_url: str) -> list[str]:
    """What is wrong with each page: axe-core's violations and a sideways scroll. Two
    tabs take turns: while axe-core works in one (the browser's processes), the next page
    is served and opened in the other (the live server, in this process), instead of each
    waiting for the other: the pages and checks are the same, in the same order."""
    problems: list[str] = []
    waiting: tuple[Any, str, list[str]] | None = None  # a tab whose axe-core still runs
    for n, url in enumerate(urls):
        tab = tabs[n % len(tabs)]
        opened = (tab, url, open_page(tab, url, axe_url))
        if waiting:
            problems.extend([*waiting[2], *axe_verdict(waiting[0], waiting[1])])
        waiting = opened
    if waiting:
        problems.extend([*waiting[2], *axe_verdict(waiting[0], waiting[1])])
    return problems


def test_every_page_passes_axe_and_fits_a_phone(
    live_server,
    page,
    settings,
    plain_templates,  # noqa: F811
):
    axe_url = serve_axe(live_server, settings)
    load_demo(django_settings.MEDIA_ROOT)  # the demo, built once per run (tests/dbtemplate.py)
    tabs = [page, page.context.new_page()]
    for tab in tabs:
        tab.set_viewport_size(PHONE)
    problems: list[str] = []
    checked: dict[str, set[str]] = {}
    for username in ROLES:
        client = _sign_in(page, live_server, username)
        pages = one_page_per_route(client)
        if username in NEW_ROUTES_ONLY:
            pages = {route: url for route, url in pages.items() if route not in checked["camille"]}
        checked[username] = set(pages)
        urls = [f"{live_server.url}{url}" for url in pages.values()]
        problems.extend(check_pages(tabs, urls, axe_url))
    print({username: len(routes) for username, routes in checked.items()})
    missing = MUST_VISIT - checked["camille"] - checked["oujda"]
    assert not missing, f"pages not reached by the crawl: {sorted(missing)}"
    assert len(checked["oujda"]) > 10 and len(checked["camille"]) > 50, checked
    assert "accounts:login" in checked[""], checked[""]
    assert "accounts:user_list" in checked["admin"], checked["admin"]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
