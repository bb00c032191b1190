"""The permission matrix's rows for expenses and their receipts (tests/test_permission_matrix.py).

Partners enter expenses on their projects: they open the create page (its form offers
only their projects) and the import, edit and delete only their own drafts, submit them,
and never validate, return or reverse (403); they see nothing of another project (404).
Officers validate, return and reverse; the validation queue is theirs.
"""

from __future__ import annotations

from typing import Any

from tests.permissions import (
    API_HIDDEN,
    API_LIST,
    API_SHARED,
    HIDDEN,
    SHARED,
    WRITE_HIDDEN,
    WRITE_SHARED,
    Rule,
    crud,
    expect,
)

_CREATE = expect(outsider=200, partner=200, viewer=403)
_OWN = expect(outsider=404, viewer=403)  # the partner's own draft: it edits it
_REVIEW = expect(outsider=404, partner=403, viewer=403)  # officers decide
_REVIEW_HIDDEN = expect(outsider=404, partner=404, viewer=403)
_REVIEW_POST = expect(outsider=404, partner=403, viewer=403, officer=302, admin=302)
_STAFF_PAGE = expect(outsider=403, partner=403, viewer=403)
_API = "/api/expenses"

RULES: list[Rule] = [
    *crud("finance", "expense", "expense_shared", "expense_other", create=_CREATE),
    Rule("finance:expense_update", _OWN, ("expense_partner",)),
    Rule("finance:expense_delete", _OWN, ("expense_partner",)),
    Rule("finance:expense_queue", _STAFF_PAGE),
    # The status form: the partner submits its own draft, officers decide.
    Rule("finance:expense_move", _REVIEW, ("expense_submitted",)),
    Rule("finance:expense_move", _REVIEW_HIDDEN, ("expense_other",)),
    Rule("finance:expense_move", _OWN, ("expense_partner",)),
    Rule(
        "finance:expense_move",
        _REVIEW_POST,
        ("expense_submitted",),
        method="post",
        data={"status": "validated"},
    ),
    Rule(
        "finance:expense_move",
        expect(outsider=404, partner=302, viewer=403, officer=302, admin=302),
        ("expense_partner",),
        method="post",
        data={"status": "submitted"},
    ),
    Rule("finance:expense_reverse", _REVIEW_POST, ("expense_validated",), method="post"),
    Rule(
        "finance:expense_reverse",
        expect(outsider=404, partner=404, viewer=403, officer=302, admin=302),
        ("expense_other_validated",),
        method="post",
    ),
    Rule("finance:expense_charges", _REVIEW, ("expense_shared",)),
    Rule("finance:expense_charges", _REVIEW_HIDDEN, ("expense_other",)),
    # Receipts: on an expense that may still change, by who may change it.
    Rule("finance:receipt_add", WRITE_SHARED, ("expense_shared",)),
    Rule("finance:receipt_add", _OWN, ("expense_partner",)),
    Rule("finance:receipt_add", WRITE_HIDDEN, ("expense_other",)),
    Rule("finance:receipt_update", WRITE_SHARED, ("expense_shared", "receipt_shared")),
    Rule("finance:receipt_update", WRITE_HIDDEN, ("expense_other", "receipt_other")),
    Rule(
        "finance:receipt_delete",
        expect(outsider=404, partner=403, viewer=403, officer=302, admin=302),
        ("expense_shared", "receipt_shared"),
        method="post",
    ),
    Rule(
        "finance:receipt_delete",
        expect(outsider=404, partner=302, viewer=403, officer=302, admin=302),
        ("expense_partner", "receipt_partner"),
        method="post",
    ),
    Rule("finance:receipt_download", SHARED, ("expense_shared", "receipt_shared")),
    Rule("finance:receipt_download", HIDDEN, ("expense_other", "receipt_other")),
    Rule("finance:expense_import", _CREATE),
    # An upload in progress belongs to the officer who made it, and to no one else.
    Rule(
        "finance:expense_import_mapping",
        expect(outsider=404, partner=404, viewer=403, admin=404, officer=200),
        ("expense_import",),
        allowed=frozenset({200}),
    ),
    Rule(
        "finance:expense_import_preview",
        expect(outsider=404, partner=404, viewer=403, admin=404, officer=302),
        ("expense_import",),
        allowed=frozenset({200}),
    ),
    # /api/expenses: declared here, not in API_RESOURCES, because partners write.
    Rule("expense-list", API_LIST, path=_API),
    Rule(
        "expense-list",
        expect(anonymous=401, outsider=400, partner=400, viewer=403, officer=400, admin=400),
        method="post",
        path=_API,
    ),
    Rule("expense-detail", API_SHARED, ("expense_shared",), path=_API + "/{expense_shared}"),
    Rule("expense-detail", API_HIDDEN, ("expense_other",), path=_API + "/{expense_other}"),
    Rule(
        "expense-detail",
        expect(anonymous=401, outsider=404, partner=403, viewer=403, officer=200, admin=200),
        ("expense_shared",),
        method="patch",
        path=_API + "/{expense_shared}",
        data={"description": "Corrigé"},
    ),
    Rule(
        "expense-detail",
        expect(anonymous=401, outsider=404, partner=200, viewer=403, officer=200, admin=200),
        ("expense_partner",),
        method="patch",
        path=_API + "/{expense_partner}",
        data={"description": "Corrigé"},
    ),
    Rule(
        "expense-detail",
        expect(anonymous=401, outsider=404, partner=404, viewer=403, officer=204, admin=204),
        ("expense_other",),
        method="delete",
        path=_API + "/{expense_other}",
    ),
    Rule(
        "expense-submit",
        expect(anonymous=401, outsider=404, partner=200, viewer=403, officer=200, admin=200),
        ("expense_partner",),
        method="post",
        path=_API + "/{expense_partner}/submit",
    ),
    Rule(
        "expense-validate",
        expect(anonymous=401, outsider=404, partner=403, viewer=403, officer=200, admin=200),
        ("expense_submitted",),
        method="post",
        path=_API + "/{expense_submitted}/validate",
    ),
    Rule(
        "expense-return",
        expect(anonymous=401, outsider=404, partner=403, viewer=403, officer=200, admin=200),
        ("expense_submitted",),
        method="post",
        path=_API + "/{expense_submitted}/return",
        data={"comment": "Pièce illisible"},
    ),
    Rule(
        "expense-reverse",
        expect(anonymous=401, outsider=404, partner=403, viewer=403, officer=201, admin=201),
        ("expense_validated",),
        method="post",
        path=_API + "/{expense_validated}/reverse",
    ),
    Rule(
        "expense-receipts",
        expect(anonymous=401, outsider=404, partner=403, viewer=403, officer=400, admin=400),
        ("expense_shared",),
        method="post",
        path=_API + "/{expense_shared}/receipts",
    ),
]

API_RESOURCES: dict[str, tuple[str, str | None, str]] = {}


def extend_world(world: dict[str, Any]) -> dict[str, Any]:
    """Expenses on both sides (the officer's, the partner's own draft, one submitted, one
    validated), their receipts, and an import in progress."""
    from django.core.files.base import ContentFile

    from maillage.core.models_imports import ImportSession
    from maillage.finance.models import ExpenseStatus
    from maillage.projects.models import Project
    from tests.finance.factories_expenses import budget_line, expense

    users = world["users"]
    shared = Project.objects.get(pk=world["project_shared"])
    other = Project.objects.get(pk=world["project_other"])
    line_shared, line_other = budget_line(shared), budget_line(other)
    officer = users["officer"]
    expense_shared = expense(shared, line=line_shared, by=officer, receipt=True)
    expense_partner = expense(shared, line=line_shared, by=users["partner"], receipt=True)
    expense_other = expense(other, line=line_other, by=officer, receipt=True)
    session = ImportSession.objects.create(
        importer="expenses", original_name="depenses.csv", file_format="csv", created_by=officer
    )
    session.file.save("depenses.csv", ContentFile(b"projet;montant\nSHARED;12,50\n"))
    return {
        "expense_shared": expense_shared.pk,
        "expense_partner": expense_partner.pk,
        "expense_other": expense_other.pk,
        "expense_submitted": expense(
            shared, line=line_shared, by=users["partner"], status=ExpenseStatus.SUBMITTED
        ).pk,
        "expense_validated": expense(
            shared, line=line_shared, by=officer, status=ExpenseStatus.VALIDATED
        ).pk,
        "expense_other_validated": expense(
            other, line=line_other, by=officer, status=ExpenseStatus.VALIDATED
        ).pk,
        "receipt_shared": expense_shared.receipts.get().pk,
        "receipt_partner": expense_partner.receipts.get().pk,
        "receipt_other": expense_other.receipts.get().pk,
        "expense_import": session.pk,
    }
