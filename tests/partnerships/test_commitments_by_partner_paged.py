"""Commitments by partner at national scale: a page of parties counted and paged by the
database (20,000 commitments made a 14.7 MB page), an export that keeps them all, and a
number of queries that does not grow."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from lxml import html
from openpyxl import load_workbook

from maillage.partnerships.models import CommitmentStatus
from maillage.partnerships.selectors import commitments_by_partner_page
from tests.factories import OrganisationFactory, ProjectFactory
from tests.partnerships.factories import AgreementFactory, CommitmentFactory
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 9, 1)
URL = "partnerships:commitments_by_partner"


@pytest.fixture
def parties():
    """45 parties, named in order, each with two commitments (one overdue)."""
    agreement = AgreementFactory()
    made = []
    for i in range(45):
        party = OrganisationFactory(name=f"Commune {i:02d}")
        CommitmentFactory(agreement=agreement, party=party, due_on=TODAY - dt.timedelta(days=1))
        CommitmentFactory(
            agreement=agreement, party=party, status=CommitmentStatus.FULFILLED, due_on=TODAY
        )
        made.append(party)
    return made


def test_a_page_holds_twenty_parties_by_name_with_their_counts(officer, parties):
    page, groups = commitments_by_partner_page(user=officer, today=TODAY, page=1)
    assert page.paginator.count == 45 and page.paginator.num_pages == 3
    assert [g.organisation.name for g in groups] == [f"Commune {i:02d}" for i in range(20)]
    assert all(g.total == 2 and g.overdue == 1 and g.counts["fulfilled"] == 1 for g in groups)
    page, groups = commitments_by_partner_page(user=officer, today=TODAY, page=3)
    assert [g.organisation.name for g in groups] == [f"Commune {i:02d}" for i in range(40, 45)]
    # A page number out of range gives the last page, not an error.
    page, _groups = commitments_by_partner_page(user=officer, today=TODAY, page="99")
    assert page.number == 3


def test_the_page_links_its_pages_and_the_export_keeps_every_commitment(client, officer, parties):
    client.force_login(officer)
    response = client.get(reverse(URL), {"page": "2"})
    tree = html.fromstring(response.content)
    titles = tree.xpath("//section[@class='party-group']/h2/text()")
    assert titles == [f"Commune {i:02d}" for i in range(20, 40)]
    assert tree.xpath("//nav[@class='pager no-print']//a[@rel='next']/@href") == ["?page=3"]
    export = client.get(reverse(URL), {"format": "xlsx", "page": "2"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert len(rows) == 1 + 90
    assert rows[1][0] == "Commune 00" and rows[-1][0] == "Commune 44"


def test_the_project_choice_renders_only_the_chosen_project(client, officer):
    ProjectFactory.create_batch(30)
    chosen = ProjectFactory(code="CHOSEN-1")
    client.force_login(officer)
    tree = html.fromstring(client.get(reverse(URL), {"project": chosen.pk}).content)
    assert tree.xpath("//select[@name='project']/option/@value") == ["", str(chosen.pk)]


def test_the_page_makes_as_many_queries_for_3_or_30_parties(client, officer):
    agreement = AgreementFactory()
    client.force_login(officer)

    def grow(n):
        for _ in range(n):
            party = OrganisationFactory()
            CommitmentFactory.create_batch(3, agreement=agreement, party=party)

    assert_constant_queries(client, reverse(URL), grow=grow, rows=(3, 30))


def test_a_party_with_many_commitments_shows_the_first_due_and_links_to_all(client, officer):
    agreement = AgreementFactory()
    lille = OrganisationFactory(name="Ville de Lille")
    for day in range(30):
        CommitmentFactory(agreement=agreement, party=lille, due_on=TODAY + dt.timedelta(days=day))
    _page, groups = commitments_by_partner_page(user=officer, today=TODAY, page=1)
    (group,) = groups
    assert group.total == 30 and group.more == 5 and len(group.commitments) == 25
    # The first due first: the last five are the ones left out.
    assert [c.due_on for c in group.commitments] == [
        TODAY + dt.timedelta(days=d) for d in range(25)
    ]
    client.force_login(officer)
    tree = html.fromstring(client.get(reverse(URL), {"agreement": agreement.pk}).content)
    (link,) = tree.xpath("//section[@class='party-group']//p/a")
    assert link.get("href") == (
        reverse("partnerships:commitment_list") + f"?party={lille.pk}&agreement={agreement.pk}"
    )
    assert "30" in link.text_content() and "Ville de Lille" in link.text_content()
    assert len(tree.xpath("//section[@class='party-group']//tbody/tr")) == 25
    listed = client.get(link.get("href"))
    assert listed.status_code == 200 and "30" in listed.content.decode()
    export = client.get(reverse(URL), {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert len(rows) == 1 + 30  # the export keeps every commitment


def test_the_page_costs_the_same_queries_for_a_party_of_30_or_300_commitments(client, officer):
    agreement = AgreementFactory()
    party = OrganisationFactory()
    client.force_login(officer)

    def grow(n):
        for _ in range(n):
            CommitmentFactory(agreement=agreement, party=party, due_on=TODAY)

    assert_constant_queries(client, reverse(URL), grow=grow, rows=(30, 90))


def test_the_agreement_is_chosen_by_type_ahead_among_the_agreements_one_may_see(
    client, partner, partner_project, other_project
):
    ours = AgreementFactory(title="Convention Oujda eau", projects=[partner_project])
    AgreementFactory(title="Convention Kayes eau", projects=[other_project])
    client.force_login(partner)
    page = client.get(reverse(URL)).content.decode()
    # No select of every agreement: only a type-ahead that renders the chosen one.
    assert "Convention Kayes eau" not in page and "Convention Oujda eau" not in page
    chosen = client.get(reverse(URL), {"agreement": ours.pk}).content.decode()
    assert "Convention Oujda eau" in chosen
    found = client.get(reverse("partnerships:agreement_choices"), {"q": "convention eau"})
    assert [r["id"] for r in found.json()["results"]] == [ours.pk]
