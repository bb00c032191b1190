"""The demo's strategies, programmes and projects, from projects.toml: each project with
its consortium and funders' shares, the users who work on it, its contacts at the
consortium's organisations, and its profile (sectors, places, policy markers, SDG
targets, tags). A funder of a project funds its lead from the project's start: the
organisations' links say so too.

Sectors, policy markers and SDG targets are IATI codes: they are added only when the
codelists are loaded (`maillage codelists`), and the demo works without them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from maillage.accounts.models import User
from maillage.actors.models import LinkKind
from maillage.core.models import CodelistItem
from maillage.demo.build_actors import Actors, create_links
from maillage.demo.dataset import Dataset, DemoDataError
from maillage.demo.rows import add_m2m, create_rows
from maillage.projects.models import (
    PartnerRole,
    Programme,
    Project,
    ProjectLocation,
    ProjectMembership,
    ProjectPartner,
    ProjectPolicyMarker,
    ProjectSector,
    Strategy,
)


def build_projects(
    ds: Dataset, users: dict[str, User], actors: Actors
) -> tuple[dict[str, Project], dict[str, int]]:
    """The projects by code, and the number of records by kind."""
    specs = ds["projects.toml"]
    strategies = create_rows(
        (
            Strategy(
                title=spec["title"],
                owner_organisation=actors.organisations[spec["owner"]],
                description=spec["description"],
                start_on=spec["start_on"],
                end_on=spec["end_on"],
            ),
            users["admin"],
        )
        for spec in specs["strategies"]
    )
    by_key = {spec["key"]: s for spec, s in zip(specs["strategies"], strategies, strict=True)}
    programmes = create_rows(
        (
            Programme(
                strategy=by_key[spec["strategy"]],
                code=spec["code"],
                title=spec["title"],
                description=spec["description"],
                start_on=spec["start_on"],
                end_on=spec["end_on"],
                owner=users[spec["owner"]],
            ),
            users[spec["owner"]],
        )
        for spec in specs["programmes"]
    )
    by_code = {programme.code: programme for programme in programmes}
    created = create_rows(
        (
            Project(
                code=spec["code"],
                programme=by_code[spec["programme"]],
                title=spec["title"],
                title_en=spec["title_en"],
                summary=spec["summary"],
                summary_en=spec["summary_en"],
                status=spec["status"],
                country=spec["country"],
                start_on=spec["start_on"],
                end_on=spec["end_on"],
                actual_start_on=spec.get("actual_start_on"),
                budget=Decimal(spec["budget"]),
                currency=spec["currency"],
                owner=users[spec["owner"]],
            ),
            users[spec["owner"]],
        )
        for spec in specs["projects"]
    )
    projects = {project.code: project for project in created}
    partners = _create_consortia(ds, users, actors, projects)
    memberships = create_rows(
        (
            ProjectMembership(project=projects[spec["code"]], user=users[username], role=role),
            users[spec["owner"]],
        )
        for spec in specs["projects"]
        for username, role in spec["members"].items()
    )
    return projects, {
        "strategies": len(strategies),
        "programmes": len(programmes),
        "partners": len(partners),
        "memberships": len(memberships),
        **_add_profiles(ds, actors, projects),
    }


def _create_consortia(
    ds: Dataset, users: dict[str, User], actors: Actors, projects: dict[str, Project]
) -> list[ProjectPartner]:
    """Each project's partners then funders (with their share), its contacts on their
    organisation's first place in the consortium, and the funders' links to the lead."""
    rows = []
    links: dict[tuple[str, str, str], date] = {}
    for spec in ds["projects.toml"]["projects"]:
        roles = [(org, role, None) for org, role in spec["partners"]]
        roles += [(org, PartnerRole.FUNDER, share) for org, share in spec["funders"].items()]
        rows += [
            (
                ProjectPartner(
                    project=projects[spec["code"]],
                    organisation=actors.organisations[org],
                    role=role,
                    share=Decimal(share) if share is not None else None,
                ),
                users[spec["owner"]],
            )
            for org, role, share in roles
        ]
        lead = next(org for org, role in spec["partners"] if role == PartnerRole.LEAD)
        for funder in spec["funders"]:
            if funder != lead:
                links.setdefault((funder, LinkKind.FUNDS, lead), spec["start_on"])
    partners = create_rows(rows)
    create_links(actors, [(*link, since) for link, since in links.items()])

    pairs = []
    for spec in ds["projects.toml"]["projects"]:
        for key in spec["contacts"]:
            where = actors.person_rows[key]["organisation"]
            org = actors.organisations[where]
            place = next(
                (p for p in partners if p.project.code == spec["code"] and p.organisation == org),
                None,
            )
            if place is None:
                raise DemoDataError(
                    f"projects.toml, {spec['code']}: the contact {key!r} works for {where!r}, "
                    "which is not in the project's consortium"
                )
            pairs.append((place.pk, actors.people[key].pk))
    add_m2m(ProjectPartner, "contacts", pairs)
    return partners


def _add_profiles(ds: Dataset, actors: Actors, projects: dict[str, Project]) -> dict[str, int]:
    """Sectors, places, policy markers, SDG targets and tags of each project."""
    specs = ds["projects.toml"]["projects"]
    places = {place["city"]: place for place in ds["places.csv"]}
    sectors = _codelist_items("Sector", {c for spec in specs for c in spec["sectors"]})
    markers = _codelist_items("PolicyMarker", {m for s in specs for m in s["policy_markers"]})
    significances = _codelist_items(
        "PolicySignificance", {v for s in specs for v in s["policy_markers"].values()}
    )
    targets = _codelist_items("UNSDG-Targets", {t for s in specs for t in s["sdg_targets"]})

    rows: dict[str, list[Any]] = {"sectors": [], "locations": [], "policy_markers": []}
    target_pairs, tag_pairs = [], []
    for spec in specs:
        project = projects[spec["code"]]
        user = project.owner
        total = sum(spec["sectors"].values())
        if total != 100:
            raise DemoDataError(f"projects.toml, {spec['code']}: sectors sum to {total} %")
        # All the project's sectors or none: its shares must still sum to 100.
        if all(code in sectors for code in spec["sectors"]):
            rows["sectors"] += [
                (ProjectSector(project=project, sector=sectors[c], percentage=share), user)
                for c, share in spec["sectors"].items()
            ]
        rows["locations"] += [
            (
                ProjectLocation(
                    project=project,
                    name=location["name"],
                    country=location["country"],
                    latitude=Decimal(places[location["place"]]["latitude"]),
                    longitude=Decimal(places[location["place"]]["longitude"]),
                    description=location.get("description", ""),
                ),
                user,
            )
            for location in spec["locations"]
        ]
        rows["policy_markers"] += [
            (
                ProjectPolicyMarker(
                    project=project, marker=markers[m], significance=significances[s]
                ),
                user,
            )
            for m, s in spec["policy_markers"].items()
            if m in markers and s in significances
        ]
        target_pairs += [(project.pk, targets[t].pk) for t in spec["sdg_targets"] if t in targets]
        tag_pairs += [(project.pk, actors.tags[tag].pk) for tag in spec["tags"]]
    counts = {kind: len(create_rows(records)) for kind, records in rows.items()}
    if target_pairs:
        add_m2m(Project, "sdg_targets", target_pairs)
    add_m2m(Project, "tags", tag_pairs)
    return {**counts, "sdg_targets": len(target_pairs), "project_tags": len(tag_pairs)}


def _codelist_items(codelist: str, codes: set[str]) -> dict[str, CodelistItem]:
    """The items of those codes; none when the codelist is not loaded."""
    items = CodelistItem.objects.filter(codelist__name=codelist, code__in=codes)
    return {item.code: item for item in items}
