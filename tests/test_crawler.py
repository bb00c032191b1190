"""A crawler signs in as each role, visits every page it can reach (every route without
arguments, then every link it finds, until there is none left), and submits every form
empty and with hostile values: no server error, and no hostile value echoed unescaped.

Each route is visited a few times, not once per record (`PER_ROUTE`): a list's sort and
filter links and its hundred detail pages say nothing the first few did not. Forms that
destroy (delete, purge, anonymise, merge) are submitted last, after the crawl, so that
they do not hide pages from it.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.template.base import Template
from django.urls import (
    NoReverseMatch,
    Resolver404,
    URLPattern,
    URLResolver,
    get_resolver,
    resolve,
    reverse,
)

from maillage.accounts.models import User

MARK = "zq9x"
# Each value in every field of every form. Values that take the same path are joined:
# markup and quotes (escaping, raw SQL); length and a number past 64 bits (limits); the
# NUL character alone, which a form refuses before anything else reads the value.
HOSTILE = [
    f'<script>alert("{MARK}")</script>\' OR 1=1; -- {MARK}',
    f"-99999999999999999999{MARK}" + "é" * 3000,
    f"\u202e\U0001f600{MARK}\x00",
]
SKIP = ("/accounts/logout/", "/static/", "/media/", "/api/", "/download/", "mailto:", "tel:")
PER_ROUTE = 3  # URLs visited per route name…
PER_PATTERN = 1  # …and one per route name with the same query parameters
MAX_PAGES = 3000  # a safety net: the crawl must end by running out of links, not here
DESTRUCTIVE = re.compile(r"(delete|purge|anonymise|merge_confirm)$")


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {
                "action": a.get("action") or "",
                "method": (a.get("method") or "get").lower(),
                "fields": {},
            }
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "select", "textarea") and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image"):
                if kind == "submit" and a.get("value") is not None:
                    self._form["fields"].setdefault(a["name"], a["value"])
                return
            self._form["fields"][a["name"]] = a.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None


def _same_site(url: str) -> bool:
    parts = urlsplit(url)
    return (
        not parts.scheme and not parts.netloc and url.startswith("/") and not url.startswith(SKIP)
    )


def _route(url: str) -> str:
    """The route name of a URL ("" when none answers it: the 404 is still checked)."""
    try:
        return resolve(urlsplit(url).path).view_name or ""
    except Resolver404:
        return ""


def _routes_without_arguments() -> list[str]:
    """Every named route that needs no argument: the crawl starts from all of them, so a
    page missing from the menu is visited anyway."""

    def names(patterns: list[Any], namespace: str | None) -> Any:
        for p in patterns:
            if isinstance(p, URLResolver):
                inner = ":".join(filter(None, [namespace, p.namespace])) or None
                yield from names(p.url_patterns, inner)
            elif isinstance(p, URLPattern) and p.name:
                yield f"{namespace}:{p.name}" if namespace else p.name

    urls = []
    for name in names(get_resolver().url_patterns, None):
        try:
            urls.append(reverse(name))
        except NoReverseMatch:
            continue
    return [url for url in dict.fromkeys(urls) if _same_site(url)]


def _check(response, where: str, problems: list[str]) -> None:
    if response.status_code >= 500:
        problems.append(f"{response.status_code} at {where}")
    content_type = response.get("Content-Type", "")
    if "html" in content_type:
        body = response.content.decode(errors="replace")
        if f'<script>alert("{MARK}")' in body:
            problems.append(f"unescaped echo at {where}")


class Crawler:
    def __init__(self, client: Any) -> None:
        client.raise_request_exception = False  # list every server error, not the first
        self.client = client
        self.problems: list[str] = []
        self.seen: set[str] = set()
        self.per_route: Counter[str] = Counter()
        self.per_pattern: Counter[tuple[str, frozenset[str]]] = Counter()
        self.forms_done: set[tuple[str, str]] = set()
        self.destructive: list[tuple[str, dict]] = []
        self.queue: deque[str] = deque()

    def crawl(self, start: list[str]) -> None:
        self.queue.extend(start)
        while self.queue:
            assert len(self.seen) < MAX_PAGES, f"more than {MAX_PAGES} pages: a link loop?"
            url = self.queue.popleft()
            if url in self.seen:
                continue
            route = _route(url)
            pattern = (route, frozenset(key for key, _ in parse_qsl(urlsplit(url).query)))
            if self.per_route[route] >= PER_ROUTE or self.per_pattern[pattern] >= PER_PATTERN:
                continue
            self.seen.add(url)
            self.per_route[route] += 1
            self.per_pattern[pattern] += 1
            self.visit(url)
        for action, form in self.destructive:
            self.submit(action, form)

    def visit(self, url: str) -> None:
        response = self.client.get(url)
        _check(response, f"GET {url}", self.problems)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            return
        parser = PageParser()
        parser.feed(response.content.decode(errors="replace"))
        for href in parser.links:
            target = urljoin(url, href).split("#")[0]
            if _same_site(target) and target not in self.seen:
                self.queue.append(target)
        for form in parser.forms:
            action = urljoin(url, form["action"] or url)
            if not _same_site(action) or "language" in action:
                continue
            route = _route(action)
            key = (form["method"], route or urlsplit(action).path)
            if key in self.forms_done:
                continue
            self.forms_done.add(key)
            if form["method"] == "post" and DESTRUCTIVE.search(route):
                self.destructive.append((action, form))
            else:
                self.submit(action, form)

    def submit(self, action: str, form: dict) -> None:
        call = self.client.post if form["method"] == "post" else self.client.get
        for values in ({}, *(dict.fromkeys(form["fields"], value) for value in HOSTILE)):
            data = {**form["fields"], **values}
            data.pop("csrfmiddlewaretoken", None)
            _check(
                call(action, data),
                f"{form['method'].upper()} {action} {list(values)[:3]}",
                self.problems,
            )


@pytest.fixture
def plain_templates(monkeypatch):
    """The crawler reads the HTML only: without the test environment's recording of every
    template rendered (a signal and a copy of the context for each option of each select),
    pages render about twice as fast."""
    monkeypatch.setattr(Template, "_render", lambda self, context: self.nodelist.render(context))


def crawl_as(client: Any, username: str) -> None:
    """The crawl as one role of the demo: no server error, no unescaped echo. The demo is
    the module's (`built_demo`): each crawl runs in a savepoint of it, so what one role's
    forms change (deletes included) is undone before the next."""
    client.force_login(User.objects.get(username=username))
    crawler = Crawler(client)
    crawler.crawl(["/", *_routes_without_arguments()])
    routes = set(crawler.per_route) - {""}
    print(
        f"{username}: {len(crawler.seen)} pages of {len(routes)} routes, "
        f"{len(crawler.forms_done)} forms"
    )
    assert len(routes) > 10, f"the crawler found too few routes: {sorted(routes)}"
    assert not crawler.problems, "\n".join(crawler.problems[:30])


# The partner and the elected member here; the officer and the administrator, minutes of
# crawling each, in test_crawler_officer.py and test_crawler_admin.py so that two
# workers (`--dist loadfile`) share the four crawls.
@pytest.mark.django_db
@pytest.mark.parametrize("username", ["oujda", "elu"])
def test_the_crawler_finds_no_server_error_and_no_unescaped_echo(
    built_demo, client, username, plain_templates
):
    crawl_as(client, username)
