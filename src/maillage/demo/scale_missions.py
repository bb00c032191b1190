"""The benchmarks' dataset: the missions app's tables (issue 16), after the projects and
partnerships of `demo.scale`.

At national scale 5,000 missions (delegations abroad and hosted ones, 2015–2029) with
their participants, logistics checklists, itinerary legs in each place's time zone,
agendas, emergency contacts, budget lines (per-diems at the rate table's amount) and,
for orange and red zones, the approver's decision; and 5,000 meetings with invitees,
attendance, minutes and decisions for past ones, and action items owned by the
officers (some open past their due date, so home pages list them).

The rows hold what the services would have written: statuses reachable through
`MissionService.move` (a mission to an orange or red zone is approved, confirmed or
done only with an approval at its risk level, by a designated approver), nobody on two
live missions at once, passports valid until the return, the seven checklist items of
each participant, budget amounts rounded by the currency, minutes rendered once to
HTML. The dataset's "today" is `REFERENCE`: missions before it are done (or
cancelled), meetings before it have their minutes. Missions and meetings of the
projects partners are members of and of the big plans come first, so that each bench
partner and each big project has some.
"""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

from maillage.actors.models import GroupMember
from maillage.core.sanitize import render_markdown
from maillage.demo.scale import (
    CITY_STEMS,
    FOREIGN,
    LOREM,
    WORK,
    Built,
    Scale,
    Writer,
    day,
    weighted,
)
from maillage.funding.money import round_money
from maillage.missions.models import (
    ACTIVE_STATUSES,
    APPROVAL_LEVELS,
    ActionItem,
    ActionStatus,
    AgendaItem,
    ApprovalDecision,
    Attendance,
    ChecklistEntry,
    ChecklistKind,
    ChecklistStatus,
    ContactKind,
    CostKind,
    EmergencyContact,
    FollowUpKind,
    Invitee,
    ItineraryLeg,
    Meeting,
    MeetingKind,
    Mission,
    MissionApproval,
    MissionApprover,
    MissionCost,
    MissionDirection,
    MissionFollowUp,
    MissionParticipant,
    MissionStatus,
    ParticipantRole,
    PerDiemRate,
    RiskLevel,
    Transport,
)
from maillage.partnerships.models import Partnership
from maillage.projects.models import MembershipRole, Project, ProjectMembership

REFERENCE = dt.date(2026, 9, 1)  # the dataset's "today" (fixed: two runs are the same)
FIRST, LAST = dt.date(2015, 1, 1), dt.date(2029, 12, 31)
PARIS = "Europe/Paris"
GREEN, YELLOW, ORANGE, RED = RiskLevel.GREEN, RiskLevel.YELLOW, RiskLevel.ORANGE, RiskLevel.RED


@dataclass(frozen=True)
class Country:
    """A destination: its time zone, the flight from Paris, the per-diem (euros a day) and
    how often each colour of the travel advice applies."""

    zone: str
    flight_hours: int
    per_diem: int
    risks: tuple[tuple[str, int], ...]


COUNTRIES = {
    "FR": Country(PARIS, 0, 75, ((GREEN, 1),)),
    "MA": Country("Africa/Casablanca", 3, 95, ((GREEN, 3), (YELLOW, 2))),
    "SN": Country("Africa/Dakar", 5, 110, ((GREEN, 1), (YELLOW, 3))),
    "BF": Country("Africa/Ouagadougou", 5, 90, ((ORANGE, 1), (RED, 2))),
    "ML": Country("Africa/Bamako", 5, 100, ((ORANGE, 1), (RED, 3))),
    "TN": Country("Africa/Tunis", 2, 90, ((YELLOW, 3), (ORANGE, 1))),
    "BJ": Country("Africa/Porto-Novo", 6, 95, ((YELLOW, 2), (ORANGE, 1))),
    "MG": Country("Indian/Antananarivo", 11, 85, ((GREEN, 1), (YELLOW, 2))),
    "VN": Country("Asia/Ho_Chi_Minh", 12, 105, ((GREEN, 3), (YELLOW, 1))),
    "HT": Country("America/Port-au-Prince", 9, 120, ((ORANGE, 1), (RED, 2))),
    "LB": Country("Asia/Beirut", 4, 140, ((YELLOW, 1), (ORANGE, 2), (RED, 1))),
    "CM": Country("Africa/Douala", 6, 110, ((YELLOW, 2), (ORANGE, 1))),
    "PS": Country("Asia/Hebron", 5, 130, ((ORANGE, 1), (RED, 2))),
}
RATE_YEARS = (2014, 2020, 2025)  # the table's amounts from these years on (+5 % each)
S = MissionStatus
FUTURE = ((S.DRAFT, 15), (S.PLANNED, 30), (S.CONFIRMED, 45), (S.CANCELLED, 5))
FUTURE_APPROVAL = (
    (S.DRAFT, 10),
    (S.PLANNED, 20),
    (S.APPROVAL_REQUESTED, 25),
    (S.APPROVED, 20),
    (S.CONFIRMED, 20),
    (S.CANCELLED, 5),
)
APPROVED = (S.APPROVED, S.CONFIRMED, S.DONE)  # went through an approval in orange or red
SUBJECTS = (
    "Comité de pilotage de la coopération",
    "Visite du chantier",
    "Rencontre avec les services techniques",
    "Atelier de formation des agents",
    "Entretien avec le maire",
    "Réunion avec les associations locales",
)
MINUTES = tuple(
    f"## Compte rendu\n\n{LOREM}\n\n### Points abordés\n\n- {a}\n- {b}\n"
    for a, b in (
        ("bilan des activités", "calendrier"),
        ("budget", "suite du partenariat"),
        ("retours du terrain", "communication"),
    )
)
DECISIONS = (
    "1. Le comité valide le calendrier.\n2. Le budget de l'année est adopté.\n",
    "1. Une mission technique sera organisée.\n2. Le rapport est approuvé.\n",
)
MEETING_KINDS = (
    (MeetingKind.STEERING_COMMITTEE, 25),
    (MeetingKind.WORKING_GROUP, 30),
    (MeetingKind.TRAINING, 15),
    (MeetingKind.PUBLIC_EVENT, 10),
    (MeetingKind.OTHER, 20),
)
MEETING_HOURS = {MeetingKind.TRAINING: 6, MeetingKind.PUBLIC_EVENT: 3}
SOURCE = "France Diplomatie – Conseils aux voyageurs"
HOSTED = "Accueil en France : sans objet (délégation entrante)"


@dataclass
class Context:
    """What the generators read from the tables written before."""

    country: dict[int, str]  # project → its country
    partnership: dict[int, int]  # project → a partnership it belongs to
    partners: dict[int, list[int]]  # project → the bench partners members of it
    first: list[int]  # the projects whose rows come first: partners' and big plans'
    shared: list[int]  # every project of a bench partner, and the big plans
    approvers: list[int]
    groups: dict[int, list[tuple[int | None, int | None]]]  # group → (person, organisation)
    busy: dict[tuple[str, int], list[tuple[dt.date, dt.date]]] = field(default_factory=dict)
    leading: int = 0  # rows given to `first` so far


@dataclass(frozen=True)
class Trip:
    """A written mission, as its rows need it."""

    pk: int
    status: str
    departure: dt.date
    back: dt.date
    country: str  # the destination
    origin: str  # the partner's country: the destination, or where a hosted one comes from
    origin_city: str
    city: str  # the destination's
    level: str
    project: int | None
    people: tuple[tuple[str, int, str], ...]  # ("u"|"p", pk, role)


def build(scale: Scale, rng: random.Random, w: Writer, b: Built) -> None:
    """Write the missions and meetings of `scale` (after demo.scale's tables)."""
    ctx = _context(w, b)
    rates = _rates(w)
    owners = Owners(officers=list(b.officers))
    trips = _missions(scale, rng, w, b, ctx)
    _mission_rows(rng, w, trips, rates)
    _approvals_and_follow_ups(rng, w, b, ctx, trips, owners)
    _meetings(scale, rng, w, b, ctx, owners)


def _context(w: Writer, b: Built) -> Context:
    partners: dict[int, list[int]] = {}
    memberships = ProjectMembership.objects.filter(
        user_id__in=b.partners, role=MembershipRole.PARTNER
    ).order_by("user_id", "project_id")
    for project, user in memberships.values_list("project_id", "user_id"):
        partners.setdefault(project, []).append(user)
    # Round-robin over the partners' projects (each partner's first ones), then the big plans.
    by_user: dict[int, list[int]] = {}
    for project, users in partners.items():
        for user in users:
            by_user.setdefault(user, []).append(project)
    first = [ps[rank] for rank in range(3) for ps in by_user.values() if rank < len(ps)]
    first += [p for p in b.big_projects if p not in first]
    through = Partnership.projects.through.objects.order_by("pk")
    groups: dict[int, list[tuple[int | None, int | None]]] = {}
    for group, person, org in GroupMember.objects.order_by("pk").values_list(
        "group_id", "person_id", "organisation_id"
    ):
        groups.setdefault(group, []).append((person, org))
    return Context(
        country=dict(Project.objects.values_list("pk", "country")),
        partnership={p: s for s, p in through.values_list("partnership_id", "project_id")},
        partners=partners,
        first=first,
        shared=sorted({*partners, *b.big_projects}),
        approvers=_approvers(w, b),
        groups=groups,
    )


def _approvers(w: Writer, b: Built) -> list[int]:
    """The administrator and the first officer decide on orange and red missions (the
    officer's mission pages show the decision form)."""
    users = [pk for pk in (getattr(w.by, "pk", None), *b.officers[:1]) if pk is not None]
    note = "Validation des missions en zone orange et rouge"
    w.save(
        "mission approvers", MissionApprover, (MissionApprover(user_id=u, note=note) for u in users)
    )
    return users


def _rates(w: Writer) -> dict[tuple[str, int], int]:
    """The rate table: (country, year it starts) → its pk."""
    keys = [(country, year) for country in COUNTRIES for year in RATE_YEARS]
    pks = w.save(
        "per-diem rates",
        PerDiemRate,
        (
            PerDiemRate(
                country=country,
                amount=_rate(country, dt.date(year, 1, 1)),
                currency="EUR",
                valid_from=dt.date(year, 1, 1),
                source="Barème des indemnités de mission à l'étranger",
            )
            for country, year in keys
        ),
    )
    return dict(zip(keys, pks, strict=True))


def _rate_year(on: dt.date) -> int:
    """The first year of the rate valid on `on` (what `rate_for` finds)."""
    return max(year for year in RATE_YEARS if year <= on.year)


def _rate(country: str, on: dt.date) -> Decimal:
    steps = RATE_YEARS.index(_rate_year(on))
    amount = round_money(Decimal(COUNTRIES[country].per_diem) * Decimal("1.05") ** steps, "EUR")
    assert amount is not None
    return amount


def _project(rng: random.Random, b: Built, ctx: Context) -> int | None:
    """The leading projects first (one row each), then 6 % on the partners' projects and
    the big plans, the rest at random."""
    if ctx.leading < len(ctx.first):
        ctx.leading += 1
        return ctx.first[ctx.leading - 1]
    draw = rng.random()
    if draw < 0.06 and ctx.shared:
        return rng.choice(ctx.shared)
    return rng.choice(b.projects) if draw < 0.95 else None


def _span(b: Built, project: int | None) -> tuple[dt.date, int]:
    start, end = b.project_dates.get(project or 0, (FIRST, LAST))
    start, end = max(start, FIRST), min(end, LAST)
    if end <= start:
        start, end = FIRST, LAST
    return start, (end - start).days


def _free(ctx: Context, key: tuple[str, int], start: dt.date, end: dt.date) -> bool:
    return all(end < s or e < start for s, e in ctx.busy.get(key, ()))


def _missions(scale: Scale, rng: random.Random, w: Writer, b: Built, ctx: Context) -> list[Trip]:
    drafts: list[tuple[Trip, int | None]] = []  # pk filled after the write; a second project

    def rows() -> Iterator[Mission]:
        for n in range(scale.count("missions")):
            project = _project(rng, b, ctx)
            home = ctx.country.get(project or 0) or rng.choice(list(FOREIGN))
            incoming = rng.random() < 0.2
            country = "FR" if incoming else home
            origin_city = rng.choice(FOREIGN[home].split())
            city = rng.choice(CITY_STEMS) if incoming else origin_city
            start, span = _span(b, project)
            departure = day(rng, start, max(1, span - 14))
            back = departure + dt.timedelta(days=rng.choice((2, 3, 4, 4, 5, 6, 7, 9, 12)))
            level = weighted(rng, COUNTRIES[country].risks)
            status = _status(rng, departure, back, level)
            if status == S.DRAFT and rng.random() < 0.3:
                level = ""  # not assessed yet
            people = _participants(rng, b, ctx, project, incoming, departure, back, status)
            trip = Trip(
                0, status, departure, back, country, home, origin_city, city, level, project, people
            )
            extra = rng.choice(b.projects) if project and rng.random() < 0.1 else None
            drafts.append((trip, extra if extra != project else None))
            done = status == S.DONE
            work = rng.choice(WORK).lower()
            title = (
                f"Accueil de la délégation de {origin_city} à {city} — {work}"
                if incoming
                else f"Mission à {city} — {work} ({n + 1})"
            )
            yield Mission(
                title=title[:200],
                purpose=LOREM[:180],
                direction=MissionDirection.INCOMING if incoming else MissionDirection.OUTGOING,
                status=status,
                partnership_id=ctx.partnership.get(project or 0),
                organiser_id=b.project_owner.get(project or 0) or rng.choice(b.officers),
                departure_on=departure,
                return_on=back,
                country=country,
                city=city,
                timezone=COUNTRIES[country].zone,
                risk_level=level,
                risk_assessed_on=departure - dt.timedelta(days=rng.randint(7, 60))
                if level
                else None,
                risk_source=(HOSTED if incoming else SOURCE) if level else "",
                report=LOREM if done else "",
                decisions=rng.choice(DECISIONS) if done else "",
            )

    pks = w.save("missions", Mission, rows())
    trips: list[Trip] = []
    pairs: list[tuple[int, int]] = []
    for pk, (trip, extra) in zip(pks, drafts, strict=True):
        trips.append(replace(trip, pk=pk))
        pairs += [(pk, p) for p in (trip.project, extra) if p]
    w.m2m(Mission, "projects", pairs)
    return trips


def _status(rng: random.Random, departure: dt.date, back: dt.date, level: str) -> str:
    """Where the mission stands on REFERENCE (a status MissionService.move reaches)."""
    if back < REFERENCE:
        return S.DONE if rng.random() < 0.88 else S.CANCELLED
    if departure <= REFERENCE:
        return S.CONFIRMED
    return str(weighted(rng, FUTURE_APPROVAL if level in APPROVAL_LEVELS else FUTURE))


def _participants(
    rng: random.Random,
    b: Built,
    ctx: Context,
    project: int | None,
    incoming: bool,
    start: dt.date,
    end: dt.date,
    status: str,
) -> tuple[tuple[str, int, str], ...]:
    """Officers and elected people for an outgoing mission, the partner's people for a
    hosted one; nobody already on a live mission on these dates."""
    orgs = b.project_orgs.get(project or 0, [])
    candidates: list[tuple[str, int, str]] = []
    if incoming:
        local = [p for org in orgs[1:2] for p in b.people_of.get(org, [])]
        candidates += [
            ("p", p, ParticipantRole.PARTNER) for p in rng.sample(local, min(3, len(local)))
        ]
    else:
        officers = rng.sample(b.officers, min(len(b.officers), rng.choice((1, 1, 2))))
        candidates += [("u", u, ParticipantRole.STAFF) for u in officers]
        lead = [p for org in orgs[:1] for p in b.people_of.get(org, [])]
        if lead and rng.random() < 0.6:
            candidates.append(("p", rng.choice(lead), ParticipantRole.ELECTED))
        for user in ctx.partners.get(project or 0, [])[:1]:
            candidates.append(("u", user, ParticipantRole.PARTNER))
    while len(candidates) < 2:
        candidates.append(("p", rng.choice(b.people), ParticipantRole.OTHER))
    chosen: list[tuple[str, int, str]] = []
    for kind, pk, role in candidates:
        key = (kind, pk)
        if any((k, p) == key for k, p, _r in chosen):
            continue
        if status in ACTIVE_STATUSES:
            if not _free(ctx, key, start, end):
                continue
            ctx.busy.setdefault(key, []).append((start, end))
        chosen.append((kind, pk, role))
    if not chosen:  # everyone busy: someone of the contacts who is free
        while True:
            person = rng.choice(b.people)
            if _free(ctx, ("p", person), start, end):
                if status in ACTIVE_STATUSES:
                    ctx.busy.setdefault(("p", person), []).append((start, end))
                chosen.append(("p", person, ParticipantRole.OTHER))
                break
    return tuple(chosen)


def _mission_rows(
    rng: random.Random, w: Writer, trips: list[Trip], rates: dict[tuple[str, int], int]
) -> None:
    owners: list[Trip] = []  # the mission of each participant, in order

    def participants() -> Iterator[MissionParticipant]:
        for trip in trips:
            for kind, pk, role in trip.people:
                owners.append(trip)
                valid = rng.random() < 0.75
                expiry = trip.back + dt.timedelta(days=rng.randint(30, 3_650)) if valid else None
                yield MissionParticipant(
                    mission_id=trip.pk,
                    user_id=pk if kind == "u" else None,
                    person_id=pk if kind == "p" else None,
                    role=role,
                    passport_expires_on=expiry,
                )

    participant_pks = w.save("mission participants", MissionParticipant, participants())

    def checklist() -> Iterator[ChecklistEntry]:
        for pk, trip in zip(participant_pks, owners, strict=True):
            for kind in ChecklistKind.values:
                status = _item(rng, trip, kind)
                # The participant's mission on the item, as ChecklistEntryService sets it.
                yield ChecklistEntry(
                    participant_id=pk, mission_id=trip.pk, kind=kind, status=status
                )

    w.save("checklist items", ChecklistEntry, checklist())
    w.save("itinerary legs", ItineraryLeg, (leg for t in trips for leg in _legs(rng, t)))
    w.save("agenda items", AgendaItem, (a for t in trips for a in _agenda(rng, t)))
    w.save("emergency contacts", EmergencyContact, (c for t in trips for c in _contacts(rng, t)))
    w.save("budget lines", MissionCost, (c for t in trips for c in _costs(rng, t, rates)))


def _item(rng: random.Random, trip: Trip, kind: str) -> str:
    """Where a checklist item stands: done before leaving, Ariane (the ministry's
    registration of French travellers) not needed to come to France."""
    if kind == ChecklistKind.ARIANE and trip.country == "FR":
        return ChecklistStatus.NOT_NEEDED
    if kind in (ChecklistKind.VISA, ChecklistKind.VACCINATIONS) and rng.random() < 0.3:
        return ChecklistStatus.NOT_NEEDED
    if trip.status in (S.DONE, S.CONFIRMED) and trip.departure <= REFERENCE:
        return ChecklistStatus.DONE
    if trip.status == S.CANCELLED:
        return rng.choice((ChecklistStatus.TO_DO, ChecklistStatus.DONE))
    return str(
        weighted(
            rng,
            (
                (ChecklistStatus.TO_DO, 3),
                (ChecklistStatus.IN_PROGRESS, 2),
                (ChecklistStatus.DONE, 3),
            ),
        )
    )


def _at(on: dt.date, hour: int, minute: int, tz: str) -> dt.datetime:
    return dt.datetime.combine(on, dt.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(tz))


def _leg(
    places: tuple[str, str], leaves: dt.datetime, hours: float, arrival_tz: str, ref: str
) -> ItineraryLeg:
    """A leg whose local arrival is the departure's instant plus the journey (what
    ItineraryLeg.clean derives back from the local dates, times and zones)."""
    from_place, to_place = places
    arrives = (leaves + dt.timedelta(hours=hours)).astimezone(zoneinfo.ZoneInfo(arrival_tz))
    return ItineraryLeg(
        from_place=from_place,
        departure_on=leaves.date(),
        departure_time=leaves.time().replace(tzinfo=None),
        departure_tz=str(leaves.tzinfo),
        to_place=to_place,
        arrival_on=arrives.date(),
        arrival_time=arrives.time().replace(tzinfo=None),
        arrival_tz=arrival_tz,
        transport=Transport.TRAIN if ref.startswith("TGV") else Transport.PLANE,
        reference=ref,
        departs_at=leaves,
        arrives_at=arrives,
    )


def _legs(rng: random.Random, trip: Trip) -> Iterator[ItineraryLeg]:
    """Paris–destination and back by plane (a hosted delegation the other way round),
    sometimes the train to Paris first."""
    far, cdg = f"Aéroport de {trip.origin_city}", "Aéroport Paris-Charles-de-Gaulle"
    hosted = trip.country == "FR"
    hours = COUNTRIES[trip.origin].flight_hours + rng.choice((0, 0.5, 1, 1.5))
    there, home = COUNTRIES[trip.origin].zone, PARIS
    start_tz, end_tz = (there, home) if hosted else (home, there)
    out = (far, cdg) if hosted else (cdg, far)
    flight = rng.randint(100, 999)
    legs = []
    if not hosted and rng.random() < 0.3:
        legs.append(
            _leg(("Lille-Europe", cdg), _at(trip.departure, 6, 52, PARIS), 1, PARIS, "TGV 7814")
        )
    leaves = _at(trip.departure, rng.randint(8, 14), rng.choice((0, 15, 30, 45)), start_tz)
    legs.append(_leg(out, leaves, hours, end_tz, f"AF {flight}"))
    leaves = _at(trip.back, rng.randint(8, 15), rng.choice((0, 15, 30, 45)), end_tz)
    legs.append(_leg((out[1], out[0]), leaves, hours, start_tz, f"AF {flight + 1}"))
    for leg in legs:
        leg.mission_id = trip.pk
        yield leg


def _agenda(rng: random.Random, trip: Trip) -> Iterator[AgendaItem]:
    days = (trip.back - trip.departure).days
    for _ in range(rng.randint(1, 3)):
        yield AgendaItem(
            mission_id=trip.pk,
            starts_on=trip.departure + dt.timedelta(days=rng.randint(min(1, days), days)),
            starts_time=dt.time(rng.randint(9, 16), rng.choice((0, 30))),
            place=f"Hôtel de ville de {trip.city}",
            subject=rng.choice(SUBJECTS),
            people="M. le maire, Mme la directrice des services" if rng.random() < 0.5 else "",
        )


def _contacts(rng: random.Random, trip: Trip) -> Iterator[EmergencyContact]:
    if trip.country != "FR":
        yield EmergencyContact(
            mission_id=trip.pk,
            kind=ContactKind.EMBASSY,
            name=f"Ambassade de France ({trip.country})",
            phone=f"+{rng.randint(200, 299)} {rng.randint(10_000_000, 99_999_999)}",
        )
    if trip.country == "FR" or rng.random() < 0.5:
        yield EmergencyContact(
            mission_id=trip.pk,
            kind=ContactKind.LOCAL_PARTNER,
            name=f"Service des relations internationales, {trip.city}",
            email=f"international{trip.pk}@partners.example.org",
        )


def _costs(
    rng: random.Random, trip: Trip, rates: dict[tuple[str, int], int]
) -> Iterator[MissionCost]:
    """A transport line, often the per-diems at the table's rate, sometimes lodging."""
    people = Decimal(len(trip.people))
    nights = (trip.back - trip.departure).days
    fare = Decimal(rng.randint(150, 900))
    lines = [(CostKind.TRANSPORT, "Billets d'avion aller-retour", people, fare, None)]
    if rng.random() < 0.7:
        rate = _rate(trip.country, trip.departure)
        label = "Per diem"
        lines.append((CostKind.PER_DIEM, label, people * (nights + 1), rate, trip.country))
    if rng.random() < 0.4:
        lines.append(
            (CostKind.LODGING, "Hôtel", people * nights, Decimal(rng.randint(40, 120)), None)
        )
    for kind, label, quantity, unit, rated in lines:
        yield MissionCost(
            mission_id=trip.pk,
            kind=kind,
            label=label,
            quantity=quantity,
            unit_amount=unit,
            currency="EUR",
            amount=round_money(quantity * unit, "EUR"),
            rate_id=rates[(rated, _rate_year(trip.departure))] if rated else None,
        )


def _action_status(rng: random.Random, due: dt.date) -> tuple[str, dt.date | None]:
    """Most action items due long before REFERENCE are done; the recent ones half."""
    if due >= REFERENCE or rng.random() < (0.1 if due < REFERENCE - ONE_QUARTER else 0.5):
        return ActionStatus.OPEN, None
    return ActionStatus.DONE, min(REFERENCE, due + dt.timedelta(days=rng.randint(-10, 20)))


ONE_QUARTER = dt.timedelta(days=90)
ACTIONS = (
    "Envoyer le compte rendu aux partenaires",
    "Préparer la convention de financement",
    "Transmettre le budget prévisionnel",
    "Organiser la prochaine mission technique",
    "Mettre à jour le plan d'action",
    "Relancer le bailleur",
)


@dataclass
class Owners:
    """Who owns action items, and which officers already have one open and overdue (each
    gets one, so that every home page lists some)."""

    officers: list[int]
    overdue: set[int] = field(default_factory=set)

    def status(
        self, rng: random.Random, owner: int | None, due: dt.date
    ) -> tuple[str, dt.date | None]:
        if owner is not None and due < REFERENCE and owner not in self.overdue:
            self.overdue.add(owner)
            return ActionStatus.OPEN, None
        return _action_status(rng, due)


def _action(
    rng: random.Random, owners: Owners, user: int | None, person: int | None, due: dt.date
) -> ActionItem:
    status, done_on = owners.status(rng, user if user in owners.officers else None, due)
    title = rng.choice(ACTIONS)
    return ActionItem(
        title=title,
        description=LOREM[:120],
        owner_user_id=user,
        owner_person_id=person if user is None else None,
        due_on=due,
        status=status,
        done_on=done_on,
    )


def _approvals_and_follow_ups(
    rng: random.Random, w: Writer, b: Built, ctx: Context, trips: list[Trip], owners: Owners
) -> None:
    """The approver's decisions of orange and red missions; the reports' follow-ups (notes
    and action items of officers: partners' commitments are the partnerships' table)."""

    def approvals() -> Iterator[MissionApproval]:
        for trip in trips:
            if trip.level not in APPROVAL_LEVELS:
                continue
            refused = trip.status == S.PLANNED and rng.random() < 0.2
            if refused or (trip.status in APPROVED and rng.random() < 0.1):
                yield MissionApproval(
                    mission_id=trip.pk,
                    decision=ApprovalDecision.REFUSED,
                    reason="Conditions de sécurité insuffisantes à cette date.",
                    risk_level=trip.level,
                    decided_by_id=rng.choice(ctx.approvers),
                )
            if trip.status in APPROVED:
                yield MissionApproval(
                    mission_id=trip.pk,
                    decision=ApprovalDecision.APPROVED,
                    reason="Mission indispensable ; mesures de sécurité validées avec le poste.",
                    risk_level=trip.level,
                    decided_by_id=rng.choice(ctx.approvers),
                )

    w.save("mission approvals", MissionApproval, approvals())
    reported = [t for t in trips if t.status == S.DONE and rng.random() < 0.5]
    actions: list[tuple[Trip, int, ActionItem]] = []  # of each action item, in order

    def action_items() -> Iterator[ActionItem]:
        for trip in reported:
            if rng.random() < 0.6:
                users = [pk for kind, pk, _r in trip.people if kind == "u" and pk in b.officers]
                owner = users[0] if users else rng.choice(b.officers)
                due = trip.back + dt.timedelta(days=rng.randint(20, 90))
                item = _action(rng, owners, owner, None, due)
                item.mission_id = trip.pk
                item.description = item.title  # the follow-up's text, as the service copies it
                actions.append((trip, owner, item))
                yield item

    w.save("mission action items", ActionItem, action_items())

    def follow_ups() -> Iterator[MissionFollowUp]:
        for trip, owner, item in actions:
            yield MissionFollowUp(
                mission_id=trip.pk,
                kind=FollowUpKind.ACTION,
                text=item.description,
                owner_id=owner,
                due_on=item.due_on,
                action_item_id=item.pk,
            )
        for trip in reported:
            yield MissionFollowUp(
                mission_id=trip.pk,
                kind=FollowUpKind.NOTE,
                text="Prévoir un retour aux élus lors du prochain conseil municipal.",
            )

    w.save("mission follow-ups", MissionFollowUp, follow_ups())


KIND_TITLES = {
    MeetingKind.STEERING_COMMITTEE: "Comité de pilotage",
    MeetingKind.WORKING_GROUP: "Groupe de travail",
    MeetingKind.TRAINING: "Formation",
    MeetingKind.PUBLIC_EVENT: "Rencontre publique",
    MeetingKind.OTHER: "Réunion",
}
AGENDA = "1. Ouverture\n2. Point d'avancement\n3. Budget\n4. Questions diverses\n"


@dataclass(frozen=True)
class Gathering:
    """A written meeting, as its invitees and action items need it."""

    on: dt.date
    organiser: int
    project: int | None
    invitees: tuple[tuple[int | None, int | None], ...]  # (person, organisation)


def _meetings(
    scale: Scale, rng: random.Random, w: Writer, b: Built, ctx: Context, owners: Owners
) -> None:
    minutes_html = {text: render_markdown(text) for text in MINUTES}  # rendered once each
    decisions_html = {text: render_markdown(text) for text in DECISIONS}
    groups = list(ctx.groups)
    gatherings: list[Gathering] = []
    extra: list[int | None] = []
    ctx.leading = 0  # the partners' projects and the big plans first, as for missions

    def rows() -> Iterator[Meeting]:
        for n in range(scale.count("meetings")):
            project = _project(rng, b, ctx)
            kind = weighted(rng, MEETING_KINDS)
            grouped = groups and kind == MeetingKind.WORKING_GROUP and rng.random() < 0.4
            group = rng.choice(groups) if grouped else None
            start, span = _span(b, project)
            on = day(rng, start, span)
            country = ctx.country.get(project or 0, "FR") if rng.random() < 0.3 else "FR"
            city = rng.choice(FOREIGN[country].split() if country != "FR" else CITY_STEMS)
            tz = COUNTRIES[country].zone
            starts = _at(on, rng.randint(9, 15), rng.choice((0, 30)), tz)
            video = rng.random() < 0.3
            past = on < REFERENCE
            minutes = rng.choice(MINUTES) if past and rng.random() < 0.8 else ""
            decisions = rng.choice(DECISIONS) if minutes and rng.random() < 0.7 else ""
            organiser = b.project_owner.get(project or 0) or rng.choice(b.officers)
            gatherings.append(
                Gathering(on, organiser, project, _invited(rng, b, ctx, project, group))
            )
            extra.append(rng.choice(b.projects) if project and rng.random() < 0.1 else None)
            yield Meeting(
                kind=kind,
                title=f"{KIND_TITLES[kind]} — {rng.choice(WORK).lower()} ({n + 1})",
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=MEETING_HOURS.get(kind, rng.choice((1, 2)))),
                timezone=tz,
                place="" if video and rng.random() < 0.5 else f"Hôtel de ville de {city}",
                video_url=f"https://visio.example.org/reunion-{n + 1}" if video else "",
                group_id=group,
                partnership_id=ctx.partnership.get(project or 0) if rng.random() < 0.5 else None,
                organiser_id=organiser,
                agenda=AGENDA,
                minutes=minutes,
                decisions=decisions,
                minutes_html=minutes_html.get(minutes, ""),
                decisions_html=decisions_html.get(decisions, ""),
            )

    pks = w.save("meetings", Meeting, rows())
    w.m2m(
        Meeting,
        "projects",
        [
            (pk, p)
            for pk, g, more in zip(pks, gatherings, extra, strict=True)
            for p in dict.fromkeys((g.project, more))
            if p
        ],
    )

    def invitees() -> Iterator[Invitee]:
        for pk, g in zip(pks, gatherings, strict=True):
            past = g.on < REFERENCE
            choices = PAST if past else COMING
            for person, org in g.invitees:
                yield Invitee(
                    meeting_id=pk,
                    person_id=person,
                    organisation_id=org,
                    attendance=weighted(rng, choices),
                )

    w.save("invitees", Invitee, invitees())

    def action_items() -> Iterator[ActionItem]:
        for pk, g in zip(pks, gatherings, strict=True):
            if g.on >= REFERENCE:
                continue
            people = [person for person, _org in g.invitees if person]
            partners = ctx.partners.get(g.project or 0, [])
            for index in range(rng.choice((0, 1, 1, 2, 3))):
                due = g.on + dt.timedelta(days=rng.randint(14, 60))
                if index == 0 and partners:  # the partner's own, on its home page
                    item = _action(rng, owners, partners[0], None, due)
                elif people and rng.random() < 0.2:
                    item = _action(rng, owners, None, rng.choice(people), due)
                else:
                    owner = g.organiser if rng.random() < 0.5 else rng.choice(b.officers)
                    item = _action(rng, owners, owner, None, due)
                item.meeting_id = pk
                yield item

    w.save("meeting action items", ActionItem, action_items())


PAST = ((Attendance.PRESENT, 14), (Attendance.EXCUSED, 3), (Attendance.ABSENT, 3))
COMING = ((Attendance.INVITED, 10), (Attendance.ATTENDING, 7), (Attendance.EXCUSED, 3))


def _invited(
    rng: random.Random, b: Built, ctx: Context, project: int | None, group: int | None
) -> tuple[tuple[int | None, int | None], ...]:
    """A working group's members; the project's organisations and some of their people;
    a few other contacts. Each person or organisation once."""
    found: list[tuple[int | None, int | None]] = list(ctx.groups.get(group or 0, []))
    orgs = b.project_orgs.get(project or 0, [])
    for org in orgs[: rng.randint(1, 2)]:
        found.append((None, org))
    staff = [p for org in orgs for p in b.people_of.get(org, [])[:3]]
    found += [(p, None) for p in rng.sample(staff, min(len(staff), rng.randint(1, 4)))]
    found += [(rng.choice(b.people), None) for _ in range(rng.randint(0, 2))]
    return tuple(dict.fromkeys(found))
