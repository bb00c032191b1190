"""The REST API base: tokens, Bearer authentication, OpenAPI, paging, filters, writes."""

import pytest

from maillage.projects.models import Project
from tests.factories import PASSWORD, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


def token_for(client, username, password=PASSWORD):
    return client.post(
        "/api/auth/token",
        {"username": username, "password": password},
        content_type="application/json",
    )


def test_a_token_is_given_for_a_right_password_and_works_as_bearer(client):
    UserFactory(username="camille")
    ProjectFactory(code="P-1")
    response = token_for(client, "camille")
    assert response.status_code == 200
    token = response.json()["token"]
    listing = client.get("/api/projects", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert listing.status_code == 200
    assert [p["code"] for p in listing.json()["results"]] == ["P-1"]


@pytest.mark.parametrize(("username", "password"), [("camille", "wrong"), ("nobody", "x")])
def test_a_wrong_password_or_unknown_user_gets_no_token(client, username, password):
    UserFactory(username="camille")
    response = token_for(client, username, password)
    assert response.status_code == 401
    assert "token" not in response.json()


def test_a_malformed_token_request_is_a_400(client):
    response = client.post("/api/auth/token", "[1, 2]", content_type="application/json")
    assert response.status_code == 400
    response = client.post("/api/auth/token", "{not json", content_type="application/json")
    assert response.status_code == 400


def test_a_wrong_bearer_token_is_refused(client):
    response = client.get("/api/projects", HTTP_AUTHORIZATION="Bearer 0123456789abcdef")
    assert response.status_code == 401


def test_the_openapi_document_lists_the_resources(client, viewer):
    client.force_login(viewer)
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/projects" in paths and "/api/organisations/{id}" in paths
    assert "/api/auth/token" in paths


def test_the_interactive_docs_load_locally(client, viewer):
    client.force_login(viewer)
    response = client.get("/api/docs")
    assert response.status_code == 200
    body = response.content.decode()
    assert "swagger-ui" in body and "cdn" not in body.lower()


def test_the_api_pages_and_filters(client, officer):
    for i in range(7):
        ProjectFactory(code=f"P-{i}", country="SN" if i % 2 else "MA")
    client.force_login(officer)
    page = client.get("/api/projects", {"page_size": 3, "ordering": "code"}).json()
    assert page["count"] == 7 and len(page["results"]) == 3 and page["next"]
    senegal = client.get("/api/projects", {"country": "SN"}).json()
    assert {p["code"] for p in senegal["results"]} == {"P-1", "P-3", "P-5"}


def test_an_officer_creates_and_updates_through_the_api_with_validation(client, officer):
    client.force_login(officer)
    response = client.post(
        "/api/projects",
        {
            "code": "API-1",
            "title": "Par l'API",
            "country": "MA",
            "start_on": "2026-02-01",
            "end_on": "2026-01-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 400 and "end_on" in response.json()
    response = client.post(
        "/api/projects",
        {"code": "API-1", "title": "Par l'API", "country": "MA"},
        content_type="application/json",
    )
    assert response.status_code == 201
    project = Project.objects.get(code="API-1")
    assert project.history.count() == 1
    response = client.patch(
        f"/api/projects/{project.pk}", {"status": "in_progress"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert project.history.count() == 2


def test_me_tells_who_is_signed_in(client, partner):
    client.force_login(partner)
    assert client.get("/api/me").json()["role"] == "partner"


def test_a_time_of_day_is_described_as_what_is_sent_not_as_an_rfc_3339_time(client, officer):
    # JSON Schema's `time` format requires an offset ("09:00:00+01:00"); the API sends
    # and takes wall-clock times ("09:00:00"), so the schema gives their pattern instead.
    import json
    import re

    client.force_login(officer)
    schema = client.get("/api/openapi.json").json()
    assert '"format": "time"' not in json.dumps(schema)
    user = schema["components"]["schemas"]["User"]["properties"]["working_hours_start"]
    me = client.get("/api/me").json()
    assert re.fullmatch(user["pattern"], me["working_hours_start"]), me
    leg = schema["components"]["schemas"]["ItineraryLeg"]["properties"]["departure_time"]
    assert "pattern" in leg
