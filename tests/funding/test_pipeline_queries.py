"""Must show 4: the pipeline board's and the API lists' query counts do not grow with the
number of applications and funders; partners see none of it."""

import pytest
from django.urls import reverse

from tests.funding.factories_calls import (
    ApplicationFactory,
    ChecklistItemFactory,
    GrantFactory,
    ReportingObligationFactory,
    TrancheFactory,
)
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


def _applications(n, owner):
    # Each with its own call, instrument and donor (a funder more each time).
    for _ in range(n):
        application = ApplicationFactory(owner=owner)
        ChecklistItemFactory(application=application)


def _grants(n):
    for _ in range(n):
        grant = GrantFactory()
        TrancheFactory(grant=grant, awaits=ReportingObligationFactory(grant=grant))


def test_the_board_makes_as_many_queries_with_many_applications(client, officer):
    client.force_login(officer)
    assert_constant_queries(
        client,
        reverse("funding:application_board"),
        grow=lambda n: _applications(n, officer),
    )


@pytest.mark.parametrize("url", ["/api/applications", "/api/calls"])
def test_the_api_lists_make_as_many_queries_with_many_applications(client, officer, url):
    client.force_login(officer)
    assert_constant_queries(client, url, grow=lambda n: _applications(n, officer))


def test_the_grants_list_makes_as_many_queries_with_many_grants(client, officer):
    client.force_login(officer)
    assert_constant_queries(client, "/api/grants", grow=_grants)


def test_the_success_figures_make_as_many_queries_with_many_funders(client, officer):
    client.force_login(officer)
    assert_constant_queries(
        client, reverse("funding:success_figures"), grow=lambda n: _applications(n, officer)
    )


def test_partners_see_none_of_the_pipeline(client, partner):
    application = ApplicationFactory(idea_title="Idée confidentielle")
    client.force_login(partner)
    assert client.get(reverse("funding:application_board")).status_code == 403
    assert client.get(reverse("funding:success_figures")).status_code == 403
    listing = client.get(reverse("funding:application_list")).content.decode()
    assert "Idée confidentielle" not in listing
    detail = reverse("funding:application_detail", args=[application.pk])
    assert client.get(detail).status_code == 404
    assert client.get("/api/applications").json()["count"] == 0
