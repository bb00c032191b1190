"""The actors' pages: create with checks, related records, filters, API and query counts."""

import datetime as dt

import pytest
from django.urls import reverse

from maillage.actors.models import Organisation, Person, SdgGoal
from tests.actors.factories import log_interaction
from tests.factories import (
    GroupMemberFactory,
    InteractionFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    ProjectPartnerFactory,
)
from tests.querycount import assert_constant_queries
from tests.querycount import page_queries as _count

pytestmark = pytest.mark.django_db


def test_an_organisation_with_a_bad_siret_is_refused_with_a_message(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("actors:organisation_create"),
        {
            "name": "Ville de Test",
            "type": "municipality",
            "country": "FR",
            "siret": "21770147300018",
        },
    )
    assert response.status_code == 422
    assert not Organisation.objects.filter(name="Ville de Test").exists()
    assert 'role="alert"' in response.content.decode()


def test_an_organisation_is_created_with_its_classification(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("actors:organisation_create"),
        {
            "name": "Mairie de Pessac",
            "type": "municipality",
            "country": "FR",
            "departement": "33",
            "siren": "213 303 183",
            "phone": "05 57 93 63 63",
            "sdgs": ["6", "11"],
            "action_countries": ["SN", "BF"],
            "latitude": "44.8067",
            "longitude": "-0.6311",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    org = Organisation.objects.get(name="Mairie de Pessac")
    assert org.siren == "213303183" and org.phone == "+33557936363"
    assert sorted(org.sdgs.values_list("number", flat=True)) == [6, 11]
    assert sorted(org.action_countries.values_list("country", flat=True)) == ["BF", "SN"]
    assert org.region == "NAQ"


def test_a_departement_abroad_is_refused(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("actors:organisation_create"),
        {
            "name": "Commune d'Oujda",
            "type": "foreign_authority",
            "country": "MA",
            "departement": "33",
        },
    )
    assert response.status_code == 422


def test_the_organisation_page_shows_its_people_groups_and_interactions(client, officer):
    org = OrganisationFactory(name="Ville de Lille")
    PositionFactory(organisation=org, person=PersonFactory(last_name="Martin"), role="Adjointe")
    GroupMemberFactory(organisation=org, group__name="Maroc")
    meeting = InteractionFactory(subject="Visite à Oujda")
    meeting.organisations.add(org)
    client.force_login(officer)
    body = client.get(org.get_absolute_url()).content.decode()
    for text in ["Martin", "Adjointe", "Maroc", "Visite à Oujda"]:
        assert text in body


def test_the_no_interaction_since_filter_finds_forgotten_organisations(client, officer):
    recent = OrganisationFactory(name="Récente")
    OrganisationFactory(name="Oubliée")
    log_interaction(dt.date(2026, 6, 1), organisations=[recent])
    client.force_login(officer)
    body = client.get(
        reverse("actors:organisation_list"), {"no_interaction_since": "2026-01-01"}
    ).content.decode()
    assert "Oubliée" in body and "Récente" not in body


def test_organisations_filter_by_region_and_sdg(client, officer):
    bordeaux = OrganisationFactory(name="Bordeaux Métropole", departement="33")
    bordeaux.sdgs.add(SdgGoal.objects.get(number=6))
    OrganisationFactory(name="Ville de Lille", departement="59")
    client.force_login(officer)
    body = client.get(reverse("actors:organisation_list"), {"region": "NAQ"}).content.decode()
    assert "Bordeaux Métropole" in body and "Ville de Lille" not in body
    body = client.get(reverse("actors:organisation_list"), {"sdg": "6"}).content.decode()
    assert "Bordeaux Métropole" in body and "Ville de Lille" not in body


def test_a_person_gets_a_position_through_the_child_form(client, officer):
    person = PersonFactory()
    org = OrganisationFactory()
    client.force_login(officer)
    response = client.post(
        reverse("actors:position_add", args=[person.pk]),
        {"organisation": org.pk, "role": "Maire", "start_on": "2020-07-01", "end_on": "2019-01-01"},
    )
    assert response.status_code == 422
    response = client.post(
        reverse("actors:position_add", args=[person.pk]),
        {"organisation": org.pk, "role": "Maire", "start_on": "2020-07-01"},
    )
    assert response.status_code == 302
    assert person.positions.get().role == "Maire"


def test_a_consent_basis_needs_a_consent_date(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("actors:person_create"),
        {"last_name": "Benali", "lawful_basis": "consent", "languages": "fr ar"},
    )
    assert response.status_code == 422
    assert not Person.objects.filter(last_name="Benali").exists()


def test_an_interaction_records_who_logged_it(client, officer):
    person = PersonFactory()
    client.force_login(officer)
    response = client.post(
        reverse("actors:interaction_create"),
        {"kind": "call", "occurred_on": "2026-03-02", "subject": "Appel", "people": [person.pk]},
    )
    assert response.status_code == 302
    assert person.interactions.get().created_by == officer


def test_the_api_creates_an_organisation_and_refuses_a_bad_siren(client, officer):
    client.force_login(officer)
    bad = client.post(
        "/api/organisations",
        {"name": "X", "type": "association", "siren": "123456789"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "siren" in bad.json()
    good = client.post(
        "/api/organisations",
        {"name": "Asso", "type": "association", "action_countries": ["MA"], "phone": "0556000000"},
        content_type="application/json",
    )
    assert good.status_code == 201, good.json()
    assert good.json()["action_countries"] == ["MA"]
    assert good.json()["phone"] == "+33556000000"


@pytest.mark.parametrize(
    "url",
    [
        "/actors/people/",
        "/actors/interactions/",
        "/actors/groups/",
        "/api/people",
        "/api/interactions",
        "/api/groups",
        "/api/organisations",
    ],
)
def test_actor_lists_keep_a_constant_number_of_queries(client, officer, url):
    def grow(n):
        for _ in range(n):
            position = PositionFactory()
            meeting = InteractionFactory()
            meeting.people.add(position.person)
            meeting.organisations.add(position.organisation)
            GroupMemberFactory(organisation=position.organisation)

    client.force_login(officer)
    assert_constant_queries(client, url, grow=grow, rows=(2, 22))


def test_the_organisation_page_keeps_a_constant_number_of_queries(client, officer):
    org = OrganisationFactory()
    client.force_login(officer)

    def grow(n):
        for _ in range(n):
            PositionFactory(organisation=org)
            ProjectPartnerFactory(organisation=org)
            GroupMemberFactory(organisation=org)

    grow(1)
    small = _count(client, org.get_absolute_url())
    grow(10)
    assert _count(client, org.get_absolute_url()) == small


def test_the_organisation_list_and_api_cost_the_same_queries_with_10_or_10000(client, officer):
    from maillage.actors.models import Organisation

    def add(n, start):
        rows = [
            Organisation(
                name=f"Commune {i}",
                type="municipality",
                departement="33",
                search_text=f"commune {i}",
            )
            for i in range(start, start + n)
        ]
        Organisation.objects.bulk_create(rows, batch_size=2000)

    client.force_login(officer)
    add(10, 0)
    small = [_count(client, "/actors/organisations/"), _count(client, "/api/organisations")]
    add(9990, 10)
    assert Organisation.objects.count() == 10000
    assert [_count(client, "/actors/organisations/"), _count(client, "/api/organisations")] == small


def test_dac_sectors_classify_organisations_and_withdrawn_ones_are_not_offered(client, officer):
    from maillage.core.models import Codelist, CodelistItem

    codelist = Codelist.objects.create(name="SectorCategory")
    water = CodelistItem.objects.create(
        codelist=codelist, code="140", name_en="Water", name_fr="Eau"
    )
    CodelistItem.objects.create(codelist=codelist, code="999", name_en="Old", withdrawn=True)
    client.force_login(officer)
    form = client.get(reverse("actors:organisation_create")).content.decode()
    assert "140 — Eau" in form and "999 — Old" not in form
    org = OrganisationFactory(name="Eau Vive")
    org.sectors.add(water)
    OrganisationFactory(name="Autre")
    body = client.get(reverse("actors:organisation_list"), {"sector": water.pk}).content.decode()
    assert "Eau Vive" in body and "Autre" not in body
    assert client.get(f"/api/organisations/{org.pk}").json()["sectors"] == [water.pk]
