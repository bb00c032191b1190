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


def log_interaction(on, *, organisations=(), people=(), by=None, **values):
    """An interaction recorded as every door records it (the service): the organisations'
    and people's last interaction dates follow."""
    from maillage.actors.models import InteractionKind
    from maillage.actors.services import InteractionService

    data = {
        "kind": InteractionKind.MEETING,
        "occurred_on": on,
        "subject": "Réunion",
        "organisations": list(organisations),
        "people": list(people),
        **values,
    }
    return InteractionService.create(data=data, by=by)
