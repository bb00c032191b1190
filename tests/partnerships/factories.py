"""Factories of the partnerships area: each test builds the few records it needs."""

import datetime as dt

import factory
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory

from maillage.actors.models import OrganisationType
from maillage.partnerships.models import (
    Agreement,
    AgreementFile,
    AgreementParty,
    AgreementStatus,
    Amendment,
    Commitment,
    CouncilDecision,
    Partnership,
)
from tests.factories import OrganisationFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Coopération décentralisée {n}")
    french_authority = factory.SubFactory(
        OrganisationFactory, type=OrganisationType.MUNICIPALITY, name="Ville de Lille"
    )
    foreign_authority = factory.SubFactory(
        OrganisationFactory,
        type=OrganisationType.FOREIGN_AUTHORITY,
        name="Commune urbaine d'Oujda",
        country="MA",
        departement="",
    )
    since = dt.date(2005, 5, 20)


class AgreementFactory(DjangoModelFactory):
    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Convention {n}")
    reference = factory.Sequence(lambda n: f"CONV-{n:04d}")
    status = AgreementStatus.IN_FORCE
    start_on = dt.date(2025, 1, 1)
    end_on = dt.date(2027, 12, 31)

    @factory.post_generation
    def projects(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.projects.set(extracted)


class AgreementPartyFactory(DjangoModelFactory):
    class Meta:
        model = AgreementParty

    agreement = factory.SubFactory(AgreementFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    signatory_title = "Maire"


class CouncilDecisionFactory(DjangoModelFactory):
    class Meta:
        model = CouncilDecision

    agreement = factory.SubFactory(AgreementFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    number = factory.Sequence(lambda n: f"25/{n:03d}")
    decided_on = dt.date(2024, 11, 18)


class AmendmentFactory(DjangoModelFactory):
    class Meta:
        model = Amendment

    agreement = factory.SubFactory(AgreementFactory)
    number = factory.Sequence(lambda n: n + 1)
    signed_on = dt.date(2026, 1, 15)


class AgreementFileFactory(DjangoModelFactory):
    class Meta:
        model = AgreementFile

    agreement = factory.SubFactory(AgreementFactory)
    title = "Convention signée"
    file = factory.LazyFunction(lambda: ContentFile(PDF, name="convention.pdf"))
    content_type = "application/pdf"


class CommitmentFactory(DjangoModelFactory):
    class Meta:
        model = Commitment

    party = factory.SubFactory(OrganisationFactory)
    text = factory.Sequence(lambda n: f"Engagement numéro {n}")
    due_on = dt.date(2026, 10, 1)
