"""An import of many expenses asks the database each question of the rules once
(`ExpenseService.reading_once`), with the verdicts, messages and splits of one expense
checked alone; the rows written are checked against the database as it is then."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override

from maillage.accounts.models import Role
from maillage.core.imports import ImportAborted, build_preview, commit, read_table
from maillage.core.imports.mapping import auto_mapping
from maillage.core.imports.preview import sheet_headers
from maillage.core.services import RowErrors
from maillage.finance.imports_expenses import ExpenseImporter
from maillage.finance.models import Expense, ExpenseCharge
from maillage.finance.services.expenses import ExpenseService, charges_from_line
from maillage.projects.models import ProjectMembership
from tests.factories import MembershipFactory, ProjectFactory, UserFactory
from tests.finance.factories_expenses import budget_line
from tests.funding.factories_calls import GrantFactory
from tests.querycount import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    partner = UserFactory(username="oujda", role=Role.PARTNER)
    project = ProjectFactory(code="LIL-OUJ", country="MA")
    MembershipFactory(project=project, user=partner)
    grant = GrantFactory(
        application__project=project, start_on=dt.date(2026, 1, 1), end_on=dt.date(2027, 12, 31)
    )
    lines = [
        budget_line(project, code="L1", currency="MAD", grant=grant, grant_share=Decimal("3000")),
        budget_line(project, code="L2", grant=grant, grant_share=Decimal("2500")),
    ]
    return partner, project, lines


def _file(rows: int) -> bytes:
    text = ["Projet;Date;Ligne;Bénéficiaire;Libellé;Montant"]
    text += [
        f"LIL-OUJ;{1 + n % 28:02d}/03/2026;L{1 + n % 2};Taxi;Course {n};{10 + n},35"
        for n in range(rows)
    ]
    return ("\n".join(text) + "\n").encode()


def _preview(rows: int, user):
    sheet = read_table(io.BytesIO(_file(rows)))
    importer = ExpenseImporter(user)
    mapping = auto_mapping(sheet_headers(sheet, 0), ExpenseImporter)
    return importer, (lambda: build_preview(importer, sheet, mapping))


def test_the_preview_asks_the_same_queries_for_5_rows_as_for_40(setup):
    partner, _project, _lines = setup
    few, _sql, preview = count_queries(_preview(5, partner)[1])
    many, sql, preview = count_queries(_preview(40, partner)[1])
    assert preview.is_clean, [str(i) for i in preview.issues()]
    assert many == few, sql


def test_an_imported_expense_has_the_splits_and_reference_of_one_entered_alone(setup):
    partner, project, _lines = setup
    importer, build = _preview(30, partner)
    outcomes = commit(importer, build())
    assert [o.action for o in outcomes] == ["created"] * 30
    made = Expense.objects.filter(project=project).order_by("reference")
    assert [e.reference for e in made][:2] == ["DEP-2026-0001", "DEP-2026-0002"]
    for expense in made:
        charges = ExpenseCharge.objects.filter(expense=expense).order_by("pk")
        alone = charges_from_line(expense)  # no memo: the queries of one expense
        assert [(c.donor_id, c.grant_id, c.amount) for c in charges] == [
            (getattr(r["donor"], "pk", None), getattr(r["grant"], "pk", None), r["amount"])
            for r in alone
        ]


def test_the_rows_written_are_checked_against_the_database_as_it_is_then(setup):
    partner, project, _lines = setup
    importer, build = _preview(3, partner)
    preview = build()
    assert preview.is_clean
    # Between the preview and the writing, the partner leaves the project.
    ProjectMembership.objects.filter(project=project, user=partner).delete()
    with override("en"), pytest.raises(ImportAborted, match="You may not write on this project"):
        commit(importer, preview)
    assert not Expense.objects.exists()


def test_many_expenses_at_once_are_refused_with_the_messages_of_one(setup):
    partner, project, lines = setup
    elsewhere = budget_line(ProjectFactory(code="SAHEL"), code="L1")

    def build(line, payee_id=None):
        return Expense(
            project=project,
            budget_line=line,
            spent_on=dt.date(2026, 3, 12),
            description="Course",
            amount=Decimal("12.00"),
            currency=line.currency,
            payee_id=payee_id,
        )

    rows = [build(lines[1]), build(elsewhere), build(lines[1], payee_id=987654), build(lines[1])]
    with pytest.raises(RowErrors) as refused:
        ExpenseService.create_many(rows, by=partner)
    assert sorted(refused.value.errors) == [1, 2]
    one = build(elsewhere)
    with pytest.raises(ValidationError) as alone:
        ExpenseService.prepare(one, by=partner, before=None)
        ExpenseService.clean(one, by=partner, before=None, related={})
    assert refused.value.errors[1].message_dict == alone.value.message_dict
    assert "payee" in refused.value.errors[2].message_dict  # the missing organisation
    assert not Expense.objects.exists()
