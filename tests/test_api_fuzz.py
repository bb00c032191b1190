"""The whole API fuzzed from its own OpenAPI document: no server error, no response that
breaks the schema, for every operation, as an administrator, an officer and a partner.

The document is for signed-in users only (`/api/openapi.json` answers 401 to anyone
else), so it is built here by drf-spectacular's generator, as the view builds it; the
calls go through the WSGI application with each role's Bearer token.
"""

import json

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.db import transaction
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from maillage.accounts.models import Role
from tests.factories import (
    ActivityFactory,
    FieldUpdateFactory,
    GroupFactory,
    InteractionFactory,
    MembershipFactory,
    MilestoneFactory,
    PersonFactory,
    ProgrammeFactory,
    ProjectPartnerFactory,
    RiskFactory,
    StrategyFactory,
    TaskFactory,
    UserFactory,
    api_token,
)


def openapi_document() -> dict:
    """What a signed-in user gets from /api/openapi.json."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(document))


schema = schemathesis.openapi.from_dict(openapi_document())
schema.app = get_wsgi_application()
# Property-based generation only: the exhaustive "coverage" phase multiplies the cases
# past what a suite run twice per push can afford.
schema.config.phases.update(phases=["examples", "fuzzing"])

# Generated requests per operation, each sent as a partner, an officer and an
# administrator (24 calls per operation; 6 calls, as an administrator only, before). About
# 60 s for the file on SQLite, most of it generating the requests.
EXAMPLES = 8
ROLES = (Role.PARTNER, Role.OFFICER, Role.ADMIN)


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


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """A Bearer key per role, and one record of each resource on the partner's project,
    so that detail, update and delete operations meet real rows. Made once for the
    module, in a transaction rolled back at its end; each test's own writes are rolled
    back after it, as usual."""
    from tests.partnerships.factories import (
        AgreementFactory,
        CommitmentFactory,
        PartnershipFactory,
    )

    with django_db_blocker.unblock(), transaction.atomic():
        shared = ProjectPartnerFactory()
        ProjectPartnerFactory()
        project = shared.project
        activity = ActivityFactory(project=project)
        agreement = AgreementFactory(projects=[project])
        ids = {
            "projects": project.pk,
            "organisations": shared.organisation.pk,
            "activities": activity.pk,
            "tasks": TaskFactory(parent=activity).pk,
            "milestones": MilestoneFactory(project=project).pk,
            "risks": RiskFactory(project=project).pk,
            # With an author, as every update written through the pages or the API: one
            # without (author null) breaks the document, which declares an integer.
            "updates": FieldUpdateFactory(project=project, author=UserFactory()).pk,
            "people": PersonFactory().pk,
            "interactions": InteractionFactory(project=project).pk,
            "groups": GroupFactory().pk,
            "programmes": ProgrammeFactory().pk,
            "strategies": StrategyFactory().pk,
            "partnerships": PartnershipFactory().pk,
            "agreements": agreement.pk,
            "commitments": CommitmentFactory(agreement=agreement, project=project).pk,
        }
        # Funding: calls, applications and grants (F2 funding).
        from tests.funding.factories_calls import ApplicationFactory, GrantFactory

        application = ApplicationFactory(project=project)
        ids |= {  # F2 funding
            "calls": application.call.pk,
            "applications": application.pk,
            "grants": GrantFactory(application__project=project, agreement=agreement).pk,
        }
        # Funding: donors, instruments and a plan (F1 funding).
        from tests.funding.factories_plans import FinancingLineFactory, FinancingPlanFactory

        line = FinancingLineFactory(plan=FinancingPlanFactory(project=project))  # F1 funding
        ids |= {  # F1 funding
            "donors": line.instrument.donor.pk,
            "instruments": line.instrument.pk,
            "financing-plans": line.plan.pk,
        }
        tokens = {}
        for role in ROLES:
            user = UserFactory(username=f"fuzzer-{role}", role=role)
            if role == Role.PARTNER:
                MembershipFactory(project=project, user=user)
            tokens[role] = api_token(user)
        yield {"tokens": tokens, "ids": ids}
        transaction.set_rollback(True)


def meet_a_real_row(case, ids):
    """About half the generated ids (the even ones) become the id of a real record."""
    segment = case.path.split("/")[2]
    value = (case.path_parameters or {}).get("id")
    if isinstance(value, int) and value % 2 == 0 and segment in ids:
        case.path_parameters["id"] = ids[segment]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
@pytest.mark.django_db
def test_the_api_answers_every_generated_request_without_error(case, world):
    meet_a_real_row(case, world["ids"])
    for role in ROLES:
        try:
            case.call_and_validate(
                headers={"Authorization": f"Bearer {world['tokens'][role]}"},
                checks=[not_a_server_error, response_schema_conformance],
            )
        except Exception as failure:
            failure.add_note(f"Sent with the token of a user whose role is {role}.")
            raise
