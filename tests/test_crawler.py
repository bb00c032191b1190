"""A crawler signs in as each role, visits every page reachable from the menu, and submits
every form empty and with hostile values: no server error, and no hostile value echoed
unescaped."""

from __future__ import annotations

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from maillage.accounts.models import User
from maillage.demo.data import build_demo

MARK = "zq9x"
HOSTILE = [
    f'<script>alert("{MARK}")</script>',
    f"' OR 1=1; -- {MARK}",
    f"{MARK}" + "é" * 3000,
    f"-99999999999999999999{MARK}",
    f"\u202e\U0001f600{MARK}\x00",
]
SKIP = ("/accounts/logout/", "/static/", "/media/", "/api/", "/download/", "mailto:", "tel:")
MAX_PAGES = 200
VARIANTS_PER_PATH = 2  # sort and filter links multiply URLs: a couple per page is enough


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


def _check(response, where: str, problems: list[str]) -> None:
    if response.status_code >= 500:
        problems.append(f"{response.status_code} at {where}")
    content_type = response.get("Content-Type", "")
    if "html" in content_type:
        body = response.content.decode(errors="replace")
        if f'<script>alert("{MARK}")' in body:
            problems.append(f"unescaped echo at {where}")


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["oujda", "elu", "camille", "admin"])
def test_the_crawler_finds_no_server_error_and_no_unescaped_echo(client, username):
    build_demo()
    client.force_login(User.objects.get(username=username))
    problems: list[str] = []
    seen: set[str] = set()
    queue = deque(["/"])
    forms_done: set[tuple[str, str]] = set()
    per_path: dict[str, int] = {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        path = urlsplit(url).path
        if url in seen or per_path.get(path, 0) >= VARIANTS_PER_PATH:
            continue
        seen.add(url)
        per_path[path] = per_path.get(path, 0) + 1
        response = client.get(url)
        _check(response, f"GET {url}", problems)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = PageParser()
        parser.feed(response.content.decode(errors="replace"))
        for href in parser.links:
            target = urljoin(url, href).split("#")[0]
            if _same_site(target) and target not in seen:
                queue.append(target)
        for form in parser.forms:
            action = urljoin(url, form["action"] or url)
            if not _same_site(action) or "language" in action:
                continue
            key = (form["method"], urlsplit(action).path)
            if key in forms_done:
                continue
            forms_done.add(key)
            for values in ({}, *(dict.fromkeys(form["fields"], value) for value in HOSTILE)):
                data = {**form["fields"], **values}
                data.pop("csrfmiddlewaretoken", None)
                call = client.post if form["method"] == "post" else client.get
                _check(
                    call(action, data),
                    f"{form['method'].upper()} {action} {list(values)[:3]}",
                    problems,
                )
    print(f"{username}: {len(seen)} pages on {len(per_path)} paths, {len(forms_done)} forms")
    assert len(seen) > 10, f"the crawler found too few pages: {sorted(seen)}"
    assert not problems, "\n".join(problems[:30])
