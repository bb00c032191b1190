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


def test_every_api_list_searches_when_its_records_are_indexed_and_refuses_otherwise(
    client, officer
):
    # A list whose records are not in the search index (grants, budget lines, leaves…)
    # answers 400 naming `search`: an empty list would read as "nothing matches". The
    # schema documents the parameter on exactly the lists that take it.
    from maillage.core.models import SearchableModel
    from tests.generic.entities import ENTITIES

    client.force_login(officer)
    schema = client.get("/api/openapi.json").json()
    refused = answered = 0
    for entity in ENTITIES:
        if not entity.api:
            continue
        path = entity.api_path()
        response = client.get(path, {"search": "eau"})
        documented = {p["name"] for p in schema["paths"][path.split("?")[0]]["get"]["parameters"]}
        if issubclass(entity.model_class, SearchableModel):
            assert response.status_code == 200, (entity.api, response.content[:300])
            assert "search" in documented, path
            answered += 1
        else:
            assert response.status_code == 400, (entity.api, response.content[:300])
            assert "search" in response.json(), response.json()
            assert "search" not in documented, path
            refused += 1
        # Blank words are no search: every list answers them.
        assert client.get(path, {"search": "  "}).status_code == 200, entity.api
    assert answered >= 10
    assert refused >= 5


def test_a_refused_search_is_said_in_french_by_default(client, officer):
    from tests.funding.factories_calls import GrantFactory

    grant = GrantFactory()
    client.force_login(officer)
    response = client.get("/api/grants", {"search": "eau"})
    assert response.status_code == 400
    assert "ne peut pas" in response.json()["search"][0]
    # A record's own URL is not a list: the parameter is not refused there.
    assert client.get(f"/api/grants/{grant.pk}", {"search": "eau"}).status_code == 200


def test_a_searched_count_counts_only_what_the_user_sees(client, partner, monkeypatch):
    """The count of a search stops at the cap (core.pagination) and is read from the
    index's matches on SQLite (core.search.count_matching): only the partner's own
    projects are counted, however many others match."""
    from maillage.core import pagination

    monkeypatch.setattr(pagination, "SEARCH_COUNT_CAP", 3)
    for i in range(6):
        project = ProjectFactory(title=f"Forage {i}")
        if i < 2:
            MembershipFactory(project=project, user=partner)
    client.force_login(partner)
    body = client.get("/api/projects", {"search": "forage"}).json()
    assert (body["count"], body["count_capped"], len(body["results"])) == (2, False, 2)


@pytest.mark.parametrize("ordering", ["code", "-end_on"])
def test_a_capped_search_pages_only_what_the_user_sees(client, partner, monkeypatch, ordering):
    """Past the cap, a list's pages are read in other ways (core.search.capped_pages: the
    sort's index walked with each row tested, or the rows of the list's other conditions
    tested against the matches): every row of every page is still the partner's, in the
    list's order."""
    import datetime as dt

    from maillage.core import pagination

    monkeypatch.setattr(pagination, "SEARCH_COUNT_CAP", 3)
    mine = []
    for i in range(10):
        project = ProjectFactory(
            code=f"F-{i:02d}", title=f"Forage {i}", end_on=dt.date(2030, 1, 1) - dt.timedelta(i)
        )
        if i % 2:
            MembershipFactory(project=project, user=partner)
            mine.append(project.pk)
    client.force_login(partner)
    seen = []
    for page in (1, 2, 3):
        body = client.get(
            "/api/projects",
            {"search": "forage", "ordering": ordering, "page_size": 1, "page": page},
        ).json()
        assert (body["count"], body["count_capped"]) == (3, True)
        seen += [row["id"] for row in body["results"]]
    # Codes ascending and end dates descending give the same order: F-01, F-03, F-05.
    assert seen == mine[:3]
