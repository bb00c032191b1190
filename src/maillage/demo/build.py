"""The demo dataset: a real-looking cooperation system a newcomer can explore at once.

Two stories share one database:

- the City of Lille's international relations service and its twinning with Oujda
  (since 2005): three projects followed by Youssef, the field officer in Oujda, with the
  Commune urbaine d'Oujda as a partner who sees only those projects;
- a regional multi-actor network of Nouvelle-Aquitaine, run by Camille: member
  organisations in all twelve départements and two consortium projects.

The content is in the data files of `maillage/demo/data/` (see `maillage.demo.dataset`);
one builder per app turns it into records, through the entities' services. Everything is
fixed: no randomness, no "today". The story is told as of the reference date of
demo.toml, so that the data is identical on every run. People are fictional.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction

from maillage.accounts.models import User
from maillage.actors.models import Person
from maillage.core import search
from maillage.core.services import service_for
from maillage.demo.build_actors import Actors, build_actors, build_interactions
from maillage.demo.build_finance import build_finance
from maillage.demo.build_funding import build_funding
from maillage.demo.build_funding_calls import build_funding_calls
from maillage.demo.build_meetings import build_meetings
from maillage.demo.build_missions import build_missions
from maillage.demo.build_partnerships import build_partnerships
from maillage.demo.build_plans import build_plans
from maillage.demo.build_projects import build_projects
from maillage.demo.build_results import build_results
from maillage.demo.build_team import build_team
from maillage.demo.dataset import Dataset, load_dataset
from maillage.demo.rows import create_rows
from maillage.projects.models import Project


@dataclass(frozen=True)
class DemoSummary:
    users: int
    organisations: int
    projects: int
    partners: int
    memberships: int
    people: int
    positions: int
    interactions: int
    groups: int
    plans: dict[str, int]
    partnerships: dict[str, int]
    password: str
    funding: dict[str, int] = field(default_factory=dict)  # donors, instruments, plans
    results: dict[str, int] = field(default_factory=dict)  # levels, indicators, values
    finance: dict[str, int] = field(default_factory=dict)  # budgets, lines, expenses
    missions: dict[str, int] = field(default_factory=dict)  # missions and meetings
    team: dict[str, int] = field(default_factory=dict)  # staff, leave, trainings


def demo_exists() -> bool:
    """Whether the database already holds users (the demo's or anyone's)."""
    return User.objects.exists()


@transaction.atomic
def build_demo(ds: Dataset | None = None) -> DemoSummary:
    """Create the whole dataset in one transaction (into an empty database)."""
    ds = ds or load_dataset()
    users = create_users(ds)
    actors = build_actors(ds, users)
    link_users_to_people(ds, users, actors)
    projects, project_counts = build_projects(ds, users, actors)
    plans = {**project_counts, **build_plans(ds, users, actors, projects)}
    interactions = build_interactions(ds, actors, projects)
    partnerships = build_partnerships(ds, users, actors, projects)
    instruments, funding = build_funding(ds, users, actors, projects)
    funding |= build_funding_calls(ds, users, instruments, projects)
    results = build_results(ds, users, projects)
    finance = build_finance(ds, users, projects)
    missions = build_missions(ds, users, actors, projects)
    missions |= build_meetings(ds, users, actors.people, projects)
    team = build_team(ds, users, actors, projects)
    apply_edits(ds, users, actors, projects)
    # Some rows were written in bulk, past save(): the search index is built from them all.
    search.rebuild()
    return DemoSummary(
        users=len(users),
        organisations=len(actors.organisations),
        projects=len(projects),
        partners=plans.pop("partners"),
        memberships=plans.pop("memberships"),
        people=len(actors.people),
        positions=actors.counts["positions"],
        interactions=len(interactions),
        groups=actors.counts["groups"],
        plans=plans,
        partnerships=partnerships,
        password=ds.password,
        funding=funding,
        results=results,
        finance=finance,
        missions=missions,
        team=team,
    )


def create_users(ds: Dataset) -> dict[str, User]:
    """The demo accounts (demo.toml), all with the demo password."""
    password = make_password(ds.password)  # hashed once, shared by every demo account
    domain = ds["demo.toml"]["email_domain"]
    created = create_rows(
        (
            User(
                username=username,
                role=spec["role"],
                first_name=spec["first_name"],
                last_name=spec["last_name"],
                email=f"{username}@{domain}",
                language="fr",
                password=password,
            ),
            None,
        )
        for username, spec in ds["demo.toml"]["users"].items()
    )
    return {user.username: user for user in created}


def link_users_to_people(ds: Dataset, users: dict[str, User], actors: Actors) -> None:
    """A partner's account belongs to its person (`person` in demo.toml), and through
    the person's position to its organisation."""
    for username, spec in ds["demo.toml"]["users"].items():
        if spec.get("person"):
            service_for(Person).update(
                obj=actors.people[spec["person"]], data={"user": users[username]}, by=None
            )


def apply_edits(
    ds: Dataset, users: dict[str, User], actors: Actors, projects: dict[str, Project]
) -> None:
    """Later changes (the `edits` of actors.toml and projects.toml), so that history tabs
    tell a story from the first run."""
    edits: list[tuple[Any, dict[str, Any]]] = [
        (actors.organisations[edit["organisation"]], edit)
        for edit in ds["actors.toml"].get("edits", [])
    ]
    edits += [(projects[edit["project"]], edit) for edit in ds["projects.toml"].get("edits", [])]
    for obj, edit in edits:
        service_for(type(obj)).update(
            obj=obj, data=edit["set"], by=users[edit["by"]], reason=edit.get("reason")
        )
