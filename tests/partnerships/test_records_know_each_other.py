"""Records that know each other: an organisation's page lists its partnerships and
agreements, a project's page its agreements and commitments; a partner's account,
through its person, sees its own organisation and partnership; an agreement past its
end date reads as expired."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from maillage.actors.models import Person
from maillage.core.services import service_for
from maillage.partnerships.models import Agreement, AgreementStatus, Partnership
from tests.factories import PersonFactory, PositionFactory
from tests.partnerships.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    CommitmentFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db


def _label(status: AgreementStatus) -> str:
    with translation.override("fr"):
        return str(status.label)


def test_a_partner_account_sees_its_own_partnership_through_its_person(client, partner):
    partnership = PartnershipFactory(name="Jumelage Tamarin")
    client.force_login(partner)
    assert client.get(partnership.get_absolute_url()).status_code == 404
    person = PersonFactory(last_name="Tamarin")
    PositionFactory(person=person, organisation=partnership.foreign_authority, end_on=None)
    service_for(Person).update(obj=person, data={"user": partner}, by=None)
    assert list(Partnership.objects.visible_to(partner)) == [partnership]
    response = client.get(reverse("partnerships:partnership_list"))
    assert "Jumelage Tamarin" in response.content.decode()
    assert client.get(partnership.get_absolute_url()).status_code == 200
    # Its own organisation and person open too; the French authority does not.
    assert client.get(partnership.foreign_authority.get_absolute_url()).status_code == 200
    assert client.get(person.get_absolute_url()).status_code == 200
    assert client.get(partnership.french_authority.get_absolute_url()).status_code == 404
    # A position that ended no longer ties it to the organisation.
    person.positions.update(end_on=dt.date(2000, 1, 1))
    assert not Partnership.objects.visible_to(partner).exists()


def test_the_partnership_of_a_partner_project_is_seen_through_it(partner, partner_project):
    linked = PartnershipFactory()
    linked.projects.add(partner_project)
    through_agreement = PartnershipFactory()
    AgreementFactory(partnership=through_agreement, projects=[partner_project])
    PartnershipFactory()  # another partnership: not seen
    seen = set(Partnership.objects.visible_to(partner))
    assert seen == {linked, through_agreement}


def test_an_agreement_past_its_end_date_reads_as_expired_everywhere(client, officer):
    ended = AgreementFactory(
        title="Convention échue",
        status=AgreementStatus.IN_FORCE,
        start_on=dt.date(2018, 1, 1),
        end_on=dt.date(2020, 12, 31),
    )
    live = AgreementFactory(title="Convention vivante", end_on=dt.date(2999, 12, 31))
    with translation.override("en"):
        assert ended.get_status_display() == "Expired"
        assert live.get_status_display() == "In force"
    assert ended.status_on(dt.date(2020, 12, 31)) == AgreementStatus.IN_FORCE
    assert ended.status_on(dt.date(2021, 1, 1)) == AgreementStatus.EXPIRED
    client.force_login(officer)
    page = client.get(ended.get_absolute_url()).content.decode()
    assert _label(AgreementStatus.EXPIRED) in page
    assert _label(AgreementStatus.IN_FORCE) not in page
    listing = reverse("partnerships:agreement_list")
    expired = client.get(listing, {"status": "expired"}).content.decode()
    assert "Convention échue" in expired and "Convention vivante" not in expired
    in_force = client.get(listing, {"status": "in_force"}).content.decode()
    assert "Convention vivante" in in_force and "Convention échue" not in in_force
    api = client.get(f"/api/agreements/{ended.pk}").json()
    assert api["status"] == "in_force" and api["status_today"] == "expired"
    assert client.get(f"/api/agreements/{live.pk}").json()["status_today"] == "in_force"
    assert Agreement.objects.with_status_on(dt.date(2026, 1, 1)).get(pk=ended.pk).status_today == (
        "expired"
    )


def test_an_organisation_page_lists_its_partnerships_agreements_and_commitments(client, officer):
    partnership = PartnershipFactory(name="Jumelage Baobab")
    authority = partnership.french_authority
    under_partnership = AgreementFactory(title="Convention-cadre Baobab", partnership=partnership)
    as_party = AgreementFactory(title="Convention de projet Baobab")
    AgreementPartyFactory(agreement=as_party, organisation=authority)
    AgreementFactory(title="Convention étrangère")
    CommitmentFactory(agreement=as_party, party=authority, text="Former vingt jeunes")
    client.force_login(officer)
    page = client.get(authority.get_absolute_url()).content.decode()
    for text in ("Jumelage Baobab", under_partnership.title, as_party.title, "Former vingt jeunes"):
        assert text in page, text
    assert "Convention étrangère" not in page


def test_a_project_page_has_its_agreements_and_commitments(client, officer, partner_project):
    AgreementFactory(title="Convention du projet", projects=[partner_project])
    AgreementFactory(title="Convention d'ailleurs")
    client.force_login(officer)
    page = client.get(partner_project.get_absolute_url()).content.decode()
    agreements = f"{reverse('partnerships:agreement_list')}?project={partner_project.pk}"
    assert agreements in page
    assert f"{reverse('partnerships:commitment_list')}?project={partner_project.pk}" in page
    listing = client.get(agreements).content.decode()
    assert "Convention du projet" in listing and "Convention d&#x27;ailleurs" not in listing
