"""The plan's pages and the API make as many queries with many funders and lines as with
few: the check reads every instrument's rules in one query (none on a list, where they
come with the lines)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from maillage.accounts.models import Role
from maillage.funding.models import LineKind
from maillage.projects.models import ProjectLocation
from tests.factories import OrganisationFactory, ProjectPartnerFactory, UserFactory
from tests.funding.factories_plans import (
    FinancingLineFactory,
    FinancingPlanFactory,
    InstrumentFactory,
)
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = FinancingPlanFactory(total_budget=Decimal("1000000"))
    ProjectLocation.objects.create(project=plan.project, name="Oujda", country="MA")
    return plan


def _grow(plan):
    def grow(n):
        for _ in range(n):
            # Each funder its own donor and rules, checked on the countries too.
            instrument = InstrumentFactory(max_share_percent=5, eligible_countries=["SN"])
            FinancingLineFactory(plan=plan, instrument=instrument, amount=Decimal("1000"))
            partner = ProjectPartnerFactory(project=plan.project).organisation
            FinancingLineFactory(
                plan=plan,
                kind=LineKind.PARTNER_IN_KIND,
                instrument=None,
                organisation=partner,
                amount=Decimal("500"),
            )

    return grow


@pytest.mark.parametrize(
    "url",
    [
        "funding:financingplan_detail",
        "funding:financingplan_lines",
        "funding:project_financing",
        "api-detail",
    ],
)
def test_the_plan_pages_do_not_grow_with_the_funders(client, plan, url):
    client.force_login(UserFactory(role=Role.OFFICER))
    if url == "api-detail":
        path = f"/api/financing-plans/{plan.pk}"
    elif url == "funding:project_financing":
        path = reverse(url, args=[plan.project_id])
    else:
        path = reverse(url, args=[plan.pk])
    assert_constant_queries(client, path, grow=_grow(plan), rows=(2, 7))


def test_the_api_list_does_not_grow_with_the_funders_of_each_plan(client, plan):
    other = FinancingPlanFactory()
    client.force_login(UserFactory(role=Role.OFFICER))

    def grow(n):
        _grow(plan)(n)
        _grow(other)(n)
        FinancingPlanFactory(applicant=OrganisationFactory())

    assert_constant_queries(client, "/api/financing-plans", grow=grow, rows=(2, 7))
