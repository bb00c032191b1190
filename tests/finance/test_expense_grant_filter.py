"""The expense list of a grant (`?grant=`, the link of a grant's page): its expenses,
each once, for the officer and for a partner of the project, on both databases; read
from the grant's charges first (`core.filters.among`)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from maillage.accounts.models import Role
from maillage.finance.models import ExpenseCharge
from tests.factories import MembershipFactory, ProjectFactory, UserFactory
from tests.finance.factories_expenses import budget_line, expense
from tests.funding.factories_calls import GrantFactory
from tests.partnerships.factories import AgreementFactory
from tests.querycount import count_queries

pytestmark = pytest.mark.django_db


def _grant_line(project, grant):
    return budget_line(project, grant=grant, grant_share=Decimal("6000.00"))


def test_the_list_of_a_grant_holds_its_expenses_once_for_officer_and_partner(client):
    project = ProjectFactory()
    grant = GrantFactory(
        agreement=AgreementFactory(projects=[project]), application__project=project
    )
    other = GrantFactory(
        agreement=AgreementFactory(projects=[project]), application__project=project
    )
    line, elsewhere = _grant_line(project, grant), _grant_line(project, other)
    charged = [expense(project, line=line, spent_on=dt.date(2026, 3, day)) for day in (2, 9, 16)]
    expense(project, line=elsewhere)
    # One expense with two shares of the grant: listed once.
    twice = charged[0]
    share = twice.charges.get(grant=grant)
    ExpenseCharge.objects.filter(pk=share.pk).update(amount=share.amount / 2)
    ExpenseCharge.objects.create(expense=twice, grant=grant, amount=share.amount / 2)
    expected = [e.reference for e in sorted(charged, key=lambda e: e.spent_on, reverse=True)]

    partner = UserFactory(role=Role.PARTNER)
    MembershipFactory(project=project, user=partner)
    for user in (UserFactory(role=Role.OFFICER), partner):
        client.force_login(user)
        response = client.get(reverse("finance:expense_list"), {"grant": grant.pk})
        page = response.context["page"]
        assert [e.reference for e in page.object_list] == expected
        assert page.paginator.count == 3
        api = client.get("/api/expenses", {"grant": grant.pk}).json()
        assert [row["reference"] for row in api["results"]] == expected

    # A partner of another project: none of them.
    stranger = UserFactory(role=Role.PARTNER)
    MembershipFactory(project=ProjectFactory(), user=stranger)
    client.force_login(stranger)
    response = client.get(reverse("finance:expense_list"), {"grant": grant.pk})
    assert list(response.context["page"].object_list) == []


def test_a_grants_expenses_are_read_from_its_charges_first():
    """PostgreSQL is given the grant's charges as an array: estimating a partner's
    expenses of a grant at a tenth of their number, it walked the date index through
    335,000 expenses for 25 at national scale."""
    from maillage.finance.filters.expenses import ExpenseFilterSet
    from maillage.finance.models import Expense

    project = ProjectFactory()
    grant = GrantFactory(
        agreement=AgreementFactory(projects=[project]), application__project=project
    )
    expense(project, line=_grant_line(project, grant))
    rows = ExpenseFilterSet({"grant": grant.pk}, queryset=Expense.objects.all()).qs
    _n, sql, found = count_queries(lambda: list(rows))
    assert len(found) == 1
    if connection.vendor == "postgresql":
        assert "= ANY(ARRAY(SELECT" in sql[0], sql[0]
    else:
        assert '"finance_expense"."id" IN (SELECT' in sql[0], sql[0]
