"""The benchmarks' dataset, funding and finance (issue 16): at national scale 50 donors
with two instruments each (simple rules) and a call a year, 2,000 grants (each from a
granted application, tied to an agreement of its project, paid in tranches against its
reports), a budget per funded project (one adopted version of 10–24 lines, in euros
mostly, some in dirhams or CFA francs, most lines split with a grant), Bank Al-Maghrib's
dirham rates on working days (the CFA franc is pegged to the euro: never stored) and
1,000,000 expenses with their funder splits and receipts, then the stored over-spent
lines the home page reads (`finance.services.followup`).

The expenses follow the months, from 2014 to `AS_OF`: each month the projects under way
spend, in turn (the references, DEP-2019-0042, are numbered per year in that order, as
`ExpenseService` numbers them). A large share goes to the projects with a big plan
(P-000001's follow-up page) and to projects the partner users are members of. Older
expenses are validated, recent ones partly submitted, returned or draft; a few
validated ones have their counter-entry. The splits are the line's, as
`charges_from_line` computes them (own funds take what the grants leave).

Receipts: one small PDF is stored once and every receipt row points at it (a million
files would fill the disk); each row's checksum is that of the receipt it stands for
(the shared bytes and its expense's reference), so that no two receipts look like the
same file: an expense page lists the other expenses a file is attached to.

Expenses, their splits and receipts (three million rows and their first versions at
national scale) are written by `_Bulk`, rows of column values given to `executemany`
with their keys, then the same first versions as `Writer.save` (`INSERT … SELECT`):
the ORM's `bulk_create` compiles each value of each row in Python, ten times slower.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.db import connection, models
from django.utils.translation import gettext as _

from maillage.actors.models import Organisation
from maillage.core.collation import SortKeyField
from maillage.core.models import SearchableModel
from maillage.core.models_search import SearchEntry
from maillage.core.search import index_new
from maillage.core.services import write_first_versions
from maillage.core.text import normalize
from maillage.demo.scale import deferred_indexes, insert_sql, next_pk
from maillage.finance.models import (
    CFA_PARITY,
    Budget,
    BudgetLine,
    BudgetLineFunding,
    BudgetVersion,
    BudgetVersionKind,
    BudgetVersionStatus,
    ContractualRate,
    ExchangeRate,
    ExchangeRateSource,
    Expense,
    ExpenseCharge,
    ExpenseStatus,
    PaymentMethod,
    Receipt,
)
from maillage.finance.services.expenses import format_reference, next_number
from maillage.finance.services.followup import all_projects, refresh_followup
from maillage.funding.models import (
    Application,
    ApplicationStatus,
    Call,
    CallDocument,
    ChecklistItem,
    ChecklistState,
    CostCategory,
    Donor,
    DonorKind,
    Grant,
    Instrument,
    InstrumentPrerequisite,
    ObligationKind,
    PaymentPattern,
    ReportingObligation,
    Tranche,
)
from maillage.partnerships.models import Agreement
from maillage.projects.models import MembershipRole, Project, ProjectMembership

if TYPE_CHECKING:
    from maillage.demo.scale import Built, Scale, Writer

AS_OF = dt.date(2026, 5, 31)  # the dataset's "today" for money: nothing is spent after it
FIRST_RATE_DAY = dt.date(2014, 1, 1)
LAST_RATE_DAY = dt.date(2026, 12, 31)
FIRST_CALL_YEAR, LAST_CALL_YEAR = 2013, 2026
DIGITS = {"EUR": 2, "MAD": 2, "XOF": 0}  # minor units kept (the columns keep two)
PER_EURO = {"EUR": Decimal(1), "MAD": Decimal("10.8"), "XOF": CFA_PARITY}  # roughly
XOF_COUNTRIES = frozenset({"SN", "BF", "ML", "BJ"})
BIG_SHARE, PARTNER_SHARE = 0.15, 0.2  # of the expenses
REVERSED = 0.002  # validated expenses that get their counter-entry
CHUNK = 20_000

# Cost category → (line label, typical expense in euros); in-kind is no expense.
CATEGORIES = {
    CostCategory.STAFF: ("Personnel du projet", 1_800),
    CostCategory.TRAVEL: ("Missions et déplacements", 650),
    CostCategory.EQUIPMENT: ("Équipements et fournitures", 1_200),
    CostCategory.WORKS: ("Travaux", 4_500),
    CostCategory.SERVICES: ("Études et prestations", 2_500),
    CostCategory.TRAINING: ("Formations et ateliers", 800),
    CostCategory.COMMUNICATION: ("Communication et visibilité", 450),
    CostCategory.OVERHEADS: ("Frais de gestion", 600),
    CostCategory.CONTINGENCY: ("Imprévus", 700),
    CostCategory.OTHER: ("Autres dépenses", 400),
}
UNITS = ((1, "forfait"), (2, "lot"), (4, "trimestre"), (6, "lot"), (12, "mois"))
WHAT = {
    CostCategory.STAFF: ("Salaire du coordinateur", "Vacations de l'animatrice", "Indemnités"),
    CostCategory.TRAVEL: ("Billet d'avion Paris–Dakar", "Per diem mission", "Location véhicule"),
    CostCategory.EQUIPMENT: ("Ordinateurs portables", "Matériel de pompage", "Mobilier"),
    CostCategory.WORKS: ("Réhabilitation du forage", "Travaux de maçonnerie", "Toiture"),
    CostCategory.SERVICES: ("Étude de faisabilité", "Assistance technique", "Traduction"),
    CostCategory.TRAINING: ("Atelier de formation", "Location de salle", "Restauration"),
    CostCategory.COMMUNICATION: ("Impression des affiches", "Site internet", "Vidéo"),
    CostCategory.OVERHEADS: ("Frais bancaires", "Loyer du bureau", "Téléphonie"),
    CostCategory.CONTINGENCY: ("Dépense imprévue", "Réparation urgente", "Surcoût"),
    CostCategory.OTHER: ("Fournitures diverses", "Assurance", "Frais divers"),
}
PAYEES = tuple(
    f"{kind} {name}"
    for kind in ("Sarl", "Établissements", "Cabinet", "Société", "Transports", "Imprimerie")
    for name in ("Diallo", "Benali", "Martin", "du Sahel", "de l'Atlas", "Nguyen", "Kaboré")
)
METHODS = (
    (PaymentMethod.TRANSFER, 60),
    (PaymentMethod.CARD, 12),
    (PaymentMethod.CASH, 8),
    (PaymentMethod.CHEQUE, 8),
    (PaymentMethod.MOBILE, 8),
    (PaymentMethod.DIRECT_DEBIT, 4),
)
DONOR_KINDS = [k.value for k in DonorKind if k != DonorKind.OTHER]
RETURN_COMMENT = "Justificatif illisible : merci de joindre la facture acquittée."


def build(scale: Scale, rng: random.Random, w: Writer, b: Built) -> None:
    """Donors to expenses, in that order (each table names the rows written before)."""
    if not b.projects:
        return
    plans = _plans(scale, rng, b)
    instruments = _donors_and_instruments(scale, rng, w, b)
    _grants(rng, w, b, plans, instruments)
    _budgets(w, plans)
    _rates(rng, w)
    # The expenses step reads none of its tables by an index while it fills them.
    with deferred_indexes(Expense, ExpenseCharge, Receipt, SearchEntry):
        _expenses(rng, w, b, plans)
        started = time.perf_counter()
    w.report.add("expense indexes (made after)", 0, time.perf_counter() - started)
    _overspent_lines(w)


# --- what each funded project gets ------------------------------------------------------


@dataclass
class LinePlan:
    code: str
    category: str
    year: int
    currency: str
    quantity: int
    unit: str
    unit_cost: int  # in minor units of the currency
    mean: int  # a typical expense on the line, in minor units
    weight: float  # its share of the expenses of its year
    splits: list[tuple[int, int]] = field(default_factory=list)  # (grant index, minor units)
    pk: int = 0

    @property
    def amount(self) -> int:
        return self.quantity * self.unit_cost


@dataclass
class GrantPlan:
    instrument: InstrumentInfo | None = None
    pk: int = 0


@dataclass
class ProjectPlan:
    project: int
    start: dt.date
    end: dt.date
    currency: str
    expenses: int  # how many it gets
    grants: list[GrantPlan]
    lines: list[LinePlan] = field(default_factory=list)

    @property
    def spent_until(self) -> dt.date:
        return min(self.end, AS_OF)


def money(units: int, currency: str) -> Decimal:
    return Decimal(units).scaleb(-DIGITS[currency])


def units(euros: float, currency: str) -> int:
    return max(1, round(Decimal(euros) * PER_EURO[currency] * 10 ** DIGITS[currency]))


def _plans(scale: Scale, rng: random.Random, b: Built) -> list[ProjectPlan]:
    """The funded projects (the big plans', some of each partner's, then others with an
    agreement), their number of grants and of expenses, their budget lines."""
    total_grants = scale.count("grants")
    spends = {p for p in b.projects if b.project_dates[p][0] <= AS_OF - dt.timedelta(days=30)}
    grants: dict[int, int] = {}  # project → number of grants, in order of choice
    for pk in b.big_projects:
        grants[pk] = 2
    members: dict[int, list[int]] = {}
    for project, user in (
        ProjectMembership.objects.filter(user_id__in=b.partners, role=MembershipRole.PARTNER)
        .order_by("user_id", "project_id")
        .values_list("project_id", "user_id")
    ):
        members.setdefault(user, []).append(project)
    per_partner = max(1, total_grants // (4 * max(1, len(b.partners))))
    partner_projects: list[int] = []
    for user in b.partners:
        chosen = [p for p in members.get(user, []) if p in spends and p not in grants]
        for pk in chosen[:per_partner]:
            grants[pk] = 1
            partner_projects.append(pk)
    # Then other projects, those with an agreement first (a grant is tied to one).
    with_agreement = set(
        Agreement.projects.through.objects.filter(project_id__in=b.projects).values_list(
            "project_id", flat=True
        )
    )
    pool = [p for p in b.projects if p not in grants]
    rng.shuffle(pool)
    pool.sort(key=lambda p: p not in with_agreement)
    for pk in pool[: max(0, total_grants - sum(grants.values()))]:
        grants[pk] = 1
    big = set(b.big_projects)
    partners = set(partner_projects)
    counts = _expense_counts(scale.count("expenses"), rng, list(grants), spends, big, partners)
    countries = dict(Project.objects.filter(pk__in=list(grants)).values_list("pk", "country"))
    plans = []
    for pk, n in grants.items():
        start, end = b.project_dates[pk]
        country = countries[pk]
        currency = "EUR"
        if pk not in big and country == "MA" and rng.random() < 0.6:
            currency = "MAD"
        elif pk not in big and country in XOF_COUNTRIES and rng.random() < 0.6:
            currency = "XOF"
        plan = ProjectPlan(
            pk, start, end, currency, counts.get(pk, 0), [GrantPlan() for _ in range(n)]
        )
        plan.lines = _lines(rng, plan)
        plans.append(plan)
    return plans


def _expense_counts(
    total: int,
    rng: random.Random,
    funded: list[int],
    spends: set[int],
    big: set[int],
    partners: set[int],
) -> dict[int, int]:
    """How many expenses each funded project gets: their sum is `total`."""
    groups = [
        ([p for p in funded if p in big and p in spends], BIG_SHARE),
        ([p for p in funded if p in partners and p in spends], PARTNER_SHARE),
    ]
    rest = [p for p in funded if p in spends and p not in big and p not in partners]
    counts: dict[int, int] = {}
    left = total
    for projects, share in groups:
        if projects and rest:
            each = round(total * share) // len(projects)
            for pk in projects:
                counts[pk] = each
                left -= each
    rest = rest or [p for p in funded if p in spends]
    weights = [rng.uniform(0.3, 1.7) for _ in rest]
    scale = left / (sum(weights) or 1)
    given = 0
    for index, (pk, weight) in enumerate(zip(rest, weights, strict=True)):
        n = left - given if index == len(rest) - 1 else int(weight * scale)
        counts[pk] = counts.get(pk, 0) + n
        given += n
    return counts


def _active_days(plan: ProjectPlan, year: int) -> int:
    first = max(plan.start, dt.date(year, 1, 1))
    last = min(plan.spent_until, dt.date(year, 12, 31))
    return max(0, (last - first).days + 1)


def _lines(rng: random.Random, plan: ProjectPlan) -> list[LinePlan]:
    """10–24 lines, at least two a year of the project; each line's forecast is about
    what its expenses will add up to (from 80 % to 125 % of it)."""
    years = list(range(plan.start.year, plan.end.year + 1))
    count = max(rng.randint(10, 24), 2 * len(years))
    categories = list(CATEGORIES)
    rng.shuffle(categories)
    lines = []
    for i in range(count):
        year = years[i % len(years)]
        category = categories[(i // len(years)) % len(categories)]
        currency = plan.currency
        if currency != "EUR" and category == CostCategory.TRAVEL:
            currency = "EUR"  # tickets bought in France
        mean = units(CATEGORIES[category][1] * rng.uniform(0.6, 1.4), currency)
        lines.append(
            LinePlan(
                code=f"L{i + 1:02d}",
                category=category,
                year=year,
                currency=currency,
                quantity=1,
                unit="",
                unit_cost=0,
                mean=mean,
                weight=rng.uniform(0.5, 1.5),
            )
        )
    days = sum(_active_days(plan, y) for y in years) or 1
    for year in years:
        of_year = [line for line in lines if line.year == year]
        weights = sum(line.weight for line in of_year)
        expected_year = plan.expenses * _active_days(plan, year) / days
        for line in of_year:
            expected = expected_year * line.weight / weights
            if expected < 1:  # not spent yet: a forecast of its own
                expected = rng.randint(5, 40)
            target = min(int(expected * line.mean * rng.uniform(0.8, 1.25)), 900_000_000)
            quantity, unit = rng.choice(UNITS)
            line.quantity, line.unit = quantity, unit
            line.unit_cost = max(1, target // quantity)
    return lines


# --- funding ----------------------------------------------------------------------------


@dataclass
class InstrumentInfo:
    pk: int
    donor: int
    pattern: str
    ineligible: frozenset[str]
    calls: dict[int, tuple[int, dt.date]]  # year → (call, deadline)


def _donors_and_instruments(
    scale: Scale, rng: random.Random, w: Writer, b: Built
) -> list[InstrumentInfo]:
    count = min(len(b.french), max(4, round(50 * scale.factor)))
    orgs = Organisation.objects.in_bulk(rng.sample(b.french, k=count))
    donors = [
        Donor(organisation=org, kind=DONOR_KINDS[n % len(DONOR_KINDS)], notes="")
        for n, org in enumerate(orgs[pk] for pk in sorted(orgs))
    ]
    donor_pks = w.save("donors", Donor, donors)
    patterns = [p.value for p in PaymentPattern]
    specs: list[tuple[int, str, frozenset[str]]] = []
    rows: list[Instrument] = []
    for n, donor in enumerate(itertools.chain.from_iterable([d, d] for d in donor_pks)):
        pattern = patterns[n % len(patterns)]
        ineligible = frozenset({CostCategory.IN_KIND} if n % 3 == 0 else ())
        ineligible |= {CostCategory.CONTINGENCY} if n % 4 == 0 else set()
        specs.append((donor, pattern, ineligible))
        rows.append(
            Instrument(
                donor_id=donor,
                name=f"Fonds de coopération décentralisée {n + 1}",
                code=f"FCD-{n + 1:03d}",
                description="Soutien aux projets de coopération des collectivités.",
                currency="EUR",
                max_share_percent=Decimal(rng.choice((50, 70, 80))),
                min_applicant_share_percent=Decimal(rng.choice((10, 20, 30))),
                overheads_cap_percent=Decimal(rng.choice((7, 10))) if n % 2 else None,
                ineligible_cost_categories=sorted(ineligible),
                min_duration_months=6,
                max_duration_months=60,
                payment_pattern=pattern,
                held_back_percent=Decimal(20)
                if pattern == PaymentPattern.ADVANCE_BALANCE
                else None,
            )
        )
    instrument_pks = w.save("instruments", Instrument, rows)
    w.save(
        "instrument prerequisites",
        InstrumentPrerequisite,
        (
            InstrumentPrerequisite(instrument_id=pk, text=text, position=position)
            for pk in instrument_pks
            for position, text in enumerate(
                ("Délibération de l'assemblée", "Déclaration annuelle de l'aide déposée"), 1
            )
        ),
    )
    calls: list[Call] = []
    keys: list[tuple[int, int]] = []  # (instrument index, year)
    for index, pk in enumerate(instrument_pks):
        for year in range(FIRST_CALL_YEAR, LAST_CALL_YEAR + 1):
            deadline = dt.date(year, 3, 1) + dt.timedelta(days=index * 37 % 200)
            call = Call(
                instrument_id=pk,
                title=f"Appel à projets {year} — {rows[index].name}",
                reference=f"AAP-{year}-{index + 1:03d}",
                published_on=deadline - dt.timedelta(days=90),
                deadline_on=deadline,
                url=f"https://bailleur{index + 1}.example.org/aap-{year}",
                text="Les dossiers sont déposés en ligne avant la date limite.",
            )
            call.deadline_at = call.compute_deadline()  # what Call.save derives
            calls.append(call)
            keys.append((index, year))
    call_pks = w.save("calls", Call, calls)
    w.save(
        "call documents",
        CallDocument,
        (
            CallDocument(call_id=pk, name=name, required=required, position=position)
            for pk in call_pks
            for position, (name, required) in enumerate(CALL_DOCUMENTS, 1)
        ),
    )
    infos = [
        InstrumentInfo(pk, donor, pattern, ineligible, {})
        for pk, (donor, pattern, ineligible) in zip(instrument_pks, specs, strict=True)
    ]
    for pk, (index, year), call in zip(call_pks, keys, calls, strict=True):
        infos[index].calls[year] = (pk, call.deadline_on)
    return infos


CALL_DOCUMENTS = (
    ("Formulaire de demande", True),
    ("Budget prévisionnel", True),
    ("Lettre de soutien du partenaire", False),
)


def _agreements(w: Writer, rng: random.Random, projects: list[int]) -> dict[int, int]:
    """An agreement of each project (the grant's financing agreement): its own when it has
    one, else an existing agreement then linked to it."""
    through = Agreement.projects.through
    found: dict[int, int] = {}
    for project, agreement in (
        through.objects.filter(project_id__in=projects)
        .order_by("agreement_id")
        .values_list("project_id", "agreement_id")
    ):
        found.setdefault(project, agreement)
    every = list(Agreement.objects.order_by("pk").values_list("pk", flat=True))
    pairs = []
    for project in projects:
        if project not in found and every:
            found[project] = rng.choice(every)
            pairs.append((found[project], project))
    if pairs:
        w.m2m(Agreement, "projects", sorted(pairs))
    return found


def _grants(
    rng: random.Random,
    w: Writer,
    b: Built,
    plans: list[ProjectPlan],
    instruments: list[InstrumentInfo],
) -> None:
    """Applications (granted ones and others), their checklists, the grants with their
    reports and tranches; the lines' splits are chosen here (a grant's amount is what its
    splits add up to, in euros)."""
    agreements = _agreements(w, rng, [plan.project for plan in plans])
    applications: list[Application] = []
    granted: list[tuple[ProjectPlan, GrantPlan, InstrumentInfo, Decimal]] = []
    for plan in plans:
        chosen = rng.sample(instruments, k=min(len(plan.grants), len(instruments)))
        for index, grant in enumerate(plan.grants):
            grant.instrument = chosen[index % len(chosen)]
        for i, line in enumerate(plan.lines):
            index = i % len(plan.grants)
            info = plan.grants[index].instrument
            if rng.random() < 0.75 and info and line.category not in info.ineligible:
                share = rng.choice((100, 80, 70, 60, 50))
                line.splits.append((index, max(1, line.amount * share // 100)))
        for index, grant in enumerate(plan.grants):
            info = grant.instrument or chosen[0]
            euros = sum(
                money(units_, line.currency) / PER_EURO[line.currency]
                for line in plan.lines
                for g, units_ in line.splits
                if g == index
            )
            amount = max(
                Decimal(5_000), (Decimal(euros) / 100).to_integral_value(ROUND_CEILING) * 100
            )
            amount = min(amount, Decimal(900_000_000))
            year = min(max(plan.start.year - 1, FIRST_CALL_YEAR), LAST_CALL_YEAR)
            call, deadline = info.calls[year]
            applications.append(
                Application(
                    call_id=call,
                    project_id=plan.project,
                    status=ApplicationStatus.GRANTED,
                    requested_amount=amount * Decimal(rng.choice(("1", "1.1", "1.25"))),
                    currency="EUR",
                    owner_id=b.project_owner[plan.project],
                    submitted_on=deadline - dt.timedelta(days=rng.randint(1, 20)),
                    decided_on=deadline + dt.timedelta(days=rng.randint(30, 60)),
                )
            )
            granted.append((plan, grant, info, amount))
    applications += _other_applications(rng, b, instruments, len(granted) // 2)
    application_pks = w.save("applications", Application, applications)
    w.save(
        "application checklist items",
        ChecklistItem,
        (
            ChecklistItem(
                application_id=pk,
                name=name,
                required=required,
                position=position,
                state=ChecklistState.READY
                if application.submitted_on
                else rng.choice((ChecklistState.TO_PROVIDE, ChecklistState.IN_PROGRESS)),
            )
            for pk, application in zip(application_pks, applications, strict=True)
            for position, (name, required) in enumerate(CALL_DOCUMENTS, 1)
        ),
    )
    grant_pks = w.save(
        "grants",
        Grant,
        (
            Grant(
                application_id=application_pk,
                agreement_id=agreements[plan.project],
                amount=amount,
                currency="EUR",
                start_on=plan.start,
                end_on=plan.end,
            )
            for application_pk, (plan, _grant, _info, amount) in zip(
                application_pks, granted, strict=False
            )
        ),
    )
    for pk, (_plan, grant, _info, _amount) in zip(grant_pks, granted, strict=True):
        grant.pk = pk
    _reports_and_tranches(w, granted)
    w.save(
        "contractual rates",
        ContractualRate,
        (
            ContractualRate(grant_id=grant.pk, currency="MAD", rate=Decimal("10.85"))
            for plan, grant, _info, _amount in granted
            if plan.currency == "MAD" and rng.random() < 0.3
        ),
    )


def _other_applications(
    rng: random.Random, b: Built, instruments: list[InstrumentInfo], count: int
) -> list[Application]:
    """Applications that were not granted, or not yet: rejected, withdrawn, submitted,
    being drafted, watched."""
    statuses = (
        (ApplicationStatus.REJECTED, 40),
        (ApplicationStatus.WITHDRAWN, 10),
        (ApplicationStatus.SUBMITTED, 20),
        (ApplicationStatus.DRAFTING, 15),
        (ApplicationStatus.WATCH, 10),
        (ApplicationStatus.GO_NO_GO, 5),
    )
    rows = []
    for n in range(count):
        status = rng.choices([s for s, _w in statuses], weights=[w for _s, w in statuses])[0]
        info = rng.choice(instruments)
        decided = status in (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN)
        year = rng.randint(FIRST_CALL_YEAR, LAST_CALL_YEAR - 1) if decided else LAST_CALL_YEAR
        call, deadline = info.calls[year]
        project = rng.choice(b.projects) if rng.random() < 0.7 else None
        sent = status in (ApplicationStatus.REJECTED, ApplicationStatus.SUBMITTED)
        rows.append(
            Application(
                call_id=call,
                project_id=project,
                idea_title="" if project else f"Idée de projet {n + 1}",
                status=status,
                requested_amount=Decimal(rng.randint(10, 500)) * 1_000,
                currency="EUR",
                owner_id=b.project_owner[project] if project else rng.choice(b.officers),
                submitted_on=deadline - dt.timedelta(days=3) if sent else None,
                decided_on=deadline + dt.timedelta(days=45)
                if status == ApplicationStatus.REJECTED
                else None,
            )
        )
    return rows


def _reports_and_tranches(
    w: Writer,
    granted: list[tuple[ProjectPlan, GrantPlan, InstrumentInfo, Decimal]],
) -> None:
    """An interim narrative report and a final financial one per grant; tranches by the
    instrument's payment schedule, adding up to the amount, received when due (the held
    back balance once the final report is accepted)."""
    obligations: list[ReportingObligation] = []
    for plan, grant, _info, _amount in granted:
        middle = plan.start + (plan.end - plan.start) / 2
        for kind, title, due, final in (
            (ObligationKind.NARRATIVE, "Rapport intermédiaire", middle, False),
            (ObligationKind.FINANCIAL, "Rapport financier final", plan.end + DAYS_90, True),
        ):
            submitted = due - dt.timedelta(days=5) if due <= AS_OF else None
            accepted = due + dt.timedelta(days=20) if submitted else None
            obligations.append(
                ReportingObligation(
                    grant_id=grant.pk,
                    kind=kind,
                    title=title,
                    is_final=final,
                    due_on=due,
                    submitted_on=submitted,
                    accepted_on=accepted if accepted and accepted <= AS_OF else None,
                )
            )
    obligation_pks = w.save("reporting obligations", ReportingObligation, obligations)
    tranches: list[Tranche] = []
    for index, (plan, grant, info, amount) in enumerate(granted):
        final = obligations[2 * index + 1]
        final_pk = obligation_pks[2 * index + 1]
        for position, (share, expected, held) in enumerate(_schedule(plan, info.pattern), 1):
            tranches.append(
                Tranche(
                    grant_id=grant.pk,
                    position=position,
                    expected_on=expected,
                    expected_amount=(amount * share).quantize(Decimal(1)),
                    held_back=held,
                    awaits_id=final_pk if held else None,
                )
            )
        total = sum(t.expected_amount for t in tranches[-position:])
        tranches[-1].expected_amount += amount - total  # the rounding goes to the last
        for tranche in tranches[-position:]:
            due = tranche.expected_on
            paid = due is not None and due + DAYS_10 <= AS_OF
            if tranche.held_back:
                paid = paid and final.accepted_on is not None
            if paid:
                tranche.received_on = due + DAYS_10  # type: ignore[operator]  # paid: a date
                tranche.received_amount = tranche.expected_amount
    w.save("tranches", Tranche, tranches)


DAYS_10 = dt.timedelta(days=10)
DAYS_90 = dt.timedelta(days=90)


def _schedule(plan: ProjectPlan, pattern: str) -> list[tuple[Decimal, dt.date, bool]]:
    """(share of the amount, expected on, held back) of each tranche; shares of 1."""
    start, end = plan.start + dt.timedelta(days=30), plan.end + dt.timedelta(days=120)
    middle = plan.start + (plan.end - plan.start) / 2
    if pattern == PaymentPattern.ADVANCE_BALANCE:
        return [(Decimal("0.8"), start, False), (Decimal("0.2"), end, True)]
    if pattern == PaymentPattern.YEARLY:
        years = min(4, plan.end.year - plan.start.year + 1)
        return [
            (Decimal(1) / years, start + dt.timedelta(days=365 * n), False) for n in range(years)
        ]
    if pattern == PaymentPattern.MILESTONES:
        return [
            (Decimal("0.4"), start, False),
            (Decimal("0.4"), middle, False),
            (Decimal("0.2"), end, True),
        ]
    if pattern == PaymentPattern.REIMBURSEMENT:
        return [(Decimal("0.5"), middle, False), (Decimal("0.5"), end, False)]
    return [(Decimal(1), start, False)]


# --- budgets and rates ------------------------------------------------------------------


def _budgets(w: Writer, plans: list[ProjectPlan]) -> None:
    """A budget per funded project, its initial version adopted before the project
    starts, its lines and their splits."""
    projects = Project.objects.in_bulk([plan.project for plan in plans])
    budget_pks = w.save(
        "budgets",
        Budget,
        [Budget(project=projects[plan.project], currency=plan.currency) for plan in plans],
    )
    version_pks = w.save(
        "budget versions",
        BudgetVersion,
        (
            BudgetVersion(
                budget_id=pk,
                number=1,
                kind=BudgetVersionKind.INITIAL,
                status=BudgetVersionStatus.ADOPTED,
                adopted_on=plan.start - dt.timedelta(days=30),
            )
            for pk, plan in zip(budget_pks, plans, strict=True)
        ),
    )
    lines = [line for plan in plans for line in plan.lines]
    line_pks = w.save(
        "project budget lines",
        BudgetLine,
        (
            BudgetLine(
                budget_version_id=version,
                code=line.code,
                label=f"{CATEGORIES[line.category][0]} {line.year}",
                category=line.category,
                quantity=Decimal(line.quantity),
                unit=line.unit,
                unit_cost=money(line.unit_cost, line.currency),
                currency=line.currency,
                amount=money(line.amount, line.currency),  # what BudgetLineService derives
                year=line.year,
            )
            for version, plan in zip(version_pks, plans, strict=True)
            for line in plan.lines
        ),
    )
    for pk, line in zip(line_pks, lines, strict=True):
        line.pk = pk
    w.save(
        "budget line splits",
        BudgetLineFunding,
        (
            BudgetLineFunding(
                line_id=line.pk,
                donor_id=_donor(plan.grants[index]),
                grant_id=plan.grants[index].pk,
                amount=money(amount, line.currency),
            )
            for plan in plans
            for line in plan.lines
            for index, amount in line.splits
        ),
    )


def _donor(grant: GrantPlan) -> int:
    assert grant.instrument is not None  # every grant has its instrument (`_grants`)
    return grant.instrument.donor


def _rates(rng: random.Random, w: Writer) -> None:
    """Bank Al-Maghrib's dirham, every working day; no CFA franc (pegged)."""

    def rows() -> Iterator[ExchangeRate]:
        rate = 10.8
        on = FIRST_RATE_DAY
        while on <= LAST_RATE_DAY:
            if on.weekday() < 5:
                rate = min(11.4, max(10.3, rate + rng.uniform(-0.03, 0.03)))
                yield ExchangeRate(
                    on=on,
                    currency="MAD",
                    rate=Decimal(f"{rate:.4f}"),
                    source=ExchangeRateSource.BAM,
                )
            on += dt.timedelta(days=1)

    w.save("exchange rates", ExchangeRate, rows())


# --- expenses ---------------------------------------------------------------------------


class _Bulk:
    """Rows of one table given as column values (`columns`, in that order, adapted for the
    database driver) written with `executemany` under keys numbered here, then their
    first historical versions as `Writer.save` writes them; the columns not given take
    their field's default (`auto_now`: the writer's time)."""

    def __init__(
        self, w: Writer, label: str, model: type[models.Model], columns: Sequence[str]
    ) -> None:
        self.w, self.label, self.model = w, label, model
        pk = model._meta.pk
        assert pk is not None  # every concrete model has one
        given = {pk.attname, *columns}
        fields = {f.attname: f for f in model._meta.concrete_fields}
        rest = [f for name, f in fields.items() if name not in given]
        self.constants = tuple(f.get_db_prep_save(_default(f, w.now), connection) for f in rest)
        names = [pk.column, *(fields[c].column for c in columns), *(f.column for f in rest)]
        self.sql = insert_sql(model, names)
        self.next_pk = next_pk(model)
        self.searchable = issubclass(model, SearchableModel)
        # Where each field's value is in a row (the record's own order of fields).
        stored = [pk.attname, *columns, *(f.attname for f in rest)]
        position = {name: i for i, name in enumerate(stored)}
        self.field_order = [position[f.attname] for f in model._meta.concrete_fields]
        self.rows: list[tuple[Any, ...]] = []
        self.count = 0
        self.seconds = 0.0

    def add(self, *values: Any) -> int:
        pk = self.next_pk
        self.next_pk += 1
        self.rows.append((pk, *values, *self.constants))
        return pk

    def flush(self) -> None:
        if not self.rows:
            return
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.executemany(self.sql, self.rows)
        first, last = self.rows[0][0], self.rows[-1][0]
        write_first_versions(
            self.model, list(range(first, last + 1)), user=self.w.by, reason=None, when=self.w.now
        )
        if self.searchable:  # the search entries, from the values in memory
            index_new(self.instances())
        self.count += len(self.rows)
        self.rows = []
        self.seconds += time.perf_counter() - started

    def instances(self) -> Iterator[models.Model]:
        """The rows as records (positional arguments: a third of the time of keywords),
        for their search entries; the other columns' values as stored."""
        model, order = self.model, self.field_order
        for row in self.rows:
            yield model(*[row[i] for i in order])

    def close(self, seconds: float | None = None) -> None:
        """The last rows; the key sequence moved past ours (PostgreSQL); the time."""
        self.flush()
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [self.model]):
                cursor.execute(sql)
        self.w.report.add(self.label, self.count, self.seconds if seconds is None else seconds)


def _default(f: models.Field[Any, Any], now: dt.datetime) -> Any:
    if isinstance(f, SortKeyField):  # derived from another column: give it
        raise ValueError(f"{f.model.__name__}.{f.name} is derived: give its value")
    if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
        return now
    if f.has_default():
        return f.get_default()
    if f.null:
        return None
    raise ValueError(f"{f.model.__name__}.{f.name} needs a value")


EXPENSE_COLUMNS = (
    "project_id",
    "reference",
    "spent_on",
    "payee_id",
    "payee_name",
    "description",
    "amount",
    "currency",
    "payment_method",
    "budget_line_id",
    "status",
    "return_comment",
    "entered_by_id",
    "validated_by_id",
    "validated_at",
    "reverses_id",
    "search_text",
)


@dataclass
class Spent:
    """What a counter-entry copies of the expense it cancels."""

    pk: int
    reference: str
    line: LinePlan
    spent_on: dt.date
    payee: int | None
    payee_name: str
    description: str
    amount: int
    method: str
    charges: list[tuple[int | None, int | None, int]]


def _expenses(rng: random.Random, w: Writer, b: Built, plans: list[ProjectPlan]) -> None:
    """The expenses month by month, with their splits and receipts, in chunks."""
    started = time.perf_counter()
    partner_of: dict[int, int] = {}
    for project, user in (
        ProjectMembership.objects.filter(user_id__in=b.partners, role=MembershipRole.PARTNER)
        .order_by("user_id")
        .values_list("project_id", "user_id")
    ):
        partner_of.setdefault(project, user)
    by_month: dict[int, list[tuple[ProjectPlan, int]]] = {}
    for plan in plans:
        for month, count in _monthly(plan):
            by_month.setdefault(month, []).append((plan, count))
    expenses = _Bulk(w, "expenses", Expense, EXPENSE_COLUMNS)
    charges = _Bulk(
        w, "expense charges", ExpenseCharge, ("expense_id", "donor_id", "grant_id", "amount")
    )
    receipts = _Bulk(
        w, "receipts", Receipt, ("expense_id", "file", "checksum", "size", "original_name")
    )
    file_name, size, digest = _receipt_file()
    numbers: dict[int, int] = {}
    texts: dict[tuple[str, str], str] = {}
    stamps: dict[dt.date, Any] = {}
    pending: dict[int, Spent] = {}  # project → a validated expense to reverse
    methods = [m for m, _w in METHODS]
    method_weights = list(itertools.accumulate(wt for _m, wt in METHODS))

    def reference(on: dt.date) -> str:
        if on.year not in numbers:
            numbers[on.year] = next_number(on.year)
        number = numbers[on.year]
        numbers[on.year] += 1
        return format_reference(on.year, number)

    def search_text(ref: str, payee_name: str, description: str) -> str:
        key = (payee_name, description)
        if key not in texts:
            texts[key] = normalize(f"{payee_name} {description}")
        return f"{ref.lower()} {texts[key]}"  # compute_search_text, word by word

    def validated_at(on: dt.date) -> Any:
        if on not in stamps:
            at = dt.datetime.combine(on, dt.time(10), tzinfo=dt.UTC)
            stamps[on] = connection.ops.adapt_datetimefield_value(at)
        return stamps[on]

    def write(plan: ProjectPlan, spent: Spent, status: str, counter: Spent | None) -> int:
        line, currency = spent.line, spent.line.currency
        sign = -1 if counter else 1
        ref = reference(spent.spent_on)
        description = spent.description
        if counter:
            description = _("Counter-entry of %(reference)s: %(text)s") % {
                "reference": counter.reference,
                "text": counter.description,
            }
        owner = b.project_owner[plan.project]
        entered = owner
        if plan.project in partner_of and not counter and rng.random() < 0.5:
            entered = partner_of[plan.project]
        validated = status == ExpenseStatus.VALIDATED
        checked_on = min(AS_OF, spent.spent_on + dt.timedelta(days=rng.randint(2, 40)))
        pk = expenses.add(
            plan.project,
            ref,
            spent.spent_on,
            spent.payee,
            spent.payee_name,
            description,
            money(sign * spent.amount, currency),
            currency,
            spent.method,
            line.pk,
            status,
            RETURN_COMMENT if status == ExpenseStatus.RETURNED else "",
            entered,
            owner if validated else None,
            validated_at(checked_on) if validated else None,
            counter.pk if counter else None,
            search_text(ref, spent.payee_name, description),
        )
        for donor, grant, amount in spent.charges:
            charges.add(pk, donor, grant, money(sign * amount, currency))
        if status != ExpenseStatus.DRAFT and not counter:
            checksum = digest.copy()
            checksum.update(ref.encode())
            name = f"facture-{spent.spent_on:%Y%m%d}.pdf"
            receipts.add(pk, file_name, checksum.hexdigest(), size, name)
        if not counter:
            spent.pk, spent.reference = pk, ref
        return pk

    choices: dict[tuple[int, int], tuple[list[LinePlan], list[float]]] = {}
    for plan in plans:
        for year in {line.year for line in plan.lines}:
            of_year = [line for line in plan.lines if line.year == year]
            choices[plan.project, year] = (
                of_year,
                list(itertools.accumulate(line.weight for line in of_year)),
            )
    for month in sorted(by_month):
        year, index = divmod(month, 12)
        first = dt.date(year, index + 1, 1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        slots = [plan for plan, count in by_month[month] for _ in range(count)]
        rng.shuffle(slots)
        for plan in slots:
            reversed_ = pending.pop(plan.project, None)
            if reversed_ is not None:
                write(plan, reversed_, ExpenseStatus.VALIDATED, counter=reversed_)
                continue
            lines, weights = choices[plan.project, year]
            line = rng.choices(lines, cum_weights=weights)[0]
            low, high = max(plan.start, first), min(plan.spent_until, last)
            on = low + dt.timedelta(days=rng.randint(0, (high - low).days))
            orgs = b.project_orgs.get(plan.project)
            payee = rng.choice(orgs) if orgs and rng.random() < 0.15 else None
            amount = max(1, int(line.mean * rng.uniform(0.2, 1.8)))
            spent = Spent(
                pk=0,
                reference="",
                line=line,
                spent_on=on,
                payee=payee,
                payee_name="" if payee else rng.choice(PAYEES),
                description=rng.choice(WHAT[line.category]),
                amount=amount,
                method=rng.choices(methods, cum_weights=method_weights)[0],
                charges=_charges_from_line(plan, line, amount),
            )
            status = _status(rng, (AS_OF - on).days)
            write(plan, spent, status, counter=None)
            if status == ExpenseStatus.VALIDATED and rng.random() < REVERSED:
                pending[plan.project] = spent
        if len(expenses.rows) >= CHUNK:
            for table in (expenses, charges, receipts):
                table.flush()
    expenses.flush()
    charges.close()
    receipts.close()
    # The expenses' time is the whole loop's but their splits' and receipts' writes.
    expenses.close(time.perf_counter() - started - charges.seconds - receipts.seconds)


def _overspent_lines(w: Writer) -> None:
    """The over-spent lines the home page reads: the expenses went in past the service
    that keeps them, so they are worked out once here, as the night's run does."""
    started = time.perf_counter()
    stored = refresh_followup(all_projects(), today=AS_OF)
    w.report.add("over-spent lines", stored, time.perf_counter() - started)


def _monthly(plan: ProjectPlan) -> Iterator[tuple[int, int]]:
    """(month, number of expenses) over the project's spending months, in proportion to
    its days in each month; the numbers add up to `plan.expenses`."""
    if not plan.expenses or plan.start > plan.spent_until:
        return
    total = (plan.spent_until - plan.start).days + 1
    done = given = 0
    month = plan.start.year * 12 + plan.start.month - 1
    while True:
        year, index = divmod(month, 12)
        first = dt.date(year, index + 1, 1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        days = (
            min(following, plan.spent_until + dt.timedelta(days=1)) - max(first, plan.start)
        ).days
        done += days
        count = round(plan.expenses * done / total) - given
        given += count
        if count:
            yield month, count
        if following > plan.spent_until:
            return
        month += 1


def _charges_from_line(
    plan: ProjectPlan, line: LinePlan, amount: int
) -> list[tuple[int | None, int | None, int]]:
    """(donor, grant, minor units) of each split, as `charges_from_line` makes them: the
    line's proportions rounded half up, the rest on own funds (or on the largest share
    when the grants pay the whole line)."""
    rows: list[tuple[int | None, int | None, int]] = []
    total = line.amount
    funded = 0
    for index, split in line.splits:
        funded += split
        share = (2 * amount * split + total) // (2 * total)
        if share:
            grant = plan.grants[index]
            rows.append((_donor(grant), grant.pk, share))
    rest = amount - sum(row[2] for row in rows)
    if rest and (not rows or funded < total):
        rows.append((None, None, rest))
    elif rest:
        largest = max(range(len(rows)), key=lambda i: abs(rows[i][2]))
        donor, grant_pk, share = rows[largest]
        rows[largest] = (donor, grant_pk, share + rest)
    return rows


def _status(rng: random.Random, age: int) -> str:
    """Validated once a quarter old, nearly always; recent ones still on their way."""
    draw = rng.random()
    if age > 90:
        if draw < 0.985:
            return ExpenseStatus.VALIDATED
        return (ExpenseStatus.RETURNED, ExpenseStatus.SUBMITTED, ExpenseStatus.DRAFT)[
            int((draw - 0.985) / 0.005) % 3
        ]
    if draw < 0.4:
        return ExpenseStatus.VALIDATED
    if draw < 0.75:
        return ExpenseStatus.SUBMITTED
    if draw < 0.95:
        return ExpenseStatus.DRAFT
    return ExpenseStatus.RETURNED


def _receipt_file() -> tuple[str, int, Any]:
    """The stored PDF every receipt points at (stored once, under its digest), its size,
    and a SHA-256 of its bytes to go on with each receipt's own."""
    from fpdf import FPDF

    pdf = FPDF(format=(148, 210))
    pdf.set_creation_date(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))  # the same bytes each run
    pdf.set_compression(True)
    pdf.add_page()
    pdf.set_font("helvetica", "", 12)
    pdf.multi_cell(0, 8, "Facture - jeu de données de mesure (Maillage)")
    data = bytes(pdf.output())
    storage = Receipt._meta.get_field("file").storage  # type: ignore[attr-defined]  # a file field has one
    name = f"finance/receipts/bench/{hashlib.sha256(data).hexdigest()[:32]}.pdf"
    if not storage.exists(name):
        name = storage.save(name, ContentFile(data))
    digest = hashlib.sha256(data)
    return name, len(data), digest
