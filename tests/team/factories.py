"""Factories of the team app: staff, assignments, leave, training sessions, participants,
feedback and needs."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from maillage.team.models import (
    Assignment,
    Leave,
    StaffMember,
    TrainingFeedback,
    TrainingNeed,
    TrainingParticipant,
    TrainingSession,
)
from tests.factories import PersonFactory, ProjectFactory


class StaffMemberFactory(DjangoModelFactory):
    class Meta:
        model = StaffMember

    person = factory.SubFactory(PersonFactory)
    kind = "employee"
    post = factory.Sequence(lambda n: f"Chargé de mission {n}")
    base_location = "Lille"
    country = "FR"
    start_on = dt.date(2025, 1, 1)
    end_on = dt.date(2027, 12, 31)


class AssignmentFactory(DjangoModelFactory):
    class Meta:
        model = Assignment

    staff = factory.SubFactory(StaffMemberFactory)
    project = factory.SubFactory(ProjectFactory)
    share = 20
    start_on = dt.date(2026, 1, 1)
    end_on = dt.date(2026, 12, 31)


class LeaveFactory(DjangoModelFactory):
    class Meta:
        model = Leave

    staff = factory.SubFactory(StaffMemberFactory)
    kind = "annual"
    start_on = factory.Sequence(lambda n: dt.date(2026, 1, 5) + dt.timedelta(days=10 * n))
    end_on = factory.LazyAttribute(lambda o: o.start_on + dt.timedelta(days=4))


class TrainingSessionFactory(DjangoModelFactory):
    class Meta:
        model = TrainingSession

    title = factory.Sequence(lambda n: f"Formation {n}")
    kind = "training"
    start_on = dt.date(2026, 10, 5)
    end_on = dt.date(2026, 10, 7)
    place = "Oujda"
    skills = "gestion du cycle de projet, budget"


class TrainingParticipantFactory(DjangoModelFactory):
    class Meta:
        model = TrainingParticipant

    session = factory.SubFactory(TrainingSessionFactory)
    person = factory.SubFactory(PersonFactory)
    attended = True


class TrainingFeedbackFactory(DjangoModelFactory):
    class Meta:
        model = TrainingFeedback

    participant = factory.SubFactory(TrainingParticipantFactory)
    session = factory.SelfAttribute("participant.session")
    content = 4
    trainer = 5
    organisation = 3
    usefulness = 4
    comment = "Très utile."


class TrainingNeedFactory(DjangoModelFactory):
    class Meta:
        model = TrainingNeed

    person = factory.SubFactory(PersonFactory)
    topic = "Gestion du cycle de projet"
    priority = "high"
    noted_on = dt.date(2026, 6, 1)
