"""Import of expenses from CSV, XLSX or ODS (core.imports: preview, per-row messages, all
or nothing): one row per expense, its project by code and its budget line by code within
that project's budget; amounts written the French way ("1 234,56") or the English way.
Every row passes `ExpenseService`'s rules, with the page's and the API's messages; the
rows come in as drafts, numbered one after the other."""

from __future__ import annotations

from typing import Any, ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core.imports import Field, Importer, RowContext, parsers, register
from maillage.core.reference import currency_choices
from maillage.core.text import normalize
from maillage.finance.models import BudgetLine, BudgetVersionStatus, Expense, PaymentMethod
from maillage.finance.services.expense_lookups import ExpenseLookups
from maillage.finance.services.expenses import ExpenseService
from maillage.projects.models import Project


def _key(text: Any) -> str:
    return normalize(str(text or "")).replace(" ", "")


@register
class ExpenseImporter(Importer):
    name = "expenses"
    model = Expense
    change_reason = gettext_lazy("Import of expenses from a file")
    fields: ClassVar[tuple[Field, ...]] = (
        Field(
            "project",
            gettext_lazy("project code"),
            parsers.text,
            required=True,
            aliases=("projet", "code projet", "project", "code du projet"),
        ),
        Field(
            "spent_on",
            gettext_lazy("date"),
            parsers.date,
            required=True,
            aliases=("date", "date de dépense", "date of expense", "date de la dépense"),
        ),
        Field(
            "budget_line",
            gettext_lazy("budget line code"),
            parsers.text,
            required=True,
            aliases=("ligne", "ligne budgétaire", "code ligne", "line", "budget line", "line code"),
        ),
        Field(
            "payee_name",
            gettext_lazy("payee"),
            parsers.text,
            aliases=("bénéficiaire", "fournisseur", "payee", "supplier", "tiers"),
        ),
        Field(
            "description",
            gettext_lazy("description"),
            parsers.multiline_text,
            required=True,
            aliases=("libellé", "objet", "description", "label"),
        ),
        Field(
            "amount",
            gettext_lazy("amount"),
            parsers.decimal,
            required=True,
            aliases=("montant", "amount"),
        ),
        Field(
            "currency",
            gettext_lazy("currency"),
            parsers.choice(currency_choices),
            aliases=("devise", "currency"),
            help_text=gettext_lazy("Empty: the budget line's currency."),
        ),
        Field(
            "payment_method",
            gettext_lazy("payment method"),
            parsers.choice(PaymentMethod),
            aliases=("mode de paiement", "paiement", "payment method", "payment"),
            help_text=gettext_lazy("Empty: bank transfer."),
        ),
    )

    def __init__(self, user: Any = None) -> None:
        super().__init__(user)
        # The service's rules, asking each question of the database once for all the
        # rows of the preview (then once per batch written: `create_many`).
        self.lookups = ExpenseLookups()
        self._service = ExpenseService.reading_once(self.lookups)

    @property
    def service(self) -> type[ExpenseService]:
        return self._service

    def prepare(self) -> None:
        """The projects the importing user sees, by code, and the lines of each one's
        budget by code: those of its newest adopted version (else its newest)."""
        self.lookups.clear()  # a new preview reads the database again
        projects = Project.objects.visible_to(self.user)
        self.projects = {_key(p.code): p for p in projects}
        self.lines: dict[tuple[int, str], BudgetLine] = {}
        lines = (
            BudgetLine.objects.visible_to(self.user)
            .filter(budget_version__budget__project__in=projects)
            .select_related("budget_version__budget")
            .order_by("budget_version__number", "pk")
        )
        ranked: dict[tuple[int, str], tuple[tuple[bool, int], BudgetLine]] = {}
        for line in lines:
            key = (line.budget_version.budget.project_id, _key(line.code))
            rank = (
                line.budget_version.status == BudgetVersionStatus.ADOPTED,
                line.budget_version.number,
            )
            if key not in ranked or rank >= ranked[key][0]:
                ranked[key] = (rank, line)
        self.lines = {key: line for key, (_rank, line) in ranked.items()}

    def clean_row(self, row: RowContext) -> None:
        values = row.values
        code = values.get("project")
        project = self.projects.get(_key(code)) if code else None
        if code and project is None:
            row.error(
                _("No project with the code “%(code)s” that you may enter expenses on.")
                % {"code": code},
                field="project",
            )
            values.pop("project", None)
            values.pop("budget_line", None)
            row.refused.add("budget_line")  # its line cannot be looked for: said once
            return
        if project is not None:
            values["project"] = project
        line_code = values.get("budget_line")
        if line_code and project is not None:
            line = self.lines.get((project.pk, _key(line_code)))
            if line is None:
                row.error(
                    _("The budget of %(project)s has no line with the code “%(code)s”.")
                    % {"project": project.code, "code": line_code},
                    field="budget_line",
                )
                values.pop("budget_line", None)
                return
            values["budget_line"] = line
            if not values.get("currency") and not row.failed("currency"):
                values["currency"] = line.currency
        elif line_code:
            values.pop("budget_line", None)
