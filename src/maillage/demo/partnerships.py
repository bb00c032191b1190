"""The demo's partnerships, agreements and commitments, told as of the demo's reference
date (1 September 2026): the Lille–Oujda twinning since 2005 with its framework
convention and three amendments, the project conventions of its projects (one expiring
within 90 days), and the consortium agreements of the Nouvelle-Aquitaine network.

Fixed data only: no randomness, no "today".
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from maillage.accounts.models import User
from maillage.actors.models import Organisation, Person
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
from maillage.projects.models import Project

LILLE = "Ville de Lille"
OUJDA = "Commune urbaine d'Oujda"
MEL = "Métropole Européenne de Lille"
LYCEE = "Lycée hôtelier international de Lille"
REGIE = "Régie de quartier Lille-Sud"
ISTA = "Institut spécialisé de technologie appliquée hôtellerie et tourisme d'Oujda"
RNAC = "Réseau Nouvelle-Aquitaine Coopération"
GIRONDE = "Conseil départemental de la Gironde"
PAU = "Ville de Pau"
KAOLACK = "Commune de Kaolack"
NIORO = "Conseil départemental de Nioro du Rip"
LIMOGES = "Ville de Limoges"
MATSIATRA = "Région Haute Matsiatra"
FIANARANTSOA = "Université de Fianarantsoa"

S = CommitmentStatus


class PartySpec(NamedTuple):
    organisation: str
    signatory: str | None  # a demo person's full name, when the demo has them
    title: str
    signed_on: date | None


class DecisionSpec(NamedTuple):
    organisation: str
    number: str
    decided_on: date
    title: str


class AmendmentSpec(NamedTuple):
    number: int
    signed_on: date
    object: str
    new_end_on: date | None = None
    new_amount: Decimal | None = None


class CommitmentSpec(NamedTuple):
    party: str
    text: str
    due_on: date
    status: str
    responsible: str | None = None
    fulfilled_on: date | None = None
    evidence: str = ""
    remind_days_before: int = 14


class AgreementSpec(NamedTuple):
    key: str
    title: str
    reference: str
    kind: str
    status: str
    object: str
    signed_on: date | None
    start_on: date
    end_on: date
    projects: tuple[str, ...]
    parties: tuple[PartySpec, ...]
    decisions: tuple[DecisionSpec, ...] = ()
    amendments: tuple[AmendmentSpec, ...] = ()
    commitments: tuple[CommitmentSpec, ...] = ()
    twinning: bool = True  # an agreement of the Lille–Oujda partnership
    amount: Decimal | None = None
    currency: str = "EUR"
    renewal: str = ""
    tacit_renewal: bool = False
    notice_months: int | None = None
    follow_up: str = "youssef"


MAYOR_OF_LILLE = "Maire de Lille"
PRESIDENT_OUJDA = "Président du conseil communal d'Oujda"

AGREEMENTS = [
    AgreementSpec(
        key="framework",
        title="Convention-cadre de coopération décentralisée entre Lille et Oujda",
        reference="CC-2005-LIL-OUJ",
        kind=AgreementKind.FRAMEWORK,
        status=AgreementStatus.IN_FORCE,
        object=(
            "Coopération entre les deux villes dans les domaines de la gouvernance locale, de "
            "la formation professionnelle, du développement économique et de la culture ; "
            "échanges d'élus, de techniciens et de jeunes."
        ),
        signed_on=date(2005, 5, 20),
        start_on=date(2005, 5, 20),
        end_on=date(2011, 5, 19),
        projects=("LIL-OUJ-GASTRO", "LIL-OUJ-REGIE", "LIL-OUJ-PAEDC"),
        parties=(
            PartySpec(LILLE, None, MAYOR_OF_LILLE, date(2005, 5, 20)),
            PartySpec(OUJDA, None, PRESIDENT_OUJDA, date(2005, 5, 20)),
        ),
        decisions=(
            DecisionSpec(OUJDA, "12/2005", date(2005, 2, 15), "Approbation de la convention"),
            DecisionSpec(LILLE, "05/287", date(2005, 3, 21), "Jumelage avec la ville d'Oujda"),
            DecisionSpec(LILLE, "11/134", date(2011, 3, 28), "Avenant n° 1 avec Oujda"),
            DecisionSpec(LILLE, "17/092", date(2017, 2, 6), "Avenant n° 2 avec Oujda"),
            DecisionSpec(OUJDA, "2023/41", date(2023, 2, 8), "Approbation de l'avenant n° 3"),
            DecisionSpec(LILLE, "23/101", date(2023, 3, 17), "Avenant n° 3 avec Oujda"),
        ),
        amendments=(
            AmendmentSpec(
                1,
                date(2011, 4, 12),
                "Prolongation de six ans ; ajout de la formation professionnelle.",
                new_end_on=date(2017, 5, 19),
            ),
            AmendmentSpec(
                2,
                date(2017, 3, 28),
                "Prolongation de six ans ; ajout du climat et de l'énergie.",
                new_end_on=date(2023, 5, 19),
            ),
            AmendmentSpec(
                3,
                date(2023, 4, 18),
                "Renouvellement jusqu'en 2029 ; enveloppe annuelle de la Ville de Lille.",
                new_end_on=date(2029, 5, 19),
                new_amount=Decimal("150000.00"),
            ),
        ),
        commitments=(
            CommitmentSpec(
                LILLE,
                "Accueillir chaque année une délégation d'élus et de techniciens d'Oujda à Lille.",
                date(2026, 6, 30),
                S.FULFILLED,
                "Martine Verhaeghe",
                date(2026, 5, 22),
                "Délégation de six personnes reçue du 18 au 22 mai 2026.",
            ),
            CommitmentSpec(
                OUJDA,
                "Mettre un bureau à disposition du chargé de mission de la Ville de Lille.",
                date(2025, 12, 31),
                S.FULFILLED,
                "Abdelkader Lahlou",
                date(2025, 10, 1),
                "Bureau à l'hôtel de ville, boulevard Mohammed V.",
            ),
            CommitmentSpec(
                OUJDA,
                "Transmettre le rapport annuel d'activité 2025 de la coopération.",
                date(2026, 3, 31),
                S.IN_PROGRESS,
                "Salma El Idrissi",
            ),
            CommitmentSpec(
                LILLE,
                "Présenter le bilan triennal de la coopération au conseil municipal.",
                date(2026, 12, 15),
                S.PLANNED,
                "Olivier Dumortier",
                remind_days_before=30,
            ),
        ),
        renewal="Renouvelable par avenant pour six ans.",
        notice_months=6,
    ),
    AgreementSpec(
        key="gastro",
        title="Convention de projet — formation aux métiers de la gastronomie à Oujda",
        reference="CP-2024-GASTRO",
        kind=AgreementKind.PROJECT,
        status=AgreementStatus.IN_FORCE,
        object="Mise en œuvre du projet LIL-OUJ-GASTRO et versement de la contribution de Lille.",
        signed_on=date(2024, 12, 10),
        start_on=date(2025, 1, 15),
        end_on=date(2027, 6, 30),
        projects=("LIL-OUJ-GASTRO",),
        parties=(
            PartySpec(LILLE, None, MAYOR_OF_LILLE, date(2024, 12, 10)),
            PartySpec(OUJDA, "Mohammed Azzaoui", PRESIDENT_OUJDA, date(2024, 12, 10)),
        ),
        decisions=(DecisionSpec(LILLE, "24/315", date(2024, 11, 18), "Convention GASTRO"),),
        commitments=(
            CommitmentSpec(
                LILLE,
                "Verser la deuxième tranche de la contribution (120 000 €).",
                date(2026, 9, 10),
                S.PLANNED,
                "Nadia Bouzidi",
            ),
            CommitmentSpec(
                OUJDA,
                "Désigner les douze stagiaires de la deuxième promotion.",
                date(2026, 7, 15),
                S.IN_PROGRESS,
                "Omar Tahiri",
            ),
            CommitmentSpec(
                LYCEE,
                "Accueillir quatre formateurs marocains en immersion.",
                date(2026, 4, 30),
                S.PARTLY_FULFILLED,
                "Élodie Wattez",
                date(2026, 4, 24),
                "Trois formateurs accueillis sur quatre (un visa refusé).",
            ),
        ),
        amount=Decimal("420000.00"),
    ),
    AgreementSpec(
        key="pedagogy",
        title="Convention de partenariat pédagogique entre le lycée hôtelier et l'institut d'Oujda",
        reference="CPP-2024-LYCEE-ISTA",
        kind=AgreementKind.MEMORANDUM,
        status=AgreementStatus.IN_FORCE,
        object="Stages croisés d'élèves et de formateurs entre Lille et Oujda.",
        signed_on=date(2024, 6, 20),
        start_on=date(2024, 9, 1),
        end_on=date(2026, 10, 31),  # within 90 days of the reference date: flagged
        projects=("LIL-OUJ-GASTRO",),
        parties=(
            PartySpec(LYCEE, "Philippe Carpentier", "Proviseur", date(2024, 6, 20)),
            PartySpec(ISTA, None, "Directeur de l'institut", date(2024, 6, 20)),
        ),
        commitments=(
            CommitmentSpec(
                ISTA,
                "Mettre la cuisine pédagogique à disposition pour les stages croisés.",
                date(2026, 10, 15),
                S.PLANNED,
            ),
        ),
        renewal="Renouvellement par avenant avant son terme.",
    ),
    AgreementSpec(
        key="regie",
        title="Convention de financement — régie de quartier d'Oujda",
        reference="CF-2025-REGIE",
        kind=AgreementKind.FINANCING,
        status=AgreementStatus.IN_FORCE,
        object="Financement de la création de la régie de quartier et de son équipement.",
        signed_on=date(2025, 7, 10),
        start_on=date(2025, 9, 1),
        end_on=date(2027, 12, 31),
        projects=("LIL-OUJ-REGIE",),
        parties=(
            PartySpec(LILLE, None, MAYOR_OF_LILLE, date(2025, 7, 10)),
            PartySpec(OUJDA, "Mohammed Azzaoui", PRESIDENT_OUJDA, date(2025, 7, 10)),
            PartySpec(REGIE, "Karim Haddouche", "Directeur", date(2025, 7, 10)),
        ),
        decisions=(
            DecisionSpec(OUJDA, "2025/17", date(2025, 6, 5), "Création de la régie de quartier"),
            DecisionSpec(LILLE, "25/188", date(2025, 6, 23), "Convention régie de quartier"),
        ),
        commitments=(
            CommitmentSpec(
                OUJDA,
                "Mettre un local à disposition de la régie.",
                date(2025, 12, 31),
                S.FULFILLED,
                "Hind Berrada",
                date(2025, 11, 20),
                "Local de 180 m² dans le quartier Al Qods, procès-verbal de remise.",
            ),
            CommitmentSpec(
                OUJDA,
                "Recruter le directeur de la régie.",
                date(2026, 6, 30),
                S.IN_PROGRESS,
                "Abdelkader Lahlou",
            ),
            CommitmentSpec(
                REGIE,
                "Former l'équipe d'encadrement à Lille (deux sessions).",
                date(2026, 11, 30),
                S.PLANNED,
                "Sophie Deschamps",
            ),
            CommitmentSpec(
                LILLE,
                "Financer l'achat du petit matériel (250 000 MAD).",
                date(2026, 3, 31),
                S.FULFILLED,
                "Nadia Bouzidi",
                date(2026, 2, 12),
                "Mandat de paiement du 12 février 2026.",
            ),
        ),
        amount=Decimal("3200000.00"),
        currency="MAD",
    ),
    AgreementSpec(
        key="paedc",
        title="Convention de projet — plan climat (PAEDC) d'Oujda",
        reference="CP-2026-PAEDC",
        kind=AgreementKind.PROJECT,
        status=AgreementStatus.NEGOTIATION,
        object="Accompagnement de l'élaboration du plan d'action énergie durable et climat.",
        signed_on=None,
        start_on=date(2027, 1, 1),
        end_on=date(2028, 12, 31),
        projects=("LIL-OUJ-PAEDC",),
        parties=(
            PartySpec(LILLE, None, MAYOR_OF_LILLE, None),
            PartySpec(OUJDA, "Mohammed Azzaoui", PRESIDENT_OUJDA, None),
            PartySpec(MEL, None, "Président de la Métropole", None),
        ),
        commitments=(
            CommitmentSpec(
                OUJDA,
                "Fournir le bilan énergétique du patrimoine communal.",
                date(2026, 12, 31),
                S.PLANNED,
                "Rachid Ouazzani",
            ),
        ),
        amount=Decimal("780000.00"),
    ),
    AgreementSpec(
        key="water",
        title="Accord de consortium — eau potable et assainissement dans le bassin arachidier",
        reference="AC-2025-RNAC-EAU",
        kind=AgreementKind.CONSORTIUM,
        status=AgreementStatus.IN_FORCE,
        object="Rôles, contributions et gouvernance du consortium du projet RNAC-EAU-SN.",
        signed_on=date(2025, 2, 14),
        start_on=date(2025, 3, 1),
        end_on=date(2027, 12, 31),
        projects=("RNAC-EAU-SN",),
        parties=(
            PartySpec(RNAC, "Jean-Pierre Lestrade", "Président", date(2025, 2, 14)),
            PartySpec(GIRONDE, None, "Président du conseil départemental", date(2025, 2, 14)),
            PartySpec(PAU, None, "Maire de Pau", date(2025, 2, 14)),
            PartySpec(KAOLACK, "El Hadji Malick Sarr", "Maire", date(2025, 2, 14)),
            PartySpec(NIORO, "Cheikh Tidiane Ba", "Président", date(2025, 2, 14)),
        ),
        decisions=(
            DecisionSpec(GIRONDE, "2025.012.CP", date(2025, 1, 27), "Adhésion au consortium"),
        ),
        commitments=(
            CommitmentSpec(
                KAOLACK,
                "Constituer les associations d'usagers des forages réhabilités.",
                date(2026, 6, 30),
                S.PARTLY_FULFILLED,
                "Ousmane Faye",
                date(2026, 6, 26),
                "Quatre associations constituées sur six.",
            ),
            CommitmentSpec(
                RNAC,
                "Transmettre le rapport intermédiaire à l'Agence de l'eau Adour-Garonne.",
                date(2026, 9, 30),
                S.IN_PROGRESS,
                "Camille Martin",
                remind_days_before=30,
            ),
            CommitmentSpec(
                PAU,
                "Cofinancer les latrines scolaires (25 000 €).",
                date(2026, 2, 28),
                S.FULFILLED,
                fulfilled_on=date(2026, 2, 20),
                evidence="Délibération et versement du 20 février 2026.",
            ),
            CommitmentSpec(
                NIORO,
                "Mettre un technicien départemental à disposition du projet.",
                date(2026, 5, 31),
                S.NOT_FULFILLED,
                "Awa Ndour",
                evidence="Poste non pourvu ; une solution est cherchée avec la commune.",
            ),
        ),
        twinning=False,
        amount=Decimal("310000000.00"),
        currency="XOF",
        follow_up="camille",
    ),
    AgreementSpec(
        key="youth",
        title="Accord de consortium — mobilité des jeunes et tiers-lieux en Haute Matsiatra",
        reference="AC-2026-RNAC-JEUNES",
        kind=AgreementKind.CONSORTIUM,
        status=AgreementStatus.SIGNED,
        object="Rôles et contributions des membres du consortium du projet RNAC-JEUNES-MG.",
        signed_on=date(2026, 1, 10),
        start_on=date(2026, 1, 15),
        end_on=date(2027, 12, 31),
        projects=("RNAC-JEUNES-MG",),
        parties=(
            PartySpec(RNAC, "Jean-Pierre Lestrade", "Président", date(2026, 1, 10)),
            PartySpec(LIMOGES, None, "Maire de Limoges", date(2026, 1, 10)),
            PartySpec(MATSIATRA, None, "Gouverneur de la région", date(2026, 1, 10)),
            PartySpec(FIANARANTSOA, None, "Président de l'université", date(2026, 1, 10)),
        ),
        commitments=(
            CommitmentSpec(
                MATSIATRA,
                "Mettre à disposition les locaux du premier tiers-lieu à Fianarantsoa.",
                date(2026, 8, 31),
                S.IN_PROGRESS,
            ),
            CommitmentSpec(
                RNAC,
                "Organiser l'accueil de la première promotion de jeunes volontaires.",
                date(2026, 10, 1),
                S.PLANNED,
                "Maxime Dufour",
                remind_days_before=45,
            ),
            CommitmentSpec(
                FIANARANTSOA,
                "Désigner un référent pédagogique pour les tiers-lieux.",
                date(2026, 3, 1),
                S.FULFILLED,
                fulfilled_on=date(2026, 2, 16),
                evidence="Courrier du président de l'université du 16 février 2026.",
            ),
        ),
        twinning=False,
        amount=Decimal("265000.00"),
        follow_up="camille",
    ),
]


def _save(obj: Any, user: User) -> Any:
    obj._history_user = user  # who entered it, for the history tab
    obj.save()
    return obj


def build_partnerships(
    organisations: dict[str, Organisation],
    people: dict[str, Person],
    projects: dict[str, Project],
    users: dict[str, User],
) -> dict[str, int]:
    """Create the partnership, its agreements and the network's, with their rows."""
    youssef = users["youssef"]
    twinning = _save(
        Partnership(
            name="Coopération décentralisée Lille–Oujda",
            french_authority=organisations[LILLE],
            foreign_authority=organisations[OUJDA],
            since=date(2005, 5, 20),
            status=PartnershipStatus.ACTIVE,
            description=(
                "Jumelage et coopération décentralisée depuis 2005 : gouvernance locale, "
                "formation professionnelle, services urbains et climat."
            ),
        ),
        youssef,
    )
    twinning.projects.set([projects[code] for code in sorted(projects) if code.startswith("LIL")])
    counts = {
        "partnerships": 1,
        "agreements": 0,
        "parties": 0,
        "council_decisions": 0,
        "amendments": 0,
        "commitments": 0,
    }
    for spec in AGREEMENTS:
        user = users[spec.follow_up]
        agreement = _save(
            Agreement(
                partnership=twinning if spec.twinning else None,
                reference=spec.reference,
                title=spec.title,
                object=spec.object,
                kind=spec.kind,
                status=spec.status,
                signed_on=spec.signed_on,
                start_on=spec.start_on,
                end_on=spec.end_on,
                renewal=spec.renewal,
                tacit_renewal=spec.tacit_renewal,
                notice_months=spec.notice_months,
                amount=spec.amount,
                currency=spec.currency,
            ),
            user,
        )
        agreement.projects.set([projects[code] for code in spec.projects])
        for party in spec.parties:
            _save(
                AgreementParty(
                    agreement=agreement,
                    organisation=organisations[party.organisation],
                    signatory=people[party.signatory] if party.signatory else None,
                    signatory_title=party.title,
                    signed_on=party.signed_on,
                ),
                user,
            )
        for decision in spec.decisions:
            _save(
                CouncilDecision(
                    agreement=agreement,
                    organisation=organisations[decision.organisation],
                    number=decision.number,
                    decided_on=decision.decided_on,
                    title=decision.title,
                ),
                user,
            )
        for amendment in spec.amendments:
            _save(Amendment(agreement=agreement, **amendment._asdict()), user)
        for c in spec.commitments:
            _save(
                Commitment(
                    agreement=agreement,
                    # A framework convention spans projects: its commitments belong to none.
                    project=projects[spec.projects[0]] if len(spec.projects) == 1 else None,
                    party=organisations[c.party],
                    responsible_person=people[c.responsible] if c.responsible else None,
                    follow_up_user=user,
                    text=c.text,
                    due_on=c.due_on,
                    status=c.status,
                    fulfilled_on=c.fulfilled_on,
                    evidence=c.evidence,
                    remind_days_before=c.remind_days_before,
                ),
                user,
            )
        counts["agreements"] += 1
        counts["parties"] += len(spec.parties)
        counts["council_decisions"] += len(spec.decisions)
        counts["amendments"] += len(spec.amendments)
        counts["commitments"] += len(spec.commitments)
    return counts
