"""The whole API fuzzed from its own OpenAPI document: no server error, no response that
breaks the schema, for every operation."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from maillage.accounts.models import Role
from tests.factories import OrganisationFactory, ProjectPartnerFactory, UserFactory

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
# Property-based generation only: the exhaustive "coverage" phase multiplies the cases
# past what a suite run twice per push can afford.
schema.config.phases.update(phases=["examples", "fuzzing"])


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    # Like Django's test client: the WSGI app must not close the test's database
    # connection at the end of each request (it would drop the test transaction).
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(db):
    # A few records so that detail, update and delete operations meet real rows.
    for _ in range(2):
        ProjectPartnerFactory()
    OrganisationFactory()
    user = UserFactory(username="fuzzer", role=Role.ADMIN)
    return Token.objects.create(user=user).key


@schema.parametrize()
@settings(
    max_examples=6,
    derandomize=True,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
@pytest.mark.django_db
def test_the_api_answers_every_generated_request_without_error(case, token):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
