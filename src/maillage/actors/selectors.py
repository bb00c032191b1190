"""Reads of the actors area reused by pages, API and reports: what a record's page shows
beside its fields, the counts shown before a merge, the GDPR retention report.

Every related list starts from its own `visible_to`: a partner reading an organisation
sees only the people, groups and interactions it may see elsewhere.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone

from maillage.actors.identifiers import display_phone
from maillage.actors.models import (
    Group,
    GroupMember,
    Interaction,
    Organisation,
    Person,
    Position,
)
from maillage.core.access import openable
from maillage.core.services import today_for

LATEST_INTERACTIONS = 20
FOLLOW_UP_DAYS = 7  # the home page lists the follow-ups due within a week, and late ones
HOME_ROWS = 8


def organisation_detail(*, organisation: Organisation, user: Any) -> dict[str, Any]:
    """The organisation's classification, people, links, groups and latest interactions."""
    return {
        "themes": organisation.themes.all(),
        "sectors": organisation.sectors.all(),
        "sdgs": organisation.sdgs.all(),
        "tags": organisation.tags.all(),
        "action_countries": organisation.action_countries.all(),
        "positions": Position.objects.filter(organisation=organisation)
        .filter(openable(user, Person, "person"))
        .select_related("person"),
        "links_out": organisation.links_out.filter(
            openable(user, Organisation, "target")
        ).select_related("target"),
        "links_in": organisation.links_in.filter(
            openable(user, Organisation, "source")
        ).select_related("source"),
        "interactions": Interaction.objects.visible_to(user).filter(organisations=organisation)[
            :LATEST_INTERACTIONS
        ],
        "groups": organisation.group_memberships.filter(
            openable(user, Group, "group")
        ).select_related("group"),
        "children": Organisation.objects.visible_to(user).filter(parent=organisation),
    }


def person_detail(*, person: Person, user: Any) -> dict[str, Any]:
    """The person's phones as read, tags, positions, groups and latest interactions."""
    return {
        "phone": display_phone(person.phone),
        "mobile": display_phone(person.mobile),
        "tags": person.tags.all(),
        "positions": person.positions.filter(
            openable(user, Organisation, "organisation")
        ).select_related("organisation"),
        "interactions": Interaction.objects.visible_to(user).filter(people=person)[
            :LATEST_INTERACTIONS
        ],
        "groups": person.group_memberships.filter(openable(user, Group, "group")).select_related(
            "group"
        ),
    }


def group_detail(*, group: Group, user: Any) -> dict[str, Any]:
    """The group's members, people and organisations."""
    # Only the members the user may open (a page never names a record it would refuse).
    members = (
        GroupMember.objects.filter(group=group)
        .filter(openable(user, Person, "person") | openable(user, Organisation, "organisation"))
        .select_related("person", "organisation")
    )
    return {"members": members.order_by("pk")}


def interaction_detail(*, interaction: Interaction, user: Any) -> dict[str, Any]:
    """Who took part, among the people and organisations the user may see."""
    return {
        "people": interaction.people.filter(openable(user, Person, "pk")),
        "organisations": interaction.organisations.filter(openable(user, Organisation, "pk")),
    }


def related_counts(obj: models.Model) -> list[tuple[str, int]]:
    """How many records of each kind are linked to `obj` (shown before a merge)."""
    counts = []
    for relation in type(obj)._meta.related_objects:
        related: Any = relation.related_model  # a model class (never "self" here)
        rows = related._base_manager.filter(**{relation.field.name: obj})
        counts.append((str(related._meta.verbose_name_plural), rows.count()))
    for field in type(obj)._meta.many_to_many:
        counts.append((str(field.verbose_name), getattr(obj, field.name).count()))
    return [(label, n) for label, n in counts if n]


# --- GDPR: retention -------------------------------------------------------------------


def years_before(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def untouched_people(*, user: Any, years: int) -> models.QuerySet[Person]:
    """People with no interaction and no change for `years` years, not anonymised yet."""
    cutoff_on = years_before(today_for(user), years)
    cutoff_at = timezone.make_aware(dt.datetime.combine(cutoff_on, dt.time.min))
    history_model = Person.history.model
    recent_change = history_model.objects.filter(id=OuterRef("pk"), history_date__gte=cutoff_at)
    return (
        Person.objects.visible_to(user)
        .filter(anonymised_at__isnull=True, updated_at__lt=cutoff_at)
        .exclude(Exists(recent_change))
        .exclude(interactions__occurred_on__gte=cutoff_on)
        .order_by("updated_at", "pk")
    )


# --- Home page ---------------------------------------------------------------------------


def follow_ups_due(
    *, user: Any, today: dt.date, days: int = FOLLOW_UP_DAYS, limit: int = HOME_ROWS
) -> list[Interaction]:
    """The interactions the user recorded whose follow-up, not done yet, falls within
    `days` days or has passed, soonest (so late ones) first."""
    return list(
        Interaction.objects.visible_to(user)
        .filter(
            created_by=user,
            follow_up_done=False,
            follow_up_on__lte=today + dt.timedelta(days=days),
        )
        .order_by("follow_up_on", "pk")[:limit]
    )
