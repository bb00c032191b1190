"""Factories of the actors' rows that only the actors' tests need."""

import factory
from factory.django import DjangoModelFactory

from maillage.actors.models import LinkKind, OrganisationLink
from tests.factories import OrganisationFactory


class OrganisationLinkFactory(DjangoModelFactory):
    class Meta:
        model = OrganisationLink

    source = factory.SubFactory(OrganisationFactory)
    kind = LinkKind.MEMBER_OF
    target = factory.SubFactory(OrganisationFactory)
