"""Factories: each test builds the few records it needs."""

import factory
from factory.django import DjangoModelFactory

from maillage.accounts.models import Role, User
from maillage.actors.models import (
    Confidentiality,
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
    Activity,
    Dependency,
    FieldUpdate,
    Level,
    MembershipRole,
    Milestone,
    PartnerRole,
    Programme,
    Project,
    ProjectMembership,
    ProjectPartner,
    ProjectStatus,
    Risk,
    RiskCategory,
    Strategy,
    Task,
)

PASSWORD = "correct-horse-battery"
_date = __import__("datetime").date


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


def api_token(user, name="tests"):
    """A new API token of `user`, issued as the API and the page issue them: its key."""
    from maillage.accounts.services import ApiTokenService

    _token, key = ApiTokenService.issue(user=user, name=name, by=user)
    return key


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


class StrategyFactory(DjangoModelFactory):
    class Meta:
        model = Strategy

    title = factory.Sequence(lambda n: f"Stratégie internationale {n}")


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    strategy = factory.SubFactory(StrategyFactory)
    code = factory.Sequence(lambda n: f"PRG-{n:03d}")
    title = factory.Sequence(lambda n: f"Programme {n}")


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Activité {n}")
    start_on = _date(2026, 3, 1)
    end_on = _date(2026, 6, 30)


class TaskFactory(DjangoModelFactory):
    class Meta:
        model = Task
        skip_postgeneration_save = True

    parent = factory.SubFactory(ActivityFactory)
    project = factory.SelfAttribute("parent.project")
    title = factory.Sequence(lambda n: f"Tâche {n}")
    start_on = _date(2026, 3, 1)
    end_on = _date(2026, 3, 31)

    @factory.post_generation
    def assignees(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.assignees.set(extracted)


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Jalon {n}")
    start_on = _date(2026, 6, 30)
    end_on = _date(2026, 6, 30)


class DependencyFactory(DjangoModelFactory):
    class Meta:
        model = Dependency

    predecessor = factory.SubFactory(TaskFactory)
    successor = factory.SubFactory(
        TaskFactory, parent=factory.SelfAttribute("..predecessor.parent")
    )


class RiskFactory(DjangoModelFactory):
    class Meta:
        model = Risk

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Risque {n}")
    category = RiskCategory.SECURITY
    likelihood = Level.MEDIUM
    impact = Level.HIGH


class FieldUpdateFactory(DjangoModelFactory):
    class Meta:
        model = FieldUpdate

    project = factory.SubFactory(ProjectFactory)
    occurred_on = _date(2026, 4, 15)
    title = factory.Sequence(lambda n: f"Nouvelles du terrain {n}")
    body = "Atelier tenu avec les habitants."


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
    # Shared with its project's partners when it has a project (the fixtures of the
    # access tests mean "an exchange of the shared project"); the model's own default,
    # internal, is tested in tests/actors/test_confidentiality.py.
    confidentiality = factory.LazyAttribute(
        lambda o: (
            Confidentiality.SHARED if getattr(o, "project", None) else Confidentiality.INTERNAL
        )
    )


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
