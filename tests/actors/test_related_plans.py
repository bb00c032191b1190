"""A record's related rows are checked one by one against what the reader may open, never
by listing every record it may open first: SQLite made `organisation__in=<visible
organisations>` a list of the 20,000 organisations, for an organisation's six links or a
page of 50 agreements (130 ms at national scale; docs/performance.md). The pages' own
statements are asked for their plans; PostgreSQL plans both forms as one semi-join."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.accounts.models import Role
from tests.factories import (
    GroupFactory,
    GroupMemberFactory,
    InteractionFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)
from tests.partnerships.factories import AgreementFactory, AgreementPartyFactory
from tests.plans import plan

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans"),
]

WHOLE_TABLES = ("actors_organisation", "actors_person", "actors_group")


def _scans(client, url: str) -> list[str]:
    """The steps of the page's statements that read a whole table of records."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    found = []
    for query in queries.captured_queries:
        sql = query["sql"]
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        for step in plan(sql).split(" | "):
            whole = any(table in step for table in WHOLE_TABLES)
            if step.startswith("SCAN") and (whole or step.startswith(("SCAN U", "SCAN V"))):
                found.append(f"{step}: {sql[:160]}")
    return found


def test_an_organisations_people_links_and_groups_read_no_whole_table(client):
    organisation = OrganisationFactory()
    PositionFactory(organisation=organisation)
    GroupMemberFactory(group=GroupFactory(), organisation=organisation)
    person = PersonFactory()
    PositionFactory(person=person, organisation=OrganisationFactory())
    interaction = InteractionFactory()
    interaction.people.add(person)
    interaction.organisations.add(organisation)
    client.force_login(UserFactory(role=Role.OFFICER))
    for url in (
        organisation.get_absolute_url(),
        person.get_absolute_url(),
        interaction.get_absolute_url(),
    ):
        assert not _scans(client, url), url


def test_the_agreements_parties_read_no_whole_table(client):
    agreement = AgreementFactory()
    AgreementPartyFactory(agreement=agreement)
    client.force_login(UserFactory(role=Role.OFFICER))
    assert not _scans(client, "/api/agreements")
