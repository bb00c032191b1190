"""Forms of expenses, their receipts, their funder splits and their status moves (parsing
only: `ExpenseService` decides)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.actors.forms import organisation_picker
from maillage.core.forms import DateInput
from maillage.core.typeahead import TypeaheadFormMixin, TypeaheadSelect
from maillage.core.uploads import SafeFileField
from maillage.finance.models import BudgetLine, Expense, ExpenseCharge, ExpenseStatus, Receipt
from maillage.finance.services.expenses import RECEIPT_KINDS, max_receipt_bytes
from maillage.funding.models import Donor, Grant
from maillage.projects.models import Project


class ReceiptField(SafeFileField):
    """A receipt: a PDF or an image, by content, within the size limit."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(allowed=RECEIPT_KINDS, max_bytes=max_receipt_bytes(), **kwargs)


class BudgetLineChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        project = obj.budget_version.budget.project
        return f"{project.code} · {obj.code} {obj.label}"


class ExpenseForm(TypeaheadFormMixin, forms.ModelForm):
    budget_line = BudgetLineChoiceField(label=_("Budget line"), queryset=BudgetLine.objects.none())
    receipt = ReceiptField(label=_("Receipt"), required=False)
    # The "Save and submit" button: submitted with this write (a receipt is then needed).
    submit = forms.BooleanField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Expense
        fields = [
            "project",
            "spent_on",
            "budget_line",
            "payee",
            "payee_name",
            "description",
            "amount",
            "currency",
            "payment_method",
        ]
        widgets = {
            "project": TypeaheadSelect("projects:project_choices"),
            "spent_on": DateInput(),
            "payee": organisation_picker(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A partner enters expenses only on its projects, on their budgets' lines.
        self.fields["project"].queryset = Project.objects.visible_to(user)
        lines = BudgetLine.objects.visible_to(user).select_related(
            "budget_version__budget__project"
        )
        project = self._project_id()
        if project is not None:
            # Only the lines of the expense's project: a network counts thousands of lines.
            lines = lines.filter(budget_version__budget__project_id=project)
        self.fields["budget_line"].queryset = lines.order_by(
            "budget_version__budget__project__code", "code", "pk"
        )
        if self.instance.pk is not None:
            # The receipts of a saved expense are added on its page, one by one.
            del self.fields["receipt"]

    def _project_id(self) -> int | None:
        """The project the form is about: sent, asked for (`?project=`) or stored."""
        raw = self.data.get("project") if self.is_bound else self.initial.get("project")
        if raw in (None, "") and self.instance.pk is not None:
            raw = self.instance.project_id
        try:
            value = int(raw)  # type: ignore[arg-type]  # checked: a bad value is no project
        except (TypeError, ValueError, OverflowError):
            return None
        return value if 0 < value < 2**63 else None


class ReceiptForm(forms.ModelForm):
    file = ReceiptField(label=_("File"))

    class Meta:
        model = Receipt
        fields = ["file"]


class ExpenseMoveForm(forms.Form):
    """A status move: submit, validate, or return with a comment."""

    status = forms.ChoiceField(label=_("Status"), choices=ExpenseStatus.choices)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=Expense._meta.get_field("return_comment").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to return the expense: say what to correct."),
    )


class ChargeRowForm(forms.ModelForm):
    """A funder's share, among the splits edited at once (they add up to the amount)."""

    class Meta:
        model = ExpenseCharge
        fields = ["donor", "grant", "amount"]

    def __init__(self, *args: Any, expense: Expense | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["donor"].queryset = Donor.objects.select_related("organisation")
        grants = Grant.objects.none()
        if expense is not None:
            grants = Grant.objects.filter(application__project_id=expense.project_id)
        self.fields["grant"].queryset = grants.select_related(
            "application__project", "application__call"
        )
        self.fields["amount"].required = False


ChargeFormSet = forms.modelformset_factory(
    ExpenseCharge, form=ChargeRowForm, extra=2, can_delete=True, max_num=20, validate_max=True
)
