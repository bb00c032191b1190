"""The demo's actors: organisations located and classified, their links, people with their
positions over time, the network's working groups, and the interactions of 2025–2026.

Read from organisations.csv, people.csv, positions.csv, interactions.csv, places.csv and
actors.toml. What the files leave out is completed here, the same on every run: mail
domains, seats and postcodes, map coordinates spread around each city's centre, SIRENs
numbered as French public bodies are (a commune's carries its INSEE code) and passing the
Luhn check, valid E.164 phone numbers, time zones and languages by country.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.text import slugify

from maillage.accounts.models import User
from maillage.actors.identifiers import luhn_valid
from maillage.actors.models import (
    Confidentiality,
    Group,
    GroupMember,
    Interaction,
    LawfulBasis,
    LinkKind,
    Organisation,
    OrganisationCountry,
    OrganisationLink,
    OrganisationType,
    Person,
    Position,
    SdgGoal,
    Tag,
    Theme,
)
from maillage.actors.services import fill_last_interactions
from maillage.core.services import service_for
from maillage.demo.dataset import Dataset, Row
from maillage.demo.rows import add_m2m, by_name, create_rows
from maillage.projects.models import Project

T = OrganisationType

# Organisations of one city are spread around its centre, so that map markers do not overlap.
CITY_OFFSETS = [(0, 0), (1, 0), (0, 1), (-1, 0), (0, -1), (1, 1), (-1, -1), (1, -1), (-1, 1)]
CITY_STEP = Decimal("0.0035")

# The first digits of a French public body's SIREN, by type (then the département).
SIREN_PREFIX = {
    T.DEPARTMENT: "22",
    T.REGION: "2000",
    T.INTERMUNICIPAL: "2000",
    T.UNIVERSITY: "19",
    T.ASSOCIATION: "7",
    T.NETWORK: "7",
    T.DONOR: "1",
}


@dataclass
class Actors:
    """The records built, by key, with the rows they were built from."""

    organisations: dict[str, Organisation]
    people: dict[str, Person]
    organisation_rows: dict[str, Row]
    person_rows: dict[str, Row]
    positions: dict[str, list[Row]]  # each person's positions, by start date
    tags: dict[str, Tag]  # by key
    users: dict[str, User]
    counts: dict[str, int]

    def author_of(self, organisation: str) -> User:
        """Who entered the organisation (and what is recorded about it)."""
        return self.users[self.organisation_rows[organisation]["entered_by"]]


def build_actors(ds: Dataset, users: dict[str, User]) -> Actors:
    """Organisations, their classification and links, people, positions and groups."""
    reference = ds["actors.toml"]
    admin = users["admin"]
    names = by_name(Theme, [theme["name"] for theme in reference["themes"].values()], by=admin)
    themes = {key: names[theme["name"]] for key, theme in reference["themes"].items()}
    tag_names = by_name(Tag, reference["tags"].values(), by=admin)
    actors = Actors(
        organisations={},
        people={},
        organisation_rows={row["key"]: row for row in ds["organisations.csv"]},
        person_rows={row["key"]: row for row in ds["people.csv"]},
        positions=_positions(ds),
        tags={key: tag_names[name] for key, name in reference["tags"].items()},
        users=users,
        counts={},
    )
    actors.organisations = _create_organisations(ds, actors)
    _classify(ds, actors, themes)
    actors.counts["links"] = len(_create_links(ds, actors))
    _attach_to_parents(actors)
    actors.people = _create_people(ds, actors)
    actors.counts["positions"] = len(_create_positions(actors))
    actors.counts["groups"] = len(_create_groups(ds, actors, themes))
    return actors


# --- Organisations ------------------------------------------------------------------------


def _create_organisations(ds: Dataset, actors: Actors) -> dict[str, Organisation]:
    reference = ds["actors.toml"]
    places = {place["city"]: place for place in ds["places.csv"]}
    domains = _domains(ds)
    in_city: dict[str, int] = {}
    rows = []
    for index, row in enumerate(ds["organisations.csv"]):
        place = places[row["city"]]
        org = Organisation(
            name=row["name"],
            acronym=row["acronym"],
            type=row["type"],
            country=row["country"],
            departement=row["departement"],
            city=row["city"],
            address=row["address"] or reference["seat_by_type"].get(row["type"], ""),
            postcode=row["postcode"] or place["postcode"],
            foreign_region=place["region"],
            siren=_siren(row, place["insee"], index),
            email=f"contact@{domains[row['key']]}",
            phone=_phone(ds, _office_prefix(ds, places, row), 500 + index),
        )
        org.siret = _luhn_completed(f"{org.siren}0001") if org.siren else ""
        org.latitude, org.longitude = _coordinates(place, in_city)
        rows.append((org, actors.author_of(row["key"])))
    created = create_rows(rows)
    return {row["key"]: org for row, org in zip(ds["organisations.csv"], created, strict=True)}


def _coordinates(place: Row, in_city: dict[str, int]) -> tuple[Decimal, Decimal]:
    rank = in_city.get(place["city"], 0)
    in_city[place["city"]] = rank + 1
    ring, slot = divmod(rank, len(CITY_OFFSETS))
    north, east = CITY_OFFSETS[slot]
    step = CITY_STEP * (ring + 1)
    return Decimal(place["latitude"]) + north * step, Decimal(place["longitude"]) + east * step


def _luhn_completed(digits: str) -> str:
    """`digits` followed by the check digit that makes the whole pass the Luhn check."""
    return next(digits + d for d in "0123456789" if luhn_valid(digits + d))


def _siren(row: Row, insee: str, index: int) -> str:
    """A plausible SIREN for a French organisation (empty abroad), valid by construction."""
    kind = row["type"]
    if row["country"] != "FR" or kind not in {*SIREN_PREFIX, T.MUNICIPALITY}:
        return ""
    if kind == T.MUNICIPALITY:  # 21 + département + commune number: as INSEE numbers them
        body = f"21{insee[:2]}0{insee[2:]}"
    elif kind == T.DEPARTMENT:
        body = f"22{row['departement']}0001"
    else:
        prefix = SIREN_PREFIX[kind] + row["departement"]
        body = prefix + f"{index * 37:08d}"[len(prefix) - 8 :]
    return _luhn_completed(body)


def _domains(ds: Dataset) -> dict[str, str]:
    """Each organisation's (fictional) mail domain, from its acronym or first words of its name."""
    stop_words = set(ds["actors.toml"]["domain_stop_words"])
    domains: dict[str, str] = {}
    for row in ds["organisations.csv"]:
        words = slugify(row["acronym"] or row["name"]).split("-")
        slug = "-".join([word for word in words if word not in stop_words][:4])
        if f"{slug}.example" in domains.values():
            slug = f"{slug}-{slugify(row['city'])}"
        domains[row["key"]] = f"{slug}.example"
    return domains


def _office_prefix(ds: Dataset, places: dict[str, Row], org: Row) -> str:
    if org["country"] == "FR":
        return str(ds["actors.toml"]["phone_prefix_by_departement"][org["departement"]])
    return str(places[org["city"]]["phone_prefix"])


def _phone(ds: Dataset, prefix: str, seed: int) -> str:
    """A valid E.164 number: `prefix` completed to the country's length with fixed digits."""
    lengths = ds["actors.toml"]["e164_length"]
    code = max((code for code in lengths if prefix.startswith(code)), key=len)
    width = lengths[code] - len(prefix)
    return prefix + f"{(seed * 7919 + 1357) % 10**width:0{width}d}"


def _classify(ds: Dataset, actors: Actors, themes: dict[str, Theme]) -> None:
    """Themes, the SDGs they serve, countries of action and tags."""
    # The 17 goals come from a data migration; a flushed database (`maillage flush`, a
    # transactional test) has lost them: the demo puts them back as the migration made them.
    SdgGoal.objects.bulk_create([SdgGoal(number=n) for n in range(1, 18)], ignore_conflicts=True)
    sdgs = {key: theme["sdgs"] for key, theme in ds["actors.toml"]["themes"].items()}
    theme_pairs, sdg_pairs, tag_pairs, countries = [], [], [], []
    for key, org in actors.organisations.items():
        row = actors.organisation_rows[key]
        keys = row["themes"].split()
        theme_pairs += [(org.pk, themes[theme].pk) for theme in keys]
        sdg_pairs += [(org.pk, goal) for goal in sorted({g for k in keys for g in sdgs[k]})]
        tag_pairs += [(org.pk, actors.tags[tag].pk) for tag in row["tags"].split()]
        countries += [
            (OrganisationCountry(organisation=org, country=code), actors.author_of(key))
            for code in row["action_countries"].split()
        ]
    add_m2m(Organisation, "themes", theme_pairs)
    add_m2m(Organisation, "sdgs", sdg_pairs)
    add_m2m(Organisation, "tags", tag_pairs)
    create_rows(countries)


def _create_links(ds: Dataset, actors: Actors) -> list[OrganisationLink]:
    """Membership of the network and standing partnerships."""
    network = next(key for key, row in actors.organisation_rows.items() if row["side"] == "network")
    links = [
        (key, LinkKind.MEMBER_OF, network, row["member_since"])
        for key, row in actors.organisation_rows.items()
        if row["member_since"]
    ]
    links += [
        (link["source"], LinkKind.PARTNER_OF, link["target"], link["since"])
        for link in ds["actors.toml"]["partner_links"]
    ]
    return create_links(actors, links)


def create_links(actors: Actors, links: Sequence[tuple[str, str, str, dt.date]]) -> list[Any]:
    """Links (source key, kind, target key, since) between organisations, entered by
    whoever follows the target (the network's members by its officer, the funders of
    Lille by Lille's)."""
    orgs = actors.organisations
    return create_rows(
        (
            OrganisationLink(source=orgs[source], kind=kind, target=orgs[target], since_on=since),
            actors.author_of(target),
        )
        for source, kind, target, since in links
    )


def _attach_to_parents(actors: Actors) -> None:
    """An organisation that belongs to another one: set once both are entered."""
    service = service_for(Organisation)
    for key, row in actors.organisation_rows.items():
        if row["parent"]:
            data = {"parent": actors.organisations[row["parent"]]}
            service.update(obj=actors.organisations[key], data=data, by=actors.author_of(key))


# --- People -------------------------------------------------------------------------------


def _positions(ds: Dataset) -> dict[str, list[Row]]:
    """Each person's positions (the one of people.csv and those of positions.csv), by start."""
    others: dict[str, list[Row]] = {}
    for row in ds["positions.csv"]:
        others.setdefault(row["person"], []).append(row)
    positions = {}
    for row in ds["people.csv"]:
        main = {
            "organisation": row["organisation"],
            "role": row["role"],
            "start_on": row["since"],
            "end_on": row["until"],
        }
        every = [main, *others.get(row["key"], [])]
        positions[row["key"]] = sorted(every, key=lambda pos: pos["start_on"] or dt.date.min)
    return positions


def _create_people(ds: Dataset, actors: Actors) -> dict[str, Person]:
    countries = ds["actors.toml"]["countries"]
    places = {place["city"]: place for place in ds["places.csv"]}
    domains = _domains(ds)
    emails: set[str] = set()
    rows = []
    for index, row in enumerate(ds["people.csv"]):
        org = actors.organisation_rows[row["organisation"]]
        country = row["based_in"] or org["country"]
        at_office = country == org["country"] and index % 5 != 4
        professional = _email(row, domains[org["key"]], emails)
        left = row["until"] is not None
        person = Person(
            first_name=row["first_name"],
            last_name=row["last_name"],
            email=_email(row, "courriel.example", emails) if left else professional,
            other_email=professional if left else "",
            phone=_phone(ds, _office_prefix(ds, places, org), index) if at_office else "",
            mobile=_phone(ds, countries[country]["mobile_prefix"], 300 + index)
            if country != "FR" or index % 2 == 0
            else "",
            languages=row["languages"] or countries[country]["languages"],
            timezone=countries[country]["timezone"],
            lawful_basis=LawfulBasis.CONSENT
            if row["consent_on"]
            else LawfulBasis.LEGITIMATE_INTEREST,
            consent_on=row["consent_on"],
            consent_source=row["consent_source"],
            do_not_contact=bool(row["do_not_contact"]),
            notes=row["do_not_contact"],
        )
        rows.append((person, actors.users[row["entered_by"]]))
    created = create_rows(rows)
    people = {row["key"]: person for row, person in zip(ds["people.csv"], created, strict=True)}
    pairs = [
        (people[row["key"]].pk, actors.tags[tag].pk)
        for row in ds["people.csv"]
        for tag in row["tags"].split()
    ]
    add_m2m(Person, "tags", pairs)
    return people


def _email(row: Row, domain: str, taken: set[str]) -> str:
    first, last = slugify(row["first_name"]), slugify(row["last_name"]).replace("-", "")
    email = f"{first[0]}.{last}@{domain}"
    if email in taken:
        email = f"{first}.{last}@{domain}"
    taken.add(email)
    return email


def _create_positions(actors: Actors) -> list[Position]:
    return create_rows(
        (
            Position(
                person=actors.people[key],
                organisation=actors.organisations[pos["organisation"]],
                role=pos["role"],
                start_on=pos["start_on"],
                end_on=pos["end_on"],
            ),
            actors.users[actors.person_rows[key]["entered_by"]],
        )
        for key, positions in actors.positions.items()
        for pos in positions
    )


# --- Groups and interactions ----------------------------------------------------------------


def _create_groups(ds: Dataset, actors: Actors, themes: dict[str, Theme]) -> list[Group]:
    """Thematic groups gather the members sharing one of their themes; geographic ones the
    members and the partners abroad acting in or based in their country."""
    specs = ds["actors.toml"]["groups"]
    groups = create_rows(
        (
            Group(
                name=spec["name"],
                kind=spec["kind"],
                description=spec["description"],
                theme=themes[spec["themes"][0]] if spec.get("themes") else None,
                country=spec.get("country", ""),
            ),
            actors.users[spec["entered_by"]],
        )
        for spec in specs
    )
    role = ds["actors.toml"]["organisation_role_in_groups"]
    rows = ds["organisations.csv"]
    candidates = [row for side in ("member", "abroad") for row in rows if row["side"] == side]
    members = []
    for group, spec in zip(groups, specs, strict=True):
        author = actors.users[spec["entered_by"]]
        keys = set(spec.get("themes", []))
        for row in candidates:
            if keys:
                belongs = row["side"] == "member" and bool(keys & set(row["themes"].split()))
            else:
                belongs = spec["country"] in row["action_countries"].split() or (
                    row["country"] == spec["country"]
                )
            if belongs:
                org = actors.organisations[row["key"]]
                members.append((GroupMember(group=group, organisation=org, role=role), author))
        members += [
            (GroupMember(group=group, person=actors.people[key], role=person_role), author)
            for key, person_role in spec.get("people", {}).items()
        ]
    create_rows(members)
    return groups


def build_interactions(
    ds: Dataset, actors: Actors, projects: dict[str, Project]
) -> list[Interaction]:
    """The exchanges of 2025–2026, with the people met and their organisations on the day.

    The exchanges of a project are shared with its partners, except those where a donor
    took part (they stay internal, the default); the others are internal."""
    rows = ds["interactions.csv"]
    organisations_of = [
        list(
            dict.fromkeys(
                [
                    *(
                        org
                        for key in row["people"].split()
                        for org in _organisations_on(actors, key, row["occurred_on"])
                    ),
                    *row["organisations"].split(),
                ]
            )
        )
        for row in rows
    ]

    def confidentiality(row: Row, organisations: list[str]) -> str:
        donor = any(
            actors.organisations[key].type == OrganisationType.DONOR for key in organisations
        )
        return Confidentiality.SHARED if row["project"] and not donor else Confidentiality.INTERNAL

    created = create_rows(
        (
            Interaction(
                kind=row["kind"],
                occurred_on=row["occurred_on"],
                subject=row["subject"],
                notes=row["notes"],
                project=projects[row["project"]] if row["project"] else None,
                confidentiality=confidentiality(row, organisations),
                follow_up_on=row["follow_up_on"],
                follow_up_done=row["follow_up_done"],
                created_by=actors.users[row["recorded_by"]],
            ),
            actors.users[row["recorded_by"]],
        )
        for row, organisations in zip(rows, organisations_of, strict=True)
    )
    people_pairs, organisation_pairs = [], []
    for interaction, row, organisations in zip(created, rows, organisations_of, strict=True):
        people_pairs += [(interaction.pk, actors.people[key].pk) for key in row["people"].split()]
        organisation_pairs += [
            (interaction.pk, actors.organisations[key].pk) for key in organisations
        ]
    add_m2m(Interaction, "people", people_pairs)
    add_m2m(Interaction, "organisations", organisation_pairs)
    fill_last_interactions()  # the services keep it; bulk writes fill it once
    return created


def _organisations_on(actors: Actors, person: str, day: dt.date) -> list[str]:
    """Where the person worked on that day (else where they work last)."""
    current = [
        pos["organisation"]
        for pos in actors.positions[person]
        if (pos["start_on"] is None or pos["start_on"] <= day)
        and (pos["end_on"] is None or pos["end_on"] >= day)
    ]
    return current or [actors.person_rows[person]["organisation"]]
