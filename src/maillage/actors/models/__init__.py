"""The actors' records: organisations, people, interactions, groups."""

from maillage.actors.models.groups import Group, GroupKind, GroupMember
from maillage.actors.models.interactions import Confidentiality, Interaction, InteractionKind
from maillage.actors.models.organisations import (
    IATI_ORGANISATION_TYPES,
    LinkKind,
    Organisation,
    OrganisationCountry,
    OrganisationLink,
    OrganisationType,
    SdgGoal,
    Tag,
    Theme,
)
from maillage.actors.models.people import LawfulBasis, Person, Position

__all__ = [
    "IATI_ORGANISATION_TYPES",
    "Confidentiality",
    "Group",
    "GroupKind",
    "GroupMember",
    "Interaction",
    "InteractionKind",
    "LawfulBasis",
    "LinkKind",
    "Organisation",
    "OrganisationCountry",
    "OrganisationLink",
    "OrganisationType",
    "Person",
    "Position",
    "SdgGoal",
    "Tag",
    "Theme",
]
