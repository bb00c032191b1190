"""The demo dataset: a real-looking cooperation system a newcomer can explore at once.

Two stories share one database:

- the City of Lille's international relations service and its twinning with Oujda
  (since 2005): three projects followed by Youssef, the field officer in Oujda, with the
  Commune urbaine d'Oujda as a partner who sees only those projects;
- a regional multi-actor network of Nouvelle-Aquitaine, run by Camille: member
  organisations in all twelve départements and two consortium projects.

Both have their actors: organisations located and classified (themes, SDGs, countries of
action, tags, links), about 120 people with their positions over time, the interactions of
2025–2026 and the network's working groups (the fixed lists are in `maillage.demo.actors`).

Everything is fixed data: no randomness, no "today". The dataset is told as of
`REFERENCE_DATE` so that the data is identical on every run. People are fictional.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Model
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from maillage.accounts.models import Role, User
from maillage.actors.identifiers import luhn_valid
from maillage.actors.models import (
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
    Tag,
    Theme,
)
from maillage.demo import actors as A
from maillage.demo.partnerships import build_partnerships
from maillage.demo.projects_plan import build_project_plans
from maillage.projects.models import (
    MembershipRole,
    PartnerRole,
    Project,
    ProjectMembership,
    ProjectPartner,
    ProjectStatus,
)

# The day the demo "is": statuses and dates of the projects are consistent with it.
REFERENCE_DATE = date(2026, 9, 1)
DEMO_PASSWORD = "maillage-demo"  # noqa: S105 — documented demo password
EMAIL_DOMAIN = "maillage.example"

T = OrganisationType


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


# --- Users ------------------------------------------------------------------------------


class UserSpec(NamedTuple):
    username: str
    role: str
    first_name: str
    last_name: str


USERS = [
    UserSpec("admin", Role.ADMIN, "Sophie", "Lambert"),
    UserSpec("camille", Role.OFFICER, "Camille", "Martin"),
    UserSpec("youssef", Role.OFFICER, "Youssef", "Benali"),
    UserSpec("oujda", Role.PARTNER, "Salma", "El Idrissi"),
    UserSpec("elu", Role.VIEWER, "Bernard", "Delattre"),
]


# --- Organisations ----------------------------------------------------------------------


class OrgSpec(NamedTuple):
    name: str
    type: str
    country: str = "FR"
    departement: str = ""
    city: str = ""
    acronym: str = ""


# The Lille–Oujda twinning: the City of Lille's side and the partners in Oujda.
LILLE_OUJDA_ORGANISATIONS = [
    OrgSpec("Ville de Lille", T.MUNICIPALITY, "FR", "59", "Lille"),
    OrgSpec("Métropole Européenne de Lille", T.INTERMUNICIPAL, "FR", "59", "Lille", "MEL"),
    OrgSpec("Lycée hôtelier international de Lille", T.UNIVERSITY, "FR", "59", "Lille"),
    OrgSpec("Régie de quartier Lille-Sud", T.ASSOCIATION, "FR", "59", "Lille"),
    OrgSpec("Commune urbaine d'Oujda", T.FOREIGN_AUTHORITY, "MA", "", "Oujda"),
    OrgSpec("Wilaya de la Région de l'Oriental", T.FOREIGN_AUTHORITY, "MA", "", "Oujda"),
    OrgSpec("Université Mohammed Premier", T.UNIVERSITY, "MA", "", "Oujda", "UMP"),
    OrgSpec("Institut français du Maroc", T.EMBASSY, "MA", "", "Rabat"),
    OrgSpec("Institut français du Maroc – Oujda", T.EMBASSY, "MA", "", "Oujda", "IFM"),
    OrgSpec(
        "Institut spécialisé de technologie appliquée hôtellerie et tourisme d'Oujda",
        T.UNIVERSITY,
        "MA",
        "",
        "Oujda",
        "ISTA HT",
    ),
    OrgSpec("Association Nour des quartiers de l'Oriental", T.ASSOCIATION, "MA", "", "Oujda"),
    OrgSpec("Association Saveurs de l'Oriental", T.ASSOCIATION, "MA", "", "Oujda"),
    OrgSpec(
        "Agence marocaine pour l'efficacité énergétique", T.STATE_SERVICE, "MA", "", "Rabat", "AMEE"
    ),
]

DONORS = [
    OrgSpec(
        "Ministère de l'Europe et des Affaires étrangères – Délégation pour l'action "
        "extérieure des collectivités territoriales",
        T.DONOR,
        "FR",
        "75",
        "Paris",
        "MEAE / DAECT",
    ),
    OrgSpec("Agence française de développement", T.DONOR, "FR", "75", "Paris", "AFD"),
    OrgSpec("Union européenne", T.DONOR, "BE", "", "Bruxelles", "UE"),
    OrgSpec("Agence de l'eau Adour-Garonne", T.DONOR, "FR", "31", "Toulouse"),
    OrgSpec("Région Nouvelle-Aquitaine", T.REGION, "FR", "33", "Bordeaux"),
]

NETWORK = OrgSpec(
    "Réseau Nouvelle-Aquitaine Coopération", T.NETWORK, "FR", "33", "Bordeaux", "RNAC"
)

# The network's members, by département: (département, city, type, name).
NETWORK_MEMBERS = [
    # 16 — Charente
    ("16", "Angoulême", T.DEPARTMENT, "Conseil départemental de la Charente"),
    ("16", "Angoulême", T.MUNICIPALITY, "Ville d'Angoulême"),
    ("16", "Angoulême", T.INTERMUNICIPAL, "GrandAngoulême"),
    ("16", "Cognac", T.MUNICIPALITY, "Ville de Cognac"),
    ("16", "Cognac", T.ASSOCIATION, "Charente Solidarités Sahel"),
    # 17 — Charente-Maritime
    ("17", "La Rochelle", T.DEPARTMENT, "Conseil départemental de la Charente-Maritime"),
    ("17", "La Rochelle", T.MUNICIPALITY, "Ville de La Rochelle"),
    ("17", "La Rochelle", T.UNIVERSITY, "La Rochelle Université"),
    ("17", "Rochefort", T.MUNICIPALITY, "Ville de Rochefort"),
    ("17", "Saintes", T.ASSOCIATION, "Saintonge Terres Partagées"),
    ("17", "Jonzac", T.UNIVERSITY, "Lycée professionnel agricole de Jonzac"),
    # 19 — Corrèze
    ("19", "Tulle", T.DEPARTMENT, "Conseil départemental de la Corrèze"),
    ("19", "Tulle", T.MUNICIPALITY, "Ville de Tulle"),
    ("19", "Brive-la-Gaillarde", T.MUNICIPALITY, "Ville de Brive-la-Gaillarde"),
    ("19", "Brive-la-Gaillarde", T.ASSOCIATION, "Corrèze Coopération Afrique"),
    ("19", "Ussel", T.MUNICIPALITY, "Ville d'Ussel"),
    # 23 — Creuse
    ("23", "Guéret", T.DEPARTMENT, "Conseil départemental de la Creuse"),
    ("23", "Guéret", T.MUNICIPALITY, "Ville de Guéret"),
    ("23", "Aubusson", T.MUNICIPALITY, "Ville d'Aubusson"),
    ("23", "La Souterraine", T.ASSOCIATION, "Creuse Solidarité Internationale"),
    ("23", "Felletin", T.UNIVERSITY, "Lycée des métiers du bâtiment de Felletin"),
    # 24 — Dordogne
    ("24", "Périgueux", T.DEPARTMENT, "Conseil départemental de la Dordogne"),
    ("24", "Périgueux", T.MUNICIPALITY, "Ville de Périgueux"),
    ("24", "Bergerac", T.MUNICIPALITY, "Ville de Bergerac"),
    ("24", "Bergerac", T.INTERMUNICIPAL, "Communauté d'agglomération bergeracoise"),
    ("24", "Sarlat-la-Canéda", T.MUNICIPALITY, "Ville de Sarlat-la-Canéda"),
    ("24", "Sarlat-la-Canéda", T.ASSOCIATION, "Périgord Afrique de l'Ouest"),
    # 33 — Gironde
    ("33", "Bordeaux", T.DEPARTMENT, "Conseil départemental de la Gironde"),
    ("33", "Bordeaux", T.MUNICIPALITY, "Ville de Bordeaux"),
    ("33", "Bordeaux", T.INTERMUNICIPAL, "Bordeaux Métropole"),
    ("33", "Talence", T.UNIVERSITY, "Université de Bordeaux"),
    ("33", "Gradignan", T.UNIVERSITY, "Bordeaux Sciences Agro"),
    ("33", "Pessac", T.MUNICIPALITY, "Ville de Pessac"),
    ("33", "Mérignac", T.MUNICIPALITY, "Ville de Mérignac"),
    ("33", "Libourne", T.MUNICIPALITY, "Ville de Libourne"),
    ("33", "Bègles", T.ASSOCIATION, "Gironde Eau Solidaire"),
    ("33", "Bordeaux", T.ASSOCIATION, "Maison des solidarités Bordeaux–Afrique"),
    # 40 — Landes
    ("40", "Mont-de-Marsan", T.DEPARTMENT, "Conseil départemental des Landes"),
    ("40", "Mont-de-Marsan", T.MUNICIPALITY, "Ville de Mont-de-Marsan"),
    ("40", "Dax", T.MUNICIPALITY, "Ville de Dax"),
    ("40", "Dax", T.ASSOCIATION, "Landes Solidarité Burkina"),
    ("40", "Mimizan", T.INTERMUNICIPAL, "Communauté de communes de Mimizan"),
    # 47 — Lot-et-Garonne
    ("47", "Agen", T.DEPARTMENT, "Conseil départemental de Lot-et-Garonne"),
    ("47", "Agen", T.MUNICIPALITY, "Ville d'Agen"),
    ("47", "Agen", T.INTERMUNICIPAL, "Agglomération d'Agen"),
    ("47", "Villeneuve-sur-Lot", T.MUNICIPALITY, "Ville de Villeneuve-sur-Lot"),
    ("47", "Marmande", T.ASSOCIATION, "Garonne Madagascar Partage"),
    # 64 — Pyrénées-Atlantiques
    ("64", "Pau", T.DEPARTMENT, "Conseil départemental des Pyrénées-Atlantiques"),
    ("64", "Pau", T.MUNICIPALITY, "Ville de Pau"),
    ("64", "Pau", T.UNIVERSITY, "Université de Pau et des Pays de l'Adour"),
    ("64", "Bayonne", T.MUNICIPALITY, "Ville de Bayonne"),
    ("64", "Bayonne", T.INTERMUNICIPAL, "Communauté d'agglomération Pays Basque"),
    ("64", "Anglet", T.MUNICIPALITY, "Ville d'Anglet"),
    ("64", "Oloron-Sainte-Marie", T.ASSOCIATION, "Béarn Solidarité Sénégal"),
    # 79 — Deux-Sèvres
    ("79", "Niort", T.DEPARTMENT, "Conseil départemental des Deux-Sèvres"),
    ("79", "Niort", T.MUNICIPALITY, "Ville de Niort"),
    ("79", "Niort", T.INTERMUNICIPAL, "Niort Agglo"),
    ("79", "Parthenay", T.MUNICIPALITY, "Ville de Parthenay"),
    ("79", "Parthenay", T.ASSOCIATION, "Gâtine Sans Frontières"),
    ("79", "Bressuire", T.MUNICIPALITY, "Ville de Bressuire"),
    # 86 — Vienne
    ("86", "Poitiers", T.DEPARTMENT, "Conseil départemental de la Vienne"),
    ("86", "Poitiers", T.MUNICIPALITY, "Ville de Poitiers"),
    ("86", "Poitiers", T.INTERMUNICIPAL, "Grand Poitiers"),
    ("86", "Poitiers", T.UNIVERSITY, "Université de Poitiers"),
    ("86", "Châtellerault", T.MUNICIPALITY, "Ville de Châtellerault"),
    ("86", "Poitiers", T.ASSOCIATION, "Poitou Jeunesse Monde"),
    # 87 — Haute-Vienne
    ("87", "Limoges", T.DEPARTMENT, "Conseil départemental de la Haute-Vienne"),
    ("87", "Limoges", T.MUNICIPALITY, "Ville de Limoges"),
    ("87", "Limoges", T.INTERMUNICIPAL, "Limoges Métropole"),
    ("87", "Limoges", T.UNIVERSITY, "Université de Limoges"),
    ("87", "Saint-Junien", T.MUNICIPALITY, "Ville de Saint-Junien"),
    ("87", "Limoges", T.ASSOCIATION, "Limousin Madagascar Partage"),
]

# The network's partners abroad (Oujda's organisations take no part in its projects).
NETWORK_FOREIGN_PARTNERS = [
    OrgSpec("Commune de Kaolack", T.FOREIGN_AUTHORITY, "SN", "", "Kaolack"),
    OrgSpec("Conseil départemental de Nioro du Rip", T.FOREIGN_AUTHORITY, "SN", "", "Nioro du Rip"),
    OrgSpec(
        "Association des usagers des forages du Saloum",
        T.ASSOCIATION,
        "SN",
        "",
        "Kaolack",
        "ASUFOR",
    ),
    OrgSpec("Région Haute Matsiatra", T.FOREIGN_AUTHORITY, "MG", "", "Fianarantsoa"),
    OrgSpec("Université de Fianarantsoa", T.UNIVERSITY, "MG", "", "Fianarantsoa"),
    OrgSpec("Association Tanora Mandroso", T.ASSOCIATION, "MG", "", "Fianarantsoa"),
    # Partners of members' own cooperations (in no project of the network).
    OrgSpec("Commune de Koudougou", T.FOREIGN_AUTHORITY, "BF", "", "Koudougou"),
    OrgSpec("Commune d'Abomey", T.FOREIGN_AUTHORITY, "BJ", "", "Abomey"),
    OrgSpec("Mairie de Jacmel", T.FOREIGN_AUTHORITY, "HT", "", "Jacmel"),
]


def _organisation_specs() -> list[OrgSpec]:
    members = [OrgSpec(name, kind, "FR", dep, city) for dep, city, kind, name in NETWORK_MEMBERS]
    return [
        *LILLE_OUJDA_ORGANISATIONS,
        *DONORS,
        NETWORK,
        *members,
        *NETWORK_FOREIGN_PARTNERS,
    ]


# --- Projects ---------------------------------------------------------------------------


class ProjectSpec(NamedTuple):
    code: str
    title: str
    title_en: str
    summary: str
    status: str
    country: str
    start_on: date
    end_on: date
    budget: Decimal
    currency: str
    owner: str
    # (organisation name, role) — the consortium.
    partners: list[tuple[str, str]]
    # (username, role) — the users who work on it.
    members: list[tuple[str, str]]


MEAE = DONORS[0].name
AFD = "Agence française de développement"
UE = "Union européenne"
AEAG = "Agence de l'eau Adour-Garonne"
REGION_NA = "Région Nouvelle-Aquitaine"
LILLE = "Ville de Lille"
OUJDA = "Commune urbaine d'Oujda"

P = PartnerRole
M = MembershipRole

LILLE_OUJDA_PROJECTS = [
    ProjectSpec(
        code="LIL-OUJ-GASTRO",
        title="Formation aux métiers de la gastronomie marocaine à Oujda",
        title_en="Training for Moroccan gastronomy trades in Oujda",
        summary=(
            "Former chaque année 60 jeunes de l'Oriental aux métiers de la cuisine, de la "
            "pâtisserie et du service en salle, avec des stages croisés entre Oujda et Lille. "
            "Le projet s'appuie sur l'institut de formation hôtelière d'Oujda et le lycée "
            "hôtelier international de Lille, qui accueille des formateurs marocains."
        ),
        status=ProjectStatus.IN_PROGRESS,
        country="MA",
        start_on=date(2025, 1, 15),
        end_on=date(2027, 6, 30),
        budget=Decimal("420000.00"),
        currency="EUR",
        owner="youssef",
        partners=[
            (LILLE, P.LEAD),
            (OUJDA, P.PARTNER),
            ("Lycée hôtelier international de Lille", P.IMPLEMENTER),
            (
                "Institut spécialisé de technologie appliquée hôtellerie et tourisme d'Oujda",
                P.IMPLEMENTER,
            ),
            ("Association Saveurs de l'Oriental", P.BENEFICIARY),
            ("Institut français du Maroc – Oujda", P.PARTNER),
            (MEAE, P.FUNDER),
            (LILLE, P.FUNDER),
        ],
        members=[("youssef", M.MANAGER), ("oujda", M.PARTNER), ("elu", M.MEMBER)],
    ),
    ProjectSpec(
        code="LIL-OUJ-REGIE",
        title="Création d'une régie de quartier à Oujda",
        title_en="Setting up a neighbourhood services company in Oujda",
        summary=(
            "Créer une régie de quartier qui emploie des habitants des quartiers périphériques "
            "d'Oujda pour l'entretien des espaces publics, la collecte sélective et les petits "
            "travaux, sur le modèle de la régie de quartier Lille-Sud. Le budget est suivi en "
            "dirhams par la Commune urbaine d'Oujda."
        ),
        status=ProjectStatus.IN_PROGRESS,
        country="MA",
        start_on=date(2025, 9, 1),
        end_on=date(2027, 12, 31),
        budget=Decimal("3200000.00"),
        currency="MAD",
        owner="youssef",
        partners=[
            (LILLE, P.LEAD),
            (OUJDA, P.PARTNER),
            ("Régie de quartier Lille-Sud", P.IMPLEMENTER),
            ("Association Nour des quartiers de l'Oriental", P.IMPLEMENTER),
            ("Wilaya de la Région de l'Oriental", P.PARTNER),
            (AFD, P.FUNDER),
            (MEAE, P.FUNDER),
        ],
        members=[("youssef", M.MANAGER), ("oujda", M.PARTNER)],
    ),
    ProjectSpec(
        code="LIL-OUJ-PAEDC",
        title="Plan d'action en faveur de l'énergie durable et du climat d'Oujda (PAEDC)",
        title_en="Sustainable energy and climate action plan of Oujda (SECAP)",
        summary=(
            "Accompagner la Commune urbaine d'Oujda dans l'élaboration de son plan d'action "
            "en faveur de l'énergie durable et du climat : bilan des consommations du "
            "patrimoine communal, éclairage public, bâtiments scolaires, mobilité. "
            "La Métropole Européenne de Lille et l'Université Mohammed Premier apportent "
            "leur expertise ; le dossier de candidature est en cours de rédaction."
        ),
        status=ProjectStatus.FORMULATION,
        country="MA",
        start_on=date(2027, 1, 1),
        end_on=date(2028, 12, 31),
        budget=Decimal("780000.00"),
        currency="EUR",
        owner="youssef",
        partners=[
            (LILLE, P.LEAD),
            (OUJDA, P.PARTNER),
            ("Métropole Européenne de Lille", P.PARTNER),
            ("Université Mohammed Premier", P.IMPLEMENTER),
            ("Agence marocaine pour l'efficacité énergétique", P.PARTNER),
            (UE, P.FUNDER),
            (AFD, P.FUNDER),
        ],
        members=[("youssef", M.MANAGER), ("oujda", M.PARTNER)],
    ),
]

NETWORK_PROJECTS = [
    ProjectSpec(
        code="RNAC-EAU-SN",
        title="Accès à l'eau potable et à l'assainissement dans le bassin arachidier (Sénégal)",
        title_en="Access to drinking water and sanitation in the groundnut basin (Senegal)",
        summary=(
            "Consortium de collectivités et d'associations de Nouvelle-Aquitaine aux côtés de "
            "la commune de Kaolack et du département de Nioro du Rip : réhabilitation de "
            "forages, latrines dans les écoles, formation des associations d'usagers à la "
            "gestion du service de l'eau. Financé au titre du 1 % eau (loi Oudin-Santini)."
        ),
        status=ProjectStatus.IN_PROGRESS,
        country="SN",
        start_on=date(2025, 3, 1),
        end_on=date(2027, 12, 31),
        budget=Decimal("310000000.00"),
        currency="XOF",
        owner="camille",
        partners=[
            (NETWORK.name, P.LEAD),
            ("Conseil départemental de la Gironde", P.PARTNER),
            ("Bordeaux Métropole", P.PARTNER),
            ("Ville de Pau", P.PARTNER),
            ("Gironde Eau Solidaire", P.IMPLEMENTER),
            ("Béarn Solidarité Sénégal", P.IMPLEMENTER),
            ("Commune de Kaolack", P.PARTNER),
            ("Conseil départemental de Nioro du Rip", P.PARTNER),
            ("Association des usagers des forages du Saloum", P.BENEFICIARY),
            (AEAG, P.FUNDER),
            (MEAE, P.FUNDER),
            (REGION_NA, P.FUNDER),
        ],
        members=[("camille", M.MANAGER)],
    ),
    ProjectSpec(
        code="RNAC-JEUNES-MG",
        title="Mobilité des jeunes et tiers-lieux numériques en Haute Matsiatra (Madagascar)",
        title_en="Youth mobility and digital third places in Haute Matsiatra (Madagascar)",
        summary=(
            "Échanges de jeunes volontaires entre la Nouvelle-Aquitaine et la région Haute "
            "Matsiatra, et ouverture de deux tiers-lieux numériques à Fianarantsoa avec "
            "l'université : formation au code, accompagnement de projets de jeunes, "
            "missions de volontaires de solidarité internationale (VSI)."
        ),
        status=ProjectStatus.FORMULATION,  # changed to "in progress" below: see _record_edits
        country="MG",
        start_on=date(2026, 1, 15),
        end_on=date(2027, 12, 31),
        budget=Decimal("265000.00"),
        currency="EUR",
        owner="camille",
        partners=[
            (NETWORK.name, P.LEAD),
            ("Ville de Limoges", P.PARTNER),
            ("Université de Limoges", P.PARTNER),
            ("Limousin Madagascar Partage", P.IMPLEMENTER),
            ("Garonne Madagascar Partage", P.IMPLEMENTER),
            ("Poitou Jeunesse Monde", P.IMPLEMENTER),
            ("Région Haute Matsiatra", P.PARTNER),
            ("Université de Fianarantsoa", P.PARTNER),
            ("Association Tanora Mandroso", P.BENEFICIARY),
            (REGION_NA, P.FUNDER),
            (MEAE, P.FUNDER),
            (UE, P.FUNDER),
        ],
        members=[("camille", M.MANAGER)],
    ),
]


# Who pays which share (%) of each project's budget.
FUNDING_SHARES = {
    ("LIL-OUJ-GASTRO", MEAE): Decimal("40.00"),
    ("LIL-OUJ-GASTRO", LILLE): Decimal("60.00"),
    ("LIL-OUJ-REGIE", AFD): Decimal("70.00"),
    ("LIL-OUJ-REGIE", MEAE): Decimal("30.00"),
    ("LIL-OUJ-PAEDC", UE): Decimal("75.00"),
    ("LIL-OUJ-PAEDC", AFD): Decimal("25.00"),
    ("RNAC-EAU-SN", AEAG): Decimal("50.00"),
    ("RNAC-EAU-SN", MEAE): Decimal("30.00"),
    ("RNAC-EAU-SN", REGION_NA): Decimal("20.00"),
    ("RNAC-JEUNES-MG", REGION_NA): Decimal("35.00"),
    ("RNAC-JEUNES-MG", MEAE): Decimal("35.00"),
    ("RNAC-JEUNES-MG", UE): Decimal("30.00"),
}


# --- Builder ----------------------------------------------------------------------------


def demo_exists() -> bool:
    """Whether the database already holds users (the demo's or anyone's)."""
    return User.objects.exists()


@transaction.atomic
def build_demo() -> DemoSummary:
    """Create the whole dataset in one transaction (into an empty database)."""
    users = _create_users()
    organisations = _create_organisations(users)
    projects = _create_projects(users)
    partners = _create_partners(projects, organisations, users)
    memberships = _create_memberships(projects, users)
    _classify_organisations(organisations)
    _create_links(users, organisations)
    people = _create_people(users)
    positions = _create_positions(users, people, organisations)
    _add_project_contacts(partners, people)
    interactions = _create_interactions(users, people, organisations, projects)
    groups = _create_groups(users, people, organisations)
    plans = build_project_plans(projects, users, organisations)
    partnerships = build_partnerships(organisations, people, projects, users)
    _record_edits(users, organisations, projects)
    return DemoSummary(
        users=len(users),
        organisations=len(organisations),
        projects=len(projects),
        partners=len(partners),
        memberships=len(memberships),
        people=len(people),
        positions=len(positions),
        interactions=len(interactions),
        groups=len(groups),
        plans=plans,
        partnerships=partnerships,
    )


def _create_users() -> dict[str, User]:
    password = make_password(DEMO_PASSWORD)  # hashed once, shared by every demo account
    users = [
        User(
            username=spec.username,
            role=spec.role,
            first_name=spec.first_name,
            last_name=spec.last_name,
            email=f"{spec.username}@{EMAIL_DOMAIN}",
            language="fr",
            password=password,
        )
        for spec in USERS
    ]
    created = bulk_create_with_history(users, User)
    return {user.username: user for user in created}


def _lille_side() -> set[str]:
    return {spec.name for spec in LILLE_OUJDA_ORGANISATIONS}


def _create_organisations(users: dict[str, User]) -> dict[str, Organisation]:
    lille_side = _lille_side()
    organisations = []
    in_city: dict[str, int] = {}
    domains = _domains()
    for index, spec in enumerate(_organisation_specs()):
        address, postcode = _address(spec)
        org = Organisation(
            name=spec.name,
            acronym=spec.acronym,
            type=spec.type,
            country=spec.country,
            departement=spec.departement,
            city=spec.city,
            address=address,
            postcode=postcode,
            foreign_region=A.PLACES[spec.city].region,
            siren=_siren(spec, index),
            email=f"contact@{domains[spec.name]}",
            phone=_phone(_office_prefix(spec.country, spec.departement, spec.city), 500 + index),
        )
        org.siret = _siret(org.siren)
        org.latitude, org.longitude = _coordinates(spec.city, in_city)
        org.search_text = org.compute_search_text()
        # Who entered it, for the history tab: Youssef for Lille–Oujda, Camille otherwise.
        org._history_user = users["youssef" if spec.name in lille_side else "camille"]  # type: ignore[attr-defined]
        organisations.append(org)
    names = [org.name for org in organisations]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValueError(f"Duplicate demo organisations: {duplicates}")
    created = bulk_create_with_history(organisations, Organisation)
    return {org.name: org for org in created}


def _address(spec: OrgSpec) -> tuple[str, str]:
    if spec.name in A.ADDRESSES:
        return A.ADDRESSES[spec.name]
    return A.SEAT_BY_TYPE.get(spec.type, ""), A.PLACES[spec.city].postcode


# Organisations of one city are spread around its centre, so that map markers do not overlap.
_CITY_OFFSETS = [(0, 0), (1, 0), (0, 1), (-1, 0), (0, -1), (1, 1), (-1, -1), (1, -1), (-1, 1)]
_CITY_STEP = Decimal("0.0035")


def _coordinates(city: str, in_city: dict[str, int]) -> tuple[Decimal, Decimal]:
    place = A.PLACES[city]
    rank = in_city.get(city, 0)
    in_city[city] = rank + 1
    ring, slot = divmod(rank, len(_CITY_OFFSETS))
    north, east = _CITY_OFFSETS[slot]
    step = _CITY_STEP * (ring + 1)
    return (
        Decimal(place.latitude) + north * step,
        Decimal(place.longitude) + east * step,
    )


def _luhn_completed(digits: str) -> str:
    """`digits` followed by the check digit that makes the whole pass the Luhn check."""
    return next(digits + d for d in "0123456789" if luhn_valid(digits + d))


# The first digits of a French public body's SIREN, by type (then the département).
_SIREN_PREFIX = {
    T.DEPARTMENT: "22",
    T.REGION: "2000",
    T.INTERMUNICIPAL: "2000",
    T.UNIVERSITY: "19",
    T.ASSOCIATION: "7",
    T.NETWORK: "7",
    T.DONOR: "1",
}


def _siren(spec: OrgSpec, index: int) -> str:
    """A plausible SIREN for a French organisation (empty abroad), valid by construction."""
    if spec.country != "FR" or spec.type not in {*_SIREN_PREFIX, T.MUNICIPALITY}:
        return ""
    if spec.type == T.MUNICIPALITY:  # 21 + département + commune number: as INSEE numbers them
        insee = A.PLACES[spec.city].insee
        body = f"21{insee[:2]}0{insee[2:]}"
    elif spec.type == T.DEPARTMENT:
        body = f"22{spec.departement}0001"
    else:
        prefix = _SIREN_PREFIX[spec.type] + spec.departement
        body = prefix + f"{index * 37:08d}"[len(prefix) - 8 :]
    return _luhn_completed(body)


def _siret(siren: str) -> str:
    """The SIRET of the head office: the SIREN, establishment number 0001 and a check digit."""
    return _luhn_completed(f"{siren}0001") if siren else ""


def _domains() -> dict[str, str]:
    """Each organisation's (fictional) mail domain, from its acronym or first words of its name."""
    domains: dict[str, str] = {}
    for spec in _organisation_specs():
        words = slugify(spec.acronym or spec.name).split("-")
        slug = "-".join([word for word in words if word not in A.DOMAIN_STOP_WORDS][:4])
        if f"{slug}.example" in domains.values():
            slug = f"{slug}-{slugify(spec.city)}"
        domains[spec.name] = f"{slug}.example"
    return domains


def _office_prefix(country: str, departement: str, city: str) -> str:
    if country == "FR":
        return A.PHONE_PREFIX_BY_DEPARTEMENT[departement]
    return A.PHONE_PREFIX_BY_CITY[city]


def _phone(prefix: str, seed: int) -> str:
    """A valid E.164 number: `prefix` completed to the country's length with fixed digits."""
    code = max((code for code in A.E164_LENGTH if prefix.startswith(code)), key=len)
    width = A.E164_LENGTH[code] - len(prefix)
    return prefix + f"{(seed * 7919 + 1357) % 10**width:0{width}d}"


def _project_specs() -> list[ProjectSpec]:
    return [*LILLE_OUJDA_PROJECTS, *NETWORK_PROJECTS]


def _create_projects(users: dict[str, User]) -> dict[str, Project]:
    projects = []
    for spec in _project_specs():
        project = Project(
            code=spec.code,
            title=spec.title,
            title_en=spec.title_en,
            summary=spec.summary,
            status=spec.status,
            country=spec.country,
            start_on=spec.start_on,
            end_on=spec.end_on,
            budget=spec.budget,
            currency=spec.currency,
            owner=users[spec.owner],
        )
        project.search_text = project.compute_search_text()
        project._history_user = users[spec.owner]  # type: ignore[attr-defined]
        projects.append(project)
    created = bulk_create_with_history(projects, Project)
    return {project.code: project for project in created}


def _create_partners(
    projects: dict[str, Project],
    organisations: dict[str, Organisation],
    users: dict[str, User],
) -> list[ProjectPartner]:
    partners = []
    for spec in _project_specs():
        for name, role in spec.partners:
            share = FUNDING_SHARES.get((spec.code, name)) if role == P.FUNDER else None
            partner = ProjectPartner(
                project=projects[spec.code],
                organisation=organisations[name],
                role=role,
                share=share,
            )
            partner._history_user = users[spec.owner]  # type: ignore[attr-defined]
            partners.append(partner)
    return bulk_create_with_history(partners, ProjectPartner)


def _create_memberships(
    projects: dict[str, Project], users: dict[str, User]
) -> list[ProjectMembership]:
    memberships = []
    for spec in _project_specs():
        for username, role in spec.members:
            membership = ProjectMembership(
                project=projects[spec.code], user=users[username], role=role
            )
            membership._history_user = users[spec.owner]  # type: ignore[attr-defined]
            memberships.append(membership)
    return bulk_create_with_history(memberships, ProjectMembership)


def _add_m2m(model: type[Model], field_name: str, pairs: list[tuple[int, Any]]) -> None:
    """Bulk-add (record pk, related pk) pairs to a many-to-many field.

    When the field's history is kept, the pairs are also written into the record's latest
    historical version (its creation), as if they had been there from the start: bulk
    writes send no signal, and the next edit must not look as if it had added them.
    """
    field = model._meta.get_field(field_name)
    through = field.remote_field.through  # type: ignore[union-attr]
    source = field.m2m_field_name()  # type: ignore[union-attr]
    target = field.m2m_reverse_field_name()  # type: ignore[union-attr]
    rows = through.objects.bulk_create(
        [through(**{f"{source}_id": pk, f"{target}_id": other}) for pk, other in pairs]
    )
    history_model = model.history.model  # type: ignore[attr-defined]
    if field_name not in {f.name for f in getattr(history_model, "_history_m2m_fields", [])}:
        return
    m2m_history_model = getattr(history_model, field_name).model
    latest = dict(
        history_model.objects.filter(id__in={pk for pk, _ in pairs})
        .order_by("history_id")
        .values_list("id", "history_id")
    )
    m2m_history_model.objects.bulk_create(
        [
            m2m_history_model(
                id=row.pk,
                history_id=latest[pk],
                **{f"{source}_id": pk, f"{target}_id": other},
            )
            for row, (pk, other) in zip(rows, pairs, strict=True)
        ]
    )


def _by_name(model: type[Model], names: list[str]) -> dict[str, Any]:
    """Rows of a name-keyed vocabulary (Theme, Tag), created if missing."""
    model.objects.bulk_create([model(name=name) for name in names], ignore_conflicts=True)  # type: ignore[misc]
    return {row.name: row for row in model.objects.filter(name__in=names)}  # type: ignore[attr-defined]


def _members() -> list[str]:
    return [name for _, _, _, name in NETWORK_MEMBERS]


def _classify_organisations(organisations: dict[str, Organisation]) -> None:
    """Themes, SDGs, countries of action and tags, from each organisation's profile."""
    unknown = sorted(set(A.PROFILES) - set(organisations))
    if unknown:
        raise ValueError(f"Profiles of unknown demo organisations: {unknown}")
    themes = _by_name(Theme, list(A.THEMES.values()))
    tags = _by_name(Tag, A.TAGS)
    theme_pairs, sdg_pairs, countries = [], [], []
    for name, profile in A.PROFILES.items():
        org = organisations[name]
        keys = profile.themes.split()
        theme_pairs += [(org.pk, themes[A.THEMES[key]].pk) for key in keys]
        goals = sorted({goal for key in keys for goal in A.THEME_SDGS[key]})
        sdg_pairs += [(org.pk, goal) for goal in goals]
        countries += [
            OrganisationCountry(organisation=org, country=code)
            for code in profile.countries.split()
        ]
    _add_m2m(Organisation, "themes", theme_pairs)
    _add_m2m(Organisation, "sdgs", sdg_pairs)
    OrganisationCountry.objects.bulk_create(countries)

    tagged: list[tuple[str, str]] = []
    for name in _members():
        if name in A.LAPSED_MEMBERS:
            tagged.append((name, A.MEMBER_2025))
        else:
            tagged.append((name, A.MEMBER_2026))
        if name in A.NEW_MEMBERS:
            tagged.append((name, A.NEW_MEMBER))
    tagged += [(name, A.STEERING) for name in sorted(A.STEERING_COMMITTEE)]
    twinned = {name for spec in LILLE_OUJDA_PROJECTS for name, _ in spec.partners}
    tagged += [
        (spec.name, A.TWINNING)
        for spec in LILLE_OUJDA_ORGANISATIONS
        if spec.name in twinned and spec.type != T.DONOR
    ]
    _add_m2m(Organisation, "tags", [(organisations[n].pk, tags[t].pk) for n, t in tagged])


def _create_links(users: dict[str, User], organisations: dict[str, Organisation]) -> None:
    """Membership of the network, funding of the projects' leads, partnerships, parents."""
    links: dict[tuple[str, str, str], date] = {}
    for index, name in enumerate(_members()):
        since = A.NEW_MEMBERS.get(name) or date(2009 + (index * 5) % 16, 1 + (index * 7) % 12, 1)
        links[(name, LinkKind.MEMBER_OF, NETWORK.name)] = since
    for spec in _project_specs():
        lead = next(name for name, role in spec.partners if role == P.LEAD)
        for name, role in spec.partners:
            key = (name, LinkKind.FUNDS, lead)
            if role == P.FUNDER and name != lead and key not in links:
                links[key] = spec.start_on
    for source, target, since in A.PARTNERSHIPS:
        links[(source, LinkKind.PARTNER_OF, target)] = since

    lille_side = _lille_side()
    rows = []
    for (source, kind, target), since in links.items():
        link = OrganisationLink(
            source=organisations[source],
            kind=kind,
            target=organisations[target],
            since_on=since,
        )
        youssef = source in lille_side or target in lille_side
        link._history_user = users["youssef" if youssef else "camille"]  # type: ignore[attr-defined]
        rows.append(link)
    bulk_create_with_history(rows, OrganisationLink)

    for child, parent in A.PARENTS:
        org = organisations[child]
        org.parent = organisations[parent]
        org._history_user = users["youssef"]  # type: ignore[attr-defined]
        org.save()


def _full_name(spec: A.PersonSpec) -> str:
    return f"{spec.first_name} {spec.last_name}"


def _create_people(users: dict[str, User]) -> dict[str, Person]:
    lille_side = _lille_side()
    lille_contacts = {
        name for spec in LILLE_OUJDA_PROJECTS for name in A.PROJECT_CONTACTS[spec.code]
    }
    orgs = {spec.name: spec for spec in _organisation_specs()}
    domains = _domains()
    people = []
    emails: set[str] = set()
    for index, spec in enumerate(A.PEOPLE):
        name = _full_name(spec)
        org = orgs[spec.organisation]
        country = A.BASED_IN.get(name, org.country)
        at_office = country == org.country and index % 5 != 4
        professional = _email(spec, domains[org.name], emails)
        left = spec.until is not None
        consent_on, consent_source = A.CONSENTS.get(name, (None, ""))
        person = Person(
            first_name=spec.first_name,
            last_name=spec.last_name,
            email=_email(spec, "courriel.example", emails) if left else professional,
            other_email=professional if left else "",
            phone=_phone(_office_prefix(org.country, org.departement, org.city), index)
            if at_office
            else "",
            mobile=_phone(A.MOBILE_PREFIX_BY_COUNTRY[country], 300 + index)
            if country != "FR" or index % 2 == 0
            else "",
            languages=A.LANGUAGES.get(name, A.LANGUAGES_BY_COUNTRY[country]),
            timezone=A.TIMEZONE_BY_COUNTRY[country],
            lawful_basis=LawfulBasis.CONSENT if consent_on else LawfulBasis.LEGITIMATE_INTEREST,
            consent_on=consent_on,
            consent_source=consent_source,
            do_not_contact=name in A.DO_NOT_CONTACT,
            notes=A.DO_NOT_CONTACT.get(name, ""),
        )
        person.search_text = person.compute_search_text()
        youssef = spec.organisation in lille_side or name in lille_contacts
        person._history_user = users["youssef" if youssef else "camille"]  # type: ignore[attr-defined]
        people.append(person)
    names = [_full_name(spec) for spec in A.PEOPLE]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValueError(f"Duplicate demo people: {duplicates}")
    created = bulk_create_with_history(people, Person)
    by_name = dict(zip(names, created, strict=True))

    tags = _by_name(Tag, list(A.PERSON_TAGS))
    pairs = [
        (by_name[name].pk, tags[tag].pk)
        for tag, members in A.PERSON_TAGS.items()
        for name in members
    ]
    _add_m2m(Person, "tags", pairs)
    return by_name


def _email(spec: A.PersonSpec, domain: str, taken: set[str]) -> str:
    first, last = slugify(spec.first_name), slugify(spec.last_name).replace("-", "")
    email = f"{first[0]}.{last}@{domain}"
    if email in taken:
        email = f"{first}.{last}@{domain}"
    taken.add(email)
    return email


def _positions_of(spec: A.PersonSpec) -> list[A.Pos]:
    main = A.Pos(spec.organisation, spec.role, spec.since, spec.until)
    return sorted([main, *spec.other], key=lambda pos: pos.start_on or date.min)


def _create_positions(
    users: dict[str, User], people: dict[str, Person], organisations: dict[str, Organisation]
) -> list[Position]:
    positions = []
    for spec in A.PEOPLE:
        person = people[_full_name(spec)]
        for pos in _positions_of(spec):
            position = Position(
                person=person,
                organisation=organisations[pos.organisation],
                role=pos.role,
                start_on=pos.start_on,
                end_on=pos.end_on,
            )
            position._history_user = person._history_user  # type: ignore[attr-defined]
            positions.append(position)
    return bulk_create_with_history(positions, Position)


def _add_project_contacts(partners: list[ProjectPartner], people: dict[str, Person]) -> None:
    """Each contact on their organisation's (first) place in the project's consortium."""
    where = {_full_name(spec): spec.organisation for spec in A.PEOPLE}
    pairs = []
    for code, names in A.PROJECT_CONTACTS.items():
        for name in names:
            partner = next(
                (
                    p
                    for p in partners
                    if p.project.code == code and p.organisation.name == where[name]
                ),
                None,
            )
            if partner is None:
                raise ValueError(f"{name} works for no organisation of {code}")
            pairs.append((partner.pk, people[name].pk))
    _add_m2m(ProjectPartner, "contacts", pairs)


def _organisations_on(spec: A.PersonSpec, day: date) -> list[str]:
    """Where the person worked on that day (else where they work last)."""
    current = [
        pos.organisation
        for pos in _positions_of(spec)
        if (pos.start_on is None or pos.start_on <= day)
        and (pos.end_on is None or pos.end_on >= day)
    ]
    return current or [spec.organisation]


def _create_interactions(
    users: dict[str, User],
    people: dict[str, Person],
    organisations: dict[str, Organisation],
    projects: dict[str, Project],
) -> list[Interaction]:
    specs = {_full_name(spec): spec for spec in A.PEOPLE}
    recorded = [
        *((spec, users["youssef"]) for spec in A.LILLE_OUJDA_INTERACTIONS),
        *((spec, users["camille"]) for spec in A.NETWORK_INTERACTIONS),
    ]
    interactions = []
    for spec, user in recorded:
        interaction = Interaction(
            kind=spec.kind,
            occurred_on=spec.occurred_on,
            subject=spec.subject,
            notes=spec.notes,
            project=projects[spec.project] if spec.project else None,
            follow_up_on=spec.follow_up_on,
            follow_up_done=spec.follow_up_done,
            created_by=user,
        )
        interaction.search_text = interaction.compute_search_text()
        interaction._history_user = user  # type: ignore[attr-defined]
        interactions.append(interaction)
    created = bulk_create_with_history(interactions, Interaction)

    people_pairs, organisation_pairs = [], []
    for interaction, (spec, _) in zip(created, recorded, strict=True):
        people_pairs += [(interaction.pk, people[name].pk) for name in spec.people]
        names = [
            *(
                org
                for name in spec.people
                for org in _organisations_on(specs[name], spec.occurred_on)
            ),
            *spec.organisations,
        ]
        organisation_pairs += [
            (interaction.pk, organisations[name].pk) for name in dict.fromkeys(names)
        ]
    _add_m2m(Interaction, "people", people_pairs)
    _add_m2m(Interaction, "organisations", organisation_pairs)
    return created


def _create_groups(
    users: dict[str, User], people: dict[str, Person], organisations: dict[str, Organisation]
) -> list[Group]:
    themes = _by_name(Theme, list(A.THEMES.values()))
    groups = []
    for spec in A.GROUPS:
        keys = spec.themes.split()
        group = Group(
            name=spec.name,
            kind=spec.kind,
            description=spec.description,
            theme=themes[A.THEMES[keys[0]]] if keys else None,
            country=spec.country,
        )
        group.search_text = group.compute_search_text()
        group._history_user = users["camille"]  # type: ignore[attr-defined]
        groups.append(group)
    created = bulk_create_with_history(groups, Group)

    foreign = [spec.name for spec in NETWORK_FOREIGN_PARTNERS]
    members = []
    for group, spec in zip(created, A.GROUPS, strict=True):
        keys = set(spec.themes.split())
        for name in [*_members(), *foreign]:
            profile = A.PROFILES[name]
            if keys:
                belongs = name not in foreign and bool(keys & set(profile.themes.split()))
            else:
                belongs = (
                    spec.country in profile.countries.split()
                    or organisations[name].country == spec.country
                )
            if belongs:
                members.append(
                    GroupMember(group=group, organisation=organisations[name], role=A.MEMBRE)
                )
        members += [
            GroupMember(group=group, person=people[name], role=role) for name, role in spec.people
        ]
    for member in members:
        member._history_user = users["camille"]  # type: ignore[attr-defined]
    bulk_create_with_history(members, GroupMember)
    return created


def _record_edits(
    users: dict[str, User],
    organisations: dict[str, Organisation],
    projects: dict[str, Project],
) -> None:
    """A few later changes, so that history tabs tell a story from the first run."""
    youth = projects["RNAC-JEUNES-MG"]
    youth.status = ProjectStatus.IN_PROGRESS  # the convention was signed
    youth._history_user = users["camille"]  # type: ignore[attr-defined]
    youth.save()

    regie = projects["LIL-OUJ-REGIE"]
    regie.budget = Decimal("3450000.00")  # budget revised after the AFD appraisal
    regie._history_user = users["youssef"]  # type: ignore[attr-defined]
    regie.save()

    oujda = organisations[OUJDA]
    oujda.acronym = "CUO"
    oujda._history_user = users["youssef"]  # type: ignore[attr-defined]
    oujda.save()

    water = projects["RNAC-EAU-SN"]
    water.end_on = date(2028, 6, 30)  # extension agreed with the water agency
    water._history_user = users["camille"]  # type: ignore[attr-defined]
    water.save()
