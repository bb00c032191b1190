"""The demo dataset: a real-looking cooperation system a newcomer can explore at once.

Two stories share one database:

- the City of Lille's international relations service and its twinning with Oujda
  (since 2005): three projects followed by Youssef, the field officer in Oujda, with the
  Commune urbaine d'Oujda as a partner who sees only those projects;
- a regional multi-actor network of Nouvelle-Aquitaine, run by Camille: member
  organisations in all twelve départements and two consortium projects.

Everything is fixed data: no randomness, no "today". The dataset is told as of
`REFERENCE_DATE` so that the data is identical on every run. People are fictional.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.contrib.auth.hashers import make_password
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from maillage.accounts.models import Role, User
from maillage.actors.models import Organisation, OrganisationType
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
    _record_edits(users, organisations, projects)
    return DemoSummary(
        users=len(users),
        organisations=len(organisations),
        projects=len(projects),
        partners=len(partners),
        memberships=len(memberships),
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


def _create_organisations(users: dict[str, User]) -> dict[str, Organisation]:
    lille_side = {spec.name for spec in LILLE_OUJDA_ORGANISATIONS}
    organisations = []
    for spec in _organisation_specs():
        org = Organisation(
            name=spec.name,
            acronym=spec.acronym,
            type=spec.type,
            country=spec.country,
            departement=spec.departement,
            city=spec.city,
        )
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
            partner = ProjectPartner(
                project=projects[spec.code], organisation=organisations[name], role=role
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
