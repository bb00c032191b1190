"""Factories of donors, instruments and financing plans (F1's part of the funding area)."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from maillage.actors.models import OrganisationType
from maillage.funding.models import (
    Donor,
    DonorKind,
    FinancingLine,
    FinancingPlan,
    Instrument,
    InstrumentPrerequisite,
    LineKind,
)
from tests.factories import OrganisationFactory, ProjectFactory


class DonorFactory(DjangoModelFactory):
    class Meta:
        model = Donor

    organisation = factory.SubFactory(
        OrganisationFactory,
        type=OrganisationType.DONOR,
        name=factory.Sequence(lambda n: f"Bailleur {n}"),
    )
    kind = DonorKind.STATE


class InstrumentFactory(DjangoModelFactory):
    class Meta:
        model = Instrument

    donor = factory.SubFactory(DonorFactory)
    name = factory.Sequence(lambda n: f"Appel à projets {n}")
    code = factory.Sequence(lambda n: f"AAP-{n}")
    currency = "EUR"


class InstrumentPrerequisiteFactory(DjangoModelFactory):
    class Meta:
        model = InstrumentPrerequisite

    instrument = factory.SubFactory(InstrumentFactory)
    text = "La déclaration annuelle d'aide de l'année précédente est faite."


class FinancingPlanFactory(DjangoModelFactory):
    class Meta:
        model = FinancingPlan

    project = factory.SubFactory(ProjectFactory)
    applicant = factory.SubFactory(
        OrganisationFactory, type=OrganisationType.MUNICIPALITY, name="Ville de Lille"
    )
    currency = "EUR"
    total_budget = Decimal("100000.00")


class FinancingLineFactory(DjangoModelFactory):
    class Meta:
        model = FinancingLine

    plan = factory.SubFactory(FinancingPlanFactory)
    kind = LineKind.DONOR
    instrument = factory.SubFactory(InstrumentFactory)
    amount = Decimal("50000.00")
