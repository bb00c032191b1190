"""Filters through link tables are semi-joins (EXISTS / IN), not joins with DISTINCT run
twice (count and page): each record is listed once, the trash is left out, and the
queries do not grow with the rows."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse

from maillage.actors.filters import InteractionFilterSet, OrganisationFilterSet, PersonFilterSet
from maillage.actors.models import Interaction, Organisation, Person
from maillage.actors.services import InteractionService
from maillage.projects.filters import PlanItemFilterSet, ProjectFilterSet
from maillage.projects.models import PlanItem, Project
from tests.actors.factories import log_interaction
from tests.factories import (
    GroupMemberFactory,
    InteractionFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    ProjectPartnerFactory,
    TaskFactory,
    UserFactory,
)
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


def names(filterset) -> list[str]:
    assert filterset.is_valid(), filterset.errors
    return sorted(str(o) for o in filterset.qs)


def test_no_interaction_since_lists_each_quiet_organisation_once_and_ignores_the_trash():
    quiet, busy, trashed_only = (OrganisationFactory(name=n) for n in ("Calme", "Active", "Vide"))
    for day in (dt.date(2024, 1, 5), dt.date(2025, 3, 1)):
        log_interaction(day, organisations=[quiet])
    for day in (dt.date(2025, 2, 1), dt.date(2025, 3, 1)):
        log_interaction(day, organisations=[busy])
    binned = log_interaction(dt.date(2025, 3, 1), organisations=[trashed_only])
    InteractionService.delete(obj=binned, by=None)
    found = OrganisationFilterSet(
        {"no_interaction_since": "2025-01-01"}, Organisation.objects.all()
    )
    assert names(found) == ["Vide"]
    found = OrganisationFilterSet(
        {"no_interaction_since": "2025-04-01"}, Organisation.objects.all()
    )
    assert names(found) == ["Active", "Calme", "Vide"]


def test_no_interaction_since_for_people():
    met, forgotten = PersonFactory(last_name="Vu"), PersonFactory(last_name="Oublié")
    log_interaction(dt.date(2025, 3, 1), people=[met])
    found = PersonFilterSet({"no_interaction_since": "2025-01-01"}, Person.objects.all())
    assert [p.last_name for p in found.qs] == ["Oublié"]
    assert forgotten in found.qs


def test_an_organisation_filter_matches_every_word_and_lists_each_record_once():
    kayes = OrganisationFactory(name="Mairie de Kayes")
    other = OrganisationFactory(name="Mairie de Bamako")
    person = PersonFactory(last_name="Diarra")
    PositionFactory(person=person, organisation=kayes)
    PositionFactory(person=person, organisation=other, role="Conseiller")
    PositionFactory(person=PersonFactory(last_name="Keita"), organisation=other)
    found = PersonFilterSet({"organisation": "mairie kayes"}, Person.objects.all())
    assert [p.last_name for p in found.qs] == ["Diarra"]
    found = PersonFilterSet({"organisation": "mairie"}, Person.objects.all())
    assert sorted(p.last_name for p in found.qs) == ["Diarra", "Keita"]
    meeting = InteractionFactory(subject="Comité")
    meeting.organisations.add(kayes, other)
    found = InteractionFilterSet({"organisation": "mairie"}, Interaction.objects.all())
    assert list(found.qs) == [meeting]


def test_group_action_country_partner_and_assignee_filters_list_each_record_once(officer):
    request = SimpleNamespace(user=officer)
    organisation = OrganisationFactory(name="Réseau Sahel")
    member = GroupMemberFactory(organisation=organisation)
    GroupMemberFactory(group=member.group, person=PersonFactory(), organisation=None)
    organisation.action_countries.create(country="ML")
    organisation.action_countries.create(country="SN")
    OrganisationFactory(name="Autre")
    found = OrganisationFilterSet(
        {"group": member.group.pk}, Organisation.objects.all(), request=request
    )
    assert names(found) == ["Réseau Sahel"]
    found = OrganisationFilterSet({"action_country": "ML"}, Organisation.objects.all())
    assert names(found) == ["Réseau Sahel"]
    project = ProjectPartnerFactory(organisation=organisation).project
    ProjectPartnerFactory(project=project, organisation=organisation, role="funder")
    ProjectPartnerFactory(organisation=OrganisationFactory(name="Sahel Vert"))
    found = ProjectFilterSet({"partner": "reseau sahel"}, Project.objects.all())
    assert list(found.qs) == [project]
    user = UserFactory()
    task = TaskFactory()
    task.assignees.add(user, UserFactory())
    TaskFactory()
    found = PlanItemFilterSet({"assignee": user.pk}, PlanItem.objects.all(), request=request)
    assert [item.pk for item in found.qs] == [task.pk]


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("actors:organisation_list", {"no_interaction_since": "2025-01-01"}),
        ("actors:person_list", {"no_interaction_since": "2025-01-01", "organisation": "asso"}),
        ("actors:interaction_list", {"organisation": "association"}),
    ],
)
def test_filtered_lists_make_as_many_queries_for_3_or_30_rows(client, officer, name, query):
    client.force_login(officer)

    def grow(n):
        for i in range(n):
            organisation = OrganisationFactory()
            person = PersonFactory()
            PositionFactory(person=person, organisation=organisation)
            # Every other one met since the date: listed or not, the same queries.
            on = dt.date(2024 + i % 2, 1, 1 + i % 28)
            log_interaction(on, organisations=[organisation], people=[person])

    assert_constant_queries(client, reverse(name), data=query, grow=grow, rows=(3, 30))
