"""Factories of meetings, their invitees and action items (G2), and the generic suites'
records of them on the shared and the hidden side."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from factory.django import DjangoModelFactory

from maillage.missions.models import ActionItem, Invitee, Meeting
from tests.factories import GroupFactory, PersonFactory, UserFactory

PARIS = dt.timezone(dt.timedelta(hours=2))
# A Tuesday of October 2026, 10:00–12:00 in Paris (UTC+2 until 25 October).
STARTS = dt.datetime(2026, 10, 6, 10, 0, tzinfo=PARIS)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    kind = "steering_committee"
    title = factory.Sequence(lambda n: f"Comité de pilotage {n}")
    starts_at = STARTS
    ends_at = STARTS + dt.timedelta(hours=2)
    timezone = "Europe/Paris"
    place = "Hôtel de ville de Lille"

    @factory.post_generation
    def projects(self, create, extracted, **kwargs):
        if create and extracted:
            self.projects.set(extracted)


class InviteeFactory(DjangoModelFactory):
    class Meta:
        model = Invitee

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)


class ActionItemFactory(DjangoModelFactory):
    class Meta:
        model = ActionItem

    title = factory.Sequence(lambda n: f"Envoyer le compte rendu {n}")
    owner_user = factory.SubFactory(UserFactory)
    due_on = dt.date(2026, 10, 20)
    status = "open"


# -- the generic suites (tests/missions/entities.py) -------------------------------------


def meeting(w: Any, side: str) -> Meeting:
    return MeetingFactory(projects=[w.project(side)])


def enrich_meeting(w: Any, record: Meeting) -> None:
    from tests.partnerships.factories import PartnershipFactory

    record.group = GroupFactory()
    record.partnership = PartnershipFactory()
    record.save()
    InviteeFactory(meeting=record)


def grow_meeting(w: Any, record: Meeting, n: int) -> None:
    for _ in range(n):
        InviteeFactory(meeting=record)
        ActionItemFactory(meeting=record, owner_user=w.officer)


def actionitem(w: Any, side: str) -> ActionItem:
    from tests.generic.factories import SHARED

    # The partner sees the action items it owns; the hidden side is the officer's.
    owner = w.users["partner"] if side == SHARED else w.officer
    return ActionItemFactory(owner_user=owner, meeting=meeting(w, side))


def enrich_actionitem(w: Any, record: ActionItem) -> None:
    from tests.missions.factories_missions import MissionFactory

    record.owner_user = None
    record.owner_person = PersonFactory(user=w.officer)
    record.mission = MissionFactory()
    record.save()
