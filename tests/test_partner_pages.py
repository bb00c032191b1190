"""What a partner reads, page by page: on the demo, `oujda` visits every page it can reach
(the crawler's start and links), and no page's HTML names an organisation, a person, a
project or an interaction whose own page answers 404 to it; the internal interactions of
its own projects reach it nowhere (pages, API, search).

Names a page may show although they match a refused record:
- the names of the records it may open (a refused "Institut français du Maroc" is part
  of the visible "Institut français du Maroc – Oujda"), also when a label cuts them ("…");
- the names of the service's staff accounts (an officer named as who follows a
  commitment is a user, not the person record of the same name);
- the texts the staff wrote in the records it may open (an agreement's object naming
  its co-financed network).
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urljoin

import pytest
from django.db import models

import tests.test_crawler as crawler
from maillage.accounts.models import INTERNAL_ROLES, User
from maillage.actors.models import Confidentiality, Interaction, Organisation, Person
from maillage.core import search
from maillage.core.hooks import SEARCH_PROVIDERS, collect
from maillage.projects.models import Project
from tests.test_crawler import plain_templates  # noqa: F401 (the fixture)

GUARDED = (Organisation, Person, Project, Interaction)


def names_of(obj: models.Model) -> set[str]:
    if isinstance(obj, Interaction):
        names = {obj.subject}
    elif isinstance(obj, Project):
        names = {obj.title, obj.code}
    else:
        names = {str(obj), getattr(obj, "name", "")}
    return {n for n in names if len(n) > 4}


def allowed_texts(user: User) -> list[str]:
    """Names and texts of what the user may open, and the staff's names (see above)."""
    texts: set[str] = set()
    for provider in collect(SEARCH_PROVIDERS):
        model = provider.model
        for obj in provider.queryset(user):
            texts |= names_of(obj) | {str(obj)}
            for field in model._meta.concrete_fields:
                if isinstance(field, models.TextField | models.CharField):
                    value = getattr(obj, field.attname) or ""
                    texts |= {line.strip() for line in value.splitlines() if len(line) > 20}
    for staff in User.objects.filter(role__in=INTERNAL_ROLES):
        texts.add(staff.get_full_name())
    return sorted((t for t in texts if t), key=len, reverse=True)


def refused_names(user: User) -> dict[str, str]:
    refused: dict[str, str] = {}
    for model in GUARDED:
        seen = model.objects.visible_to(user).values("pk")
        for obj in model.objects.exclude(pk__in=seen):
            for name in names_of(obj):
                refused[name] = f"{model.__name__} {obj.pk}"
    return refused


class LeakCrawler(crawler.Crawler):
    """Visits pages only (no form is submitted) and reports every refused name."""

    def __init__(self, client: Any, refused: dict[str, str], allowed: list[str]) -> None:
        super().__init__(client)
        self.patterns = [
            (re.compile(re.escape(name) + r"(?!\s*…)"), f"{what} {name!r}")
            for name, what in refused.items()
        ]
        self.allowed = [" ".join(text.split()) for text in allowed]  # as the body: spaces made one

    def visit(self, url: str) -> None:
        response = self.client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            return
        content = response.content.decode(errors="replace")
        body = html.unescape(re.sub(r"\s+", " ", content))
        for text in self.allowed:
            body = body.replace(text, "")
        for pattern, what in self.patterns:
            if pattern.search(body):
                self.problems.append(f"{url}: {what}")
        parser = crawler.PageParser()
        parser.feed(content)
        for href in parser.links:
            target = urljoin(url, href).split("#")[0]
            if crawler._same_site(target) and target not in self.seen:
                self.queue.append(target)


@pytest.mark.django_db
@pytest.mark.usefixtures("plain_templates")
def test_no_page_names_to_the_oujda_partner_a_record_it_may_not_open(
    built_demo, client, monkeypatch
):
    oujda = User.objects.get(username="oujda")
    refused = refused_names(oujda)
    internal = Interaction.objects.filter(
        project__in=Project.objects.visible_to(oujda), confidentiality=Confidentiality.INTERNAL
    )
    assert internal.exists(), "the demo must hold internal exchanges of oujda's projects"
    assert "Réseau Nouvelle-Aquitaine Coopération (RNAC)" in refused
    monkeypatch.setattr(crawler, "PER_ROUTE", 300)  # every record it may open, not three
    # A list's sort, filter and page links show the rows of the list, reordered or cut: a
    # few of each kind (40 were two thirds of the crawl's time, for no other name).
    monkeypatch.setattr(crawler, "PER_PATTERN", 8)
    client.force_login(oujda)
    leaks = LeakCrawler(client, refused, allowed_texts(oujda))
    leaks.crawl(["/", *crawler._routes_without_arguments()])
    assert len(leaks.seen) > 200, f"too few pages: {len(leaks.seen)}"
    assert not leaks.problems, "\n".join(sorted(set(leaks.problems))[:40])

    # The internal exchanges of its own projects: not on the API, nor in any search.
    api = client.get("/api/interactions", {"page_size": 500}).json()["results"]
    subjects = {row["subject"] for row in api}
    for meeting in internal:
        assert meeting.subject not in subjects
        assert client.get(f"/api/interactions/{meeting.pk}").status_code == 404
        words = " ".join(meeting.subject.split()[:4])
        found = [str(obj) for group in search.search(oujda, words) for obj in group.results]
        assert not [f for f in found if meeting.subject in f], words
