"""A NUL character in any input is refused with a clear 400, on SQLite and PostgreSQL
alike (PostgreSQL cannot store one; a query with one used to end as a server error)."""

import pytest

from maillage.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_nul_in_a_filter_is_a_400_with_a_message(client, officer):
    client.force_login(officer)
    response = client.get("/actors/organisations/", {"q": "abc\x00"})
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_a_nul_in_the_login_form_is_refused_before_any_query(client):
    response = client.post(
        "/accounts/login/",
        "username=camille%00&password=x",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400


def test_a_nul_in_a_json_body_is_refused(client):
    UserFactory(username="camille")
    response = client.post(
        "/api/auth/token",
        '{"username": "camille\\u0000", "password": "x"}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert User.objects.filter(username="camille").exists()


def test_ordinary_input_still_goes_through(client, officer):
    client.force_login(officer)
    assert client.get("/actors/organisations/", {"q": "région"}).status_code == 200
