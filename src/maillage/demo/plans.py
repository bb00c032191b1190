"""Fixed data of the demo's project management: strategies and programmes, the plan of each
project (activities, tasks, milestones and their finish-to-start links), its sectors,
places, policy markers, SDG targets and tags, its risk register and its field updates.

Told as of the demo's reference date (1 September 2026): what ended before is done unless
it is marked `late` (then it is behind schedule), what runs across it is under way, what
starts after it is to do. `maillage.demo.projects_plan` builds the records from here.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from maillage.projects.models import RiskCategory

# --- Organisations (names as in `maillage.demo.data`) ------------------------------------

LILLE = "Ville de Lille"
OUJDA = "Commune urbaine d'Oujda"
MEL = "Métropole Européenne de Lille"
LYCEE = "Lycée hôtelier international de Lille"
ISTA = "Institut spécialisé de technologie appliquée hôtellerie et tourisme d'Oujda"
SAVEURS = "Association Saveurs de l'Oriental"
IFM = "Institut français du Maroc – Oujda"
REGIE_LILLE = "Régie de quartier Lille-Sud"
NOUR = "Association Nour des quartiers de l'Oriental"
UMP = "Université Mohammed Premier"
AMEE = "Agence marocaine pour l'efficacité énergétique"
RNAC = "Réseau Nouvelle-Aquitaine Coopération"
GIRONDE_EAU = "Gironde Eau Solidaire"
BEARN = "Béarn Solidarité Sénégal"
BORDEAUX_METROPOLE = "Bordeaux Métropole"
KAOLACK = "Commune de Kaolack"
NIORO = "Conseil départemental de Nioro du Rip"
ASUFOR = "Association des usagers des forages du Saloum"
LIMOGES = "Ville de Limoges"
UNILIM = "Université de Limoges"
LIMOUSIN_MG = "Limousin Madagascar Partage"
GARONNE_MG = "Garonne Madagascar Partage"
POITOU_JM = "Poitou Jeunesse Monde"
MATSIATRA = "Région Haute Matsiatra"
FIANARANTSOA = "Université de Fianarantsoa"
TANORA = "Association Tanora Mandroso"


def d(iso: str) -> date:
    return date.fromisoformat(iso)


# --- Strategies and programmes -----------------------------------------------------------


class StrategySpec(NamedTuple):
    title: str
    owner: str  # organisation
    description: str
    start_on: date
    end_on: date


class ProgrammeSpec(NamedTuple):
    code: str
    title: str
    strategy: str  # title of the strategy
    description: str
    start_on: date
    end_on: date
    owner: str  # username
    projects: list[str]


LILLE_STRATEGY = "Stratégie internationale de la Ville de Lille 2021–2026"
RNAC_STRATEGY = "Feuille de route du Réseau Nouvelle-Aquitaine Coopération 2024–2028"

STRATEGIES = [
    StrategySpec(
        LILLE_STRATEGY,
        LILLE,
        "Les priorités internationales votées par le conseil municipal en 2021 : jumelages "
        "et coopérations décentralisées (Oujda, Saint-Louis du Sénégal, Naplouse), "
        "formation et insertion des jeunes, transition écologique des villes partenaires.",
        d("2021-01-01"),
        d("2026-12-31"),
    ),
    StrategySpec(
        RNAC_STRATEGY,
        RNAC,
        "Feuille de route adoptée par l'assemblée générale du réseau : mutualiser les "
        "projets des adhérents en consortiums, accès aux services essentiels et jeunesse.",
        d("2024-01-01"),
        d("2028-12-31"),
    ),
]

PROGRAMMES = [
    ProgrammeSpec(
        "LIL-OUJ",
        "Coopération Lille–Oujda",
        LILLE_STRATEGY,
        "Le programme de coopération décentralisée entre Lille et Oujda, jumelées depuis "
        "2005 : formation aux métiers de la gastronomie, économie sociale et solidaire, "
        "climat et énergie.",
        d("2025-01-01"),
        d("2028-12-31"),
        "youssef",
        ["LIL-OUJ-GASTRO", "LIL-OUJ-REGIE", "LIL-OUJ-PAEDC"],
    ),
    ProgrammeSpec(
        "RNAC-EAU-JEUNESSE",
        "Programme régional eau et jeunesse",
        RNAC_STRATEGY,
        "Les deux consortiums du réseau : eau et assainissement au Sénégal (1 % eau), "
        "mobilité des jeunes et numérique à Madagascar.",
        d("2025-03-01"),
        d("2028-06-30"),
        "camille",
        ["RNAC-EAU-SN", "RNAC-JEUNES-MG"],
    ),
]


# --- Project profile: English summary, actual start, sectors, places, markers, tags ---


class LocationSpec(NamedTuple):
    name: str
    country: str
    place: str  # key of `maillage.demo.actors.PLACES` (its coordinates)
    description: str = ""


class ProfileSpec(NamedTuple):
    summary_en: str
    actual_start_on: date | None
    # DAC 5-digit purpose codes (codelist "Sector") and their shares, summing to 100.
    sectors: list[tuple[str, int]]
    locations: list[LocationSpec]
    # (PolicyMarker code, PolicySignificance code)
    markers: list[tuple[str, str]]
    sdg_targets: list[str]  # codes of "UNSDG-Targets"
    tags: list[str]


TWINNING = "Jumelage Lille–Oujda"  # the tag of `maillage.demo.actors`

PROFILES = {
    "LIL-OUJ-GASTRO": ProfileSpec(
        "Each year, 60 young people from the Oriental region are trained in cooking, pastry "
        "and restaurant service, with cross internships between Oujda and Lille. The project "
        "relies on the hospitality training institute of Oujda and on Lille's international "
        "hotel school, which hosts Moroccan trainers.",
        d("2025-01-20"),
        [("11330", 70), ("33210", 20), ("32161", 10)],
        [
            LocationSpec("Oujda", "MA", "Oujda", "Cuisine pédagogique de l'ISTA hôtellerie"),
            LocationSpec("Lille", "FR", "Lille", "Stages au lycée hôtelier et en restaurant"),
        ],
        [("1", "1"), ("3", "1")],
        ["4.4", "8.6", "8.9"],
        [TWINNING, "Formation professionnelle", "Jeunesse"],
    ),
    "LIL-OUJ-REGIE": ProfileSpec(
        "A neighbourhood services company employing residents of Oujda's outlying districts "
        "for the upkeep of public spaces, separate waste collection and small works, on the "
        "model of the Lille-Sud neighbourhood company. The budget is followed in dirhams by "
        "the urban municipality of Oujda.",
        d("2025-09-15"),
        [("16020", 50), ("14050", 30), ("15112", 20)],
        [
            LocationSpec(
                "Oujda", "MA", "Oujda", "Quartiers Sidi Yahya et Lazaret : local de la régie"
            ),
        ],
        [("1", "1"), ("2", "1"), ("3", "2")],
        ["8.5", "11.6", "16.7"],
        [TWINNING, "Insertion", "Économie sociale et solidaire"],
    ),
    "LIL-OUJ-PAEDC": ProfileSpec(
        "Support for the urban municipality of Oujda in drawing up its sustainable energy and "
        "climate action plan: energy use of municipal buildings, street lighting, school "
        "buildings, mobility. The European Metropolis of Lille and Mohammed First University "
        "bring their expertise; the application is being written.",
        None,  # in formulation: not started
        [("23110", 40), ("23183", 40), ("15112", 20)],
        [LocationSpec("Oujda", "MA", "Oujda", "Patrimoine communal et éclairage public")],
        [("2", "1"), ("6", "2"), ("3", "1")],
        ["7.3", "11.3", "13.2"],
        [TWINNING, "Climat-énergie"],
    ),
    "RNAC-EAU-SN": ProfileSpec(
        "A consortium of local authorities and associations of Nouvelle-Aquitaine alongside "
        "the municipality of Kaolack and the department of Nioro du Rip: rehabilitation of "
        "boreholes, latrines in schools, training of water users' associations in running "
        "the water service. Funded under the 1% water scheme (Oudin-Santini law).",
        d("2025-03-10"),
        [("14031", 50), ("14032", 30), ("14081", 20)],
        [
            LocationSpec("Kaolack", "SN", "Kaolack", "Extension du réseau, bornes-fontaines"),
            LocationSpec("Nioro du Rip", "SN", "Nioro du Rip", "Forages ruraux et écoles"),
        ],
        [("1", "1"), ("2", "1"), ("7", "1"), ("3", "1")],
        ["6.1", "6.2", "6.b"],
        ["1 % eau", "Eau et assainissement"],
    ),
    "RNAC-JEUNES-MG": ProfileSpec(
        "Exchanges of young volunteers between Nouvelle-Aquitaine and the Haute Matsiatra "
        "region, and two digital third places opened in Fianarantsoa with the university: "
        "coding courses, support for young people's projects, international solidarity "
        "volunteer missions.",
        d("2026-02-02"),  # the funding agreement was signed late
        [("11330", 40), ("22040", 35), ("15150", 25)],
        [
            LocationSpec("Fianarantsoa", "MG", "Fianarantsoa", "Deux tiers-lieux numériques"),
            LocationSpec("Limoges", "FR", "Limoges", "Accueil des jeunes malgaches"),
        ],
        [("1", "1"), ("3", "1")],
        ["4.4", "8.6", "9.c", "17.17"],
        ["Jeunesse", "Volontariat", "Numérique"],
    ),
}


# --- Plans --------------------------------------------------------------------------------


class TaskSpec(NamedTuple):
    key: str
    title: str
    start_on: date
    end_on: date
    assignees: str = ""  # usernames, space-separated
    organisation: str = ""
    after: str = ""  # keys of predecessors, space-separated; "key+14" for a lag in days
    late: int | None = None  # behind schedule: not done although due; progress reached
    description: str = ""


class MilestoneSpec(NamedTuple):
    key: str
    title: str
    on: date
    activity: str = ""  # key of the activity it belongs to, if any
    after: str = ""


class ActivitySpec(NamedTuple):
    key: str
    title: str
    organisation: str
    description: str
    tasks: list[TaskSpec]


class PlanSpec(NamedTuple):
    activities: list[ActivitySpec]
    milestones: list[MilestoneSpec]


def T(  # a short constructor for the tables below
    key: str,
    title: str,
    start: str,
    end: str,
    who: str = "",
    org: str = "",
    after: str = "",
    late: int | None = None,
    note: str = "",
) -> TaskSpec:
    return TaskSpec(key, title, d(start), d(end), who, org, after, late, note)


def J(key: str, title: str, on: str, activity: str = "", after: str = "") -> MilestoneSpec:
    return MilestoneSpec(key, title, d(on), activity, after)


PLANS = {
    "LIL-OUJ-GASTRO": PlanSpec(
        [
            ActivitySpec(
                "A1",
                "Ingénierie pédagogique et référentiels de formation",
                ISTA,
                "Des référentiels communs à l'ISTA d'Oujda et au lycée hôtelier de Lille, "
                "reconnus par les deux établissements.",
                [
                    T(
                        "A1.1",
                        "Diagnostic des besoins des restaurants et hôtels de l'Oriental",
                        "2025-01-20",
                        "2025-03-28",
                        "youssef",
                        ISTA,
                        note="Entretiens avec 42 établissements d'Oujda, Berkane et Saïdia.",
                    ),
                    T(
                        "A1.2",
                        "Rédaction des référentiels cuisine, pâtisserie et service en salle",
                        "2025-03-31",
                        "2025-06-27",
                        "youssef oujda",
                        LYCEE,
                        after="A1.1",
                    ),
                    T(
                        "A1.3",
                        "Validation des référentiels par le comité de pilotage",
                        "2025-06-30",
                        "2025-07-10",
                        "youssef",
                        OUJDA,
                        after="A1.2",
                    ),
                ],
            ),
            ActivitySpec(
                "A2",
                "Équipement de la cuisine pédagogique de l'ISTA",
                OUJDA,
                "Une cuisine pédagogique de 24 postes, une pâtisserie et un restaurant "
                "d'application ouvert au public.",
                [
                    T(
                        "A2.1",
                        "Cahier des charges des équipements de cuisine",
                        "2025-05-05",
                        "2025-06-13",
                        "youssef",
                        LYCEE,
                    ),
                    T(
                        "A2.2",
                        "Appel d'offres et attribution du marché",
                        "2025-06-16",
                        "2025-09-30",
                        "oujda",
                        OUJDA,
                        after="A2.1",
                    ),
                    T(
                        "A2.3",
                        "Livraison et installation des équipements",
                        "2025-10-01",
                        "2025-12-12",
                        "oujda",
                        OUJDA,
                        after="A2.2",
                    ),
                    T(
                        "A2.4",
                        "Mise en service et formation à l'hygiène alimentaire (HACCP)",
                        "2025-12-15",
                        "2026-01-30",
                        "youssef",
                        ISTA,
                        after="A2.3",
                    ),
                ],
            ),
            ActivitySpec(
                "A3",
                "Formation des promotions 2025–2026 et 2026–2027",
                ISTA,
                "Deux promotions de 60 jeunes, dont au moins la moitié de jeunes femmes.",
                [
                    T(
                        "A3.1",
                        "Recrutement de la première promotion (60 jeunes)",
                        "2025-07-14",
                        "2025-09-26",
                        "oujda",
                        SAVEURS,
                        after="J1",
                    ),
                    T(
                        "A3.2",
                        "Formation de la promotion 2025–2026",
                        "2025-10-06",
                        "2026-06-26",
                        "youssef",
                        ISTA,
                        after="A3.1",
                    ),
                    T(
                        "A3.3",
                        "Examens et certification de la première promotion",
                        "2026-06-29",
                        "2026-07-23",
                        "oujda",
                        ISTA,
                        after="A3.2",
                    ),
                    T(
                        "A3.4",
                        "Recrutement de la deuxième promotion",
                        "2026-06-01",
                        "2026-08-28",
                        "oujda",
                        SAVEURS,
                        late=70,
                        note="Les entretiens de sélection ont été reportés après l'Aïd.",
                    ),
                    T(
                        "A3.5",
                        "Formation de la promotion 2026–2027",
                        "2026-10-05",
                        "2027-06-18",
                        "youssef",
                        ISTA,
                        after="A3.4+37",
                    ),
                ],
            ),
            ActivitySpec(
                "A4",
                "Stages croisés Oujda–Lille",
                LYCEE,
                "Des formateurs et des apprentis d'Oujda en stage à Lille, des enseignants "
                "lillois en mission à Oujda.",
                [
                    T(
                        "A4.1",
                        "Accueil de quatre formateurs marocains au lycée hôtelier de Lille",
                        "2025-11-03",
                        "2025-11-28",
                        "youssef",
                        LYCEE,
                    ),
                    T(
                        "A4.2",
                        "Stages de 12 apprentis d'Oujda dans des restaurants lillois",
                        "2026-04-06",
                        "2026-05-29",
                        "youssef",
                        LYCEE,
                    ),
                    T(
                        "A4.3",
                        "Demandes de visas des apprentis pour les stages d'automne",
                        "2026-07-01",
                        "2026-08-14",
                        "oujda",
                        OUJDA,
                        late=30,
                        note="Quatre dossiers sur dix déposés au consulat de Fès.",
                    ),
                    T(
                        "A4.4",
                        "Stages d'automne de 10 apprentis à Lille",
                        "2026-10-12",
                        "2026-11-20",
                        "youssef",
                        LYCEE,
                        after="A4.3",
                    ),
                    T(
                        "A4.5",
                        "Bilan des stages croisés et évaluation finale du projet",
                        "2027-06-21",
                        "2027-06-29",
                        "youssef",
                        LILLE,
                        after="A3.5+2 A4.4",
                    ),
                ],
            ),
        ],
        [
            J("J1", "Référentiels de formation validés", "2025-07-11", "A1", "A1.3"),
            J("J2", "Cuisine pédagogique inaugurée", "2026-02-05", "A2", "A2.4"),
            J("J3", "Remise des diplômes de la première promotion", "2026-07-24", "A3", "A3.3"),
            J("J4", "Rapport final remis au ministère", "2027-06-30", "", "A4.5"),
        ],
    ),
    "LIL-OUJ-REGIE": PlanSpec(
        [
            ActivitySpec(
                "A1",
                "Étude de préfiguration de la régie",
                REGIE_LILLE,
                "Quels services, pour quels quartiers, sous quel statut : l'étude partagée "
                "avec les habitants et les services de la commune.",
                [
                    T(
                        "A1.1",
                        "Diagnostic des besoins des quartiers Sidi Yahya et Lazaret",
                        "2025-09-15",
                        "2025-11-28",
                        "youssef oujda",
                        NOUR,
                    ),
                    T(
                        "A1.2",
                        "Mission d'encadrants de la régie Lille-Sud à Oujda",
                        "2025-12-01",
                        "2025-12-12",
                        "youssef",
                        REGIE_LILLE,
                        after="A1.1+2",
                    ),
                    T(
                        "A1.3",
                        "Étude juridique : association ou société de développement local",
                        "2025-12-15",
                        "2026-03-13",
                        "youssef",
                        OUJDA,
                        after="A1.2+2",
                    ),
                ],
            ),
            ActivitySpec(
                "A2",
                "Création et installation de la régie",
                OUJDA,
                "Statuts, conseil d'administration, local et matériel.",
                [
                    T(
                        "A2.1",
                        "Dépôt des statuts et constitution du conseil d'administration",
                        "2026-04-01",
                        "2026-05-15",
                        "oujda",
                        OUJDA,
                        after="J1",
                    ),
                    T(
                        "A2.2",
                        "Aménagement du local de la régie à Sidi Yahya",
                        "2026-05-18",
                        "2026-07-31",
                        "oujda",
                        OUJDA,
                        after="A2.1",
                        late=60,
                        note="L'entreprise de second œuvre a interrompu le chantier en juillet.",
                    ),
                    T(
                        "A2.3",
                        "Achat du matériel d'entretien et d'un véhicule utilitaire",
                        "2026-06-15",
                        "2026-10-14",
                        "youssef",
                        OUJDA,
                        after="A2.1+30",
                    ),
                ],
            ),
            ActivitySpec(
                "A3",
                "Recrutement et formation des salariés en insertion",
                NOUR,
                "24 habitants en parcours d'insertion, encadrés par une équipe permanente.",
                [
                    T(
                        "A3.1",
                        "Recrutement de la directrice et de l'encadrant technique",
                        "2026-05-18",
                        "2026-07-10",
                        "youssef oujda",
                        OUJDA,
                        after="A2.1",
                    ),
                    T(
                        "A3.2",
                        "Recrutement de 24 habitants en parcours d'insertion",
                        "2026-09-07",
                        "2026-10-09",
                        "oujda",
                        NOUR,
                        after="A3.1",
                    ),
                    T(
                        "A3.3",
                        "Formation aux métiers de l'entretien des espaces publics",
                        "2026-10-19",
                        "2026-12-18",
                        "youssef",
                        REGIE_LILLE,
                        after="A3.2 J2",
                    ),
                ],
            ),
            ActivitySpec(
                "A4",
                "Premiers chantiers et collecte sélective",
                NOUR,
                "Les premières prestations de la régie pour la commune.",
                [
                    T(
                        "A4.1",
                        "Convention de prestations avec la commune",
                        "2026-10-16",
                        "2026-12-18",
                        "youssef",
                        OUJDA,
                        after="J2",
                    ),
                    T(
                        "A4.2",
                        "Chantiers d'entretien des espaces verts et des places",
                        "2027-01-04",
                        "2027-06-30",
                        "oujda",
                        NOUR,
                        after="A3.3 A4.1",
                    ),
                    T(
                        "A4.3",
                        "Collecte sélective pilote dans trois quartiers",
                        "2027-02-17",
                        "2027-11-29",
                        "youssef",
                        NOUR,
                        after="A4.1+60",
                    ),
                ],
            ),
        ],
        [
            J(
                "J1",
                "Statuts de la régie adoptés par le conseil communal",
                "2026-03-31",
                "A1",
                "A1.3+17",
            ),
            J("J2", "Ouverture de la régie", "2026-10-15", "A2", "A2.2 A2.3"),
            J("J3", "Bilan de la première année d'activité", "2027-11-30", "", "A4.2 A4.3"),
        ],
    ),
    "LIL-OUJ-PAEDC": PlanSpec(
        [
            ActivitySpec(
                "A1",
                "Formulation et dossier de candidature",
                LILLE,
                "Le dossier présenté à l'appel à propositions de l'Union européenne pour les "
                "autorités locales.",
                [
                    T(
                        "A1.1",
                        "Note conceptuelle pour l'appel à propositions de l'Union européenne",
                        "2026-02-02",
                        "2026-03-27",
                        "youssef",
                        LILLE,
                    ),
                    T(
                        "A1.2",
                        "Collecte des factures d'énergie du patrimoine communal (2023–2025)",
                        "2026-03-02",
                        "2026-06-30",
                        "oujda",
                        OUJDA,
                        late=55,
                        note="Manquent les factures des écoles et de l'éclairage public.",
                    ),
                    T(
                        "A1.3",
                        "Atelier de concertation avec les services de la commune",
                        "2026-05-11",
                        "2026-05-13",
                        "youssef oujda",
                        MEL,
                        after="A1.1+44",
                    ),
                    T(
                        "A1.4",
                        "Rédaction du dossier complet de candidature",
                        "2026-06-01",
                        "2026-10-16",
                        "youssef",
                        LILLE,
                        after="A1.3+18",
                    ),
                ],
            ),
            ActivitySpec(
                "A2",
                "Bilan énergétique et inventaire des émissions",
                UMP,
                "La situation de référence du plan : consommations, émissions, gisements "
                "d'économies.",
                [
                    T(
                        "A2.1",
                        "Bilan des consommations du patrimoine communal",
                        "2027-01-11",
                        "2027-04-30",
                        "youssef oujda",
                        UMP,
                        after="A1.2 J2+26",
                    ),
                    T(
                        "A2.2",
                        "Audit de l'éclairage public (18 000 points lumineux)",
                        "2027-02-01",
                        "2027-05-28",
                        "oujda",
                        AMEE,
                        after="J2",
                    ),
                    T(
                        "A2.3",
                        "Inventaire de référence des émissions",
                        "2027-05-03",
                        "2027-07-09",
                        "youssef",
                        UMP,
                        after="A2.1+2",
                    ),
                ],
            ),
            ActivitySpec(
                "A3",
                "Plan d'actions et premières mesures",
                MEL,
                "Le plan d'actions concerté et une première réalisation visible.",
                [
                    T(
                        "A3.1",
                        "Ateliers thématiques : bâtiments scolaires, éclairage, mobilité",
                        "2027-09-06",
                        "2027-11-26",
                        "youssef",
                        MEL,
                        after="A2.2 A2.3+58",
                    ),
                    T(
                        "A3.2",
                        "Rédaction du PAEDC et consultation publique",
                        "2027-11-29",
                        "2028-09-29",
                        "youssef",
                        LILLE,
                        after="A3.1+2",
                    ),
                    T(
                        "A3.3",
                        "Passage à l'éclairage LED de deux avenues",
                        "2028-03-01",
                        "2028-10-31",
                        "oujda",
                        OUJDA,
                        after="A2.2",
                    ),
                ],
            ),
        ],
        [
            J("J1", "Dossier de candidature déposé", "2026-10-30", "A1", "A1.4+13"),
            J("J2", "Décision de financement de l'Union européenne", "2026-12-15", "", "J1+45"),
            J("J3", "Adoption du PAEDC par le conseil communal", "2028-10-16", "A3", "A3.2+16"),
            J("J4", "Rapport final à l'Union européenne", "2028-12-15", "", "A3.3+44 J3+59"),
        ],
    ),
    "RNAC-EAU-SN": PlanSpec(
        [
            ActivitySpec(
                "A1",
                "Diagnostic et études techniques",
                GIRONDE_EAU,
                "L'état des forages, des réseaux et de l'assainissement des écoles.",
                [
                    T(
                        "A1.1",
                        "Inventaire des forages et points d'eau du département de Nioro du Rip",
                        "2025-03-10",
                        "2025-06-27",
                        "camille",
                        NIORO,
                    ),
                    T(
                        "A1.2",
                        "Études hydrogéologiques et avant-projets de réhabilitation",
                        "2025-06-30",
                        "2025-10-31",
                        "camille",
                        GIRONDE_EAU,
                        after="A1.1+2",
                    ),
                    T(
                        "A1.3",
                        "Enquête sur l'assainissement dans 24 écoles",
                        "2025-04-07",
                        "2025-07-11",
                        "camille",
                        BEARN,
                    ),
                ],
            ),
            ActivitySpec(
                "A2",
                "Réhabilitation des forages et extension des réseaux",
                NIORO,
                "Six forages et châteaux d'eau remis en état, douze bornes-fontaines.",
                [
                    T(
                        "A2.1",
                        "Dossier d'appel d'offres et choix des entreprises",
                        "2025-11-17",
                        "2026-02-27",
                        "camille",
                        NIORO,
                        after="J1+2",
                    ),
                    T(
                        "A2.2",
                        "Réhabilitation de six forages et châteaux d'eau",
                        "2026-03-02",
                        "2026-10-30",
                        "camille",
                        GIRONDE_EAU,
                        after="A2.1+2",
                    ),
                    T(
                        "A2.3",
                        "Extension du réseau de Kaolack : 12 bornes-fontaines",
                        "2026-03-16",
                        "2026-07-31",
                        "camille",
                        KAOLACK,
                        after="A2.1",
                        late=70,
                        note="Tranchées arrêtées pendant l'hivernage.",
                    ),
                    T(
                        "A2.4",
                        "Réception des travaux",
                        "2026-11-02",
                        "2026-11-27",
                        "camille",
                        NIORO,
                        after="A2.2+2 A2.3",
                    ),
                ],
            ),
            ActivitySpec(
                "A3",
                "Assainissement en milieu scolaire",
                BEARN,
                "Des latrines séparées filles et garçons et des clubs d'hygiène dans 24 écoles.",
                [
                    T(
                        "A3.1",
                        "Construction de blocs de latrines dans 24 écoles",
                        "2025-11-17",
                        "2026-05-29",
                        "camille",
                        BEARN,
                        after="J1",
                    ),
                    T(
                        "A3.2",
                        "Clubs d'hygiène et sensibilisation au lavage des mains",
                        "2026-01-12",
                        "2026-12-18",
                        "",
                        BEARN,
                        after="A1.3",
                    ),
                ],
            ),
            ActivitySpec(
                "A4",
                "Gouvernance du service de l'eau",
                ASUFOR,
                "Des associations d'usagers capables de gérer le service et ses recettes.",
                [
                    T(
                        "A4.1",
                        "Formation des ASUFOR à la gestion technique et financière",
                        "2026-12-01",
                        "2027-06-30",
                        "camille",
                        ASUFOR,
                        after="J2",
                    ),
                    T(
                        "A4.2",
                        "Tarification au volume et pose de compteurs",
                        "2027-03-01",
                        "2027-09-30",
                        "",
                        KAOLACK,
                        after="J2+90",
                    ),
                    T(
                        "A4.3",
                        "Mission d'échange technique de Bordeaux Métropole à Kaolack",
                        "2027-10-04",
                        "2027-10-15",
                        "camille",
                        BORDEAUX_METROPOLE,
                        after="A4.2+3",
                    ),
                ],
            ),
        ],
        [
            J(
                "J1",
                "Avant-projets validés par le comité de pilotage",
                "2025-11-14",
                "A1",
                "A1.2+13 A1.3",
            ),
            J("J2", "Forages remis en service", "2026-11-30", "A2", "A2.4+2"),
            J("J3", "Transfert de la gestion aux ASUFOR", "2027-12-15", "A4", "A4.1 A4.3+60"),
            J(
                "J4",
                "Rapport final à l'Agence de l'eau Adour-Garonne",
                "2028-06-15",
                "",
                "J3+182 A3.2",
            ),
        ],
    ),
    "RNAC-JEUNES-MG": PlanSpec(
        [
            ActivitySpec(
                "A1",
                "Tiers-lieux numériques de Fianarantsoa",
                FIANARANTSOA,
                "Deux lieux ouverts aux jeunes : postes, connexion, formation, incubation.",
                [
                    T(
                        "A1.1",
                        "Choix des locaux et conventions d'occupation",
                        "2026-02-02",
                        "2026-03-27",
                        "camille",
                        MATSIATRA,
                    ),
                    T(
                        "A1.2",
                        "Travaux d'aménagement et raccordement à Internet",
                        "2026-04-06",
                        "2026-07-31",
                        "camille",
                        FIANARANTSOA,
                        after="A1.1+9",
                        late=80,
                        note="La fibre n'est pas encore tirée jusqu'au second site.",
                    ),
                    T(
                        "A1.3",
                        "Équipement informatique : 40 postes",
                        "2026-05-04",
                        "2026-07-17",
                        "camille",
                        LIMOUSIN_MG,
                        after="A1.1",
                    ),
                ],
            ),
            ActivitySpec(
                "A2",
                "Mobilité des jeunes volontaires",
                POITOU_JM,
                "Des volontaires néo-aquitains à Fianarantsoa, des jeunes malgaches accueillis "
                "en Nouvelle-Aquitaine.",
                [
                    T(
                        "A2.1",
                        "Appel à candidatures de volontaires en Nouvelle-Aquitaine",
                        "2026-02-09",
                        "2026-03-31",
                        "camille",
                        POITOU_JM,
                    ),
                    T(
                        "A2.2",
                        "Sélection et formation au départ",
                        "2026-04-13",
                        "2026-06-26",
                        "camille",
                        POITOU_JM,
                        after="A2.1",
                    ),
                    T(
                        "A2.3",
                        "Missions de six volontaires de solidarité internationale",
                        "2026-09-07",
                        "2027-06-25",
                        "",
                        GARONNE_MG,
                        after="A2.2",
                    ),
                    T(
                        "A2.4",
                        "Accueil de huit jeunes malgaches en Nouvelle-Aquitaine",
                        "2027-04-05",
                        "2027-04-30",
                        "camille",
                        LIMOGES,
                        after="A2.2",
                    ),
                ],
            ),
            ActivitySpec(
                "A3",
                "Formation au code et projets de jeunes",
                TANORA,
                "Un parcours de formation conçu avec l'Université de Limoges et "
                "l'incubation de projets portés par des jeunes.",
                [
                    T(
                        "A3.1",
                        "Conception du parcours de formation au code",
                        "2026-03-02",
                        "2026-06-30",
                        "camille",
                        UNILIM,
                    ),
                    T(
                        "A3.2",
                        "Première session de formation : 30 jeunes",
                        "2026-10-05",
                        "2027-01-29",
                        "",
                        TANORA,
                        after="A3.1 J1+19",
                    ),
                    T(
                        "A3.3",
                        "Incubation de dix projets de jeunes",
                        "2027-02-08",
                        "2027-10-29",
                        "camille",
                        TANORA,
                        after="A3.2+9",
                    ),
                ],
            ),
        ],
        [
            J("J1", "Ouverture du premier tiers-lieu", "2026-09-15", "A1", "A1.2+45 A1.3"),
            J("J2", "Forum des projets de jeunes à Fianarantsoa", "2027-11-12", "A3", "A3.3+13"),
            J("J3", "Bilan final et rapport aux financeurs", "2027-12-17", "", "J2+34 A2.3 A2.4"),
        ],
    ),
}


# --- Risks --------------------------------------------------------------------------------


class RiskSpec(NamedTuple):
    title: str
    category: str
    likelihood: int
    impact: int
    owner: str
    review_on: date
    mitigation: str
    description: str = ""
    closed: bool = False


R = RiskCategory

RISKS = {
    "LIL-OUJ-GASTRO": [
        RiskSpec(
            "Refus de visas pour les apprentis et les formateurs",
            R.POLITICAL,
            4,
            3,
            "youssef",
            d("2026-08-14"),
            "Dossiers déposés trois mois avant le départ, lettres d'invitation signées par "
            "le maire de Lille, appui de l'Institut français.",
            "Plusieurs refus en 2025 ont obligé à reporter des stages.",
        ),
        RiskSpec(
            "Abandons en cours de formation",
            R.OPERATIONAL,
            3,
            3,
            "youssef",
            d("2026-10-01"),
            "Indemnité de transport et repas, tutorat par l'association Saveurs de l'Oriental.",
        ),
        RiskSpec(
            "Intoxication alimentaire lors d'un repas ouvert au public",
            R.HEALTH,
            2,
            4,
            "youssef",
            d("2026-07-01"),
            "Formation HACCP de tous les formateurs, relevés de température des chambres "
            "froides, assurance du restaurant d'application.",
        ),
        RiskSpec(
            "Retard de versement de la subvention du ministère",
            R.FINANCIAL,
            2,
            3,
            "youssef",
            d("2026-11-16"),
            "Avance de trésorerie de la Ville de Lille votée au budget supplémentaire.",
        ),
        RiskSpec(
            "Retard de livraison des équipements de cuisine",
            R.OPERATIONAL,
            3,
            3,
            "youssef",
            d("2026-01-15"),
            "Pénalités de retard prévues au marché ; formation démarrée dans les cuisines "
            "d'un hôtel partenaire.",
            "Les équipements ont été livrés et installés en décembre 2025.",
            closed=True,
        ),
    ],
    "LIL-OUJ-REGIE": [
        RiskSpec(
            "Viabilité économique de la régie après la fin du financement de l'AFD",
            R.FINANCIAL,
            4,
            4,
            "youssef",
            d("2026-06-30"),
            "Convention pluriannuelle de prestations avec la commune, recherche de marchés "
            "auprès des bailleurs sociaux.",
        ),
        RiskSpec(
            "Changement de majorité municipale après les élections communales de 2027",
            R.POLITICAL,
            3,
            4,
            "youssef",
            d("2026-12-01"),
            "Présentation du projet à tous les groupes du conseil communal, ancrage associatif "
            "de la régie.",
        ),
        RiskSpec(
            "Accidents du travail sur les chantiers",
            R.HEALTH,
            3,
            3,
            "youssef",
            d("2026-11-30"),
            "Équipements de protection individuelle, formation sécurité avant chaque chantier.",
        ),
        RiskSpec(
            "Concurrence perçue par les entreprises privées de propreté",
            R.REPUTATIONAL,
            2,
            3,
            "youssef",
            d("2026-08-03"),
            "Prestations limitées aux espaces non couverts par la gestion déléguée ; "
            "rencontre avec la fédération des entreprises.",
        ),
    ],
    "LIL-OUJ-PAEDC": [
        RiskSpec(
            "Dossier non retenu par l'Union européenne",
            R.FINANCIAL,
            3,
            5,
            "youssef",
            d("2026-11-30"),
            "Solution de repli : facilité de financement des collectivités (FICOL) de l'AFD.",
        ),
        RiskSpec(
            "Données de consommation d'énergie incomplètes",
            R.OPERATIONAL,
            4,
            3,
            "youssef",
            d("2026-07-31"),
            "Convention d'échange de données avec le distributeur d'électricité ; relevés "
            "sur site par les étudiants de l'université.",
        ),
        RiskSpec(
            "Portage politique insuffisant du plan climat",
            R.POLITICAL,
            2,
            4,
            "youssef",
            d("2027-01-29"),
            "Adhésion de la commune à la Convention des maires pour l'Afrique subsaharienne "
            "et la Méditerranée, élu référent désigné.",
        ),
    ],
    "RNAC-EAU-SN": [
        RiskSpec(
            "Eau des forages trop salée ou trop chargée en fluor",
            R.ENVIRONMENTAL,
            3,
            4,
            "camille",
            d("2026-05-29"),
            "Analyses avant réhabilitation, mélange avec l'eau du réseau de Kaolack, "
            "abandon des ouvrages non conformes.",
            "Le bassin arachidier connaît des teneurs élevées en sel et en fluor.",
        ),
        RiskSpec(
            "Insécurité dans la zone frontalière avec la Gambie",
            R.SECURITY,
            2,
            4,
            "camille",
            d("2026-09-15"),
            "Suivi des conseils aux voyageurs, inscription sur Ariane, déplacements de jour "
            "avec un chauffeur du département.",
        ),
        RiskSpec(
            "Choléra et maladies hydriques pendant l'hivernage",
            R.HEALTH,
            2,
            4,
            "camille",
            d("2026-10-30"),
            "Chloration des points d'eau, campagne de sensibilisation avec le district "
            "sanitaire de Nioro du Rip.",
        ),
        RiskSpec(
            "Hausse du coût des travaux (ciment, carburant)",
            R.FINANCIAL,
            3,
            3,
            "camille",
            d("2026-07-15"),
            "Provision pour aléas de 8 %, priorisation des forages selon la population desservie.",
        ),
        RiskSpec(
            "Mauvaise gestion des recettes de l'eau par les associations d'usagers",
            R.REPUTATIONAL,
            3,
            3,
            "camille",
            d("2027-03-31"),
            "Comptes ouverts en banque, contrôle annuel par le service départemental de "
            "l'hydraulique.",
        ),
    ],
    "RNAC-JEUNES-MG": [
        RiskSpec(
            "Instabilité politique et manifestations",
            R.POLITICAL,
            3,
            4,
            "camille",
            d("2026-08-20"),
            "Point mensuel avec l'ambassade, plan de repli des volontaires à Antananarivo.",
        ),
        RiskSpec(
            "Sécurité des volontaires sur la route et en ville",
            R.SECURITY,
            3,
            3,
            "camille",
            d("2026-09-01"),
            "Pas de déplacement de nuit sur la RN7, logement dans un quartier sûr, "
            "référent sécurité à Fianarantsoa.",
        ),
        RiskSpec(
            "Paludisme et accès aux soins des volontaires",
            R.HEALTH,
            2,
            3,
            "camille",
            d("2026-10-30"),
            "Consultation de médecine des voyages, assurance rapatriement, médecin référent.",
        ),
        RiskSpec(
            "Délestages électriques dans les tiers-lieux",
            R.OPERATIONAL,
            4,
            3,
            "camille",
            d("2026-12-15"),
            "Panneaux solaires et batteries pour le premier site, onduleurs sur les postes.",
        ),
        RiskSpec(
            "Report de la signature de la convention de financement",
            R.FINANCIAL,
            3,
            4,
            "camille",
            d("2026-03-31"),
            "Démarrage des activités sans engagement de dépenses avant signature.",
            "La convention a été signée fin janvier 2026 ; le projet a démarré en février.",
            closed=True,
        ),
    ],
}


# --- Field updates --------------------------------------------------------------------------


class PhotoSpec(NamedTuple):
    name: str  # original file name
    caption: str
    scene: str  # key of `projects_plan.SCENES`


class UpdateSpec(NamedTuple):
    occurred_on: date
    author: str
    title: str
    body: str
    public: bool = False
    photos: tuple[PhotoSpec, ...] = ()
    document: tuple[str, str] | None = None  # (file name, title) of a one-page PDF


U = UpdateSpec
Ph = PhotoSpec

UPDATES = {
    "LIL-OUJ-GASTRO": [
        U(
            d("2025-03-28"),
            "youssef",
            "Diagnostic des besoins : 42 établissements rencontrés",
            "Restaurants, hôtels et pâtisseries d'Oujda, de Berkane et de Saïdia ont été "
            "interrogés. Ils recherchent d'abord des **commis de cuisine** et des **serveurs "
            "formés à l'accueil**, et se disent prêts à accueillir des stagiaires.",
        ),
        U(
            d("2025-11-21"),
            "youssef",
            "Quatre formateurs de l'ISTA en immersion au lycée hôtelier de Lille",
            "Trois semaines en cuisine et en salle avec les équipes du lycée : échanges de "
            "recettes, organisation de la brigade, évaluation par compétences.",
            public=True,
            photos=(
                Ph("formateurs-lille.png", "Les formateurs d'Oujda en cuisine à Lille", "kitchen"),
            ),
        ),
        U(
            d("2026-02-05"),
            "oujda",
            "Inauguration de la cuisine pédagogique",
            "Le président de la commune et l'adjointe au maire de Lille ont inauguré la "
            "cuisine pédagogique de 24 postes. Le restaurant d'application ouvrira au public "
            "deux midis par semaine.",
            public=True,
            photos=(
                Ph("cuisine-pedagogique.png", "La cuisine pédagogique de l'ISTA", "kitchen"),
                Ph("inauguration.png", "Inauguration en présence des deux villes", "ceremony"),
            ),
        ),
        U(
            d("2026-05-22"),
            "youssef",
            "Douze apprentis en stage dans des restaurants lillois",
            "Les apprentis ont passé huit semaines dans des brasseries et restaurants du "
            "Vieux-Lille. Deux d'entre eux se voient proposer un contrat saisonnier.",
            public=True,
            photos=(Ph("stage-lille.png", "Service du midi dans une brasserie lilloise", "city"),),
        ),
        U(
            d("2026-07-24"),
            "oujda",
            "Remise des diplômes : 54 lauréats sur 60",
            "Cinquante-quatre jeunes, dont trente-et-une jeunes femmes, ont obtenu leur "
            "certificat. Le programme de la cérémonie est joint.",
            public=True,
            photos=(
                Ph("remise-diplomes.png", "Les lauréats de la première promotion", "ceremony"),
            ),
            document=("programme-ceremonie.pdf", "Programme de la cérémonie du 24 juillet 2026"),
        ),
        U(
            d("2026-08-27"),
            "oujda",
            "Deuxième promotion : les entretiens reprennent",
            "Les entretiens de sélection, reportés après l'Aïd, reprennent le 7 septembre. "
            "Quarante-huit candidatures sont retenues à ce stade.",
        ),
    ],
    "LIL-OUJ-REGIE": [
        U(
            d("2025-11-28"),
            "youssef",
            "Diagnostic partagé à Sidi Yahya et Lazaret",
            "Six réunions de quartier et 210 questionnaires : propreté des espaces publics, "
            "espaces verts et petits travaux chez les personnes âgées arrivent en tête.",
            photos=(Ph("reunion-quartier.png", "Réunion de quartier à Sidi Yahya", "meeting"),),
        ),
        U(
            d("2025-12-12"),
            "youssef",
            "Les encadrants de la régie Lille-Sud à Oujda",
            "Deux encadrants techniques et la directrice de la régie Lille-Sud ont présenté "
            "leur modèle aux élus et aux associations des quartiers.",
            public=True,
            photos=(Ph("mission-regie.png", "Visite de terrain avec l'association Nour", "city"),),
        ),
        U(
            d("2026-03-31"),
            "oujda",
            "Le conseil communal adopte les statuts de la régie",
            "La délibération crée la régie sous forme associative, avec la commune, les "
            "associations de quartier et des habitants au conseil d'administration.",
            public=True,
            document=("note-statuts-regie.pdf", "Note de synthèse sur les statuts de la régie"),
        ),
        U(
            d("2026-07-30"),
            "oujda",
            "Local de Sidi Yahya : le chantier est à l'arrêt",
            "L'entreprise de second œuvre a quitté le chantier. Une mise en demeure a été "
            "envoyée ; l'ouverture de la régie pourrait glisser à la fin octobre.",
            photos=(Ph("local-regie.png", "Le local de la régie en travaux", "site"),),
        ),
    ],
    "LIL-OUJ-PAEDC": [
        U(
            d("2026-03-27"),
            "youssef",
            "Note conceptuelle envoyée à la délégation de l'Union européenne",
            "La note présente le partenariat avec la Métropole Européenne de Lille, "
            "l'université et l'agence marocaine pour l'efficacité énergétique.",
        ),
        U(
            d("2026-05-13"),
            "youssef",
            "Atelier de concertation avec les services municipaux",
            "Trois jours de travail avec les services techniques, l'éclairage public et "
            "l'éducation : 35 participants, une première liste de 40 bâtiments prioritaires.",
            public=True,
            photos=(Ph("atelier-paedc.png", "Atelier de concertation à la commune", "meeting"),),
        ),
        U(
            d("2026-07-08"),
            "oujda",
            "Factures d'énergie : 70 % du patrimoine couvert",
            "Il manque encore les factures des écoles et de l'éclairage public, demandées au "
            "distributeur.",
            photos=(Ph("eclairage-public.png", "Éclairage public boulevard Mohammed V", "solar"),),
        ),
    ],
    "RNAC-EAU-SN": [
        U(
            d("2025-06-27"),
            "camille",
            "Inventaire des forages : 38 points d'eau visités",
            "Onze forages sont à l'arrêt, dont six peuvent être réhabilités. Les fiches de "
            "chaque ouvrage sont partagées avec le conseil départemental de Nioro du Rip.",
            photos=(Ph("forage-nioro.png", "Forage à l'arrêt près de Nioro du Rip", "water"),),
        ),
        U(
            d("2025-11-14"),
            "camille",
            "Comité de pilotage à Kaolack : avant-projets validés",
            "Les partenaires ont validé les avant-projets et le calendrier des travaux. "
            "Le compte rendu est joint.",
            public=True,
            document=("compte-rendu-copil-kaolack.pdf", "Compte rendu du comité de pilotage"),
        ),
        U(
            d("2026-04-24"),
            "camille",
            "Premiers blocs de latrines livrés dans les écoles",
            "Dix écoles de Nioro du Rip disposent de latrines séparées pour les filles et "
            "les garçons, avec un point de lavage des mains.",
            public=True,
            photos=(
                Ph("latrines-ecole.png", "Bloc de latrines d'une école", "site"),
                Ph("lavage-mains.png", "Club d'hygiène et lavage des mains", "water"),
            ),
        ),
        U(
            d("2026-07-17"),
            "camille",
            "Hivernage : le chantier de Kaolack ralenti",
            "Les pluies ont arrêté les tranchées du réseau. Sept bornes-fontaines sur douze "
            "sont posées ; la reprise est prévue début octobre.",
            photos=(Ph("tranchees-kaolack.png", "Tranchées inondées à Kaolack", "site"),),
        ),
        U(
            d("2026-08-21"),
            "camille",
            "Keur Ayip : essai de pompage concluant",
            "Le forage réhabilité fournit 18 m³ par heure, avec une eau conforme aux normes. "
            "La mise en service est prévue après la réception.",
            public=True,
            photos=(Ph("chateau-eau.png", "Le château d'eau de Keur Ayip", "water"),),
        ),
    ],
    "RNAC-JEUNES-MG": [
        U(
            d("2026-02-20"),
            "camille",
            "Lancement du projet à Fianarantsoa",
            "Cérémonie de lancement avec la Région Haute Matsiatra, l'université et "
            "l'association Tanora Mandroso ; visite des deux sites des tiers-lieux.",
            public=True,
            photos=(Ph("lancement-fianarantsoa.png", "Lancement à Fianarantsoa", "ceremony"),),
        ),
        U(
            d("2026-03-31"),
            "camille",
            "Appel à volontaires : 41 candidatures",
            "Quarante-et-une candidatures de toute la Nouvelle-Aquitaine ; les entretiens "
            "ont lieu en avril à Poitiers et à Limoges.",
            public=True,
        ),
        U(
            d("2026-07-17"),
            "camille",
            "40 ordinateurs installés, la connexion se fait attendre",
            "Les postes sont installés sur les deux sites. Le raccordement en fibre du second "
            "site est repoussé par l'opérateur.",
            photos=(
                Ph("tiers-lieu.png", "La salle informatique du premier tiers-lieu", "digital"),
            ),
        ),
        U(
            d("2026-08-28"),
            "camille",
            "Six volontaires prêts au départ",
            "La formation au départ est terminée ; les volontaires arrivent à Fianarantsoa "
            "le 7 septembre.",
            public=True,
            photos=(Ph("formation-depart.png", "Formation au départ à Poitiers", "meeting"),),
        ),
    ],
}
