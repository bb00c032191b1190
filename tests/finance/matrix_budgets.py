"""Rows of the permission matrix for budgets and exchange rates (E1). Partners read the
budgets of their projects (never change them); exchange and contractual rates are the
staff's reference data: a partner's list is empty, every record a 404."""

from __future__ import annotations

from typing import Any

from tests.permissions import (
    HIDDEN,
    SHARED,
    WRITE,
    WRITE_HIDDEN,
    WRITE_SHARED,
    Rule,
    crud,
    expect,
)

ACT_SHARED = expect(outsider=404, partner=403, viewer=403, officer=302, admin=302)
ACT_HIDDEN = expect(outsider=404, partner=404, viewer=403, officer=302, admin=302)


RULES: list[Rule] = [
    *crud("finance", "budget", "budget_shared", "budget_other"),
    *crud("finance", "budgetversion", "budgetversion_shared", "budgetversion_other"),
    *crud("finance", "budgetline", "budgetline_shared", "budgetline_other"),
    Rule("finance:budget_revise", ACT_SHARED, ("budget_shared",), method="post"),
    Rule("finance:budget_revise", ACT_HIDDEN, ("budget_other",), method="post"),
    Rule("finance:budgetversion_adopt", ACT_SHARED, ("budgetversion_shared",), method="post"),
    Rule("finance:budgetversion_adopt", ACT_HIDDEN, ("budgetversion_other",), method="post"),
    Rule("finance:budgetversion_compare", SHARED, ("budgetversion_shared",)),
    Rule("finance:budgetversion_compare", HIDDEN, ("budgetversion_other",)),
    # A line's funder splits: rows of the line, written by the staff who write.
    Rule("finance:split_add", WRITE_SHARED, ("budgetline_shared",)),
    Rule("finance:split_add", WRITE_HIDDEN, ("budgetline_other",)),
    Rule("finance:split_update", WRITE_HIDDEN, ("budgetline_other", "split")),
    Rule("finance:split_delete", ACT_HIDDEN, ("budgetline_other", "split"), method="post"),
    # The project's "Budget" tab: its partners read it.
    Rule("finance:project_budget", SHARED, ("project_shared",)),
    Rule("finance:project_budget", HIDDEN, ("project_other",)),
    *crud("finance", "exchangerate", None, "exchangerate"),
    *crud("finance", "contractualrate", None, "contractualrate"),
    Rule("finance:exchangerate_import", WRITE),
    # An upload in progress belongs to the officer who made it, and to no one else.
    Rule(
        "finance:exchangerate_import_mapping",
        expect(outsider=403, partner=403, viewer=403, admin=404, officer=200),
        ("exchangerate_import",),
        allowed=frozenset({200}),
    ),
    Rule(
        "finance:exchangerate_import_preview",
        expect(outsider=403, partner=403, viewer=403, admin=404, officer=302),
        ("exchangerate_import",),
        allowed=frozenset({200}),
    ),
]

# basename: (URL segment, shared record, hidden record)
API_RESOURCES: dict[str, tuple[str, str | None, str]] = {
    "budget": ("budgets", "budget_shared", "budget_other"),
    "budgetversion": ("budget-versions", "budgetversion_shared", "budgetversion_other"),
    "budgetline": ("budget-lines", "budgetline_shared", "budgetline_other"),
    "exchangerate": ("exchange-rates", None, "exchangerate"),
    "contractualrate": ("contractual-rates", None, "contractualrate"),
}


def extend_world(world: dict[str, Any]) -> dict[str, Any]:
    import datetime as dt

    from django.core.files.base import ContentFile

    from maillage.core.models_imports import ImportSession
    from maillage.finance.models import Budget
    from maillage.finance.services.budgets import BudgetVersionService
    from maillage.projects.models import Project
    from tests.finance.factories_budgets import (
        budget,
        contractual_rate,
        line,
        rate,
        split,
    )
    from tests.funding.factories_calls import GrantFactory

    def budget_of(key: str) -> Any:
        # The expenses' rows may have made the project's budget already.
        project = Project.objects.get(pk=world[key])
        return Budget.objects.filter(project=project).first() or budget(project)

    def draft(of: Any) -> Any:
        latest = of.versions.order_by("-number").first()
        return BudgetVersionService.revise(of, by=None) if latest.is_adopted else latest

    shared = budget_of("project_shared")
    other = budget_of("project_other")
    shared_line = line(draft(shared), code="S-1", label="Ateliers à Oujda")
    other_line = line(draft(other), code="O-1", label="Ligne réservée")
    # The second versions: a copy of the first's lines, compared with it.
    shared_version = BudgetVersionService.revise(shared, by=None)
    other_version = BudgetVersionService.revise(other, by=None)
    officer = world["users"]["officer"]
    session = ImportSession.objects.create(
        importer="exchange-rates", original_name="taux.csv", file_format="csv", created_by=officer
    )
    session.file.save("taux.csv", ContentFile(b"date;devise;taux\n02/03/2026;MAD;10,85\n"))
    return {
        "budget_shared": shared.pk,
        "budget_other": other.pk,
        "budgetversion_shared": shared_version.pk,
        "budgetversion_other": other_version.pk,
        "budgetline_shared": shared_line.pk,
        "budgetline_other": other_line.pk,
        "split": split(other_line, "100.00").pk,
        "exchangerate": rate("MAD", "10.85", dt.date(2026, 3, 2)).pk,
        "contractualrate": contractual_rate(GrantFactory(), "MAD", "10.7").pk,
        "exchangerate_import": session.pk,
    }
