"""Factories: each test builds the few records it needs."""

import factory
from factory.django import DjangoModelFactory

from maillage.accounts.models import Role, User
from maillage.actors.models import (
    Group,
    GroupKind,
    GroupMember,
    Interaction,
    InteractionKind,
    Organisation,
    OrganisationType,
    Person,
    Position,
)
from maillage.projects.models import (
    MembershipRole,
    PartnerRole,
    Project,
    ProjectMembership,
    ProjectPartner,
    ProjectStatus,
)

PASSWORD = "correct-horse-battery"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = Role.OFFICER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Association numéro {n}")
    type = OrganisationType.ASSOCIATION
    country = "FR"
    departement = "33"
    city = "Bordeaux"


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = Project

    code = factory.Sequence(lambda n: f"PRJ-{n:04d}")
    title = factory.Sequence(lambda n: f"Projet de coopération {n}")
    status = ProjectStatus.IN_PROGRESS
    country = "MA"


class ProjectPartnerFactory(DjangoModelFactory):
    class Meta:
        model = ProjectPartner

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = PartnerRole.PARTNER


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = ProjectMembership

    project = factory.SubFactory(ProjectFactory)
    user = factory.SubFactory(UserFactory)
    role = MembershipRole.MEMBER


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Sequence(lambda n: f"Durand{n}")
    email = factory.Sequence(lambda n: f"personne{n}@example.org")


class PositionFactory(DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "Chargé de mission"


class InteractionFactory(DjangoModelFactory):
    class Meta:
        model = Interaction

    kind = InteractionKind.MEETING
    occurred_on = factory.Sequence(lambda n: __import__("datetime").date(2026, 1, 1 + n % 28))
    subject = factory.Sequence(lambda n: f"Réunion {n}")


class GroupFactory(DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Groupe {n}")
    kind = GroupKind.THEMATIC


class GroupMemberFactory(DjangoModelFactory):
    class Meta:
        model = GroupMember

    group = factory.SubFactory(GroupFactory)
    organisation = factory.SubFactory(OrganisationFactory)
