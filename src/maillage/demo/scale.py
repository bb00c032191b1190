"""A national-size dataset for the benchmarks: `maillage bench-data --scale national`.

The demo (`maillage.demo.build`) tells a story with a hundred organisations; this module
makes the volume of a national service (issue 16): at national scale 20,000
organisations, 60,000 people with their positions, 200,000 interactions, 25,000
projects with their consortium and members, 250,000 plan items (three projects with
about 1,000 items and their dependencies, for the Gantt chart), 20,000 risks, 20,000
field updates, 5,000 agreements (some for several projects) with 20,000 commitments;
and, from the later apps' own modules (`extensions()`: `scale_finance`, `scale_results`,
`scale_missions`), 2,000 grants with budgets and 1,000,000 expenses, 25,000 indicators
with 200,000 values, 5,000 missions and 5,000 meetings.
`small` makes a tenth, `tiny` a few hundred rows (for the tests).

Everything is drawn from one seeded random generator and fixed dates (2014–2031, around
today), so two runs give the same records. The rows go through the same models, in
bulk, with their first historical version where the product keeps history
(`core.services.bulk_save`, the path of `ModelService.create_many`, without the
per-row checks, which would read the database once per row): the values are valid by
construction (SIRET and SIREN pass the Luhn check, départements are INSEE codes of
French organisations only, dates in order, milestones on one day, dependencies inside
one project and without cycles…), and the tests check a sample with `full_clean()`.

Users (password `BENCH_PASSWORD`): `bench-admin`, `bench-viewer`, officers
`bench-officer-1`…, and partners `bench-partner-1`…, each a member of 20 projects
(`bench-partner-1` is also a member of the first project with a 1,000-item plan).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import itertools
import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.db.models.fields import AutoFieldMixin
from django.utils import timezone

from maillage.accounts.models import Role, User
from maillage.actors.models import (
    Group,
    GroupMember,
    Interaction,
    InteractionKind,
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
from maillage.core.models import CodelistItem, SearchableModel
from maillage.core.reference import departements
from maillage.core.sanitize import render_markdown
from maillage.core.search import index_new
from maillage.core.search import optimize as search_optimize
from maillage.core.services import (
    bulk_save,
    copies_first_versions,
    history_model,
    write_first_versions,
)
from maillage.partnerships.models import (
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementStatus,
    Amendment,
    Commitment,
    CommitmentStatus,
    CouncilDecision,
    Partnership,
    PartnershipStatus,
)
from maillage.projects.models import (
    Dependency,
    FieldUpdate,
    ItemKind,
    MembershipRole,
    PartnerRole,
    PlanItem,
    Programme,
    Project,
    ProjectLocation,
    ProjectMembership,
    ProjectPartner,
    ProjectSector,
    ProjectStatus,
    Risk,
    RiskCategory,
    RiskStatus,
    Strategy,
    TaskStatus,
)

M = TypeVar("M", bound=models.Model)

BENCH_PASSWORD = "maillage-bench"  # noqa: S105 — the documented password of throw-away data
CHUNK = 20_000  # rows built and written at a time (memory stays flat)

# Row counts at national scale (issue 16); other scales multiply them.
NATIONAL = {
    "organisations": 20_000,
    "people": 60_000,
    "interactions": 200_000,
    "projects": 25_000,
    "plan_items": 250_000,
    "risks": 20_000,
    "updates": 20_000,
    "agreements": 5_000,
    "commitments": 20_000,
    "partnerships": 2_500,
    "groups": 200,
    "programmes": 100,
    "strategies": 20,
    # The later apps (demo/scale_finance.py, scale_results.py, scale_missions.py).
    "grants": 2_000,
    "expenses": 1_000_000,
    "indicators": 25_000,
    "indicator_values": 200_000,
    "missions": 5_000,
    "meetings": 5_000,
}
# "double": twice national scale, where issue 16 asks every page to stay within target.
SCALES = {"double": 2.0, "national": 1.0, "small": 0.1, "tiny": 0.004}


@dataclass(frozen=True)
class Scale:
    name: str
    factor: float
    officers: int
    partners: int
    projects_per_partner: int
    big_plans: int  # projects with a large plan (the Gantt's worst case)
    big_plan_items: int

    def count(self, key: str) -> int:
        return max(4, round(NATIONAL[key] * self.factor))


def scale_named(name: str) -> Scale:
    factor = SCALES[name]
    if name == "tiny":
        return Scale(name, factor, 2, 2, 5, 1, 40)
    return Scale(name, factor, 10, 5, 20, 3, 1_000)


@dataclass
class Report:
    """Rows written and seconds spent, by table, in the order they were made."""

    tables: list[tuple[str, int, float]] = field(default_factory=list)
    on_table: Callable[[str, int, float], None] | None = None

    def add(self, table: str, rows: int, seconds: float) -> None:
        self.tables.append((table, rows, seconds))
        if self.on_table:
            self.on_table(table, rows, seconds)

    @property
    def counts(self) -> dict[str, int]:
        return {table: rows for table, rows, _s in self.tables}

    @property
    def seconds(self) -> float:
        return sum(s for _t, _r, s in self.tables)


def database_has_data() -> bool:
    """Whether records a person entered are there (users, organisations, projects):
    reference rows (codelists, SDGs) do not count."""
    return any(m._default_manager.exists() for m in (User, Organisation, Project))


# --- names and places ----------------------------------------------------------------

FIRST_NAMES = [
    "Camille",
    "Marie",
    "Jean",
    "Pierre",
    "Sophie",
    "Nicolas",
    "Julie",
    "Thomas",
    "Claire",
    "Antoine",
    "Léa",
    "Hugo",
    "Emma",
    "Lucas",
    "Chloé",
    "Louis",
    "Manon",
    "Paul",
    "Inès",
    "Arthur",
    "Sarah",
    "Youssef",
    "Fatima",
    "Mohamed",
    "Amina",
    "Karim",
    "Aïssatou",
    "Moussa",
    "Awa",
    "Ibrahima",
    "Mariam",
    "Ousmane",
    "Khadija",
    "Hamza",
    "Salma",
    "Nguyen",
    "Linh",
    "Minh",
    "Hélène",
    "Étienne",
    "François",
    "Agnès",
    "Benoît",
    "Céline",
    "Denis",
    "Élodie",
    "Fabrice",
    "Gaëlle",
    "Hervé",
    "Isabelle",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Bennani",
    "Alaoui",
    "El",
    "Idrissi",
    "Tazi",
    "Benali",
    "Diop",
    "Ndiaye",
    "Fall",
    "Sow",
    "Diallo",
    "Traoré",
    "Keita",
    "Coulibaly",
    "Ouédraogo",
    "Sawadogo",
    "Nguyen",
    "Tran",
    "Pham",
    "Le",
    "Hoang",
    "Rakoto",
    "Randria",
    "Haddad",
    "Khoury",
    "Mansour",
]
CITY_STEMS = [
    "Saint-Martin",
    "Beaulieu",
    "Villeneuve",
    "Montfort",
    "Châteauneuf",
    "Bellevue",
    "Fontaine",
    "Rochefort",
    "Clairvaux",
    "Mirebeau",
    "Valence",
    "Montreuil",
    "Aubière",
    "Lézignan",
    "Plouër",
    "Kerlouan",
    "Hautefort",
    "Boisseuil",
    "Champigny",
    "Neuville",
    "Charmes",
    "Roussillon",
    "Vernon",
    "Crécy",
    "Brissac",
    "Mauléon",
    "Tournon",
]
CITY_SUFFIXES = ("", "-sur-Mer", "-sur-Loire", "-les-Bains", "-en-Vallée", "-le-Haut", "-la-Forêt")
FOREIGN = {  # country → some cities
    "MA": "Oujda Fès Meknès Agadir Tanger Tétouan Safi Essaouira",
    "SN": "Saint-Louis Ziguinchor Thiès Kaolack Podor Matam",
    "BF": "Ouagadougou Bobo-Dioulasso Koudougou Banfora Ouahigouya",
    "ML": "Kayes Ségou Mopti Sikasso Kita",
    "TN": "Sfax Sousse Monastir Kairouan Bizerte",
    "BJ": "Cotonou Porto-Novo Abomey Parakou Ouidah",
    "MG": "Antsirabe Mahajanga Toamasina Fianarantsoa",
    "VN": "Hué Hai Phong Da Nang Can Tho",
    "HT": "Jacmel Cap-Haïtien Les Cayes Jérémie",
    "LB": "Tripoli Saïda Tyr Byblos Zahlé",
    "CM": "Dschang Bafoussam Garoua Kribi",
    "PS": "Naplouse Hébron Bethléem Jéricho",
}
THEMES = (
    "Eau et assainissement",
    "Santé",
    "Éducation",
    "Culture",
    "Climat",
    "Agriculture",
    "Gouvernance locale",
    "Développement économique",
    "Jeunesse",
    "Déchets",
)
TAGS = tuple(f"tag-{n:02d}" for n in range(1, 21))
WORK = (
    "Accès à l'eau potable",
    "Gestion des déchets",
    "Appui à la gouvernance locale",
    "Formation des agents",
    "Coopération culturelle",
    "Santé maternelle",
    "Agriculture urbaine",
    "Énergie solaire",
    "Mobilité des jeunes",
    "Patrimoine et tourisme",
)
FRENCH_TYPES = (
    (OrganisationType.MUNICIPALITY, 40),
    (OrganisationType.INTERMUNICIPAL, 6),
    (OrganisationType.DEPARTMENT, 2),
    (OrganisationType.REGION, 1),
    (OrganisationType.ASSOCIATION, 30),
    (OrganisationType.UNIVERSITY, 4),
    (OrganisationType.COMPANY, 5),
    (OrganisationType.NETWORK, 2),
    (OrganisationType.DONOR, 1),
    (OrganisationType.STATE_SERVICE, 1),
)
TYPE_LABEL = {
    OrganisationType.MUNICIPALITY: "Ville de",
    OrganisationType.INTERMUNICIPAL: "Communauté de communes de",
    OrganisationType.DEPARTMENT: "Conseil départemental de",
    OrganisationType.REGION: "Conseil régional de",
    OrganisationType.ASSOCIATION: "Association solidaire de",
    OrganisationType.UNIVERSITY: "Université de",
    OrganisationType.COMPANY: "Entreprise",
    OrganisationType.NETWORK: "Réseau de coopération de",
    OrganisationType.DONOR: "Fondation de",
    OrganisationType.STATE_SERVICE: "Préfecture de",
    OrganisationType.FOREIGN_AUTHORITY: "Commune de",
}
ROLES = ("Maire", "Adjoint·e", "Chargé·e de mission", "Directeur·rice", "Président·e", "Agent")
LOREM = (
    "Les partenaires se sont réunis pour faire le point sur l'avancement des travaux. "
    "Le comité de pilotage a validé le calendrier et les prochaines étapes du projet. "
    "Les équipes techniques ont échangé sur les difficultés rencontrées sur le terrain. "
)

START = dt.date(2014, 1, 1)
SPAN_DAYS = (dt.date(2031, 12, 31) - START).days


def luhn_digit(digits: str) -> str:
    """The digit that makes `digits` + it pass the Luhn check."""
    for candidate in "0123456789":
        total = 0
        for position, char in enumerate(reversed(digits + candidate)):
            value = int(char) * (2 if position % 2 else 1)
            total += value - 9 if value > 9 else value
        if total % 10 == 0:
            return candidate
    raise AssertionError(digits)


def siret(rng: random.Random) -> str:
    """A SIRET whose SIREN (its first nine digits) and itself pass the Luhn check."""
    siren = str(rng.randint(10_000_000, 99_999_999))
    siren += luhn_digit(siren)
    nic = f"{rng.randint(0, 9999):04d}"
    return siren + nic + luhn_digit(siren + nic)


def weighted(rng: random.Random, pairs: Sequence[tuple[Any, int]]) -> Any:
    return rng.choices([v for v, _w in pairs], weights=[w for _v, w in pairs])[0]


def day(rng: random.Random, start: dt.date = START, span: int = SPAN_DAYS) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(max(1, span)))


def chunks(items: Iterable[M], size: int = CHUNK) -> Iterator[list[M]]:
    batch: list[M] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- writing ---------------------------------------------------------------------------


# Fields whose database value is the Python value itself when it has this type (their
# `get_db_prep_save` returns it unchanged): the value is taken as it is, without the
# field's methods, which were half of an insert's time.
_SAME_IN_DATABASE: dict[type[models.Field[Any, Any]], type] = {
    models.CharField: str,
    models.TextField: str,
    models.SlugField: str,
    models.EmailField: str,
    models.URLField: str,
    models.IntegerField: int,
    models.SmallIntegerField: int,
    models.BigIntegerField: int,
    models.PositiveIntegerField: int,
    models.PositiveSmallIntegerField: int,
    models.PositiveBigIntegerField: int,
    models.AutoField: int,
    models.BigAutoField: int,
    models.BooleanField: bool,
}


def _preparer(f: Any, now: dt.datetime) -> Callable[[Any], Any]:
    """The database value of one field of a row, as `bulk_create` prepares it, with the
    connection itself (not its per-thread proxy: a lookup per value) and the writer's
    time for `auto_now` dates (adapted once, not per row)."""
    db = connections[DEFAULT_DB_ALIAS]
    target = f.target_field if type(f) is models.ForeignKey else f
    same = _SAME_IN_DATABASE.get(type(target))
    attname, prep = f.attname, f.get_db_prep_save

    if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
        stamp = now if isinstance(f, models.DateTimeField) else now.date()
        stored = prep(stamp, db)

        def automatic(obj: Any) -> Any:
            setattr(obj, attname, stamp)
            return stored

        return automatic
    if same is None or type(f).pre_save is not models.Field.pre_save:  # sort key, file…
        return lambda obj: prep(f.pre_save(obj, True), db)

    def value(obj: Any) -> Any:
        v = getattr(obj, attname)
        return v if v is None or type(v) is same else prep(v, db)

    return value


@dataclass
class _InsertSpec:
    """How `Writer.insert` writes one model's rows."""

    fields: list[Any]
    sql: str
    numbered: bool  # an automatic key: numbered by the writer
    next_pk: int
    prepare: list[Callable[[Any], Any]]

    @classmethod
    def of(cls, model: type[models.Model], now: dt.datetime) -> _InsertSpec:
        meta = model._meta
        assert not meta.parents, f"{model.__name__}: a child table (bulk_create handles it)"
        fields = [f for f in meta.concrete_fields if not getattr(f, "generated", False)]
        numbered = isinstance(meta.pk, AutoFieldMixin)
        prepare = [_preparer(f, now) for f in fields]
        sql = insert_sql(model, [f.column for f in fields])
        return cls(fields, sql, numbered, next_pk(model) if numbered else 1, prepare)


def insert_sql(model: type[models.Model], columns: Sequence[str]) -> str:
    """The INSERT of one row of `model`'s table, these columns in this order (given to
    `executemany` by the bulk writers: `Writer.insert`, `scale_finance._Bulk`)."""
    quote = connection.ops.quote_name
    return (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) "  # noqa: S608 — names from the model
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )


def next_pk(model: type[models.Model]) -> int:
    """The first key after the table's last, for a bulk writer that numbers its rows."""
    return (model._base_manager.aggregate(last=models.Max("pk"))["last"] or 0) + 1


class Writer:
    """Writes rows in bulk, with history where kept, and times each table."""

    def __init__(self, report: Report, by: User | None = None) -> None:
        self.report = report
        self.by = by
        self.now = timezone.now()
        self._specs: dict[type[models.Model], _InsertSpec] = {}

    def save(self, table: str, model: type[M], rows: Iterable[M]) -> list[int]:
        """Insert the rows (in chunks) with their history and search entries; their pks,
        in order."""
        started = time.perf_counter()
        pks: list[int] = []
        concrete = model._meta.concrete_model or model
        history = getattr(concrete, "history", None)
        searchable = issubclass(concrete, SearchableModel)
        for batch in chunks(rows):
            if searchable:  # save() is not called: derived as bulk_save does
                for obj in batch:
                    obj.search_text = obj.compute_search_text()  # type: ignore[attr-defined]  # a SearchableModel
            self.insert(concrete, batch)
            if history is not None:
                self.first_versions(concrete, [obj.pk for obj in batch])
            if searchable:  # while the rows are in memory
                index_new(batch)
            pks += [obj.pk for obj in batch]
        self.report.add(table, len(pks), time.perf_counter() - started)
        return pks

    def insert(self, model: type[models.Model], objs: list[Any]) -> None:
        """`bulk_create` without its SQL compiler, which spent two thirds of its time
        writing a placeholder per value (a fifth of a generation's CPU): one INSERT of
        one row given to `executemany`, each value prepared by its field as Django
        does (`pre_save`: auto_now dates, stored sort keys; `get_db_prep_save`), keys
        numbered here past the table's last (the sequence moved past them, PostgreSQL)."""
        spec = self._specs.get(model)
        if spec is None:
            spec = self._specs[model] = _InsertSpec.of(model, self.now)
        if spec.numbered:
            for obj in objs:
                if obj.pk is None:
                    obj.pk = spec.next_pk
                spec.next_pk = max(spec.next_pk, obj.pk + 1)
        prepare = spec.prepare
        prepared = [tuple(p(obj) for p in prepare) for obj in objs]
        with connection.cursor() as cursor:
            cursor.executemany(spec.sql, prepared)
            if spec.numbered and connection.vendor == "postgresql":
                for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
                    cursor.execute(sql)
        for obj in objs:
            obj._state.adding, obj._state.db = False, connection.alias

    def first_versions(self, model: type[models.Model], pks: list[int]) -> None:
        """The creation of each row in its history, copied by the database itself
        (`INSERT … SELECT`, as every bulk creation does: `core.services`): what
        `bulk_create_with_history` writes, without building a Python object per
        historical row — half the time of a national dataset."""
        if not copies_first_versions(model, []):  # a history with more columns: the slow path
            bulk_save(
                model, list(model._default_manager.filter(pk__in=pks)), by=self.by, reason=None
            )
            return
        write_first_versions(model, pks, user=self.by, reason=None, when=self.now)

    def plain(self, table: str, model: type[M], rows: Iterable[M]) -> int:
        """Rows without history (many-to-many tables, rows the product keeps no history of)."""
        started = time.perf_counter()
        count = 0
        searchable = issubclass(model, SearchableModel)
        for batch in chunks(rows):
            self.insert(model._meta.concrete_model or model, batch)
            if searchable:
                index_new(batch)
            count += len(batch)
        self.report.add(table, count, time.perf_counter() - started)
        return count

    def m2m(self, model: type[models.Model], name: str, pairs: Sequence[tuple[int, int]]) -> None:
        """Bulk-add (record pk, related pk) pairs to a many-to-many field; when its history
        is kept, into the record's first version too (as `demo.rows.add_m2m` does)."""
        started = time.perf_counter()
        m2m_field = model._meta.get_field(name)
        through: Any = m2m_field.remote_field.through  # type: ignore[union-attr]  # a many-to-many field has one
        source = m2m_field.m2m_field_name()  # type: ignore[union-attr]  # idem
        target = m2m_field.m2m_reverse_field_name()  # type: ignore[union-attr]  # idem
        history_model = model.history.model  # type: ignore[attr-defined]  # simple-history adds it
        kept = name in {f.name for f in getattr(history_model, "_history_m2m_fields", [])}
        for offset in range(0, len(pairs), CHUNK):
            batch = pairs[offset : offset + CHUNK]
            rows = through._default_manager.bulk_create(
                [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in batch],
                batch_size=2_000,
            )
            if not kept:
                continue
            # The record's first version gets the pairs, copied by the database.
            m2m_history: Any = getattr(history_model, name).model
            quote = connection.ops.quote_name
            h_src = m2m_history._meta.get_field(source).column
            h_tgt = m2m_history._meta.get_field(target).column
            t_src = through._meta.get_field(source).column
            t_tgt = through._meta.get_field(target).column
            # Joined to each record's first version, found once per batch (a correlated
            # MIN per row makes PostgreSQL scan the history for every pair).
            sources = [a for a, _b in batch]
            sql = (
                f"INSERT INTO {quote(m2m_history._meta.db_table)} (id, history_id, "  # noqa: S608 — names from the models
                f"{quote(h_src)}, {quote(h_tgt)}) SELECT t.id, h.first, t.{quote(t_src)}, "
                f"t.{quote(t_tgt)} FROM {quote(through._meta.db_table)} t JOIN (SELECT id, "
                f"MIN(history_id) AS first FROM {quote(history_model._meta.db_table)} WHERE id "
                f"BETWEEN %s AND %s GROUP BY id) h ON h.id = t.{quote(t_src)} "
                "WHERE t.id BETWEEN %s AND %s"
            )
            ids = [row.pk for row in rows]
            with connection.cursor() as cursor:
                cursor.execute(sql, [min(sources), max(sources), min(ids), max(ids)])
        label = f"{model._meta.model_name}.{name}"
        self.report.add(label, len(pairs), time.perf_counter() - started)


# --- the dataset -----------------------------------------------------------------------


@dataclass
class Built:
    """What later tables need from earlier ones (primary keys and a few attributes)."""

    officers: list[int] = field(default_factory=list)
    partners: list[int] = field(default_factory=list)
    french: list[int] = field(default_factory=list)  # organisations in France
    foreign: list[int] = field(default_factory=list)  # foreign local authorities
    people: list[int] = field(default_factory=list)
    people_of: dict[int, list[int]] = field(default_factory=dict)  # organisation → people
    projects: list[int] = field(default_factory=list)
    project_dates: dict[int, tuple[dt.date, dt.date]] = field(default_factory=dict)
    project_owner: dict[int, int] = field(default_factory=dict)
    project_orgs: dict[int, list[int]] = field(default_factory=dict)
    big_projects: list[int] = field(default_factory=list)


def build_scale(scale: Scale, *, seed: int = 16, report: Report | None = None) -> Report:
    """Write the whole dataset in one transaction (into an empty database)."""
    report = report or Report()
    rng = random.Random(seed)
    with _bulk_session(), transaction.atomic():
        built = Built()
        writer = Writer(report)
        _users(scale, rng, writer, built)
        _organisations(scale, rng, writer, built)
        _people(scale, rng, writer, built)
        _groups(scale, rng, writer, built)
        _projects(scale, rng, writer, built)
        _plans(scale, rng, writer, built)
        _risks_and_updates(scale, rng, writer, built)
        _interactions(scale, rng, writer, built)
        _partnerships(scale, rng, writer, built)
        # The later apps' tables, each from its own generator (adding one leaves the
        # others' rows as they were): funding and finance, results, missions and meetings.
        for offset, extend in enumerate(extensions(), start=1):
            extend(scale, random.Random(seed + offset), writer, built)
        _derived(report)
    return report


# SQLite's page cache while the dataset is written (2 MB by default): the indexes of
# million-row tables are written in random order, and each page that leaves the cache is
# written out and read back at its next row.
BULK_CACHE_KIB = 512 * 1024


@contextlib.contextmanager
def _bulk_session() -> Iterator[None]:
    """The settings of a bulk write of millions of rows, for its time.

    - No cyclic garbage collection: a tenth of the generation's CPU went to full
      collections walking the millions of objects the run keeps (the generator's maps of
      keys); the rows are acyclic and freed by reference counting.
    - SQLite: a large page cache, and the rollback journal in memory instead of the WAL,
      so that each page is written once, into the database file (the WAL writes it twice:
      into the log, then into the file). Only outside a transaction (the journal mode
      cannot change inside one); the database is empty, so the journal holds little;
      WAL again at the end."""
    sqlite = connection.vendor == "sqlite" and not connection.in_atomic_block
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    cache_size = None
    try:
        if sqlite:
            with connection.cursor() as cursor:
                cache_size = cursor.execute("PRAGMA cache_size").fetchone()[0]
                cursor.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
                cursor.execute("PRAGMA journal_mode = MEMORY")
        yield
    finally:
        if enabled:
            gc.enable()
        if sqlite:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode = WAL")
                if cache_size is not None:  # the connection's own again
                    cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")


@contextlib.contextmanager
def deferred_indexes(*models_: type[models.Model]) -> Iterator[None]:
    """SQLite: the secondary indexes of these models' tables (and of their histories)
    dropped while the tables are filled, then made again as the migrations made them.

    SQLite inserts each row into every index as it comes, a B-tree walk per index in
    random key order; an index made afterwards is one sort of the table. For the million
    expenses and their history (a dozen indexes each) that was most of the generation's
    time. Only for a step that does not read these tables by an index while it writes
    them (their rowid keys, which stay, are fine). The indexes behind a table's own
    UNIQUE clause (SQLite's autoindexes) cannot be dropped and stay; a unique index made
    again fails on a duplicate, as the insert would have. Nothing to do on PostgreSQL."""
    if connection.vendor != "sqlite":
        yield
        return
    # Inside the generation's transaction: if the step fails, the drops are undone with it.
    assert connection.in_atomic_block, "deferred_indexes() runs inside a transaction"
    tables = [m._meta.db_table for m in models_]
    tables += [h._meta.db_table for h in map(history_model, models_) if h is not None]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        marks = ", ".join(["%s"] * len(tables))
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "  # noqa: S608 — placeholders only
            f"AND tbl_name IN ({marks}) ORDER BY rowid",
            tables,
        )
        indexes = cursor.fetchall()
        for name, _sql in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    with connection.cursor() as cursor:
        for _name, sql in indexes:
            cursor.execute(sql)


def extensions() -> tuple[Callable[[Scale, random.Random, Writer, Built], None], ...]:
    """The later apps' generators, in order (imported here: they build on this module)."""
    from maillage.demo import scale_finance, scale_missions, scale_results

    return (scale_finance.build, scale_results.build, scale_missions.build)


def build_organisations(scale: Scale, *, seed: int = 16, report: Report | None = None) -> Report:
    """Only the users and the organisations of a scale (the exports' benchmark)."""
    report = report or Report()
    rng = random.Random(seed)
    with transaction.atomic():
        built, writer = Built(), Writer(report)
        _users(scale, rng, writer, built)
        _organisations(scale, rng, writer, built)
    return report


def _derived(report: Report) -> None:
    """What the application derives from the rows: the search index, whose entries each
    bulk writer made batch by batch (`index_new`, equal to what a rebuild makes: tested),
    merged into one segment as a rebuild leaves it."""
    started = time.perf_counter()
    search_optimize()
    report.add("search index (merged)", 0, time.perf_counter() - started)


def _users(scale: Scale, rng: random.Random, w: Writer, b: Built) -> None:
    password = make_password(BENCH_PASSWORD)  # hashed once for every account
    specs = [("bench-admin", Role.ADMIN), ("bench-viewer", Role.VIEWER)]
    specs += [(f"bench-officer-{n}", Role.OFFICER) for n in range(1, scale.officers + 1)]
    specs += [(f"bench-partner-{n}", Role.PARTNER) for n in range(1, scale.partners + 1)]
    users = [
        User(
            username=name,
            role=role,
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            email=f"{name}@bench.example.org",
            language="fr",
            password=password,
        )
        for name, role in specs
    ]
    pks = w.save("users", User, users)
    by_role = {user.username: pk for user, pk in zip(users, pks, strict=True)}
    b.officers = [pk for name, pk in by_role.items() if name.startswith("bench-officer-")]
    b.partners = [pk for name, pk in by_role.items() if name.startswith("bench-partner-")]
    w.by = User.objects.get(pk=by_role["bench-admin"])


def _organisations(scale: Scale, rng: random.Random, w: Writer, b: Built) -> None:
    deps = [d.code for d in departements()]
    themes = {n: Theme.objects.get_or_create(name=n)[0].pk for n in THEMES}
    tags = {n: Tag.objects.get_or_create(name=n)[0].pk for n in TAGS}
    sdgs = list(SdgGoal.objects.values_list("pk", flat=True))
    total = scale.count("organisations")
    kinds: list[tuple[str, str]] = []  # (type, country) by index

    def rows() -> Iterator[Organisation]:
        for n in range(total):
            french = rng.random() < 0.62
            if french:
                kind = weighted(rng, FRENCH_TYPES)
                dep = rng.choice(deps)
                city = rng.choice(CITY_STEMS) + rng.choice(CITY_SUFFIXES)
                postcode = dep if len(dep) == 3 else dep.replace("2A", "20").replace("2B", "20")
                postcode = postcode.ljust(5, "0")[:5]
                number = siret(rng)
                country, lat, lon = "FR", Decimal("46.5"), Decimal("2.5")
            else:
                kind, dep, postcode, number = OrganisationType.FOREIGN_AUTHORITY, "", "", ""
                country = rng.choice(list(FOREIGN))
                city = rng.choice(FOREIGN[country].split())
                lat, lon = Decimal("20.0"), Decimal("0.0")
            kinds.append((kind, country))
            located = rng.random() < 0.7
            yield Organisation(
                name=f"{TYPE_LABEL[kind]} {city} {n + 1}",
                acronym=f"O{n + 1}" if rng.random() < 0.3 else "",
                type=kind,
                siren=number[:9],
                siret=number,
                address=f"{rng.randint(1, 120)} rue de la République" if french else "",
                postcode=postcode,
                city=city,
                country=country,
                departement=dep,
                foreign_region="" if french else city,
                latitude=lat + Decimal(rng.randint(-300_000, 300_000)) / 100_000
                if located
                else None,
                longitude=lon + Decimal(rng.randint(-300_000, 300_000)) / 100_000
                if located
                else None,
                website=f"https://org{n + 1}.example.org" if rng.random() < 0.5 else "",
                email=f"contact@org{n + 1}.example.org",
                phone=f"+333{rng.randint(10_000_000, 99_999_999)}" if french else "",
                notes=LOREM[: rng.randint(0, len(LOREM))],
            )

    pks = w.save("organisations", Organisation, rows())
    for pk, (kind, _country) in zip(pks, kinds, strict=True):
        (b.foreign if kind == OrganisationType.FOREIGN_AUTHORITY else b.french).append(pk)
    w.m2m(Organisation, "themes", [(pk, themes[rng.choice(THEMES)]) for pk in pks])
    w.m2m(Organisation, "tags", [(pk, tags[rng.choice(TAGS)]) for pk in pks if rng.random() < 0.3])
    w.m2m(Organisation, "sdgs", [(pk, rng.choice(sdgs)) for pk in pks if rng.random() < 0.4])
    w.plain(
        "action countries",
        OrganisationCountry,
        (
            OrganisationCountry(organisation_id=pk, country=rng.choice(list(FOREIGN)))
            for pk in b.french
            if rng.random() < 0.3
        ),
    )
    networks = [pk for pk, (kind, _c) in zip(pks, kinds, strict=True) if kind == "network"]
    members = rng.sample(b.french, k=min(len(b.french), total // 4))
    w.save(
        "organisation links",
        OrganisationLink,
        (
            OrganisationLink(
                source_id=pk,
                kind=LinkKind.MEMBER_OF,
                target_id=rng.choice(networks),
                since_on=day(rng),
            )
            for pk in (members if networks else [])
            if pk not in networks
        ),
    )


def _people(scale: Scale, rng: random.Random, w: Writer, b: Built) -> None:
    total = scale.count("people")
    orgs = b.french + b.foreign

    def rows() -> Iterator[Person]:
        for n in range(total):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            consent = rng.random() < 0.1
            yield Person(
                first_name=first,
                last_name=last,
                email=f"p{n + 1}@people.example.org",
                phone=f"+336{rng.randint(10_000_000, 99_999_999)}" if rng.random() < 0.6 else "",
                languages=rng.choice(("fr", "fr en", "fr ar", "fr wo")),
                lawful_basis=LawfulBasis.CONSENT if consent else LawfulBasis.LEGITIMATE_INTEREST,
                consent_on=day(rng) if consent else None,
                notes=LOREM[: rng.randint(0, 120)],
            )

    b.people = w.save("people", Person, rows())
    positions: list[Position] = []
    for pk in b.people:
        org = rng.choice(orgs)
        b.people_of.setdefault(org, []).append(pk)
        start = day(rng, START, 365 * 10)
        positions.append(
            Position(person_id=pk, organisation_id=org, role=rng.choice(ROLES), start_on=start)
        )
        if rng.random() < 0.1:  # a past position elsewhere
            positions.append(
                Position(
                    person_id=pk,
                    organisation_id=rng.choice(orgs),
                    role=rng.choice(ROLES),
                    start_on=start - dt.timedelta(days=900),
                    end_on=start - dt.timedelta(days=1),
                )
            )
    w.save("positions", Position, positions)
    tags = list(Tag.objects.values_list("pk", flat=True))
    w.m2m(Person, "tags", [(pk, rng.choice(tags)) for pk in b.people if rng.random() < 0.2])


def _groups(scale: Scale, rng: random.Random, w: Writer, b: Built) -> None:
    themes = list(Theme.objects.values_list("pk", flat=True))
    pks = w.save(
        "groups",
        Group,
        (
            Group(
                name=f"Groupe de travail {n + 1}",
                kind=_group_kind(rng),
                description=LOREM[:150],
                theme_id=rng.choice(themes),
            )
            for n in range(scale.count("groups"))
        ),
    )
    members: list[GroupMember] = []
    for pk in pks:
        for person in rng.sample(b.people, k=min(15, len(b.people))):
            members.append(GroupMember(group_id=pk, person_id=person, role="Membre"))
        for org in rng.sample(b.french, k=min(5, len(b.french))):
            members.append(GroupMember(group_id=pk, organisation_id=org))
    w.save("group members", GroupMember, members)


def _group_kind(rng: random.Random) -> str:
    from maillage.actors.models.groups import GroupKind

    return str(rng.choice(list(GroupKind)).value)


def _projects(scale: Scale, rng: random.Random, w: Writer, b: Built) -> None:
    strategies = w.save(
        "strategies",
        Strategy,
        (
            Strategy(
                title=f"Stratégie internationale {n + 1}",
                owner_organisation_id=rng.choice(b.french),
                description=LOREM,
                start_on=dt.date(2015 + n % 8, 1, 1),
                end_on=dt.date(2022 + n % 8, 12, 31),
            )
            for n in range(scale.count("strategies"))
        ),
    )
    programmes = w.save(
        "programmes",
        Programme,
        (
            Programme(
                strategy_id=rng.choice(strategies),
                code=f"PRG-{n + 1:04d}",
                title=f"Programme {rng.choice(WORK).lower()} {n + 1}",
                description=LOREM,
                start_on=dt.date(2016 + n % 6, 1, 1),
                end_on=dt.date(2024 + n % 6, 12, 31),
                owner_id=rng.choice(b.officers),
            )
            for n in range(scale.count("programmes"))
        ),
    )
    total = scale.count("projects")
    statuses = [s.value for s in ProjectStatus]

    def rows() -> Iterator[Project]:
        for n in range(total):
            start = day(rng, START, SPAN_DAYS - 4 * 365)
            end = start + dt.timedelta(days=rng.randint(180, 4 * 365))
            owner = rng.choice(b.officers)
            country = rng.choice(list(FOREIGN))
            city = rng.choice(FOREIGN[country].split())
            work = rng.choice(WORK)
            yield Project(
                programme_id=rng.choice(programmes) if rng.random() < 0.3 else None,
                code=f"P-{n + 1:06d}",
                title=f"{work} à {city} ({n + 1})",
                title_en=f"Project {n + 1}",
                summary=LOREM,
                status=rng.choice(statuses),
                country=country,
                start_on=start,
                end_on=end,
                budget=Decimal(rng.randint(5, 2_000)) * 1_000,
                owner_id=owner,
            )
            b.project_dates[n] = (start, end)
            b.project_owner[n] = owner

    b.projects = w.save("projects", Project, rows())
    b.project_dates = {pk: b.project_dates[n] for n, pk in enumerate(b.projects)}
    b.project_owner = {pk: b.project_owner[n] for n, pk in enumerate(b.projects)}
    b.big_projects = b.projects[: scale.big_plans]
    tags = list(Tag.objects.values_list("pk", flat=True))
    w.m2m(Project, "tags", [(pk, rng.choice(tags)) for pk in b.projects if rng.random() < 0.3])

    partners: list[ProjectPartner] = []
    for pk in b.projects:
        lead, local = rng.choice(b.french), rng.choice(b.foreign)
        chosen = [(lead, PartnerRole.LEAD), (local, PartnerRole.PARTNER)]
        if rng.random() < 0.6:
            chosen.append((rng.choice(b.french), PartnerRole.FUNDER))
        if rng.random() < 0.3:
            chosen.append((rng.choice(b.french + b.foreign), PartnerRole.IMPLEMENTER))
        seen: set[tuple[int, str]] = set()
        for org, role in chosen:
            if (org, role) in seen:
                continue
            seen.add((org, role))
            b.project_orgs.setdefault(pk, []).append(org)
            share = Decimal(rng.randint(10, 60)) if role == PartnerRole.FUNDER else None
            partners.append(
                ProjectPartner(project_id=pk, organisation_id=org, role=role, share=share)
            )
    partner_pks = w.save("project partners", ProjectPartner, partners)
    w.m2m(
        ProjectPartner,
        "contacts",
        [
            (row_pk, rng.choice(b.people_of[row.organisation_id]))
            for row_pk, row in zip(partner_pks, partners, strict=True)
            if b.people_of.get(row.organisation_id) and rng.random() < 0.7
        ],
    )

    memberships = [
        ProjectMembership(project_id=pk, user_id=b.project_owner[pk], role=MembershipRole.MANAGER)
        for pk in b.projects
    ]
    per = min(scale.projects_per_partner, len(b.projects))
    for index, user in enumerate(b.partners):
        # Spread over the whole table; the first partner also sees the first big plan.
        step = max(1, len(b.projects) // per)
        chosen = {b.projects[(index + 1 + k * step) % len(b.projects)] for k in range(per)}
        if index == 0 and b.big_projects:
            chosen.add(b.big_projects[0])
        memberships += [
            ProjectMembership(project_id=pk, user_id=user, role=MembershipRole.PARTNER)
            for pk in sorted(chosen)
        ]
    w.save("project memberships", ProjectMembership, memberships)
    w.save(
        "project locations",
        ProjectLocation,
        (
            ProjectLocation(
                project_id=pk,
                name=f"Site {pk}",
                country="MA",
                latitude=Decimal(rng.randint(2_800_000, 3_500_000)) / 100_000,
                longitude=Decimal(rng.randint(-1_000_000, -200_000)) / 100_000,
            )
            for pk in b.projects
            if rng.random() < 0.5
        ),
    )
    sectors = list(CodelistItem.objects.of("Sector").offerable().values_list("pk", flat=True))
    if sectors:  # only when the IATI codelists are loaded (`maillage codelists`)
        w.save(
            "project sectors",
            ProjectSector,
            (
                ProjectSector(project_id=pk, sector_id=rng.choice(sectors), percentage=100)
                for pk in b.projects
            ),
        )


def _plans(scale: Scale, rng: random.Random, w: Writer, b: Built) -> None:
    """Activities first (tasks and milestones name them), then the rest, then links."""
    total = scale.count("plan_items")
    big = len(b.big_projects) * scale.big_plan_items
    bigs = set(b.big_projects)
    normal = [pk for pk in b.projects if pk not in bigs]
    # Per normal project: 2 activities, one milestone, the rest tasks (the remainder of the
    # division goes one by one to the first projects, so that the total is reached).
    base, extra = divmod(max(0, total - big), max(1, len(normal)))
    shape = {pk: (2, max(3, base + (i < extra)) - 3, 1) for i, pk in enumerate(normal)}
    big_activities = max(2, scale.big_plan_items // 10)
    for pk in b.big_projects:  # ~10 items per activity: 1 activity, 8 tasks, 1 milestone
        shape[pk] = (big_activities, scale.big_plan_items - 2 * big_activities, big_activities)

    activities: list[tuple[int, dt.date, dt.date]] = []  # (project, start, end), in order

    def activity_rows() -> Iterator[PlanItem]:
        for pk in b.projects:
            start, end = b.project_dates[pk]
            n = shape[pk][0]
            span = max(n, (end - start).days)
            for i in range(n):
                a_start = start + dt.timedelta(days=span * i // n)
                a_end = start + dt.timedelta(days=max(span * (i + 1) // n - 1, span * i // n))
                activities.append((pk, a_start, a_end))
                yield _item(rng, b, pk, ItemKind.ACTIVITY, None, i, a_start, a_end, i + 1)

    activity_pks = w.save("activities", PlanItem, activity_rows())
    by_project: dict[int, list[tuple[int, dt.date, dt.date]]] = {}
    for pk, (project, start, end) in zip(activity_pks, activities, strict=True):
        by_project.setdefault(project, []).append((pk, start, end))

    children: list[tuple[int, int, str]] = []  # (project, activity, kind) in order

    def child_rows() -> Iterator[PlanItem]:
        for project in b.projects:
            acts = by_project[project]
            _n, tasks, milestones = shape[project]
            position = 0
            for t in range(tasks):
                act, start, end = acts[t * len(acts) // max(1, tasks)]
                length = max(1, (end - start).days)
                t_start = start + dt.timedelta(days=rng.randrange(length))
                t_end = min(end, t_start + dt.timedelta(days=rng.randint(0, 60)))
                position += 1
                children.append((project, act, ItemKind.TASK))
                yield _item(rng, b, project, ItemKind.TASK, act, position, t_start, t_end, t + 1)
            for m in range(milestones):
                act, _start, end = acts[m % len(acts)]
                position += 1
                children.append((project, act, ItemKind.MILESTONE))
                yield _item(rng, b, project, ItemKind.MILESTONE, act, position, end, end, m + 1)

    child_pks = w.save("tasks and milestones", PlanItem, child_rows())

    # Dependencies: in the big plans, each task follows the previous task of its activity
    # and each activity's first task follows the previous activity's milestone; one link
    # per normal project. Always from an earlier item to a later one: no cycle.
    links: list[Dependency] = []
    previous: dict[int, int] = {}  # activity → its last task
    for pk, (project, act, kind) in zip(child_pks, children, strict=True):
        if project in bigs and kind == ItemKind.TASK:
            if act in previous:
                links.append(Dependency(predecessor_id=previous[act], successor_id=pk))
            previous[act] = pk
    for acts in (by_project[p] for p in b.big_projects):
        for (before, _s, _e), (after, _s2, _e2) in itertools.pairwise(acts):
            links.append(Dependency(predecessor_id=before, successor_id=after, lag_days=0))
    for project in normal:
        first, second = by_project[project][0][0], by_project[project][1][0]
        links.append(Dependency(predecessor_id=first, successor_id=second))
    w.save("dependencies", Dependency, links)

    # Half the tasks are assigned: to the project's owner, or a partner member.
    partner_projects = dict(
        ProjectMembership.objects.filter(user_id__in=b.partners).values_list(
            "project_id", "user_id"
        )
    )
    w.m2m(
        PlanItem,
        "assignees",
        [
            (pk, partner_projects.get(project) or b.project_owner[project])
            for pk, (project, _act, kind) in zip(child_pks, children, strict=True)
            if kind == ItemKind.TASK and rng.random() < 0.5
        ],
    )


def _item(
    rng: random.Random,
    b: Built,
    project: int,
    kind: str,
    parent: int | None,
    position: int,
    start: dt.date,
    end: dt.date,
    number: int,
) -> PlanItem:
    done = end < dt.date(2025, 6, 1) and rng.random() < 0.8
    doing = not done and start < dt.date(2026, 6, 1) and rng.random() < 0.5
    status = TaskStatus.DONE if done else TaskStatus.DOING if doing else TaskStatus.TODO
    label = {"activity": "Activité", "task": "Tâche", "milestone": "Jalon"}[kind]
    return PlanItem(
        project_id=project,
        kind=kind,
        parent_id=parent,
        position=position,
        title=f"{label} {number} — {rng.choice(WORK)}",
        description=LOREM[:100] if kind == ItemKind.ACTIVITY else "",
        start_on=start,
        end_on=end,
        status=status,
        progress=100 if done else rng.choice((0, 20, 50, 80)) if doing else 0,
        completed_on=end if done else None,
        organisation_id=rng.choice(b.project_orgs[project]) if rng.random() < 0.3 else None,
    )


def _risks_and_updates(scale: Scale, rng: random.Random, w: Writer, b: Built) -> None:
    categories = [c.value for c in RiskCategory]

    def risks() -> Iterator[Risk]:
        for n in range(scale.count("risks")):
            project = rng.choice(b.projects)
            yield Risk(
                project_id=project,
                title=f"Risque {n + 1} : {rng.choice(('retard', 'surcoût', 'sécurité', 'départ'))}",
                description=LOREM[:200],
                category=rng.choice(categories),
                likelihood=rng.randint(1, 5),
                impact=rng.randint(1, 5),
                mitigation=LOREM[:120],
                owner_id=b.project_owner[project],
                review_on=day(rng),
                status=RiskStatus.OPEN if rng.random() < 0.7 else RiskStatus.CLOSED,
            )

    w.save("risks", Risk, risks())

    body = f"## Avancement\n\n{LOREM}\n\n- point 1\n- point 2\n"
    body_html = render_markdown(body)  # what FieldUpdate.save renders, rendered once

    def updates() -> Iterator[FieldUpdate]:
        for n in range(scale.count("updates")):
            project = rng.choice(b.projects)
            start, end = b.project_dates[project]
            yield FieldUpdate(
                project_id=project,
                occurred_on=day(rng, start, (end - start).days),
                title=f"Nouvelles du terrain {n + 1}",
                body=body,
                body_html=body_html,
                author_id=b.project_owner[project],
                is_public=rng.random() < 0.3,
            )

    w.save("field updates", FieldUpdate, updates())


def _interactions(scale: Scale, rng: random.Random, w: Writer, b: Built) -> None:
    kinds = [k.value for k in InteractionKind]
    links: list[tuple[int, int]] = []  # (person, organisation) of each interaction, in order
    position_org = {p: org for org, people in b.people_of.items() for p in people}

    def rows() -> Iterator[Interaction]:
        for n in range(scale.count("interactions")):
            person = rng.choice(b.people)
            links.append((person, position_org[person]))
            occurred = day(rng, dt.date(2015, 1, 1), 12 * 365)
            follow = rng.random() < 0.2
            yield Interaction(
                kind=rng.choice(kinds),
                occurred_on=occurred,
                subject=f"Échange {n + 1} : {rng.choice(WORK).lower()}",
                notes=LOREM[: rng.randint(0, len(LOREM))],
                project_id=rng.choice(b.projects) if rng.random() < 0.3 else None,
                follow_up_on=occurred + dt.timedelta(days=rng.randint(7, 90)) if follow else None,
                follow_up_done=follow and rng.random() < 0.5,
                created_by_id=rng.choice(b.officers),
            )

    pks = w.save("interactions", Interaction, rows())
    people = [(pk, person) for pk, (person, _org) in zip(pks, links, strict=True)]
    people += [(pk, rng.choice(b.people)) for pk in pks if rng.random() < 0.3]
    people = list(dict.fromkeys(people))
    w.m2m(Interaction, "people", people)
    w.m2m(
        Interaction, "organisations", [(pk, org) for pk, (_p, org) in zip(pks, links, strict=True)]
    )
    fill_last_interactions()  # the services keep it; bulk writes fill it once


def _partnerships(scale: Scale, rng: random.Random, w: Writer, b: Built) -> None:
    pairs = [
        (rng.choice(b.french), rng.choice(b.foreign)) for _ in range(scale.count("partnerships"))
    ]
    names = dict(
        Organisation.objects.filter(pk__in={p for pair in pairs for p in pair}).values_list(
            "pk", "name"
        )
    )

    def partnership_rows() -> Iterator[Partnership]:
        for n, (french, foreign) in enumerate(pairs):
            yield Partnership(
                name=f"{names[french]} – {names[foreign]} ({n + 1})",
                french_authority_id=french,
                foreign_authority_id=foreign,
                since=day(rng, dt.date(1990, 1, 1), 30 * 365),
                description=LOREM[:150],
                status=rng.choice([s.value for s in PartnershipStatus]),
            )

    # Partnership.compute_search_text reads its authorities' names: give them.
    partnerships = list(partnership_rows())
    orgs = Organisation.objects.in_bulk({p for pair in pairs for p in pair})
    for row in partnerships:
        row.french_authority = orgs[row.french_authority_id]
        row.foreign_authority = orgs[row.foreign_authority_id]
    partnership_pks = w.save("partnerships", Partnership, partnerships)
    w.m2m(
        Partnership,
        "projects",
        sorted({(pk, rng.choice(b.projects)) for pk in partnership_pks for _ in range(2)}),
    )

    agreements: list[Agreement] = []
    statuses = [s.value for s in AgreementStatus]
    agreement_projects: list[list[int]] = []
    agreement_pairs: list[tuple[int, int]] = []
    for n in range(scale.count("agreements")):
        index = rng.randrange(len(pairs))
        french, foreign = pairs[index]
        start = day(rng, dt.date(2015, 1, 1), 12 * 365)
        projects = rng.sample(b.projects, k=rng.choice((1, 1, 1, 1, 2, 3)))
        agreement_projects.append(projects)
        agreement_pairs.append((french, foreign))
        agreements.append(
            Agreement(
                partnership_id=partnership_pks[index] if rng.random() < 0.8 else None,
                reference=f"CONV-{start.year}-{n + 1:05d}",
                title=f"Convention {rng.choice(WORK).lower()} {n + 1}",
                object=LOREM[:200],
                kind=rng.choice([k.value for k in AgreementKind]),
                status=rng.choice(statuses),
                signed_on=start,
                start_on=start,
                end_on=start + dt.timedelta(days=rng.randint(365, 5 * 365)),
                tacit_renewal=rng.random() < 0.2,
                notice_months=rng.choice((None, 3, 6)),
                amount=Decimal(rng.randint(1, 500)) * 1_000,
            )
        )
    agreement_pks = w.save("agreements", Agreement, agreements)
    w.m2m(
        Agreement,
        "projects",
        [
            (pk, p)
            for pk, projects in zip(agreement_pks, agreement_projects, strict=True)
            for p in projects
        ],
    )
    parties: list[AgreementParty] = []
    decisions: list[CouncilDecision] = []
    amendments: list[Amendment] = []
    for pk, agreement, (french, foreign) in zip(
        agreement_pks, agreements, agreement_pairs, strict=True
    ):
        for org in (french, foreign):
            signatory = rng.choice(b.people_of[org]) if b.people_of.get(org) else None
            parties.append(
                AgreementParty(
                    agreement_id=pk,
                    organisation_id=org,
                    signatory_id=signatory,
                    signatory_title="Maire",
                    signed_on=agreement.signed_on,
                )
            )
        if rng.random() < 0.5:
            decisions.append(
                CouncilDecision(
                    agreement_id=pk,
                    organisation_id=french,
                    number=f"DEL-{pk}",
                    decided_on=agreement.start_on - dt.timedelta(days=30),  # type: ignore[operator]  # set above
                    title="Délibération autorisant la signature",
                )
            )
        if rng.random() < 0.1:
            amendments.append(
                Amendment(
                    agreement_id=pk,
                    number=1,
                    signed_on=agreement.start_on + dt.timedelta(days=200),  # type: ignore[operator]  # set above
                    object="Prolongation",
                    new_end_on=agreement.end_on + dt.timedelta(days=365),  # type: ignore[operator]  # set above
                )
            )
    w.save("agreement parties", AgreementParty, parties)
    w.save("council decisions", CouncilDecision, decisions)
    w.save("amendments", Amendment, amendments)

    statuses = [s.value for s in CommitmentStatus]

    def commitments() -> Iterator[Commitment]:
        for n in range(scale.count("commitments")):
            index = n % len(agreement_pks)
            party = agreement_pairs[index][n // len(agreement_pks) % 2]
            due = agreements[index].start_on + dt.timedelta(days=rng.randint(30, 3 * 365))  # type: ignore[operator]  # set above
            yield Commitment(
                agreement_id=agreement_pks[index],
                project_id=agreement_projects[index][0] if rng.random() < 0.5 else None,
                party_id=party,
                responsible_person_id=rng.choice(b.people_of[party])
                if b.people_of.get(party)
                else None,
                follow_up_user_id=rng.choice(b.officers),
                text=f"Engagement {n + 1} : {rng.choice(WORK).lower()}. {LOREM[:80]}",
                due_on=due,
                status=rng.choice(statuses),
                evidence=LOREM[:60] if rng.random() < 0.3 else "",
            )

    w.save("commitments", Commitment, commitments())
