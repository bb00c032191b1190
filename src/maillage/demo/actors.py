"""Fixed data of the demo's actors: places, profiles, people, interactions and groups.

Pure data: `maillage.demo.data` builds the records from it. Organisations are named as in
`data.py`; people by their full name. Everything is fictional but plausible: coordinates and
postcodes are those of the real cities, SIRENs follow the French public numbering (a commune's
carries its INSEE code) and pass the Luhn check, phone numbers are valid E.164 numbers.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from maillage.actors.models import GroupKind, InteractionKind

# --- Places -----------------------------------------------------------------------------


class Place(NamedTuple):
    postcode: str
    latitude: str
    longitude: str
    insee: str = ""  # French communes: the INSEE code, which a commune's SIREN carries
    region: str = ""  # abroad: the region


PLACES = {
    # France
    "Lille": Place("59000", "50.6292", "3.0573", "59350"),
    "Paris": Place("75007", "48.8566", "2.3522", "75056"),
    "Toulouse": Place("31000", "43.6047", "1.4442", "31555"),
    "Bordeaux": Place("33000", "44.8378", "-0.5792", "33063"),
    "Angoulême": Place("16000", "45.6484", "0.1562", "16015"),
    "Cognac": Place("16100", "45.6958", "-0.3287", "16102"),
    "La Rochelle": Place("17000", "46.1603", "-1.1511", "17300"),
    "Rochefort": Place("17300", "45.9421", "-0.9588", "17299"),
    "Saintes": Place("17100", "45.7464", "-0.6333", "17415"),
    "Jonzac": Place("17500", "45.4459", "-0.4339", "17197"),
    "Tulle": Place("19000", "45.2671", "1.7707", "19272"),
    "Brive-la-Gaillarde": Place("19100", "45.1589", "1.5331", "19031"),
    "Ussel": Place("19200", "45.5481", "2.3097", "19275"),
    "Guéret": Place("23000", "46.1713", "1.8717", "23096"),
    "Aubusson": Place("23200", "45.9559", "2.1680", "23008"),
    "La Souterraine": Place("23300", "46.2378", "1.4866", "23176"),
    "Felletin": Place("23500", "45.8833", "2.1739", "23079"),
    "Périgueux": Place("24000", "45.1840", "0.7210", "24322"),
    "Bergerac": Place("24100", "44.8533", "0.4833", "24037"),
    "Sarlat-la-Canéda": Place("24200", "44.8890", "1.2166", "24520"),
    "Talence": Place("33400", "44.8080", "-0.5886", "33522"),
    "Gradignan": Place("33170", "44.7725", "-0.6156", "33192"),
    "Pessac": Place("33600", "44.8067", "-0.6311", "33318"),
    "Mérignac": Place("33700", "44.8386", "-0.6436", "33281"),
    "Libourne": Place("33500", "44.9153", "-0.2439", "33243"),
    "Bègles": Place("33130", "44.8086", "-0.5478", "33039"),
    "Mont-de-Marsan": Place("40000", "43.8902", "-0.4996", "40192"),
    "Dax": Place("40100", "43.7102", "-1.0536", "40088"),
    "Mimizan": Place("40200", "44.2003", "-1.2286", "40184"),
    "Agen": Place("47000", "44.2033", "0.6163", "47001"),
    "Villeneuve-sur-Lot": Place("47300", "44.4081", "0.7047", "47323"),
    "Marmande": Place("47200", "44.5000", "0.1653", "47157"),
    "Pau": Place("64000", "43.2951", "-0.3708", "64445"),
    "Bayonne": Place("64100", "43.4929", "-1.4748", "64102"),
    "Anglet": Place("64600", "43.4850", "-1.5195", "64024"),
    "Oloron-Sainte-Marie": Place("64400", "43.1942", "-0.6067", "64422"),
    "Niort": Place("79000", "46.3237", "-0.4588", "79191"),
    "Parthenay": Place("79200", "46.6486", "-0.2470", "79202"),
    "Bressuire": Place("79300", "46.8406", "-0.4886", "79049"),
    "Poitiers": Place("86000", "46.5802", "0.3404", "86194"),
    "Châtellerault": Place("86100", "46.8178", "0.5461", "86066"),
    "Limoges": Place("87000", "45.8336", "1.2611", "87085"),
    "Saint-Junien": Place("87200", "45.8878", "0.9019", "87154"),
    # Abroad
    "Bruxelles": Place("1000", "50.8503", "4.3517", region="Bruxelles-Capitale"),
    "Oujda": Place("60000", "34.6814", "-1.9086", region="Oriental"),
    "Rabat": Place("10000", "34.0209", "-6.8416", region="Rabat-Salé-Kénitra"),
    "Kaolack": Place("", "14.1652", "-16.0726", region="Kaolack"),
    "Nioro du Rip": Place("", "13.7500", "-15.8000", region="Kaolack"),
    "Fianarantsoa": Place("301", "-21.4536", "47.0858", region="Haute Matsiatra"),
    "Koudougou": Place("", "12.2526", "-2.3627", region="Centre-Ouest"),
    "Abomey": Place("", "7.1829", "1.9912", region="Zou"),
    "Jacmel": Place("", "18.2342", "-72.5347", region="Sud-Est"),
}

# Words left out of mail domains made from names.
DOMAIN_STOP_WORDS = {"de", "des", "du", "la", "le", "les", "l", "d", "et", "en", "pour"}

# Organisations whose street address is known; the others get their type's usual seat.
ADDRESSES = {
    "Ville de Lille": ("Hôtel de ville, place Augustin-Laurent", "59000"),
    "Métropole Européenne de Lille": ("2 boulevard des Cités-Unies", "59040"),
    "Commune urbaine d'Oujda": ("Hôtel de ville, boulevard Mohammed V", "60000"),
    "Université Mohammed Premier": ("Boulevard Mohammed VI, BP 524", "60000"),
    "Institut français du Maroc": ("1 rue Abou Inane", "10000"),
    "Ministère de l'Europe et des Affaires étrangères – Délégation pour l'action "
    "extérieure des collectivités territoriales": ("57 boulevard des Invalides", "75007"),
    "Agence française de développement": ("5 rue Roland-Barthes", "75012"),
    "Union européenne": ("Rue de la Loi 200", "1049"),
    "Agence de l'eau Adour-Garonne": ("90 rue du Férétra", "31078"),
    "Région Nouvelle-Aquitaine": ("14 rue François-de-Sourdis", "33077"),
    "Réseau Nouvelle-Aquitaine Coopération": ("12 quai de Queyries", "33100"),
}
SEAT_BY_TYPE = {
    "municipality": "Hôtel de ville",
    "department": "Hôtel du Département",
    "intermunicipal": "Hôtel de communauté",
}

# Office phones: the first digits by French département, then by city abroad.
PHONE_PREFIX_BY_DEPARTEMENT = {
    "16": "+33545",
    "17": "+33546",
    "19": "+33555",
    "23": "+33555",
    "24": "+33553",
    "31": "+33561",
    "33": "+33556",
    "40": "+33558",
    "47": "+33553",
    "59": "+33320",
    "64": "+33559",
    "75": "+33144",
    "79": "+33549",
    "86": "+33549",
    "87": "+33555",
}
PHONE_PREFIX_BY_CITY = {
    "Bruxelles": "+32229",
    "Oujda": "+21253668",
    "Rabat": "+21253757",
    "Kaolack": "+22133941",
    "Nioro du Rip": "+22133948",
    "Fianarantsoa": "+2612075",
    "Koudougou": "+22625441",
    "Abomey": "+229012250",
    "Jacmel": "+5092288",
}
MOBILE_PREFIX_BY_COUNTRY = {
    "FR": "+336",
    "BE": "+32470",
    "MA": "+21266",
    "SN": "+22177",
    "MG": "+26134",
    "BF": "+22670",
    "BJ": "+2290197",
    "HT": "+50934",
}
# How many characters a number has in E.164 ("+" included), by the longest matching prefix.
E164_LENGTH = {
    "+33": 12,
    "+32": 12,  # Belgian mobiles; Brussels' fixed lines are one digit shorter
    "+322": 11,
    "+212": 13,
    "+221": 13,
    "+261": 13,
    "+226": 12,
    "+229": 14,
    "+509": 12,
}

TIMEZONE_BY_COUNTRY = {
    "FR": "Europe/Paris",
    "BE": "Europe/Brussels",
    "MA": "Africa/Casablanca",
    "SN": "Africa/Dakar",
    "MG": "Indian/Antananarivo",
    "BF": "Africa/Ouagadougou",
    "BJ": "Africa/Porto-Novo",
    "HT": "America/Port-au-Prince",
}
LANGUAGES_BY_COUNTRY = {
    "FR": "fr en",
    "BE": "fr nl en",
    "MA": "ar fr",
    "SN": "fr wo",
    "MG": "mg fr",
    "BF": "fr",
    "BJ": "fr",
    "HT": "fr ht",
}

# --- Themes, SDGs, tags -----------------------------------------------------------------

THEMES = {
    "eau": "Eau et assainissement",
    "edu": "Éducation et formation",
    "sante": "Santé",
    "culture": "Culture",
    "eco": "Développement économique",
    "climat": "Énergie et climat",
    "jeunes": "Jeunesse et mobilité",
    "gouv": "Gouvernance locale",
    "agri": "Agriculture et alimentation",
    "num": "Numérique",
}
# The SDGs (ODD) an organisation serves follow from its themes.
THEME_SDGS = {
    "eau": (6,),
    "edu": (4,),
    "sante": (3,),
    "culture": (11,),
    "eco": (8,),
    "climat": (7, 13),
    "jeunes": (4, 10),
    "gouv": (16, 17),
    "agri": (2,),
    "num": (9,),
}

MEMBER_2026 = "Adhérent 2026"
MEMBER_2025 = "Adhérent 2025"
STEERING = "Comité de pilotage"
NEW_MEMBER = "Nouvel adhérent"
TWINNING = "Jumelage Lille–Oujda"
NEWSLETTER = "Lettre d'information"
TAGS = [MEMBER_2026, MEMBER_2025, STEERING, NEW_MEMBER, TWINNING, NEWSLETTER]


class Profile(NamedTuple):
    themes: str  # keys of THEMES
    countries: str = ""  # ISO codes of the countries where it acts (abroad)


PROFILES = {
    # The Lille–Oujda twinning
    "Ville de Lille": Profile("gouv edu eco climat culture", "MA"),
    "Métropole Européenne de Lille": Profile("climat eau gouv", "MA"),
    "Lycée hôtelier international de Lille": Profile("edu jeunes", "MA"),
    "Régie de quartier Lille-Sud": Profile("eco gouv", "MA"),
    "Commune urbaine d'Oujda": Profile("gouv climat eco edu"),
    "Wilaya de la Région de l'Oriental": Profile("gouv eco"),
    "Université Mohammed Premier": Profile("edu climat num"),
    "Institut français du Maroc": Profile("culture edu"),
    "Institut français du Maroc – Oujda": Profile("culture edu jeunes"),
    "Institut spécialisé de technologie appliquée hôtellerie et tourisme d'Oujda": Profile(
        "edu jeunes eco"
    ),
    "Association Nour des quartiers de l'Oriental": Profile("jeunes eco gouv"),
    "Association Saveurs de l'Oriental": Profile("agri eco culture"),
    "Agence marocaine pour l'efficacité énergétique": Profile("climat"),
    # Donors and the network
    "Ministère de l'Europe et des Affaires étrangères – Délégation pour l'action "
    "extérieure des collectivités territoriales": Profile(
        "gouv eau edu sante", "MA SN BF MG BJ HT"
    ),
    "Agence française de développement": Profile("eau climat gouv eco sante", "MA SN MG BF BJ HT"),
    "Union européenne": Profile("gouv climat jeunes", "MA MG SN"),
    "Agence de l'eau Adour-Garonne": Profile("eau", "SN BF MG BJ"),
    "Région Nouvelle-Aquitaine": Profile("gouv jeunes eco agri", "SN MG MA BF"),
    "Réseau Nouvelle-Aquitaine Coopération": Profile(
        "gouv eau jeunes sante edu", "SN MG BF MA BJ HT"
    ),
    # 16 — Charente
    "Conseil départemental de la Charente": Profile("gouv agri", "BF"),
    "Ville d'Angoulême": Profile("culture jeunes", "MA"),
    "GrandAngoulême": Profile("eco num", "MA"),
    "Ville de Cognac": Profile("culture eco", "SN"),
    "Charente Solidarités Sahel": Profile("sante agri", "BF"),
    # 17 — Charente-Maritime
    "Conseil départemental de la Charente-Maritime": Profile("gouv eau", "SN"),
    "Ville de La Rochelle": Profile("climat gouv", "SN"),
    "La Rochelle Université": Profile("edu climat", "SN MA"),
    "Ville de Rochefort": Profile("culture sante", "SN"),
    "Saintonge Terres Partagées": Profile("agri edu", "HT"),
    "Lycée professionnel agricole de Jonzac": Profile("agri edu jeunes", "BF"),
    # 19 — Corrèze
    "Conseil départemental de la Corrèze": Profile("gouv agri", "BF"),
    "Ville de Tulle": Profile("culture", "BF"),
    "Ville de Brive-la-Gaillarde": Profile("jeunes culture", "BF"),
    "Corrèze Coopération Afrique": Profile("sante edu", "BF"),
    "Ville d'Ussel": Profile("gouv", "BF"),
    # 23 — Creuse
    "Conseil départemental de la Creuse": Profile("gouv agri", "BF"),
    "Ville de Guéret": Profile("jeunes", "BF"),
    "Ville d'Aubusson": Profile("culture eco", "MA"),
    "Creuse Solidarité Internationale": Profile("sante eau", "BF"),
    "Lycée des métiers du bâtiment de Felletin": Profile("edu jeunes", "BF"),
    # 24 — Dordogne
    "Conseil départemental de la Dordogne": Profile("gouv agri climat", "BJ"),
    "Ville de Périgueux": Profile("culture jeunes", "BJ"),
    "Ville de Bergerac": Profile("eco agri", "BJ"),
    "Communauté d'agglomération bergeracoise": Profile("eau climat", "BJ"),
    "Ville de Sarlat-la-Canéda": Profile("culture", "BJ"),
    "Périgord Afrique de l'Ouest": Profile("sante edu", "BJ BF"),
    # 33 — Gironde
    "Conseil départemental de la Gironde": Profile("gouv eau sante", "SN"),
    "Ville de Bordeaux": Profile("gouv culture climat", "MA SN"),
    "Bordeaux Métropole": Profile("eau climat", "SN"),
    "Université de Bordeaux": Profile("edu sante num", "SN MA MG"),
    "Bordeaux Sciences Agro": Profile("agri edu", "SN MG"),
    "Ville de Pessac": Profile("jeunes culture", "BF"),
    "Ville de Mérignac": Profile("jeunes", "SN"),
    "Ville de Libourne": Profile("eco culture", "MA"),
    "Gironde Eau Solidaire": Profile("eau", "SN"),
    "Maison des solidarités Bordeaux–Afrique": Profile("sante jeunes culture", "SN BF"),
    # 40 — Landes
    "Conseil départemental des Landes": Profile("gouv agri eau", "BF"),
    "Ville de Mont-de-Marsan": Profile("jeunes", "BF"),
    "Ville de Dax": Profile("sante", "BF"),
    "Landes Solidarité Burkina": Profile("eau edu sante", "BF"),
    "Communauté de communes de Mimizan": Profile("climat", "SN"),
    # 47 — Lot-et-Garonne
    "Conseil départemental de Lot-et-Garonne": Profile("gouv agri", "MG"),
    "Ville d'Agen": Profile("culture jeunes", "MA"),
    "Agglomération d'Agen": Profile("eco", "MA"),
    "Ville de Villeneuve-sur-Lot": Profile("jeunes", "MG"),
    "Garonne Madagascar Partage": Profile("edu jeunes", "MG"),
    # 64 — Pyrénées-Atlantiques
    "Conseil départemental des Pyrénées-Atlantiques": Profile("gouv eau", "SN HT"),
    "Ville de Pau": Profile("eau gouv", "SN"),
    "Université de Pau et des Pays de l'Adour": Profile("edu climat", "SN MA"),
    "Ville de Bayonne": Profile("culture", "SN"),
    "Communauté d'agglomération Pays Basque": Profile("eco agri", "MA"),
    "Ville d'Anglet": Profile("jeunes climat", "SN"),
    "Béarn Solidarité Sénégal": Profile("eau sante", "SN"),
    # 79 — Deux-Sèvres
    "Conseil départemental des Deux-Sèvres": Profile("gouv", "BF"),
    "Ville de Niort": Profile("gouv culture", "BF"),
    "Niort Agglo": Profile("eau eco", "BF"),
    "Ville de Parthenay": Profile("culture jeunes", "BF"),
    "Gâtine Sans Frontières": Profile("agri sante", "BF"),
    "Ville de Bressuire": Profile("jeunes", "MG"),
    # 86 — Vienne
    "Conseil départemental de la Vienne": Profile("gouv edu", "MA"),
    "Ville de Poitiers": Profile("jeunes culture gouv", "MA MG"),
    "Grand Poitiers": Profile("num eco", "MA"),
    "Université de Poitiers": Profile("edu num", "MA SN"),
    "Ville de Châtellerault": Profile("jeunes", "MA"),
    "Poitou Jeunesse Monde": Profile("jeunes edu", "MG MA"),
    # 87 — Haute-Vienne
    "Conseil départemental de la Haute-Vienne": Profile("gouv agri", "MG"),
    "Ville de Limoges": Profile("gouv edu jeunes", "MG"),
    "Limoges Métropole": Profile("eau num", "MG"),
    "Université de Limoges": Profile("edu num sante", "MG"),
    "Ville de Saint-Junien": Profile("culture eco", "MG"),
    "Limousin Madagascar Partage": Profile("edu sante jeunes", "MG"),
    # Partners abroad
    "Commune de Kaolack": Profile("eau gouv sante"),
    "Conseil départemental de Nioro du Rip": Profile("gouv eau"),
    "Association des usagers des forages du Saloum": Profile("eau"),
    "Région Haute Matsiatra": Profile("gouv jeunes"),
    "Université de Fianarantsoa": Profile("edu num"),
    "Association Tanora Mandroso": Profile("jeunes num"),
    "Commune de Koudougou": Profile("gouv eau edu"),
    "Commune d'Abomey": Profile("gouv culture sante"),
    "Mairie de Jacmel": Profile("gouv agri"),
}

# Members who have not paid their 2026 fee yet, and those who joined in 2026.
LAPSED_MEMBERS = {
    "Ville d'Ussel",
    "Ville de Sarlat-la-Canéda",
    "Ville de Mérignac",
    "Ville de Bayonne",
    "Ville de Saint-Junien",
}
NEW_MEMBERS = {
    "Communauté de communes de Mimizan": date(2026, 1, 12),
    "Ville de Bressuire": date(2026, 3, 10),
    "Gâtine Sans Frontières": date(2026, 3, 10),
}
# The network's steering committee (its board's working arm).
STEERING_COMMITTEE = {
    "Région Nouvelle-Aquitaine",
    "Conseil départemental de la Gironde",
    "Bordeaux Métropole",
    "Ville de Limoges",
    "Ville de Poitiers",
    "Ville de Pau",
    "Gironde Eau Solidaire",
    "Limousin Madagascar Partage",
    "Poitou Jeunesse Monde",
}

# Standing partnerships between a French member and an authority abroad, since a date.
PARTNERSHIPS = [
    ("Ville de Lille", "Commune urbaine d'Oujda", date(2005, 5, 20)),
    ("Ville de Limoges", "Région Haute Matsiatra", date(2011, 10, 3)),
    (
        "Conseil départemental de la Gironde",
        "Conseil départemental de Nioro du Rip",
        date(2014, 6, 2),
    ),
    ("Ville de Pau", "Commune de Kaolack", date(2016, 11, 15)),
    ("Landes Solidarité Burkina", "Commune de Koudougou", date(2008, 4, 1)),
    ("Périgord Afrique de l'Ouest", "Commune d'Abomey", date(2013, 9, 1)),
    ("Saintonge Terres Partagées", "Mairie de Jacmel", date(2011, 2, 1)),
]
# An organisation and the organisation it belongs to.
PARENTS = [("Institut français du Maroc – Oujda", "Institut français du Maroc")]

# --- People -----------------------------------------------------------------------------

LILLE = "Ville de Lille"
MEL = "Métropole Européenne de Lille"
LYCEE = "Lycée hôtelier international de Lille"
REGIE = "Régie de quartier Lille-Sud"
OUJDA = "Commune urbaine d'Oujda"
WILAYA = "Wilaya de la Région de l'Oriental"
UMP = "Université Mohammed Premier"
IFM = "Institut français du Maroc"
IFM_OUJDA = "Institut français du Maroc – Oujda"
ISTA = "Institut spécialisé de technologie appliquée hôtellerie et tourisme d'Oujda"
NOUR = "Association Nour des quartiers de l'Oriental"
SAVEURS = "Association Saveurs de l'Oriental"
AMEE = "Agence marocaine pour l'efficacité énergétique"
MEAE = (
    "Ministère de l'Europe et des Affaires étrangères – Délégation pour l'action "
    "extérieure des collectivités territoriales"
)
AFD = "Agence française de développement"
UE = "Union européenne"
AEAG = "Agence de l'eau Adour-Garonne"
REGION_NA = "Région Nouvelle-Aquitaine"
RNAC = "Réseau Nouvelle-Aquitaine Coopération"
KAOLACK = "Commune de Kaolack"
NIORO = "Conseil départemental de Nioro du Rip"
ASUFOR = "Association des usagers des forages du Saloum"
MATSIATRA = "Région Haute Matsiatra"
FIANARANTSOA = "Université de Fianarantsoa"
TANORA = "Association Tanora Mandroso"


class Pos(NamedTuple):
    organisation: str
    role: str
    start_on: date | None
    end_on: date | None = None


class PersonSpec(NamedTuple):
    first_name: str
    last_name: str
    organisation: str
    role: str
    since: date
    until: date | None = None  # the position ended: the person left
    other: tuple[Pos, ...] = ()  # earlier or concurrent positions


PEOPLE = [
    # Ville de Lille
    PersonSpec(
        "Martine",
        "Verhaeghe",
        LILLE,
        "Conseillère municipale déléguée aux relations internationales",
        date(2024, 7, 1),
    ),
    PersonSpec(
        "Hugo",
        "Delcourt",
        LILLE,
        "Conseiller du maire chargé des relations internationales",
        date(2020, 7, 10),
        until=date(2024, 6, 30),
    ),
    PersonSpec(
        "Olivier", "Dumortier", LILLE, "Directeur des relations internationales", date(2018, 3, 1)
    ),
    PersonSpec(
        "Youssef",
        "Benali",
        LILLE,
        "Chargé de mission coopération Lille–Oujda, en poste à Oujda",
        date(2021, 9, 1),
    ),
    PersonSpec(
        "Claire",
        "Lemaire",
        LILLE,
        "Chargée de mission coopération décentralisée",
        date(2022, 1, 3),
        other=(Pos(MEL, "Chargée de projets européens", date(2017, 9, 1), date(2021, 12, 31)),),
    ),
    PersonSpec(
        "Nadia",
        "Bouzidi",
        LILLE,
        "Gestionnaire administrative et financière des relations internationales",
        date(2019, 5, 1),
    ),
    # Métropole Européenne de Lille
    PersonSpec("Julien", "Vanhove", MEL, "Chef de projet transition énergétique", date(2020, 2, 1)),
    PersonSpec(
        "Sandrine", "Leroy", MEL, "Chargée de mission relations internationales", date(2016, 9, 1)
    ),
    # Lycée hôtelier international de Lille
    PersonSpec("Philippe", "Carpentier", LYCEE, "Proviseur", date(2019, 9, 1)),
    PersonSpec(
        "Élodie",
        "Wattez",
        LYCEE,
        "Directrice déléguée aux formations professionnelles",
        date(2021, 9, 1),
    ),
    PersonSpec("Thomas", "Delannoy", LYCEE, "Chef cuisinier formateur", date(2015, 9, 1)),
    # Régie de quartier Lille-Sud
    PersonSpec("Karim", "Haddouche", REGIE, "Directeur", date(2017, 1, 1)),
    PersonSpec("Sophie", "Deschamps", REGIE, "Encadrante technique d'insertion", date(2020, 3, 1)),
    # Commune urbaine d'Oujda
    PersonSpec("Mohammed", "Azzaoui", OUJDA, "Président du conseil communal", date(2021, 9, 22)),
    PersonSpec(
        "Omar",
        "Tahiri",
        OUJDA,
        "Vice-président chargé de la coopération décentralisée",
        date(2021, 10, 1),
    ),
    PersonSpec(
        "Salma",
        "El Idrissi",
        OUJDA,
        "Cheffe de la division de la coopération et des partenariats",
        date(2019, 2, 1),
        other=(
            Pos(
                OUJDA, "Cadre à la division de la coopération", date(2014, 6, 1), date(2019, 1, 31)
            ),
        ),
    ),
    PersonSpec("Abdelkader", "Lahlou", OUJDA, "Directeur général des services", date(2022, 1, 1)),
    PersonSpec(
        "Rachid",
        "Ouazzani",
        OUJDA,
        "Ingénieur au service de l'éclairage public et de l'énergie",
        date(2016, 4, 1),
    ),
    PersonSpec(
        "Hind",
        "Berrada",
        OUJDA,
        "Cheffe du service de l'environnement et de la propreté",
        date(2020, 1, 15),
    ),
    PersonSpec(
        "Imane", "Boukili", OUJDA, "Comptable, division des affaires financières", date(2018, 10, 1)
    ),
    PersonSpec("Soufiane", "Lamrani", OUJDA, "Chargé de communication", date(2023, 2, 1)),
    # Wilaya de la Région de l'Oriental
    PersonSpec(
        "Nabil",
        "Chraibi",
        WILAYA,
        "Chargé de mission auprès du wali, Initiative nationale pour le développement humain",
        date(2019, 2, 1),
        other=(
            Pos(
                OUJDA, "Chef de la division de la coopération", date(2012, 3, 1), date(2019, 1, 31)
            ),
        ),
    ),
    PersonSpec(
        "Latifa", "Zerouali", WILAYA, "Cheffe de la division de l'action sociale", date(2020, 9, 1)
    ),
    # Université Mohammed Premier
    PersonSpec(
        "Driss",
        "Bennani",
        UMP,
        "Professeur, laboratoire d'énergétique de l'École nationale des sciences appliquées",
        date(2010, 9, 1),
    ),
    PersonSpec(
        "Meriem",
        "Kettani",
        UMP,
        "Vice-présidente chargée de la coopération et des relations internationales",
        date(2022, 11, 1),
    ),
    PersonSpec("Anas", "Belhaj", UMP, "Doctorant en énergétique du bâtiment", date(2024, 10, 1)),
    # Institut français du Maroc
    PersonSpec(
        "Aurélie",
        "Fontaine",
        IFM_OUJDA,
        "Directrice de l'Institut français d'Oujda",
        date(2023, 9, 1),
    ),
    PersonSpec(
        "Marc",
        "Lefèvre",
        IFM,
        "Attaché de coopération éducative",
        date(2023, 9, 1),
        other=(
            Pos(
                IFM_OUJDA,
                "Directeur de l'Institut français d'Oujda",
                date(2019, 9, 1),
                date(2023, 8, 31),
            ),
        ),
    ),
    PersonSpec("Hamza", "Alaoui", IFM_OUJDA, "Chargé des projets culturels", date(2018, 1, 8)),
    # Institut hôtelier d'Oujda and the associations
    PersonSpec("Fatima Zahra", "Bekkali", ISTA, "Directrice", date(2020, 9, 1)),
    PersonSpec("Mustapha", "Rifi", ISTA, "Formateur en cuisine marocaine", date(2012, 9, 1)),
    PersonSpec("Naïma", "Ouchen", ISTA, "Formatrice en pâtisserie", date(2015, 9, 1)),
    PersonSpec("Khadija", "Amrani", NOUR, "Présidente", date(2014, 5, 1)),
    PersonSpec("Yassine", "Mokhtari", NOUR, "Coordinateur de projets", date(2021, 3, 1)),
    PersonSpec("Zineb", "Harrak", SAVEURS, "Présidente", date(2017, 6, 1)),
    PersonSpec("Saïd", "Jabri", SAVEURS, "Trésorier", date(2017, 6, 1)),
    PersonSpec(
        "Hicham",
        "Tazi",
        AMEE,
        "Chef de projet efficacité énergétique des collectivités territoriales",
        date(2019, 4, 1),
    ),
    # Donors: one contact for the Lille–Oujda projects, another for the network's
    PersonSpec(
        "Isabelle",
        "Moreau",
        MEAE,
        "Chargée de mission Afrique du Nord et Moyen-Orient",
        date(2022, 9, 1),
    ),
    PersonSpec(
        "François",
        "Bonnet",
        MEAE,
        "Chargé de mission Afrique subsaharienne et océan Indien",
        date(2021, 9, 1),
    ),
    PersonSpec(
        "Anne-Laure",
        "Giraud",
        MEAE,
        "Déléguée pour l'action extérieure des collectivités territoriales",
        date(2023, 9, 1),
    ),
    PersonSpec(
        "Émilie",
        "Perrin",
        AFD,
        "Chargée de projets développement urbain, agence de Rabat",
        date(2022, 9, 1),
    ),
    PersonSpec(
        "Vincent",
        "Roussel",
        AFD,
        "Responsable de la facilité de financement des collectivités territoriales (FICOL)",
        date(2020, 1, 6),
    ),
    PersonSpec(
        "Giulia",
        "Rossi",
        UE,
        "Gestionnaire de programmes, délégation de l'Union européenne au Maroc",
        date(2021, 10, 1),
    ),
    PersonSpec(
        "Pieter",
        "Janssens",
        UE,
        "Gestionnaire de programmes, délégation de l'Union européenne à Madagascar",
        date(2023, 9, 1),
    ),
    PersonSpec(
        "Laurent",
        "Castaing",
        AEAG,
        "Chargé de mission coopération internationale",
        date(2015, 3, 1),
    ),
    PersonSpec(
        "Nathalie",
        "Lafargue",
        REGION_NA,
        "Conseillère régionale déléguée à la coopération internationale",
        date(2021, 7, 2),
    ),
    PersonSpec(
        "Stéphane",
        "Berthelot",
        REGION_NA,
        "Chef du service de la coopération internationale",
        date(2018, 1, 1),
    ),
    # The network
    PersonSpec(
        "Véronique",
        "Lacoste",
        RNAC,
        "Directrice",
        date(2024, 1, 15),
        other=(Pos(REGION_NA, "Chargée de mission Afrique", date(2016, 1, 4), date(2023, 12, 31)),),
    ),
    PersonSpec(
        "Camille", "Martin", RNAC, "Chargée de mission coopération et projets", date(2020, 10, 1)
    ),
    PersonSpec(
        "Maxime", "Dufour", RNAC, "Chargé de mission animation territoriale", date(2023, 3, 1)
    ),
    PersonSpec(
        "Léa",
        "Garnier",
        RNAC,
        "Volontaire en service civique, communication",
        date(2025, 10, 1),
        until=date(2026, 6, 30),
    ),
    # 33 — Gironde
    PersonSpec(
        "Jean-Pierre",
        "Lestrade",
        "Conseil départemental de la Gironde",
        "Vice-président délégué à la coopération et aux solidarités internationales",
        date(2021, 7, 1),
        other=(Pos(RNAC, "Président", date(2022, 6, 15)),),
    ),
    PersonSpec(
        "Aurore",
        "Dubos",
        "Conseil départemental de la Gironde",
        "Chargée de mission solidarité internationale",
        date(2019, 4, 1),
    ),
    PersonSpec(
        "Sylvie",
        "Ducasse",
        "Ville de Bordeaux",
        "Directrice des relations internationales",
        date(2015, 2, 1),
    ),
    PersonSpec(
        "Mathieu",
        "Laborde",
        "Bordeaux Métropole",
        "Chef du service coopération eau et assainissement",
        date(2018, 6, 1),
    ),
    PersonSpec(
        "Arnaud",
        "Chevalier",
        "Université de Bordeaux",
        "Vice-président relations internationales",
        date(2022, 1, 1),
    ),
    PersonSpec(
        "Cécile",
        "Lamarque",
        "Bordeaux Sciences Agro",
        "Enseignante-chercheuse en agronomie tropicale",
        date(2012, 9, 1),
    ),
    PersonSpec(
        "Romain",
        "Eyquem",
        "Ville de Pessac",
        "Chargé des jumelages et de la coopération",
        date(2020, 9, 1),
    ),
    PersonSpec("Bernard", "Duprat", "Gironde Eau Solidaire", "Président", date(2010, 3, 1)),
    PersonSpec(
        "Chloé", "Lafon", "Gironde Eau Solidaire", "Chargée de projets Sénégal", date(2022, 2, 1)
    ),
    PersonSpec(
        "Aminata",
        "Diallo",
        "Maison des solidarités Bordeaux–Afrique",
        "Coordinatrice",
        date(2019, 9, 1),
    ),
    # 64 — Pyrénées-Atlantiques
    PersonSpec(
        "Pascal",
        "Etcheverry",
        "Ville de Pau",
        "Conseiller municipal délégué à la coopération internationale",
        date(2020, 7, 3),
    ),
    PersonSpec(
        "Laure",
        "Bergeron",
        "Ville de Pau",
        "Chargée de mission coopération internationale",
        date(2017, 5, 1),
    ),
    PersonSpec("Michel", "Lassalle", "Béarn Solidarité Sénégal", "Président", date(2009, 1, 1)),
    PersonSpec(
        "Mame Diarra",
        "Faye",
        "Béarn Solidarité Sénégal",
        "Chargée de projet eau et assainissement",
        date(2021, 10, 1),
    ),
    PersonSpec(
        "Isabelle",
        "Larrouy",
        "Université de Pau et des Pays de l'Adour",
        "Directrice des relations internationales",
        date(2019, 9, 1),
    ),
    PersonSpec(
        "Maite",
        "Haritschelhar",
        "Conseil départemental des Pyrénées-Atlantiques",
        "Chargée de mission coopération décentralisée",
        date(2020, 1, 1),
    ),
    PersonSpec(
        "Peio",
        "Etxeberria",
        "Ville de Bayonne",
        "Chargé des relations internationales",
        date(2018, 9, 1),
    ),
    # 87 — Haute-Vienne
    PersonSpec(
        "Christophe",
        "Peyrat",
        "Ville de Limoges",
        "Adjoint au maire délégué aux relations internationales",
        date(2020, 7, 4),
    ),
    PersonSpec(
        "Agnès",
        "Mazaud",
        "Ville de Limoges",
        "Chargée de mission coopération Madagascar",
        date(2016, 3, 1),
    ),
    PersonSpec(
        "Fabrice",
        "Delage",
        "Université de Limoges",
        "Vice-président chargé des relations internationales",
        date(2021, 1, 1),
    ),
    PersonSpec(
        "Monique", "Chabrol", "Limousin Madagascar Partage", "Présidente", date(2008, 10, 1)
    ),
    PersonSpec(
        "Rija",
        "Andrianaivo",
        "Limousin Madagascar Partage",
        "Coordinateur à Fianarantsoa (volontaire de solidarité internationale)",
        date(2024, 9, 1),
    ),
    PersonSpec(
        "Gilles",
        "Bourdarias",
        "Conseil départemental de la Haute-Vienne",
        "Chargé de mission relations internationales",
        date(2019, 6, 1),
    ),
    # 47, 86, 16, 17 …
    PersonSpec("Danielle", "Faure", "Garonne Madagascar Partage", "Présidente", date(2015, 4, 1)),
    PersonSpec("Antoine", "Brunet", "Poitou Jeunesse Monde", "Directeur", date(2020, 1, 6)),
    PersonSpec(
        "Inès",
        "Rahmani",
        "Poitou Jeunesse Monde",
        "Animatrice jeunesse et mobilité internationale",
        date(2022, 9, 1),
    ),
    PersonSpec(
        "Karine",
        "Gauthier",
        "Ville de Poitiers",
        "Chargée de mission relations internationales",
        date(2014, 10, 1),
    ),
    PersonSpec(
        "Nicolas",
        "Bouchet",
        "Université de Poitiers",
        "Chargé de mission Afrique",
        date(2018, 9, 1),
    ),
    PersonSpec(
        "Valérie",
        "Rousseau",
        "Conseil départemental de la Charente",
        "Chargée de mission coopération décentralisée",
        date(2017, 2, 1),
    ),
    PersonSpec("Jacques", "Texier", "Charente Solidarités Sahel", "Président", date(2011, 6, 1)),
    PersonSpec(
        "Samir",
        "Benhamou",
        "Ville d'Angoulême",
        "Conseiller municipal délégué aux jumelages",
        date(2020, 7, 4),
    ),
    PersonSpec(
        "Emmanuelle",
        "Thibaud",
        "La Rochelle Université",
        "Directrice des relations internationales",
        date(2020, 3, 1),
    ),
    PersonSpec(
        "Olivier",
        "Bodin",
        "Ville de La Rochelle",
        "Chargé de mission coopération décentralisée et climat",
        date(2016, 1, 4),
    ),
    PersonSpec("Annie", "Renaud", "Saintonge Terres Partagées", "Présidente", date(2013, 9, 1)),
    PersonSpec(
        "Patrick",
        "Meunier",
        "Lycée professionnel agricole de Jonzac",
        "Directeur",
        date(2019, 9, 1),
    ),
    # 19, 23, 24, 40, 47, 79
    PersonSpec("Gérard", "Vialle", "Corrèze Coopération Afrique", "Président", date(2012, 5, 1)),
    PersonSpec(
        "Salimata",
        "Ouédraogo",
        "Corrèze Coopération Afrique",
        "Chargée de projets Burkina Faso",
        date(2021, 1, 4),
    ),
    PersonSpec(
        "Sandrine",
        "Marty",
        "Ville de Brive-la-Gaillarde",
        "Chargée des jumelages",
        date(2018, 4, 1),
    ),
    PersonSpec(
        "Françoise", "Aupetit", "Creuse Solidarité Internationale", "Présidente", date(2016, 6, 1)
    ),
    PersonSpec(
        "Yannick",
        "Tixier",
        "Lycée des métiers du bâtiment de Felletin",
        "Proviseur adjoint chargé des partenariats internationaux",
        date(2020, 9, 1),
    ),
    PersonSpec(
        "Didier",
        "Lagrange",
        "Conseil départemental de la Creuse",
        "Chargé de mission attractivité et international",
        date(2022, 3, 1),
    ),
    PersonSpec("Jean-Marc", "Lafaye", "Périgord Afrique de l'Ouest", "Président", date(2014, 1, 1)),
    PersonSpec(
        "Sylvain",
        "Delpech",
        "Conseil départemental de la Dordogne",
        "Chef du service Europe et international",
        date(2017, 9, 1),
    ),
    PersonSpec(
        "Corinne",
        "Vergne",
        "Ville de Bergerac",
        "Conseillère municipale déléguée aux jumelages",
        date(2020, 7, 4),
    ),
    PersonSpec("Jean", "Dupouy", "Landes Solidarité Burkina", "Président", date(2007, 2, 1)),
    PersonSpec(
        "Adama",
        "Sawadogo",
        "Landes Solidarité Burkina",
        "Chargé de projets Koudougou",
        date(2022, 4, 1),
    ),
    PersonSpec(
        "Sabine",
        "Lacouture",
        "Conseil départemental des Landes",
        "Chargée de mission coopération décentralisée",
        date(2015, 5, 1),
    ),
    PersonSpec(
        "Thierry",
        "Sabadie",
        "Conseil départemental de Lot-et-Garonne",
        "Chargé de mission relations internationales",
        date(2019, 1, 7),
    ),
    PersonSpec(
        "Nicole",
        "Bressac",
        "Ville d'Agen",
        "Adjointe au maire déléguée aux jumelages",
        date(2020, 7, 4),
        until=date(2025, 3, 31),
    ),
    PersonSpec("Dominique", "Guérin", "Gâtine Sans Frontières", "Président", date(2018, 11, 1)),
    PersonSpec(
        "Élise",
        "Fradin",
        "Ville de Niort",
        "Chargée de mission relations internationales",
        date(2019, 3, 1),
    ),
    # Sénégal
    PersonSpec("El Hadji Malick", "Sarr", KAOLACK, "Maire", date(2022, 2, 5)),
    PersonSpec("Aïssatou", "Diop", KAOLACK, "Secrétaire municipale", date(2019, 7, 1)),
    PersonSpec("Ousmane", "Faye", KAOLACK, "Chef du service technique communal", date(2018, 1, 2)),
    PersonSpec(
        "Cheikh Tidiane", "Ba", NIORO, "Président du conseil départemental", date(2022, 2, 10)
    ),
    PersonSpec(
        "Awa", "Ndour", NIORO, "Chargée de la planification et de la coopération", date(2019, 5, 1)
    ),
    PersonSpec("Ibrahima", "Cissé", ASUFOR, "Président", date(2016, 3, 1)),
    PersonSpec("Moustapha", "Diouf", ASUFOR, "Conducteur de forage", date(2011, 1, 1)),
    PersonSpec("Fatou", "Sarr", ASUFOR, "Trésorière", date(2020, 6, 1)),
    # Madagascar
    PersonSpec("Hery", "Rakotomalala", MATSIATRA, "Gouverneur de la région", date(2024, 3, 1)),
    PersonSpec(
        "Voahirana",
        "Randrianarisoa",
        MATSIATRA,
        "Directrice de la jeunesse et des sports",
        date(2021, 2, 1),
    ),
    PersonSpec(
        "Tahina",
        "Andriamanantena",
        MATSIATRA,
        "Chargé de la coopération décentralisée",
        date(2019, 8, 1),
    ),
    PersonSpec(
        "Lalaina",
        "Razafindrakoto",
        FIANARANTSOA,
        "Vice-présidente chargée de la coopération",
        date(2022, 4, 1),
    ),
    PersonSpec(
        "Mamy",
        "Rabearivelo",
        FIANARANTSOA,
        "Responsable du centre informatique",
        date(2017, 10, 1),
    ),
    PersonSpec("Fanja", "Rasoanaivo", TANORA, "Coordinatrice", date(2018, 2, 1)),
    PersonSpec(
        "Nirina",
        "Ramanantsoa",
        TANORA,
        "Animateur des tiers-lieux numériques",
        date(2026, 2, 1),
    ),
    PersonSpec("Haingo", "Rakotonirina", TANORA, "Présidente", date(2015, 9, 1)),
    # Burkina Faso, Bénin, Haïti
    PersonSpec(
        "Issouf",
        "Compaoré",
        "Commune de Koudougou",
        "Secrétaire général de la mairie",
        date(2020, 6, 1),
    ),
    PersonSpec(
        "Rosine",
        "Houngbédji",
        "Commune d'Abomey",
        "Chargée de la coopération décentralisée",
        date(2021, 3, 1),
    ),
    PersonSpec(
        "Mirlande", "Joseph", "Mairie de Jacmel", "Chargée de la coopération", date(2021, 9, 1)
    ),
]

# People who live in another country than their organisation's.
BASED_IN = {
    "Youssef Benali": "MA",
    "Émilie Perrin": "MA",
    "Giulia Rossi": "MA",
    "Pieter Janssens": "MG",
    "Rija Andrianaivo": "MG",
}
LANGUAGES = {
    "Youssef Benali": "fr ar en",
    "Salma El Idrissi": "ar fr en",
    "Meriem Kettani": "ar fr en",
    "Driss Bennani": "ar fr en",
    "Aurélie Fontaine": "fr en ar",
    "Marc Lefèvre": "fr en",
    "Hicham Tazi": "ar fr en",
    "Giulia Rossi": "it fr en",
    "Pieter Janssens": "nl fr en",
    "Émilie Perrin": "fr en",
    "Karim Haddouche": "fr ar",
    "Nadia Bouzidi": "fr ar",
    "Samir Benhamou": "fr ar",
    "Inès Rahmani": "fr ar en",
    "Aminata Diallo": "fr wo",
    "Mame Diarra Faye": "fr wo en",
    "Rija Andrianaivo": "mg fr",
    "Peio Etxeberria": "fr eu es",
    "Maite Haritschelhar": "fr eu es",
    "Lalaina Razafindrakoto": "mg fr en",
    "El Hadji Malick Sarr": "fr wo ar",
}
# Consent to be contacted, with its date and where it was collected.
CONSENTS = {
    "Inès Rahmani": (
        date(2025, 11, 20),
        "Formulaire d'inscription aux Assises régionales de la coopération internationale",
    ),
    "Mame Diarra Faye": (
        date(2025, 6, 14),
        "Feuille d'émargement signée à l'atelier eau et assainissement de Pau",
    ),
    "Rija Andrianaivo": (date(2026, 2, 10), "Inscription en ligne à la lettre d'information"),
    "Anas Belhaj": (
        date(2025, 10, 2),
        "Formulaire de consentement signé lors de la visite technique de la MEL",
    ),
    "Nirina Ramanantsoa": (
        date(2026, 2, 19),
        "Formulaire papier rempli à l'ouverture du tiers-lieu numérique",
    ),
}
DO_NOT_CONTACT = {
    "Hugo Delcourt": (
        "A quitté la Ville de Lille en juin 2024 ; a demandé par courriel du 8 juillet 2024 à "
        "ne plus recevoir d'informations sur la coopération."
    ),
    "Gérard Vialle": (
        "Ne souhaite plus être sollicité par le réseau (courriel du 12 mars 2025). "
        "S'adresser à Salimata Ouédraogo pour l'association."
    ),
    "Nicole Bressac": (
        "A démissionné du conseil municipal d'Agen en mars 2025 ; opposée à tout contact."
    ),
}
PERSON_TAGS = {
    STEERING: [
        "Martine Verhaeghe",
        "Omar Tahiri",
        "Salma El Idrissi",
        "Élodie Wattez",
        "Claire Lemaire",
        "Jean-Pierre Lestrade",
        "Véronique Lacoste",
        "Stéphane Berthelot",
        "Aurore Dubos",
        "Christophe Peyrat",
    ],
    NEWSLETTER: [*CONSENTS],
    TWINNING: ["Youssef Benali", "Salma El Idrissi", "Omar Tahiri", "Martine Verhaeghe"],
}

# --- Project contacts and funding shares ------------------------------------------------

# The people each project deals with, among its consortium's organisations.
PROJECT_CONTACTS = {
    "LIL-OUJ-GASTRO": [
        "Youssef Benali",
        "Claire Lemaire",
        "Salma El Idrissi",
        "Omar Tahiri",
        "Élodie Wattez",
        "Thomas Delannoy",
        "Fatima Zahra Bekkali",
        "Mustapha Rifi",
        "Zineb Harrak",
        "Hamza Alaoui",
        "Isabelle Moreau",
        "Martine Verhaeghe",
        "Philippe Carpentier",
        "Naïma Ouchen",
        "Saïd Jabri",
        "Aurélie Fontaine",
    ],
    "LIL-OUJ-REGIE": [
        "Youssef Benali",
        "Olivier Dumortier",
        "Salma El Idrissi",
        "Hind Berrada",
        "Imane Boukili",
        "Karim Haddouche",
        "Sophie Deschamps",
        "Khadija Amrani",
        "Yassine Mokhtari",
        "Latifa Zerouali",
        "Nabil Chraibi",
        "Abdelkader Lahlou",
        "Émilie Perrin",
        "Isabelle Moreau",
    ],
    "LIL-OUJ-PAEDC": [
        "Youssef Benali",
        "Salma El Idrissi",
        "Mohammed Azzaoui",
        "Rachid Ouazzani",
        "Julien Vanhove",
        "Driss Bennani",
        "Anas Belhaj",
        "Hicham Tazi",
        "Giulia Rossi",
        "Émilie Perrin",
    ],
    "RNAC-EAU-SN": [
        "Camille Martin",
        "Véronique Lacoste",
        "Aurore Dubos",
        "Mathieu Laborde",
        "Laure Bergeron",
        "Chloé Lafon",
        "Michel Lassalle",
        "Mame Diarra Faye",
        "Ousmane Faye",
        "Aïssatou Diop",
        "Awa Ndour",
        "Ibrahima Cissé",
        "Laurent Castaing",
        "François Bonnet",
        "Stéphane Berthelot",
    ],
    "RNAC-JEUNES-MG": [
        "Camille Martin",
        "Maxime Dufour",
        "Agnès Mazaud",
        "Fabrice Delage",
        "Monique Chabrol",
        "Rija Andrianaivo",
        "Danielle Faure",
        "Inès Rahmani",
        "Voahirana Randrianarisoa",
        "Tahina Andriamanantena",
        "Lalaina Razafindrakoto",
        "Mamy Rabearivelo",
        "Fanja Rasoanaivo",
        "Stéphane Berthelot",
        "François Bonnet",
        "Pieter Janssens",
    ],
}

# --- Interactions -----------------------------------------------------------------------

K = InteractionKind


class InteractionSpec(NamedTuple):
    occurred_on: date
    kind: str
    subject: str
    notes: str
    people: tuple[str, ...]
    project: str = ""
    follow_up_on: date | None = None
    follow_up_done: bool = False
    organisations: tuple[str, ...] = ()  # besides the people's own organisations


# Recorded by Youssef.
LILLE_OUJDA_INTERACTIONS = [
    InteractionSpec(
        date(2025, 1, 21),
        K.MEETING,
        "Lancement du projet gastronomie avec l'institut hôtelier d'Oujda",
        "Présentation du calendrier, des critères de sélection des jeunes et du rôle des "
        "formateurs. L'institut met deux cuisines pédagogiques à disposition.",
        ("Fatima Zahra Bekkali", "Mustapha Rifi", "Salma El Idrissi"),
        "LIL-OUJ-GASTRO",
        date(2025, 2, 15),
        True,
    ),
    InteractionSpec(
        date(2025, 2, 4),
        K.MEETING,
        "Programme annuel 2025 de la coopération Lille–Oujda",
        "Priorités de l'année : formation hôtelière, régie de quartier, préparation du plan "
        "climat. Accord pour célébrer les 20 ans du jumelage en novembre.",
        ("Mohammed Azzaoui", "Omar Tahiri", "Martine Verhaeghe", "Olivier Dumortier"),
    ),
    InteractionSpec(
        date(2025, 2, 12),
        K.CALL,
        "Calendrier des stages croisés 2025",
        "Deux sessions d'accueil à Lille (avril et septembre) ; le lycée héberge les "
        "formateurs à l'internat.",
        ("Élodie Wattez", "Thomas Delannoy"),
        "LIL-OUJ-GASTRO",
        date(2025, 3, 1),
        True,
    ),
    InteractionSpec(
        date(2025, 3, 18),
        K.EMAIL,
        "Liste des vingt stagiaires de la première promotion",
        "Liste reçue avec les fiches de candidature ; 12 jeunes femmes et 8 jeunes hommes.",
        ("Fatima Zahra Bekkali",),
        "LIL-OUJ-GASTRO",
    ),
    InteractionSpec(
        date(2025, 3, 26),
        K.MEETING,
        "Premier échange sur un plan climat pour Oujda",
        "La commune souhaite un PAEDC ; l'université propose un appui pour le bilan "
        "énergétique. Prendre contact avec l'AMEE.",
        ("Rachid Ouazzani", "Driss Bennani", "Salma El Idrissi"),
        "LIL-OUJ-PAEDC",
        date(2025, 4, 30),
        True,
    ),
    InteractionSpec(
        date(2025, 4, 7),
        K.VISIT,
        "Visite des cuisines pédagogiques de l'institut hôtelier",
        "Équipement correct ; manque une chambre froide. Devis demandé.",
        ("Thomas Delannoy", "Mustapha Rifi", "Naïma Ouchen"),
        "LIL-OUJ-GASTRO",
    ),
    InteractionSpec(
        date(2025, 5, 14),
        K.CALL,
        "Méthode du bilan énergétique du patrimoine communal",
        "La MEL partage sa grille de relevés ; priorité aux écoles et à l'éclairage public.",
        ("Julien Vanhove", "Rachid Ouazzani"),
        "LIL-OUJ-PAEDC",
        date(2025, 6, 15),
        True,
    ),
    InteractionSpec(
        date(2025, 5, 20),
        K.EVENT,
        "Semaine de la gastronomie de l'Oriental à l'Institut français",
        "Démonstrations des stagiaires, 300 visiteurs, reportage de la radio régionale.",
        ("Hamza Alaoui", "Zineb Harrak", "Aurélie Fontaine"),
        "LIL-OUJ-GASTRO",
    ),
    InteractionSpec(
        date(2025, 6, 3),
        K.VISIT,
        "Délégation d'Oujda à la régie de quartier Lille-Sud",
        "Trois jours d'échanges : chantiers d'insertion, gouvernance associative, modèle "
        "économique. La délégation repart avec un projet de statuts.",
        ("Karim Haddouche", "Sophie Deschamps", "Hind Berrada", "Khadija Amrani", "Omar Tahiri"),
        "LIL-OUJ-REGIE",
    ),
    InteractionSpec(
        date(2025, 6, 10),
        K.MEETING,
        "Comité de pilotage n° 1 du projet gastronomie",
        "Bilan des six premiers mois validé ; demande d'un module d'hygiène alimentaire.",
        (
            "Omar Tahiri",
            "Salma El Idrissi",
            "Élodie Wattez",
            "Fatima Zahra Bekkali",
            "Claire Lemaire",
        ),
        "LIL-OUJ-GASTRO",
        date(2025, 7, 15),
        True,
    ),
    InteractionSpec(
        date(2025, 6, 24),
        K.EVENT,
        "Atelier national sur les plans climat des collectivités (Rabat)",
        "Présentation de la démarche d'Oujda ; l'AMEE peut financer les audits énergétiques.",
        ("Hicham Tazi", "Rachid Ouazzani"),
        "LIL-OUJ-PAEDC",
    ),
    InteractionSpec(
        date(2025, 7, 9),
        K.MEETING,
        "Instruction AFD : atelier de cadrage de la régie de quartier",
        "L'AFD demande une étude de marché des services urbains et un plan d'affaires sur "
        "cinq ans.",
        ("Émilie Perrin", "Salma El Idrissi", "Abdelkader Lahlou"),
        "LIL-OUJ-REGIE",
        date(2025, 8, 31),
        True,
    ),
    InteractionSpec(
        date(2025, 9, 10),
        K.MEETING,
        "Lancement de la régie : choix des quartiers pilotes",
        "Quartiers retenus : Al Qods et Lazaret. L'association Nour mobilise les habitants.",
        ("Hind Berrada", "Khadija Amrani", "Yassine Mokhtari", "Latifa Zerouali"),
        "LIL-OUJ-REGIE",
    ),
    InteractionSpec(
        date(2025, 9, 15),
        K.VISIT,
        "Accueil de deux formateurs d'Oujda au lycée hôtelier de Lille",
        "Deux semaines d'immersion en cuisine et en salle ; très bon accueil des élèves.",
        ("Mustapha Rifi", "Naïma Ouchen", "Philippe Carpentier"),
        "LIL-OUJ-GASTRO",
    ),
    InteractionSpec(
        date(2025, 10, 2),
        K.VISIT,
        "Visite technique de la MEL à Oujda : éclairage public et écoles",
        "Visite de six écoles et de deux armoires d'éclairage ; relevés confiés à un doctorant.",
        ("Julien Vanhove", "Rachid Ouazzani", "Anas Belhaj"),
        "LIL-OUJ-PAEDC",
    ),
    InteractionSpec(
        date(2025, 10, 8),
        K.CALL,
        "Point DAECT sur le rapport intermédiaire du projet gastronomie",
        "Le rapport est attendu fin novembre avec l'état des dépenses.",
        ("Isabelle Moreau",),
        "LIL-OUJ-GASTRO",
        date(2025, 11, 30),
        True,
    ),
    InteractionSpec(
        date(2025, 10, 21),
        K.CALL,
        "Articulation de la régie avec l'INDH",
        "La Wilaya peut cofinancer l'équipement au titre de l'INDH ; dossier à déposer.",
        ("Latifa Zerouali", "Nabil Chraibi"),
        "LIL-OUJ-REGIE",
        date(2025, 11, 15),
        True,
    ),
    InteractionSpec(
        date(2025, 11, 5),
        K.EVENT,
        "Vingt ans du jumelage Lille–Oujda",
        "Cérémonie à l'hôtel de ville d'Oujda, exposition photographique à l'Institut français.",
        ("Martine Verhaeghe", "Mohammed Azzaoui", "Aurélie Fontaine", "Marc Lefèvre"),
    ),
    InteractionSpec(
        date(2025, 11, 18),
        K.EMAIL,
        "Révision du budget de la régie après l'évaluation de l'AFD",
        "Budget porté à 3 450 000 MAD ; nouveau plan de financement envoyé.",
        ("Émilie Perrin", "Imane Boukili"),
        "LIL-OUJ-REGIE",
    ),
    InteractionSpec(
        date(2025, 11, 25),
        K.EMAIL,
        "Envoi du rapport intermédiaire à la DAECT",
        "Rapport narratif et financier envoyés ; accusé de réception reçu.",
        ("Isabelle Moreau", "Claire Lemaire"),
        "LIL-OUJ-GASTRO",
    ),
    InteractionSpec(
        date(2025, 12, 9),
        K.CALL,
        "Appel à propositions de l'UE : éligibilité du plan climat",
        "Le PAEDC est éligible ; cofinancement de 25 % minimum à trouver.",
        ("Giulia Rossi",),
        "LIL-OUJ-PAEDC",
        date(2026, 1, 15),
        True,
    ),
    InteractionSpec(
        date(2026, 1, 13),
        K.MEETING,
        "Recrutement des vingt-cinq premiers salariés de la régie",
        "Jury commun commune–association ; 25 contrats signés, dont 11 femmes.",
        ("Yassine Mokhtari", "Hind Berrada", "Sophie Deschamps"),
        "LIL-OUJ-REGIE",
    ),
    InteractionSpec(
        date(2026, 1, 20),
        K.MEETING,
        "Bilan de la première promotion : 58 jeunes formés",
        "Taux de réussite de 92 % ; 31 jeunes déjà en emploi dans l'hôtellerie.",
        ("Fatima Zahra Bekkali", "Zineb Harrak", "Salma El Idrissi"),
        "LIL-OUJ-GASTRO",
    ),
    InteractionSpec(
        date(2026, 2, 10),
        K.MEETING,
        "Relevés de consommation de 42 bâtiments communaux",
        "Les écoles représentent 38 % des consommations ; l'éclairage public 41 %.",
        ("Anas Belhaj", "Driss Bennani", "Rachid Ouazzani"),
        "LIL-OUJ-PAEDC",
    ),
    InteractionSpec(
        date(2026, 2, 24),
        K.VISIT,
        "Visite de chantier : espaces verts du quartier Al Qods",
        "Premier chantier de la régie ; bonne organisation, manque d'outillage.",
        ("Hind Berrada", "Yassine Mokhtari"),
        "LIL-OUJ-REGIE",
    ),
    InteractionSpec(
        date(2026, 3, 3),
        K.EVENT,
        "Concours culinaire Lille–Oujda",
        "Finale à Oujda, jury franco-marocain ; la lauréate fera un stage à Lille.",
        ("Thomas Delannoy", "Mustapha Rifi", "Zineb Harrak", "Hamza Alaoui"),
        "LIL-OUJ-GASTRO",
    ),
    InteractionSpec(
        date(2026, 3, 17),
        K.CALL,
        "Point mensuel avec la direction des relations internationales",
        "Préparation du conseil municipal de juin ; demande d'une note sur les trois projets.",
        ("Olivier Dumortier", "Claire Lemaire"),
    ),
    InteractionSpec(
        date(2026, 4, 8),
        K.CALL,
        "Pièces justificatives du premier semestre de la régie",
        "Factures scannées reçues ; deux reçus manquants pour l'achat d'outillage.",
        ("Imane Boukili", "Salma El Idrissi"),
        "LIL-OUJ-REGIE",
        date(2026, 4, 30),
        True,
    ),
    InteractionSpec(
        date(2026, 4, 21),
        K.EMAIL,
        "Lettre d'intention de l'AMEE pour le plan climat",
        "Lettre signée reçue, à joindre au dossier de candidature.",
        ("Hicham Tazi",),
        "LIL-OUJ-PAEDC",
    ),
    InteractionSpec(
        date(2026, 5, 12),
        K.CALL,
        "Insertion des diplômés : partenariat avec les hôtels d'Oujda",
        "Quatre hôtels prêts à signer une charte d'accueil des stagiaires.",
        ("Fatima Zahra Bekkali", "Saïd Jabri"),
        "LIL-OUJ-GASTRO",
        date(2026, 6, 30),
        True,
    ),
    InteractionSpec(
        date(2026, 5, 26),
        K.MEETING,
        "Comité technique de la régie",
        "Karim Haddouche en visioconférence ; tableau de bord mensuel adopté.",
        ("Karim Haddouche", "Hind Berrada", "Khadija Amrani", "Yassine Mokhtari"),
        "LIL-OUJ-REGIE",
    ),
    InteractionSpec(
        date(2026, 6, 2),
        K.CALL,
        "Cofinancement du plan climat par l'AFD",
        "L'AFD étudie une contribution de 25 % ; réponse attendue début septembre.",
        ("Émilie Perrin",),
        "LIL-OUJ-PAEDC",
        date(2026, 9, 4),
    ),
    InteractionSpec(
        date(2026, 6, 16),
        K.MEETING,
        "Comité de pilotage n° 2 du projet gastronomie",
        "Deuxième promotion lancée ; la commune demande une antenne à Berkane.",
        (
            "Omar Tahiri",
            "Salma El Idrissi",
            "Élodie Wattez",
            "Claire Lemaire",
            "Martine Verhaeghe",
        ),
        "LIL-OUJ-GASTRO",
        date(2026, 9, 15),
    ),
    InteractionSpec(
        date(2026, 7, 7),
        K.EMAIL,
        "Demande de versement de la deuxième tranche AFD",
        "Demande envoyée avec le rapport d'avancement ; relancer si pas de réponse.",
        ("Émilie Perrin", "Imane Boukili"),
        "LIL-OUJ-REGIE",
        date(2026, 8, 15),
    ),
    InteractionSpec(
        date(2026, 7, 15),
        K.MEETING,
        "Relecture du dossier de candidature du plan climat",
        "Cadre logique finalisé ; budget à consolider avant le dépôt.",
        ("Julien Vanhove", "Driss Bennani", "Salma El Idrissi"),
        "LIL-OUJ-PAEDC",
        date(2026, 9, 1),
    ),
    InteractionSpec(
        date(2026, 8, 25),
        K.EMAIL,
        "Préparation de la rentrée de la promotion 2026-2027",
        "Liste des 30 admis attendue ; planning des stages à Lille à confirmer.",
        ("Fatima Zahra Bekkali", "Naïma Ouchen"),
        "LIL-OUJ-GASTRO",
        date(2026, 9, 8),
    ),
    InteractionSpec(
        date(2026, 8, 27),
        K.CALL,
        "Collecte sélective : bilan de l'été",
        "Tonnages en hausse de 18 % ; demande de deux triporteurs supplémentaires.",
        ("Hind Berrada", "Yassine Mokhtari"),
        "LIL-OUJ-REGIE",
        date(2026, 9, 10),
    ),
    InteractionSpec(
        date(2026, 9, 22),
        K.VISIT,
        "Mission de formateurs lillois à Oujda",
        "Prévue : une semaine de formation en pâtisserie et en service en salle.",
        ("Thomas Delannoy", "Élodie Wattez", "Fatima Zahra Bekkali"),
        "LIL-OUJ-GASTRO",
        date(2026, 10, 5),
    ),
    InteractionSpec(
        date(2026, 9, 29),
        K.EVENT,
        "Présentation du plan climat au conseil communal",
        "Prévue : présentation du diagnostic et des 24 actions proposées.",
        ("Mohammed Azzaoui", "Omar Tahiri", "Rachid Ouazzani"),
        "LIL-OUJ-PAEDC",
        date(2026, 10, 15),
    ),
    InteractionSpec(
        date(2026, 10, 13),
        K.MEETING,
        "Comité de pilotage annuel de la régie de quartier",
        "Prévu à Oujda, avec la Wilaya ; ordre du jour à envoyer trois semaines avant.",
        ("Omar Tahiri", "Latifa Zerouali", "Karim Haddouche", "Olivier Dumortier"),
        "LIL-OUJ-REGIE",
        date(2026, 10, 27),
    ),
]

# Recorded by Camille.
NETWORK_INTERACTIONS = [
    InteractionSpec(
        date(2025, 1, 28),
        K.MEETING,
        "Réunion de lancement du consortium eau Sénégal",
        "Répartition des rôles : Gironde Eau Solidaire pilote les forages, Béarn Solidarité "
        "Sénégal les latrines scolaires.",
        (
            "Aurore Dubos",
            "Mathieu Laborde",
            "Laure Bergeron",
            "Chloé Lafon",
            "Michel Lassalle",
            "Véronique Lacoste",
        ),
        "RNAC-EAU-SN",
    ),
    InteractionSpec(
        date(2025, 2, 18),
        K.CALL,
        "Convention 1 % eau avec l'Agence de l'eau",
        "Taux d'aide de 50 % confirmé ; convention à signer avant fin mars.",
        ("Laurent Castaing",),
        "RNAC-EAU-SN",
        date(2025, 3, 31),
        True,
    ),
    InteractionSpec(
        date(2025, 3, 11),
        K.MEETING,
        "Assemblée générale du réseau",
        "Rapport d'activité adopté ; 71 adhérents à jour de cotisation.",
        (
            "Jean-Pierre Lestrade",
            "Véronique Lacoste",
            "Sylvie Ducasse",
            "Christophe Peyrat",
            "Karine Gauthier",
            "Olivier Bodin",
        ),
        organisations=(REGION_NA,),
    ),
    InteractionSpec(
        date(2025, 3, 12),
        K.EMAIL,
        "Demande de retrait de la liste de diffusion",
        "Gérard Vialle ne souhaite plus être sollicité ; fiche marquée « ne pas contacter ».",
        ("Gérard Vialle",),
    ),
    InteractionSpec(
        date(2025, 4, 9),
        K.CALL,
        "Accompagnement de Gâtine Sans Frontières : montage d'un premier projet",
        "Conseils sur le budget et les cofinancements ; orientation vers le groupe Burkina Faso.",
        ("Dominique Guérin",),
        follow_up_on=date(2025, 5, 15),
        follow_up_done=True,
    ),
    InteractionSpec(
        date(2025, 4, 15),
        K.VISIT,
        "Mission à Kaolack : diagnostic des forages",
        "Sept forages visités ; trois à réhabiliter en priorité (pompes hors service).",
        ("Ousmane Faye", "Ibrahima Cissé", "Moustapha Diouf", "Chloé Lafon"),
        "RNAC-EAU-SN",
    ),
    InteractionSpec(
        date(2025, 4, 17),
        K.MEETING,
        "Rencontre avec le conseil départemental de Nioro du Rip",
        "Le département prend en charge le suivi des latrines dans douze écoles.",
        ("Cheikh Tidiane Ba", "Awa Ndour", "Chloé Lafon", "Mame Diarra Faye"),
        "RNAC-EAU-SN",
    ),
    InteractionSpec(
        date(2025, 5, 7),
        K.MEETING,
        "Idée de projet : tiers-lieux numériques à Fianarantsoa",
        "Limoges et son université portent l'idée ; le réseau propose un consortium.",
        ("Agnès Mazaud", "Monique Chabrol", "Fabrice Delage"),
        "RNAC-JEUNES-MG",
    ),
    InteractionSpec(
        date(2025, 6, 14),
        K.EVENT,
        "Atelier eau et assainissement à Pau",
        "40 participants ; partage d'expériences sur la gestion communautaire des forages.",
        ("Laure Bergeron", "Mame Diarra Faye", "Michel Lassalle", "Pascal Etcheverry"),
        "RNAC-EAU-SN",
    ),
    InteractionSpec(
        date(2025, 6, 26),
        K.MEETING,
        "Groupe Eau et assainissement : réunion de printemps",
        "Présentation du dispositif 1 % eau aux nouveaux membres.",
        ("Mathieu Laborde", "Chloé Lafon", "Laurent Castaing", "Bernard Duprat"),
    ),
    InteractionSpec(
        date(2025, 7, 2),
        K.CALL,
        "Échange avec la région Haute Matsiatra",
        "La région confirme son intérêt et désigne un référent pour le projet jeunesse.",
        ("Tahina Andriamanantena", "Voahirana Randrianarisoa"),
        "RNAC-JEUNES-MG",
        date(2025, 7, 31),
        True,
    ),
    InteractionSpec(
        date(2025, 9, 17),
        K.MEETING,
        "Groupe Maroc : échanges de pratiques",
        "Tour de table des coopérations avec le Maroc ; idée d'une rencontre à Oujda en 2027.",
        ("Samir Benhamou", "Karine Gauthier", "Sylvie Ducasse", "Nicolas Bouchet"),
    ),
    InteractionSpec(
        date(2025, 9, 23),
        K.EMAIL,
        "Devis de réhabilitation de trois forages",
        "Trois devis reçus d'entreprises de Kaolack ; choix en comité technique.",
        ("Ousmane Faye",),
        "RNAC-EAU-SN",
    ),
    InteractionSpec(
        date(2025, 9, 30),
        K.EMAIL,
        "Dépôt du dossier à l'appel à projets de la DAECT",
        "Dossier du projet jeunesse à Madagascar déposé ; accusé de réception reçu.",
        ("François Bonnet",),
        "RNAC-JEUNES-MG",
    ),
    InteractionSpec(
        date(2025, 10, 14),
        K.CALL,
        "Déclaration de l'aide publique au développement 2024 de la Ville de Niort",
        "Aide pour remplir la déclaration APD sur la plateforme de la DAECT.",
        ("Élise Fradin",),
        follow_up_on=date(2025, 10, 31),
        follow_up_done=True,
    ),
    InteractionSpec(
        date(2025, 11, 4),
        K.CALL,
        "Suivi des latrines scolaires",
        "Huit blocs sur douze achevés ; retard dû à la saison des pluies.",
        ("Aïssatou Diop", "Ousmane Faye"),
        "RNAC-EAU-SN",
        date(2025, 12, 15),
        True,
    ),
    InteractionSpec(
        date(2025, 11, 20),
        K.EVENT,
        "Assises régionales de la coopération internationale",
        "220 participants à Bordeaux ; ateliers jeunesse, eau, santé et financements.",
        (
            "Véronique Lacoste",
            "Jean-Pierre Lestrade",
            "Nathalie Lafargue",
            "Inès Rahmani",
            "Aminata Diallo",
            "Stéphane Berthelot",
        ),
    ),
    InteractionSpec(
        date(2026, 1, 15),
        K.EMAIL,
        "Appel à cotisation 2026",
        "Appel envoyé à tous les adhérents ; relance prévue fin mars.",
        ("Thierry Sabadie", "Sabine Lacouture", "Didier Lagrange"),
        follow_up_on=date(2026, 3, 31),
        follow_up_done=True,
    ),
    InteractionSpec(
        date(2026, 1, 22),
        K.MEETING,
        "Signature de la convention avec la région Haute Matsiatra",
        "Convention signée à Limoges ; le projet passe en phase de mise en œuvre.",
        ("Hery Rakotomalala", "Christophe Peyrat", "Jean-Pierre Lestrade"),
        "RNAC-JEUNES-MG",
    ),
    InteractionSpec(
        date(2026, 1, 27),
        K.MEETING,
        "Comité de pilotage du consortium eau",
        "Prolongation de six mois demandée à l'Agence de l'eau ; budget réalisé à 46 %.",
        (
            "Aurore Dubos",
            "Mathieu Laborde",
            "Laure Bergeron",
            "Chloé Lafon",
            "Michel Lassalle",
            "Laurent Castaing",
            "Stéphane Berthelot",
        ),
        "RNAC-EAU-SN",
        date(2026, 3, 15),
        True,
    ),
    InteractionSpec(
        date(2026, 2, 5),
        K.MEETING,
        "Groupe Santé : réunion de lancement",
        "Premier thème de travail : la santé maternelle dans les projets des adhérents.",
        ("Aminata Diallo", "Jacques Texier", "Salimata Ouédraogo"),
    ),
    InteractionSpec(
        date(2026, 2, 16),
        K.EMAIL,
        "Avenant : prolongation du projet eau jusqu'en juin 2028",
        "Accord de l'Agence de l'eau reçu ; avenant à signer par le président.",
        ("Laurent Castaing",),
        "RNAC-EAU-SN",
    ),
    InteractionSpec(
        date(2026, 2, 19),
        K.VISIT,
        "Ouverture du premier tiers-lieu numérique à l'université",
        "Inauguration avec 80 jeunes ; programme de formation au code jusqu'en juin.",
        (
            "Lalaina Razafindrakoto",
            "Mamy Rabearivelo",
            "Fanja Rasoanaivo",
            "Nirina Ramanantsoa",
            "Rija Andrianaivo",
        ),
        "RNAC-JEUNES-MG",
    ),
    InteractionSpec(
        date(2026, 3, 10),
        K.MEETING,
        "Assemblée générale 2026 du réseau",
        "Trois nouveaux adhérents ; feuille de route 2026-2028 adoptée.",
        (
            "Jean-Pierre Lestrade",
            "Véronique Lacoste",
            "Stéphane Berthelot",
            "Nathalie Lafargue",
            "Valérie Rousseau",
            "Sandrine Marty",
        ),
        organisations=("Ville de Bressuire", "Gâtine Sans Frontières"),
    ),
    InteractionSpec(
        date(2026, 3, 24),
        K.VISIT,
        "Mission de suivi à Kaolack et Nioro du Rip",
        "Deux forages réhabilités en service ; formation des trésoriers des associations.",
        ("Ibrahima Cissé", "Fatou Sarr", "Awa Ndour", "El Hadji Malick Sarr", "Chloé Lafon"),
        "RNAC-EAU-SN",
    ),
    InteractionSpec(
        date(2026, 3, 31),
        K.CALL,
        "Sélection des volontaires de solidarité internationale",
        "Quatre volontaires retenus pour des missions de six mois à Fianarantsoa.",
        ("Inès Rahmani", "Antoine Brunet", "Maxime Dufour"),
        "RNAC-JEUNES-MG",
    ),
    InteractionSpec(
        date(2026, 4, 14),
        K.VISIT,
        "Visite du lycée de Felletin : chantier-école au Burkina Faso",
        "Projet de chantier-école à Koudougou avec les élèves de maçonnerie.",
        ("Yannick Tixier", "Françoise Aupetit", "Issouf Compaoré"),
    ),
    InteractionSpec(
        date(2026, 4, 28),
        K.EMAIL,
        "Convention de subvention de l'Union européenne",
        "Convention reçue pour signature ; premier versement de 40 %.",
        ("Pieter Janssens",),
        "RNAC-JEUNES-MG",
        date(2026, 5, 31),
        True,
    ),
    InteractionSpec(
        date(2026, 5, 5),
        K.CALL,
        "Formation des associations d'usagers à la gestion du service de l'eau",
        "Module sur la tarification et la tenue des comptes ; 24 participants.",
        ("Ibrahima Cissé", "Fatou Sarr", "Mame Diarra Faye"),
        "RNAC-EAU-SN",
    ),
    InteractionSpec(
        date(2026, 5, 19),
        K.CALL,
        "Coopération Périgord–Abomey : recherche de cofinancements",
        "Piste d'un appel à projets de la Région ; note de projet à rédiger.",
        ("Jean-Marc Lafaye", "Rosine Houngbédji"),
        follow_up_on=date(2026, 6, 30),
        follow_up_done=True,
    ),
    InteractionSpec(
        date(2026, 6, 9),
        K.EMAIL,
        "Rapport financier intermédiaire du projet eau pour la DAECT",
        "Rapport envoyé ; la DAECT demande le détail des dépenses en francs CFA.",
        ("François Bonnet",),
        "RNAC-EAU-SN",
        date(2026, 7, 15),
        True,
    ),
    InteractionSpec(
        date(2026, 6, 18),
        K.MEETING,
        "Rencontre en visioconférence avec la mairie de Jacmel",
        "Point sur la filière café après la saison des pluies ; besoin de séchoirs.",
        ("Annie Renaud", "Mirlande Joseph", "Olivier Bodin"),
    ),
    InteractionSpec(
        date(2026, 6, 23),
        K.MEETING,
        "Préparation du départ des premiers volontaires",
        "Formation au départ : sécurité, interculturalité, inscription au registre consulaire.",
        ("Inès Rahmani", "Danielle Faure", "Rija Andrianaivo"),
        "RNAC-JEUNES-MG",
    ),
    InteractionSpec(
        date(2026, 7, 9),
        K.EMAIL,
        "Groupe Madagascar : compte rendu de la réunion de juin",
        "Compte rendu envoyé aux membres ; prochaine réunion à l'automne.",
        ("Agnès Mazaud", "Danielle Faure", "Monique Chabrol"),
    ),
    InteractionSpec(
        date(2026, 7, 21),
        K.CALL,
        "Pièces justificatives en francs CFA",
        "Taux de change à appliquer : celui du jour du paiement ; reçus à numériser.",
        ("Aïssatou Diop", "Ousmane Faye"),
        "RNAC-EAU-SN",
        date(2026, 8, 31),
    ),
    InteractionSpec(
        date(2026, 7, 29),
        K.CALL,
        "Point d'étape avec l'association Tanora Mandroso",
        "Fréquentation du tiers-lieu en hausse ; demande de dix ordinateurs portables.",
        ("Fanja Rasoanaivo", "Haingo Rakotonirina"),
        "RNAC-JEUNES-MG",
        date(2026, 9, 3),
    ),
    InteractionSpec(
        date(2026, 8, 18),
        K.EMAIL,
        "Indicateurs du premier semestre du projet jeunesse",
        "Valeurs reçues pour trois indicateurs sur cinq ; relancer l'université.",
        ("Mamy Rabearivelo", "Voahirana Randrianarisoa"),
        "RNAC-JEUNES-MG",
        date(2026, 8, 28),
    ),
    InteractionSpec(
        date(2026, 8, 31),
        K.CALL,
        "Accueil d'un nouvel adhérent : la communauté de communes de Mimizan",
        "Présentation des groupes de travail ; intérêt pour le groupe Énergie et climat.",
        (),
        follow_up_on=date(2026, 9, 14),
        organisations=("Communauté de communes de Mimizan",),
    ),
    InteractionSpec(
        date(2026, 9, 15),
        K.EVENT,
        "Rencontres régionales de la jeunesse et de la mobilité internationale",
        "Prévues à Poitiers ; témoignages des volontaires de retour de Madagascar.",
        ("Antoine Brunet", "Inès Rahmani", "Karine Gauthier"),
        follow_up_on=date(2026, 9, 30),
    ),
    InteractionSpec(
        date(2026, 9, 24),
        K.MEETING,
        "Groupe Eau et assainissement : réunion d'automne",
        "Prévue à Bordeaux ; bilan des forages de Kaolack.",
        ("Mathieu Laborde", "Chloé Lafon", "Bernard Duprat"),
        follow_up_on=date(2026, 10, 8),
    ),
    InteractionSpec(
        date(2026, 10, 6),
        K.MEETING,
        "Comité de pilotage du projet jeunesse à Fianarantsoa",
        "Prévu : bilan de la première année et programmation 2027.",
        ("Hery Rakotomalala", "Agnès Mazaud", "Camille Martin", "Lalaina Razafindrakoto"),
        "RNAC-JEUNES-MG",
        date(2026, 10, 20),
    ),
    InteractionSpec(
        date(2026, 11, 16),
        K.VISIT,
        "Mission d'inauguration des forages réhabilités",
        "Prévue : délégation du réseau et du département de la Gironde à Kaolack.",
        ("El Hadji Malick Sarr", "Cheikh Tidiane Ba", "Aurore Dubos", "Jean-Pierre Lestrade"),
        "RNAC-EAU-SN",
        date(2026, 11, 30),
    ),
]

# --- Groups -----------------------------------------------------------------------------


class GroupSpec(NamedTuple):
    name: str
    kind: str
    description: str
    themes: str = ""  # keys of THEMES: the first is the group's theme, all select members
    country: str = ""
    people: tuple[tuple[str, str], ...] = ()  # (person, role in the group)


ANIMATEUR = "animateur"
ANIMATRICE = "animatrice"
MEMBRE = "membre"

GROUPS = [
    GroupSpec(
        "Eau et assainissement",
        GroupKind.THEMATIC,
        "Accès à l'eau potable, assainissement, gestion du service par les usagers ; "
        "dispositif 1 % eau (loi Oudin-Santini).",
        themes="eau",
        people=(
            ("Mathieu Laborde", ANIMATEUR),
            ("Chloé Lafon", MEMBRE),
            ("Bernard Duprat", MEMBRE),
            ("Laure Bergeron", MEMBRE),
            ("Mame Diarra Faye", MEMBRE),
            ("Laurent Castaing", MEMBRE),
        ),
    ),
    GroupSpec(
        "Éducation et jeunesse",
        GroupKind.THEMATIC,
        "Formation professionnelle, échanges scolaires, mobilité internationale des jeunes "
        "et volontariat.",
        themes="edu jeunes",
        people=(
            ("Inès Rahmani", ANIMATRICE),
            ("Antoine Brunet", MEMBRE),
            ("Yannick Tixier", MEMBRE),
            ("Patrick Meunier", MEMBRE),
            ("Emmanuelle Thibaud", MEMBRE),
            ("Maxime Dufour", MEMBRE),
        ),
    ),
    GroupSpec(
        "Santé",
        GroupKind.THEMATIC,
        "Santé maternelle et infantile, centres de santé, prévention.",
        themes="sante",
        people=(
            ("Aminata Diallo", ANIMATRICE),
            ("Jacques Texier", MEMBRE),
            ("Salimata Ouédraogo", MEMBRE),
            ("Françoise Aupetit", MEMBRE),
            ("Jean-Marc Lafaye", MEMBRE),
        ),
    ),
    GroupSpec(
        "Énergie et climat",
        GroupKind.THEMATIC,
        "Plans climat des collectivités partenaires, efficacité énergétique, adaptation.",
        themes="climat",
        people=(
            ("Sylvain Delpech", ANIMATEUR),
            ("Olivier Bodin", MEMBRE),
            ("Isabelle Larrouy", MEMBRE),
        ),
    ),
    GroupSpec(
        "Maroc",
        GroupKind.GEOGRAPHIC,
        "Les adhérents qui coopèrent avec des collectivités et associations marocaines.",
        country="MA",
        people=(
            ("Samir Benhamou", ANIMATEUR),
            ("Karine Gauthier", MEMBRE),
            ("Sylvie Ducasse", MEMBRE),
            ("Nicolas Bouchet", MEMBRE),
        ),
    ),
    GroupSpec(
        "Sénégal",
        GroupKind.GEOGRAPHIC,
        "Coopérations avec le Sénégal, en particulier le bassin arachidier.",
        country="SN",
        people=(
            ("Aurore Dubos", ANIMATRICE),
            ("Michel Lassalle", MEMBRE),
            ("Chloé Lafon", MEMBRE),
            ("Aminata Diallo", MEMBRE),
            ("Awa Ndour", MEMBRE),
        ),
    ),
    GroupSpec(
        "Madagascar",
        GroupKind.GEOGRAPHIC,
        "Coopérations avec Madagascar, en particulier la région Haute Matsiatra.",
        country="MG",
        people=(
            ("Agnès Mazaud", ANIMATRICE),
            ("Monique Chabrol", MEMBRE),
            ("Danielle Faure", MEMBRE),
            ("Rija Andrianaivo", MEMBRE),
            ("Tahina Andriamanantena", MEMBRE),
        ),
    ),
    GroupSpec(
        "Burkina Faso",
        GroupKind.GEOGRAPHIC,
        "Coopérations avec le Burkina Faso, suivies malgré un contexte sécuritaire difficile.",
        country="BF",
        people=(
            ("Jean Dupouy", ANIMATEUR),
            ("Salimata Ouédraogo", MEMBRE),
            ("Adama Sawadogo", MEMBRE),
            ("Issouf Compaoré", MEMBRE),
            ("Dominique Guérin", MEMBRE),
        ),
    ),
]
