"""Factories of missions and their rows (G1). Rows with rules (participants, budget
lines) are made through their services where the rule's side effect matters."""

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from maillage.missions.models import (
    AgendaItem,
    EmergencyContact,
    ItineraryLeg,
    Mission,
    MissionApprover,
    MissionCost,
    MissionParticipant,
    PerDiemRate,
)
from tests.factories import PersonFactory

START = dt.date(2026, 10, 12)


class MissionFactory(DjangoModelFactory):
    class Meta:
        model = Mission
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Mission à Oujda {n}")
    purpose = "Comité de pilotage du projet eau"
    departure_on = START
    return_on = START + dt.timedelta(days=4)
    country = "MA"
    city = "Oujda"
    timezone = "Africa/Casablanca"

    @factory.post_generation
    def projects(self, create, extracted, **kwargs):
        if create and extracted:
            self.projects.set(extracted)


class MissionParticipantFactory(DjangoModelFactory):
    class Meta:
        model = MissionParticipant

    mission = factory.SubFactory(MissionFactory)
    person = factory.SubFactory(PersonFactory)
    role = "staff"


class ItineraryLegFactory(DjangoModelFactory):
    class Meta:
        model = ItineraryLeg

    mission = factory.SubFactory(MissionFactory)
    from_place = "Lille"
    departure_on = START
    departure_time = dt.time(7, 30)
    departure_tz = "Europe/Paris"
    to_place = "Oujda"
    arrival_on = START
    arrival_time = dt.time(11, 45)
    arrival_tz = "Africa/Casablanca"
    transport = "plane"


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = AgendaItem

    mission = factory.SubFactory(MissionFactory)
    starts_on = START + dt.timedelta(days=1)
    subject = "Visite de la station d'épuration"


class EmergencyContactFactory(DjangoModelFactory):
    class Meta:
        model = EmergencyContact

    mission = factory.SubFactory(MissionFactory)
    kind = "consulate"
    name = "Consulat général de France à Fès"
    phone = "+212 5 35 94 94 00"


class MissionCostFactory(DjangoModelFactory):
    class Meta:
        model = MissionCost

    mission = factory.SubFactory(MissionFactory)
    kind = "transport"
    quantity = Decimal(1)
    unit_amount = Decimal("420.00")
    amount = Decimal("420.00")
    currency = "EUR"


class PerDiemRateFactory(DjangoModelFactory):
    class Meta:
        model = PerDiemRate

    country = factory.Sequence(lambda n: ["MA", "SN", "FR", "TN", "ML"][n % 5])
    amount = Decimal("90.00")
    currency = "EUR"
    valid_from = factory.Sequence(lambda n: dt.date(2025, 1, 1) + dt.timedelta(days=n))


class MissionApproverFactory(DjangoModelFactory):
    class Meta:
        model = MissionApprover

    user = factory.SubFactory("tests.factories.UserFactory", role="admin")


# -- the generic suites' records (tests/missions/entities.py) ----------------------------


def mission(w, side):
    """A mission of the shared project (the partner sees it) or of the other one."""
    return MissionFactory(projects=[w.project(side)])


def enrich_mission(w, record):
    from tests.partnerships.factories import PartnershipFactory

    record.risk_level = "orange"
    record.risk_assessed_on = dt.date(2026, 8, 20)
    record.direction = "incoming"
    record.status = "planned"
    record.partnership = PartnershipFactory()
    record.save()
    MissionParticipantFactory(mission=record)


def grow_mission(w, record, n):
    for i in range(n):
        participant = MissionParticipantFactory(mission=record)
        for kind in ("passport", "visa"):
            participant.checklist.create(kind=kind)
        ItineraryLegFactory(mission=record, reference=f"AT {i}")
        AgendaItemFactory(mission=record)
        EmergencyContactFactory(mission=record)
        MissionCostFactory(mission=record)


def perdiemrate(w, side):
    return PerDiemRateFactory()


def missionapprover(w, side):
    return MissionApproverFactory()
