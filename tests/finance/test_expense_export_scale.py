"""The expense list's export reads only what its columns show (`ExpenseViews.
export_fields`): the same rows as from whole records, hidden records hidden, and as
many queries for 12 expenses as for 2."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.http import QueryDict

from maillage.accounts.models import Role
from maillage.core.crud import CrudViews
from maillage.finance.models import Expense
from maillage.finance.views.expenses import ExpenseViews
from tests.factories import MembershipFactory, OrganisationFactory, ProjectFactory, UserFactory
from tests.finance.factories_expenses import budget_line, expense
from tests.querycount import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    partner = UserFactory(username="oujda", role=Role.PARTNER)
    officer = UserFactory(username="youssef", role=Role.OFFICER)
    project = ProjectFactory(code="LIL-OUJ", country="MA")
    MembershipFactory(project=project, user=partner)
    line = budget_line(project, code="DEP-MIS", currency="MAD")
    # A payee the partner does not see: named for the officer only.
    payee = OrganisationFactory(name="Hôtel Atlas", acronym="HA")
    for n in range(2):
        expense(project, line=line, by=partner, currency="MAD", payee=payee,
                amount=Decimal("100.50") + n)  # fmt: skip
    return partner, officer, project, line, payee


def _rows(user, whole: bool = False):
    qs, _filterset = ExpenseViews.filtered_queryset(user, QueryDict(""))
    if whole:  # the kit's own: every column of every record
        _headers, rows = CrudViews.export_rows.__func__(ExpenseViews, qs, user)
    else:
        _headers, rows = ExpenseViews.export_rows(qs, user)
    return list(rows)


@pytest.mark.parametrize("who", ["partner", "officer"])
def test_the_export_shows_what_whole_records_show(people, who):
    partner, officer, _project, _line, _payee = people
    user = partner if who == "partner" else officer
    rows = _rows(user)
    assert rows == _rows(user, whole=True)
    assert len(rows) == 2 and rows[0][2] == "LIL-OUJ — " + rows[0][2].split(" — ", 1)[1]
    assert rows[0][3].startswith("DEP-MIS")
    assert (rows[0][4] == "Hôtel Atlas (HA)") is (who == "officer")


@pytest.mark.parametrize("who", ["partner", "officer"])
def test_the_export_makes_as_many_queries_for_12_expenses_as_for_2(people, who):
    partner, officer, project, line, payee = people
    user = partner if who == "partner" else officer
    few, _sql, rows = count_queries(lambda: _rows(user))
    for n in range(10):
        expense(project, line=line, by=partner, currency="MAD", payee=payee,
                amount=Decimal("10.00") + n)  # fmt: skip
    many, sql, rows = count_queries(lambda: _rows(user))
    assert len(rows) == 12 == Expense.objects.count()
    assert many == few, sql
