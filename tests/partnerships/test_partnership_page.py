"""The partnership's page: its agreements, projects, contacts and exchanges on one page;
and every list in a constant number of queries as data grows."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import InteractionFactory, PersonFactory, PositionFactory, ProjectFactory
from tests.partnerships.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    AmendmentFactory,
    CommitmentFactory,
    PartnershipFactory,
)
from tests.querycount import assert_constant_queries
from tests.querycount import page_queries as _queries

pytestmark = pytest.mark.django_db


def _grow(partnership, n):
    """n more agreements (with an amendment, a party, a project and a commitment each),
    contacts and exchanges with both authorities."""
    for _ in range(n):
        project = ProjectFactory()
        partnership.projects.add(project)
        agreement = AgreementFactory(partnership=partnership, projects=[project])
        AmendmentFactory(
            agreement=agreement, new_end_on=dt.date(2030, 1, 1), object="Prolongation à 2030"
        )
        AgreementPartyFactory(agreement=agreement, organisation=partnership.french_authority)
        CommitmentFactory(agreement=agreement, project=project)
        for authority in (partnership.french_authority, partnership.foreign_authority):
            PositionFactory(person=PersonFactory(), organisation=authority)
            InteractionFactory().organisations.add(authority)


def test_the_partnership_page_shows_its_whole_story(client, officer):
    partnership = PartnershipFactory()
    _grow(partnership, 1)
    client.force_login(officer)
    page = client.get(partnership.get_absolute_url()).content.decode()
    agreement = partnership.agreements.get()
    assert agreement.title in page
    assert "Prolongation à 2030" in page
    assert partnership.projects.get().code in page
    assert "Chargé de mission" in page
    # No page announces a feature to come ("missions will appear here" was one).
    assert "apparaîtront" not in page


@pytest.mark.parametrize(
    "url_name",
    [
        "partnerships:partnership_list",
        "partnerships:agreement_list",
        "partnerships:commitment_list",
        "partnerships:commitments_by_partner",
    ],
)
def test_lists_take_a_constant_number_of_queries(client, officer, url_name):
    partnership = PartnershipFactory()
    client.force_login(officer)
    url = reverse(url_name)
    assert_constant_queries(client, url, grow=lambda n: _grow(partnership, n), rows=(2, 8))


@pytest.mark.parametrize("url_name", ["detail", "agreement_detail"])
def test_record_pages_take_a_constant_number_of_queries(client, officer, url_name):
    partnership = PartnershipFactory()
    client.force_login(officer)
    _grow(partnership, 2)
    agreement = partnership.agreements.first()

    def url():
        if url_name == "detail":
            return partnership.get_absolute_url()
        return agreement.get_absolute_url()

    few = _queries(client, url())
    _grow(partnership, 6)
    for _ in range(5):
        AmendmentFactory(agreement=agreement)
        AgreementPartyFactory(agreement=agreement)
        CommitmentFactory(agreement=agreement)
    assert _queries(client, url()) == few


@pytest.mark.parametrize("resource", ["partnerships", "agreements", "commitments"])
def test_api_lists_take_a_constant_number_of_queries(client, officer, resource):
    partnership = PartnershipFactory()
    client.force_login(officer)
    _grow(partnership, 2)
    few = _queries(client, f"/api/{resource}")
    _grow(partnership, 6)
    assert _queries(client, f"/api/{resource}") == few


@pytest.mark.parametrize("model", ["partnership", "agreement", "commitment"])
def test_lists_export_to_a_spreadsheet(client, officer, model):
    from maillage.core.models import Job, JobState

    _grow(PartnershipFactory(), 2)
    client.force_login(officer)
    response = client.post(reverse(f"partnerships:{model}_export"), {"format": "xlsx"})
    assert response.status_code == 302
    job = Job.objects.get()
    assert job.state == JobState.SUCCEEDED, job.messages
    assert job.result_file.name.endswith(".xlsx")
