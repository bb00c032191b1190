"""`?search=` on the API's lists: the model's own search (the lists' `?q=`), among what
the user sees, and documented in the OpenAPI schema."""

import pytest

from tests.factories import MembershipFactory, OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    body = response.json()
    return sorted(row["id"] for row in body.get("results", body))


def test_search_narrows_a_list_to_the_records_matching_every_word(client, officer):
    well = ProjectFactory(code="ML-1", title="Forage à Kayes")
    ProjectFactory(code="ML-2", title="Forage à Bamako")
    ProjectFactory(code="SN-1", title="Cantine à Kaolack")
    client.force_login(officer)
    assert ids(client.get("/api/projects", {"search": "forage kayes"})) == [well.pk]
    assert len(ids(client.get("/api/projects", {"search": "FORAGE"}))) == 2
    assert len(ids(client.get("/api/projects", {"search": ""}))) == 3
    kayes = OrganisationFactory(name="Mairie de Kayes")
    OrganisationFactory(name="Mairie de Ségou")
    assert ids(client.get("/api/organisations", {"search": "kayes"})) == [kayes.pk]
    assert len(ids(client.get("/api/organisations", {"search": "segou mairie"}))) == 1


def test_search_never_reaches_past_what_the_user_sees(client, partner):
    mine = ProjectFactory(title="Forage partagé")
    MembershipFactory(project=mine, user=partner)
    ProjectFactory(title="Forage confidentiel")
    client.force_login(partner)
    assert ids(client.get("/api/projects", {"search": "forage"})) == [mine.pk]
    assert ids(client.get("/api/projects", {"search": "confidentiel"})) == []


def test_the_schema_documents_search_on_searchable_lists(client, officer):
    client.force_login(officer)
    schema = client.get("/api/openapi.json").json()
    for path in ("/api/projects", "/api/organisations"):
        parameters = schema["paths"][path]["get"]["parameters"]
        assert "search" in {p["name"] for p in parameters}, path
    detail = schema["paths"]["/api/projects/{id}"]["get"].get("parameters", [])
    assert "search" not in {p["name"] for p in detail}


def test_every_api_list_answers_a_search(client, officer):
    # A list whose model is not indexed but whose queryset can search (grants, budget
    # lines…) answers with what the index holds of it: nothing, never an error.
    from tests.generic.entities import ENTITIES

    client.force_login(officer)
    for entity in ENTITIES:
        if entity.api:
            response = client.get(entity.api_path(), {"search": "eau"})
            assert response.status_code == 200, (entity.api, response.content[:300])
